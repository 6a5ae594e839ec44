/**
 * Issue 13 item 15 over HTTP: "don't know" answers (facts.unknownFacts) give possible permits with
 * the questions to settle; such a case cannot be submitted until a coordinator accepts the open
 * questions (audited, If-Match); an omitted fact keeps today's meaning (submits as before).
 */
import { createCase, TestApi } from './support/http';

// Multi-step HTTP scenarios: generous under a loaded CI machine (each runs ~1–2 s when idle).
jest.setTimeout(60_000);

const APPLICANT = 'anna@nordlys.example';
const FACTS = { municipalityCode: '219', siteZone: 'byzone', newBuildingOrExtension: true };

describe('"don\'t know" answers (issue 13 item 15)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await TestApi.start();
    await api.setClock('2026-03-02T09:00:00Z');
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('POST /screening returns the possible permits and the questions to settle; omitted facts are unchanged', async () => {
    const omitted = await api.call('POST', '/screening', { body: FACTS });
    expect([omitted.status, omitted.body.possiblePermits, omitted.body.unsettledFacts]).toEqual([200, [], []]);
    const unknown = await api.call('POST', '/screening', { body: { ...FACTS, unknownFacts: ['groundwaterAbstraction'] } });
    expect(unknown.body.permits.map((p: { code: string }) => p.code)).toEqual(omitted.body.permits.map((p: { code: string }) => p.code));
    expect(unknown.body.possiblePermits).toEqual([expect.objectContaining({ code: 'VANDINDVINDING', settle: ['groundwaterAbstraction'] })]);
    const refused = await api.call('POST', '/cases', { as: APPLICANT, body: { title: 'Answered and unknown', facts: { ...FACTS, unknownFacts: ['newBuildingOrExtension'] } } });
    expect([refused.status, refused.body.code]).toEqual([422, 'SCREENING.INVALID_FACTS']);
  });

  it('a case with an open question cannot be submitted until a coordinator accepts it (audited); then it submits', async () => {
    const c = await createCase(api, APPLICANT, { ...FACTS, unknownFacts: ['groundwaterAbstraction'] }, 'Open question case');
    const detail = await api.call('GET', `/cases/${c.id}`, { as: APPLICANT });
    expect(detail.body.settlement).toEqual(expect.objectContaining({ settled: false, unsettledFacts: ['groundwaterAbstraction'], acceptedAt: null }));

    const before = await api.versionSum();
    const blocked = await api.caseEvent(c.id, APPLICANT, { type: 'case.submitted' });
    expect([blocked.status, blocked.body.code]).toEqual([422, 'CASE.UNSETTLED_FACTS']);
    expect(await api.versionSum()).toBe(before);

    // Only a coordinator accepts; If-Match is checked.
    const path = `/cases/${c.id}/unknowns/accept`;
    expect((await api.call('POST', path, { as: APPLICANT, body: { reason: 'please' }, headers: { 'if-match': String(detail.body.version) } })).status).toBe(403);
    expect((await api.call('POST', path, { as: 'coordinator', body: { reason: 'ok' }, headers: { 'if-match': String(detail.body.version + 5) } })).status).toBe(409);
    const accepted = await api.call('POST', path, { as: 'coordinator', body: { reason: 'The company confirms no abstraction before construction; settle in the first meeting.' }, headers: { 'if-match': String(detail.body.version) } });
    expect(accepted.status).toBe(200);
    expect(accepted.body.settlement).toEqual(expect.objectContaining({ settled: true, acceptedAt: expect.any(String) }));
    const [audit] = await api.ds.query(`SELECT actor_role, reason, payload FROM audit_events WHERE case_id = $1 AND event_type = 'case.unknownsAccepted'`, [c.id]);
    expect(audit).toEqual(expect.objectContaining({ actor_role: 'coordinator', payload: expect.objectContaining({ unsettledFacts: ['groundwaterAbstraction'], possiblePermits: ['VANDINDVINDING'] }) }));
    const again = await api.call('POST', path, { as: 'coordinator', body: { reason: 'again' }, headers: { 'if-match': String(accepted.body.version) } });
    expect([again.status, again.body.code]).toEqual([422, 'CASE.EVENT_NOT_ALLOWED']);

    const submitted = await api.caseEvent(c.id, APPLICANT, { type: 'case.submitted' });
    expect(submitted.status).toBe(200);
  });

  it('a case whose unknowns add no permit submits at once', async () => {
    const c = await createCase(api, APPLICANT, { ...FACTS, unknownFacts: ['nationalStrategicImportance'] }, 'Harmless unknown');
    expect((await api.caseEvent(c.id, APPLICANT, { type: 'case.submitted' })).status).toBe(200);
  });
});
