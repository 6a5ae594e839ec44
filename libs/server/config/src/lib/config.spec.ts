import { ConfigError, loadConfig } from './config';

const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x', REDIS_URL: 'redis://127.0.0.1:6379/0' };

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
  });

  it('parses booleans and treats empty strings as unset', () => {
    const c = loadConfig({ ...base, ENABLE_TEST_CLOCK: '1', SMTP_HOST: '' });
    expect(c.ENABLE_TEST_CLOCK).toBe(true);
    expect(c.SMTP_HOST).toBe('127.0.0.1');
  });

  it('rejects a short JWT secret', () => {
    expect(() => loadConfig({ ...base, JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
  });
});
