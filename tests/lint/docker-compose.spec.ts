import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/** Dockerfile stages: parent (FROM) and the ENV they set, with line continuations joined. */
function stages(text: string): Map<string, { from: string; env: Record<string, string> }> {
  const out = new Map<string, { from: string; env: Record<string, string> }>();
  let current: { from: string; env: Record<string, string> } | undefined;
  for (const line of text.replace(/\\\r?\n\s*/g, ' ').split('\n')) {
    const from = /^FROM\s+(\S+)\s+AS\s+(\S+)/i.exec(line);
    if (from) {
      current = { from: from[1], env: {} };
      out.set(from[2], current);
      continue;
    }
    const env = /^ENV\s+(.*)$/i.exec(line);
    if (env && current) for (const m of env[1].matchAll(/(\w+)=("[^"]*"|\S+)/g)) current.env[m[1]] = m[2].replace(/^"|"$/g, '');
  }
  return out;
}

/** Environment a container of this target starts with (ENV inherited through FROM <stage>). */
function imageEnv(target: string): Record<string, string> {
  const all = stages(dockerfile);
  const chain: Record<string, string>[] = [];
  for (let s = all.get(target); s; s = all.get(s.from)) chain.unshift(s.env);
  return Object.assign({}, ...chain);
}

const ARG_DEFAULTS = Object.fromEntries([...dockerfile.matchAll(/^ARG\s+(\w+)=(\S+)/gim)].map((m) => [m[1], m[2]]));
const composeEnv = (name: string, dataDir: string) => ({
  // Values as docker compose hands them over: `${NAME:-default}` interpolated from the shell's environment.
  ...Object.fromEntries(
    Object.entries(compose.services[name].environment ?? {}).map(([k, v]) => [
      k,
      String(v).replace(/\$\{(\w+)(?::?-([^}]*))?\}/g, (_, n: string, d?: string) => process.env[n] || d || ''),
    ]),
  ),
  // The container's DATA_DIR is a volume; here a temporary directory stands in for it.
  DATA_DIR: dataDir,
});

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
    const dir = mkdtempSync(join(tmpdir(), 'rl-compose-'));
    for (const name of ['api', 'worker', 'migrate']) {
      expect(() => loadConfig(composeEnv(name, dir))).not.toThrow();
    }
  });

  it('asks for development mode explicitly (demo logins) and keeps no signing key in the file', () => {
    for (const name of ['api', 'worker', 'migrate']) {
      const env = compose.services[name].environment;
      expect([name, env.NODE_ENV, env.AUTH_MODE, env.JWT_SECRET]).toEqual([name, 'development', 'dev', undefined]);
      // The generated key lives in DATA_DIR on a named volume, so restarts keep sessions.
      const volume = (compose.services[name].volumes as string[]).find((v) => v.endsWith(`:${env.DATA_DIR}`));
      expect([name, volume && Object.keys(compose.volumes).includes(volume.split(':')[0])]).toEqual([name, true]);
    }
  });

  it('lets the api trust the nginx proxy, which states the client address instead of appending to it', () => {
    expect(compose.services.api.environment.TRUST_PROXY).toBe('uniquelocal');
    const nginx = readFileSync(join(ROOT, 'docker', 'nginx.conf'), 'utf8');
    expect(nginx).toMatch(/proxy_set_header X-Forwarded-For \$remote_addr;/);
    expect(nginx).not.toMatch(/\$proxy_add_x_forwarded_for/);
  });

  it('gives every api/worker container of one stack the same generated development key', async () => {
    const { loadConfig } = await import('@rl/config');
    const dir = mkdtempSync(join(tmpdir(), 'rl-compose-'));
    const keys = ['api', 'worker', 'api'].map((n) => loadConfig(composeEnv(n, dir)).jwtSecret);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).not.toBe(loadConfig(composeEnv('api', mkdtempSync(join(tmpdir(), 'rl-compose-')))).jwtSecret);
  });
});

describe('Dockerfile', () => {
  it('runs api and worker in production mode unless told otherwise', () => {
    for (const target of ['api', 'worker']) expect([target, imageEnv(target).NODE_ENV]).toEqual([target, 'production']);
    // …but installs the dev dependencies it runs with (npm ci before NODE_ENV is set).
    expect(imageEnv('deps').NODE_ENV).toBeUndefined();
  });

  it('refuses to start the image without configuration: no dev login, no generated key in production', async () => {
    const { loadConfig } = await import('@rl/config');
    const env = { ...imageEnv('api'), DATABASE_URL: 'postgres://db/x', REDIS_URL: 'redis://redis:6379' };
    expect(() => loadConfig(env)).toThrow(/AUTH_MODE: dev login is not allowed in production[\s\S]*JWT_SECRET: required in production/);
  });

  it('is based on a current Node LTS image', () => {
    const image = ARG_DEFAULTS.NODE_IMAGE;
    const major = Number(/^node:(\d+)/.exec(image)?.[1]);
    // Even majors become LTS; 20 reached end of life in April 2026, 22 is in maintenance, 24 and 26 are supported.
    expect(major).toBeGreaterThanOrEqual(24);
    expect(major % 2).toBe(0);
    expect(dockerfile).toMatch(/^FROM \$\{NODE_IMAGE\} AS base$/m);
  });
});
