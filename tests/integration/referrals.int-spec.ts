import { ROAD_ACCESS_FACTS } from './support/facts';
import { createSubmittedCase, PHARMA_FACTS, TestApi } from './support/http';

/**
 * Issue 17 (across authorities), items 1, 4 and 5: referrals with deadlines (answered on time; the
 * deadline passes and the requester proceeds), the plan and the forecast waiting for open
 * referrals, gateways, delegation between municipalities and a minister's call-in.
 */

const CW = 'cw.hillerod';
const APPLICANT = 'anna@nordlys.example';

jest.setTimeout(90_000);

/**
 * The people among notification rows: a machine client's system user (username `client:<id>`) of
 * the same authority gets the notifications too (issue 18, NOTIFIABLE_USER in
 * transition-read-sql.ts), and other specs register machine clients for these authorities, so
 * which of them exist depends on the order the specs run in.
 */
const people = <T extends { username: string }>(rows: T[]): T[] => rows.filter((r) => !r.username.startsWith('client:'));

describe('across authorities (issue 17)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await TestApi.start();
  });
  afterAll(async () => {
    // Back to wall time for whoever shares the database next.
    await api?.ds.query(`UPDATE app_clock SET offset_ms = 0, set_to = NULL, updated_at = now()`);
    await api?.stop();
  });

  async function submittedCase(title: string) {
    const c = await createSubmittedCase(api, APPLICANT, ROAD_ACCESS_FACTS, title);
    const detail = await api.get(`/cases/${c.id}`, APPLICANT);
    const permit = (code: string) => detail.body.permits.find((p: any) => p.code === code);
    return { caseId: c.id as string, permit };
  }

  const version = async (permitId: string, as = CW) => (await api.get(`/permits/${permitId}`, as)).body.version as number;
  const refer = async (permitId: string, body: Record<string, unknown>, as = CW) =>
    api.call('POST', `/permits/${permitId}/referrals`, { as, body, headers: { 'if-match': `"${await version(permitId, as)}"` } });
  const referralRows = async (permitId: string) => (await api.ds.query(`SELECT id FROM referrals WHERE permit_id = $1`, [permitId])).length;

  it('a consent referral is answered on time: the asked authority sees only the listed parts, the clock stops and resumes, the plan shows it', async () => {
    await api.setClock('2027-05-03T09:00:00Z');
    const { caseId, permit } = await submittedCase('Referral on time case');
    const road = permit('ROAD_ACCESS');
    expect(road.authority.code).toBe('KOMMUNE-219');
    const upload = await api.upload(APPLICANT, caseId, { permitId: road.id });
    expect(upload.status).toBe(201);
    const other = await api.upload(APPLICANT, caseId, { permitId: permit('JFL_8').id });
    expect((await api.permitEvent(road.id, CW, { type: 'authority.completenessConfirmed' })).status).toBe(200);
    const before = (await api.ds.query(`SELECT target_due_on::text AS due FROM permits WHERE id = $1`, [road.id]))[0].due as string;

    // Bad input: itself, an unknown authority, a date in the past — 422 each, nothing written.
    const v0 = await version(road.id);
    const self = await refer(road.id, { toAuthorityCode: 'KOMMUNE-219', question: 'Q?' });
    expect([self.status, self.body.code]).toEqual([422, 'REFERRAL.TO_SELF']);
    const unknown = await refer(road.id, { toAuthorityCode: 'NOPE-1', question: 'Q?' });
    expect([unknown.status, unknown.body.code]).toEqual([422, 'REFERRAL.UNKNOWN_AUTHORITY']);
    const past = await refer(road.id, { toAuthorityCode: 'VD', question: 'Q?', dueOn: '2027-05-02' });
    expect([past.status, past.body.code]).toEqual([422, 'REFERRAL.DUE_IN_PAST']);
    const stale = await api.call('POST', `/permits/${road.id}/referrals`, { as: CW, body: { toAuthorityCode: 'VD', question: 'Q?' }, headers: { 'if-match': `"${v0 - 1}"` } });
    expect(stale.status).toBe(409);
    expect(await version(road.id)).toBe(v0);
    expect(await referralRows(road.id)).toBe(0);

    // The catalogue's consent of Vejdirektoratet: 4 weeks (inference, marked), stops the clock.
    const options = await api.get(`/permits/${road.id}/referral-options`, CW);
    expect(options.body.rules.map((r: any) => [r.id, r.toAuthorityCode])).toEqual([['ROAD_ACCESS_VD_CONSENT', 'VD']]);
    const sent = await refer(road.id, { toAuthorityCode: 'VD', question: 'Giver Vejdirektoratet samtykke til adgangen 80 m fra statsvejen?', documentIds: [upload.body.id] });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ kind: 'consent', ruleId: 'ROAD_ACCESS_VD_CONSENT', dueOn: '2027-05-31', stopsClock: true, status: 'open', version: 1 });
    const [stopped] = await api.ds.query(`SELECT stops, target_due_on::text AS due FROM permits WHERE id = $1`, [road.id]);
    expect(stopped.stops).toEqual([{ reason: 'awaitingOtherAuthority', from: '2027-05-03', to: null }]);
    const told = await api.ds.query(`SELECT u.username FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.kind = 'referralRequested' AND n.permit_id = $1`, [road.id]);
    expect(people(told).map((r: any) => r.username)).toEqual(['cw.vd']);

    // The plan and the forecast do not decide the permit before the answer date.
    const plan = await api.get(`/cases/${caseId}/plan`, CW);
    expect(plan.body.referrals).toEqual([expect.objectContaining({ referralId: sent.body.id, permitId: road.id, status: 'open', dueOn: '2027-05-31', stopsClock: true })]);
    expect(plan.body.rows.find((r: any) => r.code === 'ROAD_ACCESS').plannedEnd >= '2027-05-31').toBe(true);
    expect(plan.body.gateways.map((g: any) => [g.id, g.status])).toEqual([
      ['plan', 'empty'],
      ['environment', 'open'],
      ['construction', 'open'],
      ['operation', 'empty'],
    ]);

    // The asked authority: its inbox, the referral with the listed parts only — not the case, not the permit, not other documents.
    const inbox = await api.get('/referrals', 'cw.vd');
    expect(inbox.body.map((r: any) => r.id)).toContain(sent.body.id);
    const material = await api.get(`/referrals/${sent.body.id}`, 'cw.vd');
    expect(material.status).toBe(200);
    expect(material.body.documents.map((d: any) => d.id)).toEqual([upload.body.id]);
    expect(material.body.sharedPart).not.toBeNull();
    expect((await api.get(`/referrals/${sent.body.id}/documents/${upload.body.id}/content`, 'cw.vd')).status).toBe(200);
    expect((await api.get(`/referrals/${sent.body.id}/documents/${other.body.id}/content`, 'cw.vd')).status).toBe(404);
    expect((await api.get(`/cases/${caseId}`, 'cw.vd')).status).toBe(404);
    expect((await api.get(`/permits/${road.id}`, 'cw.vd')).status).toBe(404);
    expect((await api.get(`/documents/${upload.body.id}/content`, 'cw.vd')).status).toBe(404);
    expect((await api.get(`/referrals/${sent.body.id}`, 'cw.mst')).status).toBe(404);

    // An answer by an authority that was not asked: 404, also for the asking authority itself.
    for (const who of ['cw.region-hovedstaden', CW]) {
      const r = await api.call('POST', `/referrals/${sent.body.id}/answer`, { as: who, body: { text: 'x', consent: 'given' }, headers: { 'if-match': '"1"' } });
      expect([r.status, r.body.code]).toEqual([404, 'REFERRAL.NOT_FOUND']);
    }

    // Ten days later Vejdirektoratet answers with its consent and a document.
    await api.setClock('2027-05-13T09:00:00Z');
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1'))], { type: 'application/pdf' }), 'samtykke.pdf');
    const answerDoc = await fetch(`${api.base}/referrals/${sent.body.id}/documents`, { method: 'POST', headers: { authorization: `Bearer ${await api.token('cw.vd')}` }, body: form });
    expect(answerDoc.status).toBe(201);
    const answerDocId = ((await answerDoc.json()) as { id: string }).id;
    const staleAnswer = await api.call('POST', `/referrals/${sent.body.id}/answer`, { as: 'cw.vd', body: { text: 'Samtykke gives.', consent: 'given' }, headers: { 'if-match': '"7"' } });
    expect(staleAnswer.status).toBe(409);
    const answered = await api.call('POST', `/referrals/${sent.body.id}/answer`, {
      as: 'cw.vd',
      body: { text: 'Vejdirektoratet giver samtykke på vilkår om oversigtsareal.', consent: 'given', documentIds: [answerDocId] },
      headers: { 'if-match': '"1"' },
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'answered', version: 2, answer: { consent: 'given', late: false, documentIds: [answerDocId] } });
    const [resumed] = await api.ds.query(`SELECT stops, target_due_on::text AS due FROM permits WHERE id = $1`, [road.id]);
    expect(resumed.stops).toEqual([{ reason: 'awaitingOtherAuthority', from: '2027-05-03', to: '2027-05-13' }]);
    expect(resumed.due > before).toBe(true);
    const back = await api.ds.query(`SELECT u.username FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.kind = 'referralAnswered' AND n.permit_id = $1`, [road.id]);
    expect(back.map((r: any) => r.username)).toContain(CW);
    const timeline = await api.get(`/cases/${caseId}/timeline`, CW);
    const types = JSON.stringify(timeline.body);
    expect(types).toContain('referral.sent');
    expect(types).toContain('referral.answered');
    // The asking caseworker reads the answer and its document.
    expect((await api.get(`/referrals/${sent.body.id}/documents/${answerDocId}/content`, CW)).status).toBe(200);
    const again = await api.call('POST', `/referrals/${sent.body.id}/answer`, { as: 'cw.vd', body: { text: 'igen', consent: 'given' }, headers: { 'if-match': '"2"' } });
    expect([again.status, again.body.code]).toEqual([409, 'REFERRAL.NOT_OPEN']);
  });

  it('after the deadline the requester proceeds without the answer (recorded and audited); a later answer is refused', async () => {
    await api.setClock('2027-06-07T09:00:00Z');
    const { caseId, permit } = await submittedCase('Referral proceed case');
    const soil = permit('JFL_8');
    expect((await api.permitEvent(soil.id, CW, { type: 'authority.completenessConfirmed' })).status).toBe(200);
    const sent = await refer(soil.id, { toAuthorityCode: 'REGION-1084', question: 'Regionens bemærkninger til §8-tilladelsen?' });
    expect(sent.status).toBe(201);
    // JFL §8(3): the Region is consulted for 4 weeks; no clock stop.
    expect(sent.body).toMatchObject({ kind: 'opinion', ruleId: 'JFL_8_REGION', dueOn: '2027-07-05', stopsClock: false });

    // A referral the catalogue does not know needs a chosen date; it never stops the clock.
    const noDate = await refer(soil.id, { toAuthorityCode: 'MUSEUM', question: 'Fund på grunden?' });
    expect([noDate.status, noDate.body.code]).toEqual([422, 'REFERRAL.DUE_REQUIRED']);
    const museum = await refer(soil.id, { toAuthorityCode: 'MUSEUM', question: 'Kendte fund på grunden?', dueOn: '2027-12-20' });
    expect(museum.body).toMatchObject({ kind: 'opinion', ruleId: null, dueOn: '2027-12-20', stopsClock: false });
    // The plan and the forecast do not decide the §8 permit (typically 6 weeks) before the museum's answer date.
    const plan0 = await api.get(`/cases/${caseId}/plan`, CW);
    expect(plan0.body.rows.find((r: any) => r.code === 'JFL_8').plannedEnd).toBe('2027-12-20');
    await api.post('/test/clock', { now: '2027-06-07T10:00:00Z', forecasts: true });
    const [fc] = await api.ds.query(`SELECT decision_p50::text AS p50, decision_p80::text AS p80 FROM permit_forecasts WHERE permit_id = $1`, [soil.id]);
    expect(fc.p50 >= '2027-12-20').toBe(true);
    const early = await api.call('POST', `/referrals/${sent.body.id}/proceed`, { as: CW, body: {}, headers: { 'if-match': '"1"' } });
    expect([early.status, early.body.code]).toEqual([422, 'REFERRAL.DEADLINE_NOT_PASSED']);

    await api.setClock('2027-07-06T09:00:00Z');
    expect((await api.get(`/permits/${soil.id}/referrals`, CW)).body[0]).toMatchObject({ overdue: true, status: 'open' });
    // The sweep (run by the test clock) told the asking authority once that the answer date passed; a second sweep tells nobody again.
    await api.setClock('2027-07-06T09:05:00Z');
    const overdue = await api.ds.query(`SELECT u.username, n.data->>'dueOn' AS due FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.kind = 'referralOverdue' AND n.permit_id = $1`, [soil.id]);
    expect(people(overdue)).toEqual([{ username: CW, due: '2027-07-05' }]);
    expect(new Set(overdue.map((r: any) => r.username)).size).toBe(overdue.length); // once each
    const proceeded = await api.call('POST', `/referrals/${sent.body.id}/proceed`, { as: CW, body: { note: 'Intet svar inden fristen.' }, headers: { 'if-match': '"1"' } });
    expect(proceeded.status).toBe(200);
    expect(proceeded.body).toMatchObject({ status: 'proceeded', proceeded: { note: 'Intet svar inden fristen.' } });
    const [audit] = await api.ds.query(`SELECT e.reason, u.username FROM audit_events e JOIN users u ON u.id = e.actor_user_id WHERE e.permit_id = $1 AND e.event_type = 'referral.proceeded'`, [soil.id]);
    expect(audit).toEqual({ reason: 'Intet svar inden fristen.', username: CW });
    const told = await api.ds.query(`SELECT u.username FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.kind = 'referralAnswered' AND n.permit_id = $1`, [soil.id]);
    expect(people(told).map((r: any) => r.username)).toEqual(['cw.region-hovedstaden']);
    const late = await api.call('POST', `/referrals/${sent.body.id}/answer`, { as: 'cw.region-hovedstaden', body: { text: 'For sent' }, headers: { 'if-match': '"2"' } });
    expect([late.status, late.body.code]).toEqual([409, 'REFERRAL.NOT_OPEN']);
    // The Region's referral no longer holds the decision back, but the museum's (open, due
    // 2027-12-20) does: no decision while a referral is open — nothing written.
    const before = (await api.get(`/permits/${soil.id}`, CW)).body;
    const decide = await api.permitEvent(soil.id, CW, { type: 'authority.decisionIssued', outcome: 'granted', reason: 'Forureningen håndteres forsvarligt.' });
    expect([decide.status, decide.body.code]).toEqual([422, 'REFERRAL.OPEN']);
    expect(decide.body.referrals).toEqual([{ id: museum.body.id, dueOn: '2027-12-20' }]);
    const after = (await api.get(`/permits/${soil.id}`, CW)).body;
    expect([after.version, after.state]).toEqual([before.version, before.state]);
    const plan = await api.get(`/cases/${(await api.get(`/permits/${soil.id}`, CW)).body.caseId}/plan`, CW);
    expect(plan.body.referrals.find((r: any) => r.referralId === sent.body.id)).toMatchObject({ status: 'proceeded', closedOn: '2027-07-06' });
  });

  it('delegation moves the task and the access: the old authority keeps what it did and gets 404 on new material; delegation outside municipalities is 422 with the rule', async () => {
    await api.setClock('2027-08-02T09:00:00Z');
    const { caseId, permit } = await submittedCase('Delegation case');
    const road = permit('ROAD_ACCESS');
    const oldDoc = await api.upload(APPLICANT, caseId, { permitId: road.id });
    expect((await api.permitEvent(road.id, CW, { type: 'authority.completenessConfirmed' })).status).toBe(200);
    const [before] = await api.ds.query(`SELECT target_due_on::text AS due, stops FROM permits WHERE id = $1`, [road.id]);

    const change = async (body: Record<string, unknown>, as = CW) => api.call('POST', `/permits/${road.id}/authority-change`, { as, body, headers: { 'if-match': `"${await version(road.id, as)}"` } });
    const toState = await change({ kind: 'delegation', toAuthorityCode: 'VD', reason: 'Aftale' });
    expect([toState.status, toState.body.code, toState.body.rule?.id]).toEqual([422, 'AUTHORITY_CHANGE.NOT_ALLOWED', 'L206_DELEGATION_MUNICIPALITIES_ONLY']);
    expect(toState.body.rule.en).toMatch(/only to another municipality/);
    const callInByCaseworker = await change({ kind: 'callIn', toAuthorityCode: 'MST', reason: 'x' });
    expect(callInByCaseworker.status).toBe(403);
    expect((await api.ds.query(`SELECT count(*)::int AS n FROM permit_authority_changes WHERE permit_id = $1`, [road.id]))[0].n).toBe(0);

    const delegated = await change({ kind: 'delegation', toAuthorityCode: 'KOMMUNE-326', reason: 'Aftale mellem Hillerød og Kalundborg om vejsager (L 206).' });
    expect(delegated.status).toBe(200);
    expect(delegated.body.authority.code).toBe('KOMMUNE-326');
    // The task moved (unassigned), the clocks continue unchanged.
    const [task] = await api.ds.query(`SELECT a.code, t.assigned_to FROM tasks t JOIN authorities a ON a.id = t.authority_id WHERE t.permit_id = $1`, [road.id]);
    expect(task).toEqual({ code: 'KOMMUNE-326', assigned_to: null });
    const [after] = await api.ds.query(`SELECT target_due_on::text AS due, stops FROM permits WHERE id = $1`, [road.id]);
    expect(after).toEqual(before);
    const inbox = await api.get('/tasks?pageSize=100&q=' + encodeURIComponent('Delegation case'), 'cw.kalundborg');
    expect(inbox.body.items.map((t: any) => t.permitId)).toContain(road.id);
    expect((await api.get(`/permits/${road.id}`, 'cw.kalundborg')).status).toBe(200);
    expect((await api.get(`/permits/${road.id}`, CW)).status).toBe(404);
    const [audit] = await api.ds.query(`SELECT reason, payload FROM audit_events WHERE permit_id = $1 AND event_type = 'authority.delegated'`, [road.id]);
    expect(audit.reason).toContain('Aftale');
    expect(audit.payload).toMatchObject({ fromAuthorityCode: 'KOMMUNE-219', toAuthorityCode: 'KOMMUNE-326' });
    expect(audit.payload.legalBasis).toContain('L 206');
    const told = (await api.ds.query(`SELECT u.username FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.kind = 'authorityChanged' AND n.permit_id = $1`, [road.id])).map((r: any) => r.username);
    expect(told).toEqual(expect.arrayContaining(['cw.kalundborg', APPLICANT, 'coordinator']));

    // New material after the change: the old authority gets 404; what it had stays readable in its former record.
    const newDoc = await api.upload(APPLICANT, caseId, { permitId: road.id });
    expect(newDoc.status).toBe(201);
    expect((await api.get(`/documents/${newDoc.body.id}`, CW)).status).toBe(404);
    expect((await api.get(`/documents/${newDoc.body.id}`, 'cw.kalundborg')).status).toBe(200);
    const record = await api.get(`/permits/${road.id}/former-record`, CW);
    expect(record.status).toBe(200);
    expect(record.body.documents.map((d: any) => d.id)).toEqual([oldDoc.body.id]);
    expect(record.body.events.map((e: any) => e.eventType)).toContain('authority.completenessConfirmed');
    expect((await api.get(`/permits/${road.id}/former-record/documents/${oldDoc.body.id}/content`, CW)).status).toBe(200);
    expect((await api.get(`/permits/${road.id}/former-record/documents/${newDoc.body.id}/content`, CW)).status).toBe(404);
    expect((await api.get(`/permits/${road.id}/former-record`, 'cw.kalundborg')).status).toBe(404);
    // The new authority acts on it.
    expect((await api.permitEvent(road.id, 'cw.kalundborg', { type: 'authority.decisionIssued', outcome: 'granted', reason: 'ok' })).status).toBe(200);
  });

  it('a minister calls a municipal permit in: audited with reason and legal basis, the state agency takes over; a state permit cannot be called in', async () => {
    await api.setClock('2027-09-06T09:00:00Z');
    const { permit } = await submittedCase('Call-in case');
    const soil = permit('JFL_8');
    const v = await version(soil.id, 'coordinator');
    const called = await api.call('POST', `/permits/${soil.id}/authority-change`, {
      as: 'coordinator',
      body: { kind: 'callIn', toAuthorityCode: 'MST', reason: 'Ministeren hjemtager sagen: national strategisk betydning.' },
      headers: { 'if-match': `"${v}"` },
    });
    expect(called.status).toBe(200);
    const [audit] = await api.ds.query(
      `SELECT e.reason, e.payload, e.actor_role, u.username FROM audit_events e JOIN users u ON u.id = e.actor_user_id WHERE e.permit_id = $1 AND e.event_type = 'authority.calledIn'`,
      [soil.id],
    );
    expect(audit).toMatchObject({ reason: 'Ministeren hjemtager sagen: national strategisk betydning.', actor_role: 'coordinator', username: 'coordinator', payload: { kind: 'callIn', toAuthorityCode: 'MST' } });
    expect(audit.payload.legalBasis).toMatch(/L 206/);
    expect((await api.get(`/permits/${soil.id}/authority-changes`, 'cw.mst')).body).toEqual([expect.objectContaining({ kind: 'callIn', from: expect.objectContaining({ code: 'KOMMUNE-219' }), to: expect.objectContaining({ code: 'MST' }) })]);
    const again = await api.call('POST', `/permits/${soil.id}/authority-change`, {
      as: 'coordinator',
      body: { kind: 'callIn', toAuthorityCode: 'ENS', reason: 'x' },
      headers: { 'if-match': `"${await version(soil.id, 'coordinator')}"` },
    });
    expect([again.status, again.body.code, again.body.rule?.id]).toEqual([422, 'AUTHORITY_CHANGE.NOT_ALLOWED', 'L206_CALL_IN_MUNICIPAL_POWERS']);
    const gateways = await api.get(`/cases/${(await api.get(`/permits/${soil.id}`, 'coordinator')).body.caseId}/gateways`, APPLICANT);
    expect(gateways.status).toBe(200);
    expect(gateways.body.find((g: any) => g.id === 'environment').status).toBe('open');
  });

  it('a referral answer date past the ceiling makes the case breached in the case list as on the case page', async () => {
    await api.setClock('2027-08-02T09:00:00Z');
    const c = await createSubmittedCase(api, APPLICANT, PHARMA_FACTS, 'Referral past the ceiling');
    const env = c.permits.find((p: { code: string }) => p.code === 'MILJOEGODKENDELSE').id as string;
    expect((await api.permitEvent(env, 'cw.mst', { type: 'authority.completenessConfirmed' })).status).toBe(200);
    const ceilingDueOn = (await api.get(`/cases/${c.id}`, 'coordinator')).body.projection.ceilingDueOn as string;
    expect(ceilingDueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The museum's answer date a month after the ceiling: the environmental permit is not decided before it.
    const dueOn = new Date(Date.parse(`${ceilingDueOn}T12:00:00Z`) + 31 * 86_400_000).toISOString().slice(0, 10);
    expect((await refer(env, { toAuthorityCode: 'MUSEUM', question: 'Kendte fund på grunden?', dueOn }, 'cw.mst')).status).toBe(201);
    const detail = await api.get(`/cases/${c.id}`, 'coordinator');
    expect([detail.body.risk, detail.body.projection.ceilingRisk]).toEqual(['breached', 'breached']);
    const listed = await api.get(`/cases?q=${encodeURIComponent(detail.body.reference)}`, 'coordinator');
    expect(listed.body.items.map((x: { id: string; risk: string }) => [x.id, x.risk])).toEqual([[c.id, 'breached']]);
  });
});
