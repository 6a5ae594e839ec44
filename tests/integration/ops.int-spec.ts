import { QUEUE_NAMES } from '@rl/queues';
import { createCase, SIMPLE_FACTS, TestApi } from './support/http';

/** Operations endpoints: GET /metrics (Prometheus) and the Bull Board dashboard at /admin/queues (admins only). */
describe('ops: /metrics and /admin/queues (real PostgreSQL + Redis)', () => {
  const api = TestApi.forSuite();
  let root: string;
  let admin: string;
  let coordinator: string;

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${root}${path}`, { headers, redirect: 'manual' });

  /** Value of one sample line, e.g. `rodlober_queue_jobs{queue="deadlines",state="waiting"}`. */
  function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
    for (const line of text.split('\n')) {
      if (line.startsWith('#')) continue;
      const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$/.exec(line);
      if (!m || m[1] !== name) continue;
      const got = Object.fromEntries([...(m[3] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
      if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(m[4]);
    }
    return undefined;
  }

  beforeAll(async () => {
    root = api.base.replace(/\/api\/v1$/, '');
    admin = await api.token('admin');
    coordinator = await api.token('coordinator');
    // A case with permits, and one fired deadline alert, so the PostgreSQL gauges have rows.
    const c = await createCase(api, 'anna@nordlys.example', SIMPLE_FACTS, 'Ops metrics case');
    const [permit] = await api.ds.query(`SELECT id FROM permits WHERE case_id = $1 LIMIT 1`, [c.id]);
    await api.ds.query(
      `INSERT INTO deadline_alerts (permit_id, case_id, clock, threshold, due_at, fired_at) VALUES ($1, $2, 'target', 'warning', now(), now())
       ON CONFLICT DO NOTHING`,
      [permit.id, c.id],
    );
  }, 60_000);

  describe('GET /metrics', () => {
    it('is public Prometheus text with default, queue, permit, outbox, deadline and HTTP metrics', async () => {
      await api.get('/auth/me', 'coordinator'); // at least one counted API request with a route pattern
      const res = await get('/metrics');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await res.text();

      expect(text).toContain('# TYPE rodlober_process_cpu_user_seconds_total counter');
      expect(text).toContain('# TYPE rodlober_nodejs_heap_size_used_bytes gauge');
      for (const queue of QUEUE_NAMES) {
        for (const state of ['waiting', 'active', 'delayed', 'failed', 'completed']) {
          expect(sample(text, 'rodlober_queue_jobs', { queue, state })).toEqual(expect.any(Number));
        }
      }
      expect(text).toContain('# TYPE rodlober_permits gauge');
      const [{ n }] = await api.ds.query(`SELECT count(*)::int AS n FROM permits`);
      const permitSeries = text.split('\n').filter((l) => l.startsWith('rodlober_permits{'));
      expect(permitSeries.length).toBeGreaterThan(0);
      expect(permitSeries.every((l) => /state_group="[a-zA-Z]+"/.test(l) && /risk="\w+"/.test(l))).toBe(true);
      expect(permitSeries.reduce((s, l) => s + Number(l.split(' ').pop()), 0)).toBe(n);

      const [{ unsent }] = await api.ds.query(`SELECT count(*)::int AS unsent FROM outbox WHERE sent_at IS NULL`);
      expect(sample(text, 'rodlober_outbox_unsent')).toBe(unsent);
      expect(sample(text, 'rodlober_deadline_alerts_total', { threshold: 'warning' })).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'rodlober_deadline_alerts_total', { threshold: 'breach' })).toEqual(expect.any(Number));

      expect(sample(text, 'rodlober_http_requests_total', { method: 'GET', route: '/api/v1/auth/me', status: '200' })).toBeGreaterThanOrEqual(1);
      expect(text).toContain('# TYPE rodlober_http_request_duration_seconds histogram');
    });

    it('labels HTTP metrics with the route pattern, not the raw URL', async () => {
      const id = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
      expect((await api.get(`/cases/${id}`, 'coordinator')).status).toBe(404);
      expect((await api.get(`/no-such-route-${id}`, 'coordinator')).status).toBe(404);
      expect((await get(`/outside-${id}`)).status).toBe(404);
      const text = await (await get('/metrics')).text();
      expect(sample(text, 'rodlober_http_requests_total', { method: 'GET', route: '/api/v1/cases/:id', status: '404' })).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'rodlober_http_requests_total', { method: 'GET', route: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(1);
      expect(text).not.toContain(id);
    });

    it('lives outside the api/v1 prefix', async () => {
      expect((await api.get('/metrics')).status).toBe(404);
    });
  });

  describe('/admin/queues (Bull Board)', () => {
    it('answers 401 problem+json without a token and with an invalid one', async () => {
      const none = await get('/admin/queues');
      expect(none.status).toBe(401);
      expect(none.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(none.headers.get('www-authenticate')).toContain('Bearer');
      expect(await none.json()).toMatchObject({ status: 401, code: 'AUTH.UNAUTHENTICATED' });

      const bad = await get('/admin/queues', { authorization: 'Bearer not.a.jwt' });
      expect(bad.status).toBe(401);
      expect(await bad.json()).toMatchObject({ code: 'AUTH.INVALID_TOKEN' });

      const badCookie = await get('/admin/queues', { cookie: 'rl_admin_token=not.a.jwt' });
      expect(badCookie.status).toBe(401);
      expect(badCookie.headers.getSetCookie().join('\n')).toMatch(/rl_admin_token=;.*Max-Age=0/);

      const api401 = await get('/admin/queues/api/queues');
      expect(api401.status).toBe(401);
    });

    it('answers 403 AUTH.FORBIDDEN for a non-admin (coordinator), also via ?token=', async () => {
      const res = await get('/admin/queues', { authorization: `Bearer ${coordinator}` });
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toMatchObject({ status: 403, code: 'AUTH.FORBIDDEN' });

      const viaQuery = await get(`/admin/queues?token=${coordinator}`);
      expect(viaQuery.status).toBe(403);
      expect(viaQuery.headers.getSetCookie()).toEqual([]);
      expect((await get('/admin/queues/api/queues', { authorization: `Bearer ${coordinator}` })).status).toBe(403);
    });

    it('serves the dashboard HTML to an admin bearer token, with a CSP relaxed only there', async () => {
      const res = await get('/admin/queues', { authorization: `Bearer ${admin}` });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await res.text();
      expect(html).toContain('<base href="/admin/queues/"');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self' 'unsafe-inline'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');

      // Static assets are behind the same check and load for the admin.
      const asset = /src="(static\/js\/[^"]+\.js)"/.exec(html)?.[1];
      expect(asset).toBeDefined();
      expect((await get(`/admin/queues/${asset}`, { authorization: `Bearer ${admin}` })).status).toBe(200);
      expect((await get(`/admin/queues/${asset}`)).status).toBe(401);

      // The API keeps its strict CSP.
      const other = await fetch(`${api.base}/auth/me`, { headers: { authorization: `Bearer ${admin}` } });
      expect(other.headers.get('content-security-policy')).toContain("script-src 'self';");
    });

    it('?token= moves the token into an HttpOnly cookie and redirects; the cookie then opens the board', async () => {
      const res = await get(`/admin/queues?token=${admin}`);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/admin/queues');
      const [cookie] = res.headers.getSetCookie();
      expect(cookie).toMatch(/^rl_admin_token=[^;]+;/);
      expect(cookie).toContain('HttpOnly');
      expect(cookie).toContain('SameSite=Strict');
      expect(cookie).toContain('Path=/admin/queues');
      expect(cookie).toMatch(/Max-Age=\d+/);

      const pair = cookie.split(';')[0];
      const page = await get('/admin/queues', { cookie: `other=1; ${pair}` });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const list = await get('/admin/queues/api/queues', { cookie: pair });
      expect(list.status).toBe(200);
    });

    it('lists every queue in the Bull Board API for an admin', async () => {
      const res = await get('/admin/queues/api/queues', { authorization: `Bearer ${admin}` });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { queues: { name: string }[] };
      expect(body.queues.map((q) => q.name).sort()).toEqual([...QUEUE_NAMES].sort());
    });
  });
});
