/**
 * Admin user administration (issue 12.1): link/unlink external identities, deactivate and
 * reactivate users, audited; admins only; problem+json for bad input and foreign ids; a
 * deactivated user is refused in dev mode too.
 */
import { TestApi } from './support/http';

describe('admin users API (real PostgreSQL)', () => {
  let api: TestApi;
  const ISS = 'https://login.example.dk/realms/rl';
  const directoryState = async () => {
    const [row] = await api.ds.query(
      `SELECT (SELECT count(*)::int FROM directory_audit) AS audit, (SELECT count(*)::int FROM user_external_identities) AS identities,
              (SELECT count(*)::int FROM users WHERE deactivated_at IS NOT NULL) AS deactivated`,
    );
    return row;
  };
  const userId = async (username: string): Promise<string> => (await api.ds.query(`SELECT id FROM users WHERE username = $1`, [username]))[0].id;

  beforeAll(async () => {
    api = await TestApi.start();
  });
  afterAll(async () => {
    await api.ds.query(`UPDATE users SET deactivated_at = NULL`);
    await api.ds.query(`DELETE FROM user_external_identities WHERE issuer = $1`, [ISS]);
    await api?.stop();
  });

  it('is for admins only: every other role gets 403 AUTH.FORBIDDEN, no token 401', async () => {
    for (const as of ['anna@nordlys.example', 'cw.mst', 'coordinator']) {
      const r = await api.get('/admin/users', as);
      expect([as, r.status, r.body.code]).toEqual([as, 403, 'AUTH.FORBIDDEN']);
      const w = await api.post(`/admin/users/${await userId('bo@bolge.example')}/deactivate`, {}, as);
      expect([as, w.status, w.body.code]).toEqual([as, 403, 'AUTH.FORBIDDEN']);
    }
    expect((await api.get('/admin/users')).status).toBe(401);
  });

  it('lists users with binding and identities, and no case data', async () => {
    const r = await api.get('/admin/users?pageSize=100', 'admin');
    expect(r.status).toBe(200);
    const anna = r.body.items.find((u: { username: string }) => u.username === 'anna@nordlys.example');
    expect(anna).toMatchObject({ role: 'applicant', organisation: { cvr: '10000001' }, deactivatedAt: null });
    expect(anna.identities.filter((i: { issuer: string }) => i.issuer === ISS)).toEqual([]);
    expect(Object.keys(anna).sort()).toEqual(['authority', 'deactivatedAt', 'displayName', 'email', 'id', 'identities', 'organisation', 'role', 'username']);
    const filtered = await api.get('/admin/users?role=caseworker&q=MST', 'admin');
    expect(filtered.body.items.map((u: { username: string }) => u.username)).toEqual(['cw.mst']);
  });

  it('links and unlinks an identity, audited with who, when and what', async () => {
    const id = await userId('cw.kalundborg');
    // Only this test's issuer: the test database is shared, and the spec-driven fuzz (fuzz.int-spec)
    // may link identities of the OpenAPI example's issuer to any seeded user in the same run.
    const ours = (identities: { id: string; issuer: string }[]) => identities.filter((i) => i.issuer === ISS);
    const linked = await api.post(`/admin/users/${id}/identities`, { issuer: ISS, subject: 'nemlogin-cw-kal-1' }, 'admin');
    expect(linked.status).toBe(201);
    expect(ours(linked.body.identities)).toEqual([expect.objectContaining({ issuer: ISS, subject: 'nemlogin-cw-kal-1', linkedBy: await userId('admin') })]);

    const again = await api.post(`/admin/users/${await userId('cw.hillerod')}/identities`, { issuer: ISS, subject: 'nemlogin-cw-kal-1' }, 'admin');
    expect([again.status, again.body.code]).toEqual([409, 'IDENTITY.ALREADY_LINKED']);

    const unlinked = await api.call('DELETE', `/admin/users/${id}/identities/${ours(linked.body.identities)[0].id}`, { as: 'admin' });
    expect(unlinked.status).toBe(200);
    expect(ours(unlinked.body.identities)).toEqual([]);

    const log = await api.get(`/admin/users/${id}/audit?pageSize=100`, 'admin');
    const mine = log.body.items.filter((e: { details: { issuer?: string } }) => e.details?.issuer === ISS);
    expect(mine.map((e: { action: string }) => e.action)).toEqual(['identity.unlinked', 'identity.linked']);
    expect(mine[0]).toMatchObject({ actor: 'admin', actorUsername: 'admin', details: { issuer: ISS, subject: 'nemlogin-cw-kal-1' } });
    expect(Date.now() - Date.parse(mine[0].occurredAt)).toBeLessThan(60_000);
  });

  it('deactivates a user (dev-login and existing tokens → 403 AUTH.USER_DEACTIVATED) and reactivates', async () => {
    const token = await api.token('bo@bolge.example');
    const id = await userId('bo@bolge.example');
    const d = await api.post(`/admin/users/${id}/deactivate`, { reason: 'left the company' }, 'admin');
    expect(d.status).toBe(200);
    expect(d.body.deactivatedAt).toEqual(expect.any(String));
    const me = await api.call('GET', '/auth/me', { headers: { authorization: `Bearer ${token}` } });
    expect([me.status, me.body.code]).toEqual([403, 'AUTH.USER_DEACTIVATED']);
    expect(me.headers.get('content-type')).toContain('application/problem+json');
    const login = await api.call('POST', '/auth/dev-login', { body: { username: 'bo@bolge.example' } });
    expect([login.status, login.body.code]).toEqual([403, 'AUTH.USER_DEACTIVATED']);
    const cases = await api.call('GET', '/cases', { headers: { authorization: `Bearer ${token}` } });
    expect(cases.status).toBe(403);

    const before = await directoryState();
    expect((await api.post(`/admin/users/${id}/deactivate`, {}, 'admin')).status).toBe(200); // idempotent: no second audit entry
    expect(await directoryState()).toEqual(before);

    expect((await api.post(`/admin/users/${id}/reactivate`, {}, 'admin')).body.deactivatedAt).toBeNull();
    expect((await api.call('GET', '/auth/me', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    // Newest first; other test files (oidc) may have audited bo earlier in the same database,
    // so only this test's two entries at the top are asserted.
    const log = await api.get(`/admin/users/${id}/audit`, 'admin');
    expect(log.body.items.slice(0, 2).map((e: { action: string; details: object }) => [e.action, e.details])).toEqual([
      ['user.reactivated', {}],
      ['user.deactivated', { reason: 'left the company' }],
    ]);
  });

  it('answers bad input, unknown ids and self-lockout with problem+json and writes nothing', async () => {
    const anna = await userId('anna@nordlys.example');
    const admin = await userId('admin');
    const before = await directoryState();
    const cases: [string, string, unknown, number, string][] = [
      ['POST', `/admin/users/${anna}/identities`, { subject: '' }, 400, 'REQUEST.VALIDATION_FAILED'],
      ['POST', `/admin/users/${anna}/identities`, { subject: 'x\u0000y', issuer: ISS }, 400, 'REQUEST.VALIDATION_FAILED'],
      ['POST', `/admin/users/${anna}/identities`, { subject: 'ok', issuer: 'not a url' }, 400, 'REQUEST.VALIDATION_FAILED'],
      ['POST', `/admin/users/${anna}/identities`, { subject: 'ok', issuer: ISS, role: 'admin' }, 400, 'REQUEST.VALIDATION_FAILED'],
      ['POST', `/admin/users/${anna}/identities`, { subject: 'x'.repeat(256), issuer: ISS }, 400, 'REQUEST.VALIDATION_FAILED'],
      // dev mode has no OIDC_ISSUER to default to
      ['POST', `/admin/users/${anna}/identities`, { subject: 'ok' }, 400, 'IDENTITY.ISSUER_REQUIRED'],
      ['POST', `/admin/users/00000000-0000-4000-8000-000000000000/identities`, { subject: 'ok', issuer: ISS }, 404, 'USER.NOT_FOUND'],
      ['POST', `/admin/users/not-a-uuid/deactivate`, {}, 404, 'USER.NOT_FOUND'],
      ['DELETE', `/admin/users/${anna}/identities/00000000-0000-4000-8000-000000000000`, undefined, 404, 'IDENTITY.NOT_FOUND'],
      ['POST', `/admin/users/${admin}/deactivate`, {}, 422, 'ADMIN.SELF_LOCKOUT'],
      ['POST', `/admin/users/${anna}/deactivate`, { reason: 7 }, 400, 'REQUEST.VALIDATION_FAILED'],
      ['GET', `/admin/users?status=gone`, undefined, 400, 'REQUEST.VALIDATION_FAILED'],
    ];
    for (const [method, path, body, status, code] of cases) {
      const r = await api.call(method, path, { as: 'admin', body });
      expect([method, path, r.status, r.body?.code]).toEqual([method, path, status, code]);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
    }
    // An identity of another user is 404 under this user (object-level check).
    const kal = await userId('cw.kalundborg');
    const linked = await api.post(`/admin/users/${kal}/identities`, { issuer: ISS, subject: 'kal-2' }, 'admin');
    const kal2 = linked.body.identities.find((i: { subject: string }) => i.subject === 'kal-2');
    const foreign = await api.call('DELETE', `/admin/users/${anna}/identities/${kal2.id}`, { as: 'admin' });
    expect([foreign.status, foreign.body.code]).toEqual([404, 'IDENTITY.NOT_FOUND']);
    const after = await directoryState();
    expect(after).toEqual({ ...before, audit: before.audit + 1, identities: before.identities + 1 });
  });

  it('documents the admin endpoints with their problem responses in OpenAPI', async () => {
    const doc = (await api.get('/../docs-json')).body;
    const link = doc.paths['/api/v1/admin/users/{id}/identities'].post;
    // Its own answers; the API-wide ones (rate limit, body guards, deadlines) come on top.
    expect(Object.keys(link.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '404', '409']));
    expect(link.responses['409'].content['application/problem+json'].schema.allOf[1].properties.code.enum).toEqual(['IDENTITY.ALREADY_LINKED']);
    expect(doc.paths['/api/v1/admin/users/{id}/deactivate'].post.responses['422']).toBeDefined();
  });
});
