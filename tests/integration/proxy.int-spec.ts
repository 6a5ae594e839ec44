import { randomUUID } from 'node:crypto';
import { MailCatcher } from './support/mail';
import { createCase, SIMPLE_FACTS, TestApi } from './support/http';

const ANNA = 'anna@nordlys.example';
const BO = 'bo@bolge.example';
const DAY_MS = 24 * 3600 * 1000;

// Many requests per test; on a loaded machine the 5 s default is too tight (nothing here measures time).
jest.setTimeout(60_000);

/**
 * Fuldmagter (issue 14 point 6) end to end: invitation by e-mail (real SMTP to the sink), accept
 * with the token from the mail, what a consultant sees (only the granted cases; 404 elsewhere),
 * what each role may do, revocation and expiry at once, and the audit naming who acted for whom.
 */
describe('acting for a company (fuldmagt)', () => {
  const mail = new MailCatcher();
  // The sink first: the API sends its e-mail there.
  beforeAll(() => mail.start());
  const api = TestApi.forSuite(() => ({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(mail.port) }));
  afterAll(() => mail.stop());
  let consultant: string;
  let consultancyName: string;
  let a1: any;
  let a2: any;
  let b1: any;

  /** Every case of Bølge (other test files may have made some in this database): an all-cases grant covers them all. */
  const bolgeCases = async (): Promise<string[]> =>
    (await api.ds.query(`SELECT c.id FROM cases c JOIN organisations o ON o.id = c.organisation_id WHERE o.cvr = '10000002'`)).map((r: { id: string }) => r.id);
  const grant = (as: string, body: Record<string, unknown>) => api.post('/proxy-grants', body, as);
  const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();

  /** The token from the newest invitation e-mail to `to` (the link in the text part). */
  function tokenFromMail(to: string): string {
    const last = mail.to(to).at(-1);
    const m = /\/fuldmagt\/accept\/([A-Za-z0-9_-]+)/.exec(last?.text ?? '');
    if (!m) throw new Error(`no invitation to ${to}: ${last?.text}`);
    return decodeURIComponent(m[1]);
  }

  async function invitedAndAccepted(as: string, body: Record<string, unknown>): Promise<any> {
    const before = mail.to(consultant).length;
    const r = await grant(as, { email: consultant, ...body });
    expect([r.status, r.body.status, r.body.invitationEmail]).toEqual([201, 'invited', 'sent']);
    expect(mail.to(consultant)).toHaveLength(before + 1);
    const accepted = await api.post('/proxy-grants/accept', { token: tokenFromMail(consultant) }, consultant);
    expect([accepted.status, accepted.body.status, accepted.body.id]).toEqual([200, 'active', r.body.id]);
    return accepted.body;
  }

  beforeAll(async () => {
    // A consultant of its own at the seeded consultancy (not the demo user), so this file owns every grant it looks at.
    const cvr = '10000003';
    consultancyName = 'Grøn Rådgivning ApS';
    consultant = `consultant-${randomUUID().slice(0, 8)}@gronraad.example`;
    await api.ds.query(
      `INSERT INTO users (username, display_name, email, role, organisation_id) VALUES ($1, 'Test Konsulent', $1, 'applicant', (SELECT id FROM organisations WHERE cvr = $2))`,
      [consultant, cvr],
    );
    a1 = await createCase(api, ANNA, SIMPLE_FACTS, 'Proxy case A1');
    a2 = await createCase(api, ANNA, SIMPLE_FACTS, 'Proxy case A2');
    b1 = await createCase(api, BO, SIMPLE_FACTS, 'Proxy case B1');
  }, 60_000);

  it('refuses bad grants with 4xx and writes nothing', async () => {
    const [{ n: before }] = await api.ds.query(`SELECT count(*)::int AS n FROM proxy_grants`);
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ email: consultant, role: 'read', validUntil: new Date(Date.now() - DAY_MS).toISOString() }, 422, 'PROXY.INVALID_GRANT'],
      [{ email: consultant, role: 'read', validFrom: inDays(10), validUntil: inDays(5) }, 422, 'PROXY.INVALID_GRANT'],
      [{ email: consultant, role: 'read', validUntil: inDays(366 * 6) }, 422, 'PROXY.INVALID_GRANT'],
      [{ email: consultant, role: 'owner', validUntil: inDays(5) }, 400, 'REQUEST.VALIDATION_FAILED'],
      [{ email: 'not-an-address', role: 'read', validUntil: inDays(5) }, 400, 'REQUEST.VALIDATION_FAILED'],
      // Another company's case: as if it did not exist.
      [{ email: consultant, role: 'read', caseId: b1.id, validUntil: inDays(5) }, 404, 'CASE.NOT_FOUND'],
    ];
    for (const [body, status, code] of cases) {
      const r = await grant(ANNA, body);
      expect([JSON.stringify(body), r.status, r.body.code]).toEqual([JSON.stringify(body), status, code]);
    }
    // Caseworkers do not give fuldmagter.
    expect((await grant('cw.hillerod', { email: consultant, role: 'read', validUntil: inDays(5) })).status).toBe(403);
    const [{ n: after }] = await api.ds.query(`SELECT count(*)::int AS n FROM proxy_grants`);
    expect(after).toBe(before);
  });

  it('a consultant invited to one case sees that case only: 404 on the company’s other case and on other companies', async () => {
    expect((await api.get(`/cases/${a1.id}`, consultant)).status).toBe(404); // nothing before accepting
    const r = await grant(ANNA, { email: consultant, role: 'prepare', caseId: a1.id, validUntil: inDays(30) });
    expect(r.status).toBe(201);
    expect(mail.to(consultant).at(-1)?.subject).toContain('Nordlys Pharma A/S');
    const token = tokenFromMail(consultant);
    // The token is bound to the invited address: another user cannot use it, nor a wrong token.
    expect((await api.post('/proxy-grants/accept', { token }, BO)).body.code).toBe('PROXY.INVITATION_NOT_FOUND');
    expect((await api.post('/proxy-grants/accept', { token: 'x'.repeat(43) }, consultant)).status).toBe(404);
    expect((await api.get(`/cases/${a1.id}`, consultant)).status).toBe(404); // still only invited
    const accepted = await api.post('/proxy-grants/accept', { token }, consultant);
    expect([accepted.status, accepted.body.status, accepted.body.grantee.username]).toEqual([200, 'active', consultant]);
    expect((await api.post('/proxy-grants/accept', { token }, consultant)).status).toBe(200); // idempotent for the grantee

    expect((await api.get(`/cases/${a1.id}`, consultant)).status).toBe(200);
    const list = await api.get('/cases?pageSize=100', consultant);
    expect(list.body.items.map((c: any) => c.id)).toEqual([a1.id]);
    const elsewhere = [
      `/cases/${a2.id}`,
      `/cases/${a2.id}/documents`,
      `/cases/${a2.id}/timeline`,
      `/permits/${a2.permits[0].id}`,
      `/cases/${b1.id}`,
      `/permits/${b1.permits[0].id}`,
    ];
    for (const path of elsewhere) expect([path, (await api.get(path, consultant)).status]).toEqual([path, 404]);
    expect((await api.upload(consultant, a2.id)).status).toBe(404);
    // Documents of the other case, by id.
    const doc = await api.upload(ANNA, a2.id);
    expect(doc.status).toBe(201);
    expect((await api.get(`/documents/${doc.body.id}`, consultant)).status).toBe(404);
    expect((await api.get(`/documents/${doc.body.id}/content`, consultant)).status).toBe(404);
    // Notifications are each user's own: those about the other case are not the consultant's.
    expect((await api.caseEvent(a2.id, ANNA, { type: 'case.submitted' })).status).toBe(200);
    const [n] = await api.ds.query(`SELECT id FROM notifications WHERE case_id = $1 LIMIT 1`, [a2.id]);
    expect(n).toBeDefined();
    expect((await api.post(`/notifications/${n.id}/read`, {}, consultant)).status).toBe(404);
    expect((await api.get('/notifications', consultant)).body.items.map((x: any) => x.id)).not.toContain(n.id);
  });

  it('prepare may upload (audited as the consultant for the company) but not submit; the company’s own cases cannot be re-granted by the consultant', async () => {
    const up = await api.upload(consultant, a1.id);
    expect(up.status).toBe(201);
    const timeline = await api.get(`/cases/${a1.id}/timeline?pageSize=100`, ANNA);
    const entry = timeline.body.items.find((e: any) => e.eventType === 'document.uploaded' && e.payload.documentId === up.body.id);
    expect(entry.actor).toEqual(expect.objectContaining({ username: consultant, organisationName: consultancyName }));
    expect(entry.onBehalfOf.name).toBe('Nordlys Pharma A/S');

    const before = await api.get(`/cases/${a1.id}`, ANNA);
    expect(before.body.allowedEvents).toContain('case.submitted');
    // The view offers a fuldmægtig only what the role covers; sending it anyway is refused.
    expect((await api.get(`/cases/${a1.id}`, consultant)).body.allowedEvents).toEqual([]);
    const submit = await api.call('POST', `/cases/${a1.id}/events`, { as: consultant, body: { type: 'case.submitted' }, headers: { 'if-match': `"${before.body.version}"` } });
    expect([submit.status, submit.body.code, submit.body.requiredRole]).toEqual([403, 'ACCESS.PROXY_ROLE_INSUFFICIENT', 'submit']);
    expect((await api.get(`/cases/${a1.id}`, ANNA)).body.version).toBe(before.body.version);
    // A fuldmægtig cannot pass the grant on: for them Nordlys's case is not "their company's".
    expect((await grant(consultant, { email: 'someone@else.example', role: 'read', caseId: a1.id, validUntil: inDays(5) })).status).toBe(404);
  });

  it('serves several companies: read for all of Bølge’s cases shows them, but refuses every write with 403', async () => {
    await invitedAndAccepted(BO, { role: 'read', validUntil: inDays(30) });
    // Exactly the granted case of Nordlys and every case of Bølge (this file's, by title; all of them, by count).
    const list = await api.get(`/cases?pageSize=100&q=${encodeURIComponent('Proxy case')}`, consultant);
    expect(list.body.items.map((c: any) => c.id).sort()).toEqual([a1.id, b1.id].sort());
    expect((await api.get('/cases?pageSize=1', consultant)).body.total).toBe(1 + (await bolgeCases()).length);
    expect(list.body.items.find((c: any) => c.id === b1.id).organisation.name).toBe('Bølge Biotech ApS');
    // One company at a time, filtered by the server: the page, its total (and so the pager) are that company's.
    const nordlysId = list.body.items.find((c: any) => c.id === a1.id).organisation.id;
    const bolgeId = list.body.items.find((c: any) => c.id === b1.id).organisation.id;
    const onlyNordlys = await api.get(`/cases?pageSize=100&organisationId=${nordlysId}`, consultant);
    expect([onlyNordlys.body.total, onlyNordlys.body.items.map((c: any) => c.id)]).toEqual([1, [a1.id]]);
    expect((await api.get(`/cases?pageSize=1&organisationId=${bolgeId}`, consultant)).body.total).toBe((await bolgeCases()).length);
    // It narrows, never widens: a company the consultant serves on no case lists nothing; a bad id is a 400.
    const [{ id: elsewhere }] = await api.ds.query(`SELECT id FROM organisations WHERE cvr = '10000003'`);
    expect((await api.get(`/cases?organisationId=${elsewhere}`, consultant)).body).toMatchObject({ total: 0, items: [] });
    expect((await api.get('/cases?organisationId=not-a-uuid', consultant)).body.code).toBe('REQUEST.VALIDATION_FAILED');
    const received = await api.get('/proxy-grants/received', consultant);
    expect(received.body.items.map((g: any) => [g.organisation.name, g.case?.id ?? null, g.role, g.status]).sort()).toEqual(
      [
        ['Bølge Biotech ApS', null, 'read', 'active'],
        ['Nordlys Pharma A/S', a1.id, 'prepare', 'active'],
      ].sort(),
    );
    const [{ n: docsBefore }] = await api.ds.query(`SELECT count(*)::int AS n FROM documents WHERE case_id = $1`, [b1.id]);
    const up = await api.upload(consultant, b1.id);
    expect([up.status, up.body.code]).toEqual([403, 'ACCESS.PROXY_ROLE_INSUFFICIENT']);
    const b1View = await api.get(`/cases/${b1.id}`, consultant);
    expect(b1View.body.allowedEvents).toEqual([]);
    const submit = await api.call('POST', `/cases/${b1.id}/events`, { as: consultant, body: { type: 'case.submitted' }, headers: { 'if-match': `"${b1View.body.version}"` } });
    expect([submit.status, submit.body.code, submit.body.role]).toEqual([403, 'ACCESS.PROXY_ROLE_INSUFFICIENT', 'read']);
    const [{ n: docsAfter }] = await api.ds.query(`SELECT count(*)::int AS n FROM documents WHERE case_id = $1`, [b1.id]);
    expect(docsAfter).toBe(docsBefore);
    // Nor the application: saving it or changing its facts is refused before anything is read or written.
    const app = await api.get(`/cases/${b1.id}/application`, consultant);
    expect(app.status).toBe(200);
    const save = await api.call('PUT', `/cases/${b1.id}/application`, { as: consultant, body: { shared: {}, sections: {} }, headers: { 'if-match': `"${app.body.version}"` } });
    expect([save.status, save.body.code]).toEqual([403, 'ACCESS.PROXY_ROLE_INSUFFICIENT']);
    const facts = await api.call('PUT', `/cases/${b1.id}/application/facts`, { as: consultant, body: { facts: SIMPLE_FACTS }, headers: { 'if-match': `"${app.body.version}"` } });
    expect([facts.status, facts.body.code]).toEqual([403, 'ACCESS.PROXY_ROLE_INSUFFICIENT']);
    expect((await api.get(`/cases/${b1.id}/application`, BO)).body.version).toBe(app.body.version);
  });

  it('revocation takes effect on the next request; only the granting company can revoke', async () => {
    const issued = await api.get('/proxy-grants', ANNA);
    const g = issued.body.items.find((x: any) => x.case?.id === a1.id && x.status === 'active');
    expect((await api.call('DELETE', `/proxy-grants/${g.id}`, { as: BO })).status).toBe(404);
    expect((await api.get(`/cases/${a1.id}`, consultant)).status).toBe(200);
    expect((await api.call('DELETE', `/proxy-grants/${g.id}`, { as: ANNA })).status).toBe(204);
    expect((await api.get(`/cases/${a1.id}`, consultant)).status).toBe(404);
    expect((await api.upload(consultant, a1.id)).status).toBe(404);
    expect((await api.call('DELETE', `/proxy-grants/${g.id}`, { as: ANNA })).status).toBe(204); // idempotent
    const after = await api.get('/proxy-grants', ANNA);
    expect(after.body.items.find((x: any) => x.id === g.id).status).toBe('revoked');
    const history = await api.ds.query(`SELECT event_type FROM proxy_grant_events WHERE grant_id = $1 ORDER BY id`, [g.id]);
    expect(history.map((h: any) => h.event_type)).toEqual(['proxy.invited', 'proxy.accepted', 'proxy.revoked']);
    // The revoked token cannot be accepted again.
    expect((await api.get('/proxy-grants/received', consultant)).body.items.find((x: any) => x.id === g.id).status).toBe('revoked');
  });

  it('submit acts for the company — the audit row names the consultant and the company — and expiry ends it at once', async () => {
    await invitedAndAccepted(ANNA, { role: 'submit', caseId: a1.id, validUntil: inDays(2) });
    expect((await api.get(`/cases/${a1.id}`, consultant)).body.allowedEvents).toContain('case.submitted');
    const submitted = await api.caseEvent(a1.id, consultant, { type: 'case.submitted' });
    expect([submitted.status, submitted.body.submittedAt === null]).toEqual([200, false]);
    const [row] = await api.ds.query(
      `SELECT u.username AS actor, ao.name AS actor_org, bo.name AS on_behalf_of
         FROM audit_events e JOIN users u ON u.id = e.actor_user_id
         JOIN organisations ao ON ao.id = e.actor_organisation_id JOIN organisations bo ON bo.id = e.on_behalf_of_organisation_id
        WHERE e.case_id = $1 AND e.event_type = 'case.submitted'`,
      [a1.id],
    );
    expect(row).toEqual({ actor: consultant, actor_org: consultancyName, on_behalf_of: 'Nordlys Pharma A/S' });
    // The company's own user: actor and company coincide.
    const [own] = await api.ds.query(
      `SELECT ao.name AS actor_org, bo.name AS on_behalf_of FROM audit_events e JOIN organisations ao ON ao.id = e.actor_organisation_id
         JOIN organisations bo ON bo.id = e.on_behalf_of_organisation_id WHERE e.case_id = $1 AND e.event_type = 'case.submitted'`,
      [a2.id],
    );
    expect(own).toEqual({ actor_org: 'Nordlys Pharma A/S', on_behalf_of: 'Nordlys Pharma A/S' });

    try {
      await api.setClock(inDays(3));
      expect((await api.get(`/cases/${a1.id}`, consultant)).status).toBe(404);
      expect((await api.get(`/cases?pageSize=100&q=${encodeURIComponent('Proxy case')}`, consultant)).body.items.map((c: any) => c.id)).toEqual([b1.id]);
      expect((await api.get('/cases?pageSize=1', consultant)).body.total).toBe((await bolgeCases()).length);
    } finally {
      await api.setClock(new Date().toISOString());
    }
    expect((await api.get(`/cases/${a1.id}`, consultant)).status).toBe(200);
  });
  it('creates a draft case for a company only under a fuldmagt for all its cases with prepare or submit (X-Acting-For)', async () => {
    const [{ id: nordlys }] = await api.ds.query(`SELECT id FROM organisations WHERE cvr = '10000001'`);
    const [{ id: bolge }] = await api.ds.query(`SELECT id FROM organisations WHERE cvr = '10000002'`);
    const create = (org: string, title: string) => api.post('/cases', { title, facts: SIMPLE_FACTS }, consultant, { 'x-acting-for': org });
    const [{ n: before }] = await api.ds.query(`SELECT count(*)::int AS n FROM cases`);
    // A one-case grant (Nordlys, submit, from the test above) does not cover new cases; Bølge's grant is read only.
    expect((await create(nordlys, 'Not allowed yet')).body.code).toBe('PROXY.GRANT_NOT_FOUND');
    expect([(await create(bolge, 'Read only')).status, (await create(bolge, 'Read only')).body.code]).toEqual([403, 'ACCESS.PROXY_ROLE_INSUFFICIENT']);
    expect((await create(randomUUID(), 'Unknown company')).status).toBe(404);
    expect((await create('not-a-uuid', 'Bad id')).status).toBe(404);
    const [{ n: after }] = await api.ds.query(`SELECT count(*)::int AS n FROM cases`);
    expect(after).toBe(before);

    await invitedAndAccepted(ANNA, { role: 'prepare', validUntil: inDays(30) });
    const made = await create(nordlys, 'Proxy-made case for Nordlys');
    expect([made.status, made.body.organisation.name, made.body.state]).toEqual([201, 'Nordlys Pharma A/S', 'draft']);
    expect((await api.get(`/cases/${made.body.id}`, ANNA)).status).toBe(200); // the company's own case
    const [row] = await api.ds.query(
      `SELECT u.username AS actor, bo.name AS on_behalf_of FROM audit_events e JOIN users u ON u.id = e.actor_user_id
         JOIN organisations bo ON bo.id = e.on_behalf_of_organisation_id WHERE e.case_id = $1 AND e.event_type = 'case.created'`,
      [made.body.id],
    );
    expect(row).toEqual({ actor: consultant, on_behalf_of: 'Nordlys Pharma A/S' });
  });
});
