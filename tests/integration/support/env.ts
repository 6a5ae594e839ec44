import type { ChildProcess } from 'node:child_process';
import { type AppConfig, loadConfig } from '@rl/config';
import { spawnTs as spawnTsChild } from '../../../scripts/lib/harness';

// One harness for the scripts and the tests: ports, TypeScript children, SMTP sink.
export { ROOT, freePort } from '../../../scripts/lib/harness';

/**
 * Config for integration tests. scripts/run.js provisions a throw-away database and a Redis
 * database index for the run and passes them in DATABASE_URL / REDIS_URL.
 */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  if (!process.env.DATABASE_URL || !process.env.REDIS_URL) {
    throw new Error('Integration tests need DATABASE_URL and REDIS_URL: run them with `npm test` or `npm run test:integration`.');
  }
  return loadConfig({ ...process.env, LOG_LEVEL: 'silent', NODE_ENV: 'test', ...overrides });
}

/** Starts a TypeScript entry point the way `npm start` does (SWC register), collecting its output. */
export function spawnTs(entry: string, env: Record<string, string | undefined>): ChildProcess & { output: () => string } {
  const child = spawnTsChild(entry, { env });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  return Object.assign(child, { output: () => out });
}

export function waitForExit(child: ChildProcess, timeoutMs: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    const t = setTimeout(() => reject(new Error(`process did not exit within ${timeoutMs} ms`)), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(t);
      resolve(code);
    });
  });
}

export async function waitUntil<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/** Response JSON, loosely typed: tests assert on its shape. */
export async function readJson(res: Response): Promise<any> {
  return res.json();
}
