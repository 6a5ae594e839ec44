import { spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort, readJson, spawnTs, testConfig, waitForExit, waitUntil } from './support/env';

/** The real entry points, started as processes the way `npm start` starts them. */
describe('api and worker processes', () => {
  const config = testConfig();
  const env = { DATABASE_URL: config.DATABASE_URL, REDIS_URL: config.REDIS_URL, LOG_LEVEL: 'info', NODE_ENV: 'test' };

  it('fails fast with a readable message on invalid configuration', async () => {
    const child = spawnTs('apps/api/src/main.ts', { ...env, DATABASE_URL: 'mysql://nope', PORT: 'not-a-port' });
    expect(await waitForExit(child, 30_000)).toBe(1);
    expect(child.output()).toContain('Invalid configuration');
    expect(child.output()).toContain('DATABASE_URL');
    expect(child.output()).toContain('PORT');
  }, 40_000);

  it('serves health, logs JSON lines and shuts down gracefully on SIGTERM', async () => {
    const port = await freePort();
    const child = spawnTs('apps/api/src/main.ts', { ...env, PORT: String(port) });
    try {
      const body = await waitUntil(async () => {
        const r = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
        return r.ok ? readJson(r) : undefined;
      }, 40_000, 'api health');
      expect(body.info).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });
      const lines = child.output().split('\n').filter((l) => l.startsWith('{'));
      expect(lines.length).toBeGreaterThan(0);
      for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
    } finally {
      child.kill('SIGTERM');
    }
    expect(await waitForExit(child, 15_000)).toBe(0);
  }, 60_000);

  it('runs the worker: the heartbeat job scheduler fires and SIGTERM stops it cleanly', async () => {
    const redis = new Redis(config.REDIS_URL);
    await redis.del('rl-worker-heartbeat');
    const child = spawnTs('apps/worker/src/main.ts', env);
    try {
      const beat = await waitUntil(async () => (await redis.get('rl-worker-heartbeat')) ?? undefined, 40_000, 'worker heartbeat');
      expect(JSON.parse(beat).pid).toBe(child.pid);
    } finally {
      child.kill('SIGTERM');
      await redis.quit();
    }
    expect(await waitForExit(child, 15_000)).toBe(0);
  }, 60_000);

  it('refuses to start when Redis evicts keys (maxmemory-policy is not noeviction)', async () => {
    const port = await freePort();
    const redisServer = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'allkeys-lru'], { stdio: 'ignore' });
    try {
      await waitUntil(async () => {
        const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
        try {
          await probe.connect();
          return await probe.ping();
        } catch {
          return undefined;
        } finally {
          probe.disconnect();
        }
      }, 10_000, 'redis');
      const child = spawnTs('apps/worker/src/main.ts', { ...env, REDIS_URL: `redis://127.0.0.1:${port}` });
      expect(await waitForExit(child, 30_000)).toBe(1);
      expect(child.output()).toContain("maxmemory-policy is 'allkeys-lru'");
      expect(child.output()).toContain('noeviction');
    } finally {
      redisServer.kill('SIGKILL');
    }
  }, 60_000);
});
