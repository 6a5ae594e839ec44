/**
 * Issue 18 item 2 acceptance: an authority's case system, as an OAuth2 client-credentials
 * client, drives a permit from the completeness check to the decision; its audit rows name the
 * client; outside its authority it gets 404 like a user; scopes, rotation and revocation hold.
 */
import { createSubmittedCase, TestApi, toReply } from './support/http';

const APPLICANT = 'anna@nordlys.example';
const SIMPLE = { municipalityCode: '219', siteZone: 'byzone', inIndustrialPark: true, fitsMunicipalPlanFrame: true, newBuildingOrExtension: true };

jest.setTimeout(60_000);

describe('machine clients (issue 18)', () => {
  const api = TestApi.forSuite();

  const authorityId = async (code: string) => (await api.ds.query(`SELECT id FROM authorities WHERE code = $1`, [code]))[0].id as string;

  async function createClient(code: string, scopes: string[]) {
    const r = await api.post('/admin/machine-clients', { name: `ESDH ${code}`, authorityId: await authorityId(code), scopes }, 'admin');
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ clientId: expect.stringMatching(/^rlc_/), clientSecret: expect.stringMatching(/^rls_/), scopes });
    return r.body as { id: string; clientId: string; clientSecret: string; userId: string };
  }

  /** The token endpoint as a client calls it: a form, HTTP Basic. */
  const tokenFor = async (clientId: string, secret: string, scope?: string) =>
    toReply(
      await fetch(`${api.base}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}` },
        body: new URLSearchParams({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) }).toString(),
      }),
    );

  const as = (token: string) => ({
    get: async (path: string) => toReply(await fetch(`${api.base}${path}`, { headers: { authorization: `Bearer ${token}` } })),
    post: async (path: string, body: unknown, headers: Record<string, string> = {}) =>
      toReply(await fetch(`${api.base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })),
  });

  it('tells a deactivated caseworker nothing; the machine client reads its notices over the API, never by e-mail', async () => {
    const client = await createClient('KOMMUNE-219', ['permits:read']);
    await api.ds.query(
      `INSERT INTO users (username, display_name, email, role, authority_id, locale, deactivated_at)
       SELECT 'cw.hillerod.former', 'Former caseworker', 'former@hillerod.example', 'caseworker', id, 'da', now() FROM authorities WHERE code = 'KOMMUNE-219'
       ON CONFLICT (username) DO UPDATE SET deactivated_at = now()`,
    );
    const c = await createSubmittedCase(api, APPLICANT, SIMPLE, `Notified case ${Date.now()}`);
    const permitId = c.permits[0].id as string;
    expect((await api.permitEvent(permitId, 'cw.hillerod', { type: 'authority.infoRequested', question: 'Site plan, please.' })).status).toBe(200);
    expect((await api.permitEvent(permitId, APPLICANT, { type: 'applicant.infoProvided', answer: 'Attached.' })).status).toBe(200);
    const told = (await api.ds.query(`SELECT u.username, n.kind FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.permit_id = $1`, [permitId])) as { username: string; kind: string }[];
    const answered = told.filter((n) => n.kind === 'infoProvided').map((n) => n.username);
    expect(answered).toContain('cw.hillerod');
    expect(answered).toContain(`client:${client.clientId}`);
    expect(told.filter((n) => n.username === 'cw.hillerod.former')).toEqual([]);
    await api.ds.query(`DELETE FROM users WHERE username = 'cw.hillerod.former'`); // other files list the authority's users
    const tok = await tokenFor(client.clientId, client.clientSecret);
    const inbox = await as(tok.body.access_token).get('/notifications?pageSize=100');
    expect(inbox.status).toBe(200);
    expect(JSON.stringify(inbox.body)).toContain(permitId);
  });

  it('drives a permit from the completeness check to the decision; the audit rows name the client', async () => {
    const client = await createClient('KOMMUNE-219', ['permits:read', 'permits:act', 'documents:write']);
    expect((await api.ds.query(`SELECT secret_hash FROM machine_clients WHERE id = $1`, [client.id]))[0].secret_hash).not.toContain(client.clientSecret);
    const tok = await tokenFor(client.clientId, client.clientSecret);
    expect(tok.status).toBe(200);
    expect(tok.body).toMatchObject({ token_type: 'Bearer', expires_in: 300, scope: 'permits:read permits:act documents:write' });
    const sys = as(tok.body.access_token);

    const c = await createSubmittedCase(api, APPLICANT, SIMPLE, `Machine case ${Date.now()}`);
    const permitId = c.permits[0].id as string;
    const inbox = await sys.get('/tasks?pageSize=100');
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.some((t: { permitId: string }) => t.permitId === permitId)).toBe(true);

    for (const event of [{ type: 'authority.completenessConfirmed' }, { type: 'authority.decisionIssued', outcome: 'granted', reason: 'Meets the local plan.' }]) {
      const current = await sys.get(`/permits/${permitId}`);
      expect(current.status).toBe(200);
      const r = await sys.post(`/permits/${permitId}/events`, event, { 'if-match': `"${current.body.version}"` });
      expect([event.type, r.status]).toEqual([event.type, 200]);
    }
    expect((await sys.get(`/permits/${permitId}`)).body.state).toMatch(/^(decided|final)/);

    const audit = await api.ds.query(
      `SELECT e.event_type, e.actor_role, u.username FROM audit_events e JOIN users u ON u.id = e.actor_user_id WHERE e.permit_id = $1 AND e.event_type LIKE 'authority.%' ORDER BY e.id`,
      [permitId],
    );
    expect(audit).toEqual([
      { event_type: 'authority.completenessConfirmed', actor_role: 'caseworker', username: `client:${client.clientId}` },
      { event_type: 'authority.decisionIssued', actor_role: 'caseworker', username: `client:${client.clientId}` },
    ]);
    const timeline = await api.get(`/cases/${c.id}/timeline?pageSize=100`, 'coordinator');
    expect(timeline.body.items.find((i: { eventType: string }) => i.eventType === 'authority.decisionIssued').actor).toMatchObject({ username: `client:${client.clientId}`, name: expect.stringMatching(/^ESDH KOMMUNE-219 \(system for /) });
  });

  it('outside its authority it gets 404 like a caseworker; scopes limit what it may do', async () => {
    const kalundborg = await createClient('KOMMUNE-326', ['permits:read']);
    const sys = as((await tokenFor(kalundborg.clientId, kalundborg.clientSecret)).body.access_token);
    const c = await createSubmittedCase(api, APPLICANT, SIMPLE, `Hillerød only ${Date.now()}`);
    expect((await sys.get(`/permits/${c.permits[0].id}`)).body.code).toBe('PERMIT.NOT_FOUND');
    expect((await sys.get(`/cases/${c.id}`)).status).toBe(404);

    const readOnly = await createClient('KOMMUNE-219', ['permits:read']);
    const ro = as((await tokenFor(readOnly.clientId, readOnly.clientSecret)).body.access_token);
    const current = await ro.get(`/permits/${c.permits[0].id}`);
    expect(current.status).toBe(200);
    const before = await api.versionSum();
    const refused = await ro.post(`/permits/${c.permits[0].id}/events`, { type: 'authority.completenessConfirmed' }, { 'if-match': `"${current.body.version}"` });
    expect([refused.status, refused.body.code, refused.body.requiredScope]).toEqual([403, 'AUTH.INSUFFICIENT_SCOPE', 'permits:act']);
    expect(await api.versionSum()).toBe(before);
    expect((await ro.get('/webhooks/endpoints')).body.code).toBe('AUTH.INSUFFICIENT_SCOPE');
    // A scope the client does not hold cannot be requested.
    const tooMuch = await tokenFor(readOnly.clientId, readOnly.clientSecret, 'permits:act');
    expect([tooMuch.status, tooMuch.body.code, tooMuch.body.error]).toEqual([400, 'OAUTH.INVALID_SCOPE', 'invalid_scope']);
    // Its service user cannot log in like a person.
    expect((await api.post('/auth/dev-login', { username: `client:${readOnly.clientId}` })).status).toBe(401);
  });

  it('bad credentials are 401 invalid_client; rotation keeps the old secret for the grace period; revocation ends every token at once', async () => {
    const client = await createClient('KOMMUNE-219', ['permits:read']);
    const wrong = await tokenFor(client.clientId, 'rls_wrong');
    expect([wrong.status, wrong.body.code, wrong.body.error]).toEqual([401, 'OAUTH.INVALID_CLIENT', 'invalid_client']);
    const badGrant = await toReply(await fetch(`${api.base}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'password', client_id: client.clientId, client_secret: client.clientSecret }) }));
    expect([badGrant.status, badGrant.body.code]).toEqual([400, 'OAUTH.UNSUPPORTED_GRANT_TYPE']);
    const viaJson = await toReply(await fetch(`${api.base}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret }) }));
    expect(viaJson.status).toBe(200);

    const rotated = await api.post(`/admin/machine-clients/${client.id}/rotate-secret`, { graceSeconds: 3600 }, 'admin');
    expect(rotated.status).toBe(200);
    expect((await tokenFor(client.clientId, client.clientSecret)).status).toBe(200);
    expect((await tokenFor(client.clientId, rotated.body.clientSecret)).status).toBe(200);
    await api.post(`/admin/machine-clients/${client.id}/rotate-secret`, { graceSeconds: 0 }, 'admin');
    expect((await tokenFor(client.clientId, client.clientSecret)).status).toBe(401);

    const latest = await api.post(`/admin/machine-clients/${client.id}/rotate-secret`, {}, 'admin');
    const token = (await tokenFor(client.clientId, latest.body.clientSecret)).body.access_token;
    expect((await as(token).get('/tasks')).status).toBe(200);
    expect((await api.post(`/admin/machine-clients/${client.id}/revoke`, {}, 'admin')).body.revokedAt).toEqual(expect.any(String));
    expect((await as(token).get('/tasks')).status).toBe(401);
    expect((await tokenFor(client.clientId, latest.body.clientSecret)).status).toBe(401);
    const actions = await api.ds.query(`SELECT action FROM directory_audit WHERE target_user_id = $1 ORDER BY id`, [client.userId]);
    expect(actions.map((a: { action: string }) => a.action)).toEqual(['client.created', 'client.secretRotated', 'client.secretRotated', 'client.secretRotated', 'client.revoked']);
    // Admins only.
    expect((await api.get('/admin/machine-clients', 'cw.hillerod')).status).toBe(403);
    expect((await api.get('/admin/machine-clients/00000000-0000-4000-8000-000000000000', 'admin')).body.code).toBe('CLIENT.NOT_FOUND');
  });
});
