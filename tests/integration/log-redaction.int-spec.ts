import { Writable } from 'node:stream';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DataSource } from 'typeorm';
import { createRootLogger } from '@rl/server-infra';
import { startApp, stopApp } from './support/app';
import { testConfig } from './support/env';

/**
 * Issue 12 point 6: the API runs with request logging on (LOG_LEVEL=info, the production
 * logger); requests carry an admin JWT in every place a client may put one, and the captured log
 * must not contain it anywhere — while the requests themselves are logged.
 */
describe('tokens never reach the log', () => {
  let app: NestExpressApplication;
  let ds: DataSource;
  let root: string;
  const lines: string[] = [];

  beforeAll(async () => {
    const config = testConfig({ LOG_LEVEL: 'info' });
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    ({ app, ds, base: root } = await startApp(config, { logger: createRootLogger('info', 'api', sink) }));
  }, 60_000);

  afterAll(() => stopApp(app, ds));

  it('redacts the token in ?token=, Authorization, Cookie, Set-Cookie and any URL', async () => {
    const login = await fetch(`${root}/api/v1/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin' }) });
    const { accessToken: token } = (await login.json()) as { accessToken: string };
    expect(token).toMatch(/^eyJ/);
    const signature = token.split('.')[2];

    const bull = await fetch(`${root}/admin/queues?token=${token}`, { redirect: 'manual' });
    expect(bull.status).toBe(303); // the dashboard moved the token into a cookie (Set-Cookie is logged)
    const requests: [string, RequestInit][] = [
      [`${root}/admin/queues?token=${token}&x=1`, { redirect: 'manual' }],
      [`${root}/admin/queues`, { headers: { cookie: `rl_admin_token=${token}` } }],
      [`${root}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}`, 'x-request-id': 'trace-4711.a:b' } }],
      [`${root}/api/v1/auth/me?access_token=${token}`, {}],
      [`${root}/api/v1/no-such-route/${token}`, { headers: { 'x-api-key': token, 'x-forwarded-access-token': token } }],
      [`${root}/api/v1/cases?id_token=${encodeURIComponent(token)}`, { headers: { authorization: `Bearer ${token}` } }],
    ];
    for (const [url, init] of requests) await (await fetch(url, init)).arrayBuffer();
    // pino writes asynchronously: wait until every request above has its completion line.
    const deadline = Date.now() + 5000;
    const completed = () => lines.filter((l) => l.includes('"msg":"request completed"') || l.includes('"msg":"request errored"'));
    while (completed().length < requests.length + 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));

    expect(completed().length).toBeGreaterThanOrEqual(requests.length + 2);
    const log = lines.join('\n');
    expect(log).toContain('/admin/queues?token=[redacted]');
    expect(log).toContain('"authorization":"[redacted]"');
    // The client's (safe) request id is what the log line carries.
    expect(lines.some((l) => l.includes('"id":"trace-4711.a:b"') && l.includes('"url":"/api/v1/auth/me"'))).toBe(true);
    expect(log).not.toContain(token);
    expect(log).not.toContain(signature);
  });
});
