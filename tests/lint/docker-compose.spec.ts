import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * No Docker engine runs here, so the compose file is checked by reading it: valid YAML, every
 * service the stack needs, build targets that exist in the Dockerfile, and the same commands
 * `npm start` runs.
 */
const ROOT = join(__dirname, '..', '..');
// Compose resolves YAML merge keys (<<: *anchor); so must we.
const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true });
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const targets = [...dockerfile.matchAll(/^FROM\s+\S+\s+AS\s+(\S+)/gim)].map((m) => m[1]);

describe('docker-compose.yml', () => {
  it('defines postgres, redis, a mail catcher, migrate, api, worker and web', () => {
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['postgres', 'redis', 'mailpit', 'migrate', 'api', 'worker', 'web']));
  });

  it('builds only Dockerfile targets that exist', () => {
    for (const [name, svc] of Object.entries<any>(compose.services)) {
      if (svc.build) expect([name, targets]).toEqual([name, expect.arrayContaining([svc.build.target])]);
    }
  });

  it('runs Redis with noeviction and AOF every second (BullMQ production settings)', () => {
    const cmd = compose.services.redis.command.join(' ');
    expect(cmd).toContain('--maxmemory-policy noeviction');
    expect(cmd).toContain('--appendonly yes');
    expect(cmd).toContain('--appendfsync everysec');
  });

  it('migrates and seeds before api and worker start, with the same entry points as npm start', () => {
    expect(compose.services.migrate.command.join(' ')).toMatch(/scripts\/db\.ts migrate .*scripts\/db\.ts seed/);
    expect(compose.services.api.depends_on.migrate.condition).toBe('service_completed_successfully');
    expect(compose.services.worker.depends_on.migrate.condition).toBe('service_completed_successfully');
    expect(compose.services.api.command).toEqual(['node', '-r', '@swc-node/register', 'apps/api/src/main.ts']);
    expect(compose.services.worker.command).toEqual(['node', '-r', '@swc-node/register', 'apps/worker/src/main.ts']);
  });

  it('gives api and worker a configuration the config validator accepts', async () => {
    const { loadConfig } = await import('@rl/config');
    for (const name of ['api', 'worker', 'migrate']) {
      const env = Object.fromEntries(Object.entries(compose.services[name].environment ?? {}).map(([k, v]) => [k, String(v)]));
      expect(() => loadConfig(env)).not.toThrow();
    }
  });
});
