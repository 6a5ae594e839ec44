import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { startApp, stopApp } from './support/app';
import { testConfig } from './support/env';

/** Test responses are asserted on freely; fetch types json() as unknown. */
type JsonResponse = Omit<Response, 'json'> & { json(): Promise<any> };

/** In-app notifications: own only, newest first, unread filter, mark read (real PostgreSQL + Redis). */
describe('notifications (real PostgreSQL + Redis)', () => {
  let app: INestApplication;
  let base: string;
  let ds: DataSource;
  const tokens: Record<string, string> = {};
  let annaIds: string[] = [];
  let boId: string;

  async function login(username: string): Promise<string> {
    const res = await fetch(`${base}/api/v1/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username }) });
    expect(res.status).toBe(200);
    return ((await res.json()) as { accessToken: string }).accessToken;
  }

  const call = (user: string, path: string, method = 'GET'): Promise<JsonResponse> =>
    fetch(`${base}/api/v1${path}`, { method, headers: { authorization: `Bearer ${tokens[user]}` } });

  async function insert(username: string, title: string, createdAt: string): Promise<string> {
    const [{ id }] = await ds.query(
      `INSERT INTO notifications (user_id, kind, title, body, dedupe_key, created_at)
       VALUES ((SELECT id FROM users WHERE username = $1), 'test.info', $2, 'Brødtekst', $3, $4) RETURNING id`,
      [username, title, `test:${randomUUID()}`, createdAt],
    );
    return id;
  }

  beforeAll(async () => {
    const config = testConfig({ RATE_LIMIT_PER_MINUTE: '10000' });
    ({ app, ds, base } = await startApp(config));
    // Own rows only, so the test also works on a database other tests wrote to.
    await ds.query(`DELETE FROM notifications WHERE user_id IN (SELECT id FROM users WHERE username IN ('anna@nordlys.example', 'bo@bolge.example'))`);
    annaIds = [
      await insert('anna@nordlys.example', 'Første', '2026-01-05T08:00:00Z'),
      await insert('anna@nordlys.example', 'Anden', '2026-01-06T08:00:00Z'),
      await insert('anna@nordlys.example', 'Tredje', '2026-01-07T08:00:00Z'),
    ];
    boId = await insert('bo@bolge.example', 'Bos', '2026-01-08T08:00:00Z');
    for (const u of ['anna@nordlys.example', 'bo@bolge.example']) tokens[u] = await login(u);
  });

  afterAll(() => stopApp(app, ds));

  it("lists only the caller's own notifications, newest first, paginated", async () => {
    const res = await call('anna@nordlys.example', '/notifications');
    expect(res.status).toBe(200);
    const page = await res.json();
    expect(page).toMatchObject({ page: 1, pageSize: 20, total: 3 });
    expect(page.items.map((n: { title: string }) => n.title)).toEqual(['Tredje', 'Anden', 'Første']);
    expect(page.items[0]).toEqual({
      id: annaIds[2],
      kind: 'test.info',
      caseId: null,
      permitId: null,
      title: 'Tredje',
      body: 'Brødtekst',
      readAt: null,
      createdAt: '2026-01-07T08:00:00.000Z',
    });
    const second = await (await call('anna@nordlys.example', '/notifications?page=2&pageSize=2')).json();
    expect(second).toMatchObject({ page: 2, pageSize: 2, total: 3 });
    expect(second.items.map((n: { id: string }) => n.id)).toEqual([annaIds[0]]);
    const bo = await (await call('bo@bolge.example', '/notifications')).json();
    expect(bo.items.map((n: { id: string }) => n.id)).toEqual([boId]);
  });

  it('marks an own notification read (idempotently) and filters by ?unread=true', async () => {
    const res = await call('anna@nordlys.example', `/notifications/${annaIds[1]}/read`, 'POST');
    expect(res.status).toBe(200);
    const read = await res.json();
    expect(read).toMatchObject({ id: annaIds[1], readAt: expect.any(String) });
    const again = await (await call('anna@nordlys.example', `/notifications/${annaIds[1]}/read`, 'POST')).json();
    expect(again.readAt).toBe(read.readAt);

    const unread = await (await call('anna@nordlys.example', '/notifications?unread=true')).json();
    expect(unread.total).toBe(2);
    expect(unread.items.map((n: { id: string }) => n.id)).toEqual([annaIds[2], annaIds[0]]);
    const readOnly = await (await call('anna@nordlys.example', '/notifications?unread=false')).json();
    expect(readOnly.items.map((n: { id: string }) => n.id)).toEqual([annaIds[1]]);
  });

  it("answers someone else's notification with 404 and leaves it unread", async () => {
    const res = await call('anna@nordlys.example', `/notifications/${boId}/read`, 'POST');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await res.json()).code).toBe('NOTIFICATION.NOT_FOUND');
    const [row] = await ds.query(`SELECT read_at FROM notifications WHERE id = $1`, [boId]);
    expect(row.read_at).toBeNull();
    expect((await call('anna@nordlys.example', `/notifications/${randomUUID()}/read`, 'POST')).status).toBe(404);
    expect((await call('anna@nordlys.example', `/notifications/not-a-uuid/read`, 'POST')).status).toBe(404);
  });

  it('validates the query and requires a bearer token', async () => {
    for (const q of ['unread=maybe', 'pageSize=101', 'page=0', 'foo=1']) {
      const res = await call('anna@nordlys.example', `/notifications?${q}`);
      expect([q, res.status]).toEqual([q, 400]);
    }
    expect((await fetch(`${base}/api/v1/notifications`)).status).toBe(401);
  });
});
