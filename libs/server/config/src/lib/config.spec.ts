import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, JWT_SECRET_FILE, loadConfig } from './config';

const dataDir = () => mkdtempSync(join(tmpdir(), 'rl-config-'));
const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x', REDIS_URL: 'redis://127.0.0.1:6379/0', DATA_DIR: dataDir() };
const production = {
  ...base,
  NODE_ENV: 'production',
  AUTH_MODE: 'oidc',
  OIDC_ISSUER: 'https://idp.example',
  OIDC_AUDIENCE: 'rl',
  JWT_SECRET: 'a-production-secret-of-at-least-32-characters',
  METRICS_TOKEN: 'a-metrics-token-of-at-least-32-characters!',
};

describe('loadConfig', () => {
  it('applies defaults for a minimal development environment', () => {
    const c = loadConfig(base);
    expect(c.AUTH_MODE).toBe('dev');
    expect(c.PORT).toBe(3000);
    expect(c.REDIS_REQUIRE_NOEVICTION).toBe(true);
    expect(c.jwtSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('lists every problem in one readable error', () => {
    let error: unknown;
    try {
      loadConfig({ DATABASE_URL: 'mysql://x', PORT: 'abc' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const msg = (error as ConfigError).message;
    expect(msg).toContain('DATABASE_URL');
    expect(msg).toContain('REDIS_URL');
    expect(msg).toContain('PORT');
  });

  it('requires issuer and audience in oidc mode', () => {
    expect(() => loadConfig({ ...base, AUTH_MODE: 'oidc' })).toThrow(/OIDC_ISSUER[\s\S]*OIDC_AUDIENCE/);
    expect(loadConfig({ ...base, AUTH_MODE: 'oidc', OIDC_ISSUER: 'https://idp.example', OIDC_AUDIENCE: 'rl' }).AUTH_MODE).toBe('oidc');
  });

  it('refuses dev login and the test clock in production', () => {
    expect(() => loadConfig({ ...base, NODE_ENV: 'production', ENABLE_TEST_CLOCK: '1' })).toThrow(/AUTH_MODE[\s\S]*ENABLE_TEST_CLOCK/);
    expect(() => loadConfig({ ...production, AUTH_MODE: 'dev' })).toThrow(/AUTH_MODE: dev login is not allowed in production/);
  });

  it('parses booleans and treats empty strings as unset', () => {
    const c = loadConfig({ ...base, ENABLE_TEST_CLOCK: '1', SMTP_HOST: '' });
    expect(c.ENABLE_TEST_CLOCK).toBe(true);
    expect(c.SMTP_HOST).toBe('127.0.0.1');
  });

  it('generates a random development signing key per data directory and keeps it there', () => {
    const dir = dataDir();
    const first = loadConfig({ ...base, DATA_DIR: dir }).jwtSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(first).not.toBe('rod-lober-development-signing-key-not-for-production');
    expect(readFileSync(join(dir, JWT_SECRET_FILE), 'utf8')).toBe(first);
    expect(statSync(join(dir, JWT_SECRET_FILE)).mode & 0o077).toBe(0);
    // A restart keeps it (sessions survive); another installation gets its own.
    expect(loadConfig({ ...base, DATA_DIR: dir }).jwtSecret).toBe(first);
    expect(loadConfig({ ...base, DATA_DIR: dataDir() }).jwtSecret).not.toBe(first);
    // JWT_SECRET wins.
    expect(loadConfig({ ...base, DATA_DIR: dir, JWT_SECRET: 'x'.repeat(40) }).jwtSecret).toBe('x'.repeat(40));
  });

  it('says what to do when no key can be kept', () => {
    // A data directory below a regular file cannot be created.
    const file = join(dataDir(), 'a-file');
    writeFileSync(file, '');
    expect(() => loadConfig({ ...base, DATA_DIR: join(file, 'state') })).toThrow(/JWT_SECRET: unset[\s\S]*set JWT_SECRET or a writable DATA_DIR/);
  });

  it('requires JWT_SECRET in production and never generates one there', () => {
    const { JWT_SECRET: _unset, ...noSecret } = production;
    expect(() => loadConfig(noSecret)).toThrow(/JWT_SECRET: required in production/);
    expect(loadConfig(production).jwtSecret).toBe(production.JWT_SECRET);
  });

  it('refuses a public /metrics in production: METRICS_TOKEN or METRICS_PORT', () => {
    const { METRICS_TOKEN: _unset, ...open } = production;
    expect(() => loadConfig(open)).toThrow(/METRICS_TOKEN: GET \/metrics must not be public in production/);
    expect(loadConfig({ ...open, METRICS_PORT: '9464' }).METRICS_PORT).toBe(9464);
    expect(() => loadConfig({ ...production, METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
  });

  it('serves the OpenAPI documents by default except in production (API_DOCS overrides)', () => {
    expect(loadConfig(base).apiDocs).toBe(true);
    expect(loadConfig(production).apiDocs).toBe(false);
    expect(loadConfig({ ...production, API_DOCS: '1' }).apiDocs).toBe(true);
    expect(loadConfig({ ...base, API_DOCS: '0' }).apiDocs).toBe(false);
  });

  it('parses TRUST_PROXY into an Express "trust proxy" value', () => {
    expect(loadConfig(base).TRUST_PROXY).toEqual(['loopback']);
    expect(loadConfig({ ...base, TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ ...base, TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ ...base, TRUST_PROXY: 'loopback, 10.0.0.0/8' }).TRUST_PROXY).toEqual(['loopback', '10.0.0.0/8']);
  });

  it('rate limiting is on by default, with a request deadline of 60 s', () => {
    const c = loadConfig(base);
    expect([c.RATE_LIMIT_ENABLED, c.RATE_LIMIT_PER_MINUTE, c.REQUEST_TIMEOUT_MS]).toEqual([true, 600, 60_000]);
    expect(loadConfig({ ...base, RATE_LIMIT_ENABLED: '0' }).RATE_LIMIT_ENABLED).toBe(false);
  });

  it('rejects a short JWT secret', () => {
    expect(() => loadConfig({ ...base, JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
  });
});
