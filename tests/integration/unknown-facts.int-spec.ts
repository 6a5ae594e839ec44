/**
 * Issue 13 item 15 over HTTP: "don't know" answers (facts.unknownFacts) give possible permits with
 * the questions to settle; such a case cannot be submitted until a coordinator accepts the open
 * questions (audited, If-Match); an omitted fact keeps today's meaning (submits as before). The
 * applicant settles an answer later inside the case (PUT /cases/:id/application/facts): the
 * permit set is re-screened, the possible permit becomes required or drops, audited; choice and
 * number questions take "don't know" too (item 15 (b)).
 */
import { createCase, TestApi } from './support/http';

// Multi-step HTTP scenarios: generous under a loaded CI machine (each runs ~1–2 s when idle).
jest.setTimeout(60_000);

const APPLICANT = 'anna@nordlys.example';
const FACTS = { municipalityCode: '219', siteZone: 'byzone', newBuildingOrExtension: true };

describe('"don\'t know" answers (issue 13 item 15)', () => {
  const api = TestApi.forSuite();

  beforeAll(async () => {
    await api.setClock('2026-03-02T09:00:00Z');
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

  const factsPut = (caseId: string, version: number, body: object) =>
    api.call('PUT', `/cases/${caseId}/application/facts`, { as: APPLICANT, body, headers: { 'if-match': `"${version}"` } });
  const appVersion = async (caseId: string) => (await api.call('GET', `/cases/${caseId}/application`, { as: APPLICANT })).body.version as number;
  const codesOf = async (caseId: string) =>
    ((await api.call('GET', `/cases/${caseId}`, { as: APPLICANT })).body.permits as Array<{ code: string; state: string }>).filter((p) => p.state !== 'withdrawn').map((p) => p.code).sort();

  it('choice and number questions take "don\'t know" on POST /screening and POST /cases (item 15 (b))', async () => {
    const r = await api.call('POST', '/screening', { body: { ...FACTS, unknownFacts: ['sevesoTier', 'combustionThermalInputMW', 'gmoClass'] } });
    expect(r.status).toBe(200);
    expect(Object.fromEntries(r.body.possiblePermits.map((p: { code: string; settle: string[] }) => [p.code, p.settle]))).toEqual({
      SEVESO_RISK: ['sevesoTier'], // BEK 372/2016: column 2 or 3 (lower/upper tier)
      CO2_PERMIT: ['combustionThermalInputMW'], // CO₂-kvoteloven: > 20 MW
      GMO_CONTAINED_USE: ['gmoClass'], // AT-bek. 910/2008: class ≥ 1
    });
    const refused = await api.call('POST', '/cases', { as: APPLICANT, body: { title: 'Seveso answered and unknown', facts: { ...FACTS, sevesoTier: 'lower', unknownFacts: ['sevesoTier'] } } });
    expect([refused.status, refused.body.code, refused.body.issues?.[0]?.rule]).toEqual([422, 'SCREENING.INVALID_FACTS', 'FACTS-UNKNOWN-AND-ANSWERED']);
  });

  it('the applicant settles the answers inside the case: "yes" adds the permit (confirmed), a choice settled drops it; audited; then it submits', async () => {
    const c = await createCase(api, APPLICANT, { ...FACTS, unknownFacts: ['groundwaterAbstraction', 'sevesoTier'] }, 'Settle later case');
    const open = await api.call('GET', `/cases/${c.id}`, { as: APPLICANT });
    expect(open.body.settlement).toEqual(expect.objectContaining({ settled: false }));
    expect(open.body.settlement.unsettledFacts.sort()).toEqual(['groundwaterAbstraction', 'sevesoTier']);
    expect((await api.caseEvent(c.id, APPLICANT, { type: 'case.submitted' })).body.code).toBe('CASE.UNSETTLED_FACTS');

    // 1. Groundwater: "yes" → VANDINDVINDING is required now (VFL §§18, 20); the change needs the company's confirmation.
    const yes = { ...FACTS, groundwaterAbstraction: true, unknownFacts: ['sevesoTier'] };
    const asked = await factsPut(c.id, await appVersion(c.id), { facts: yes });
    expect([asked.status, asked.body.code, asked.body.added.map((p: { code: string }) => p.code)]).toEqual([409, 'APPLICATION.PERMIT_SET_CHANGE_UNCONFIRMED', ['VANDINDVINDING']]);
    const confirmed = await factsPut(c.id, await appVersion(c.id), { facts: yes, confirm: { added: ['VANDINDVINDING'], dropped: [] } });
    expect(confirmed.status).toBe(200);
    expect(await codesOf(c.id)).toEqual(['BUILDING_PERMIT', 'VANDINDVINDING']);
    const half = await api.call('GET', `/cases/${c.id}`, { as: APPLICANT });
    expect(half.body.settlement).toEqual(expect.objectContaining({ settled: false, unsettledFacts: ['sevesoTier'] }));
    expect(half.body.settlement.possiblePermits.map((p: { code: string }) => p.code)).toEqual(['SEVESO_RISK']);
    expect((await api.caseEvent(c.id, APPLICANT, { type: 'case.submitted' })).body.code).toBe('CASE.UNSETTLED_FACTS');

    // 2. Seveso tier settled as 'none': the possible permit drops, nothing to confirm.
    const none = { ...FACTS, groundwaterAbstraction: true, sevesoTier: 'none' };
    const settled = await factsPut(c.id, await appVersion(c.id), { facts: none });
    expect(settled.status).toBe(200);
    expect(await codesOf(c.id)).toEqual(['BUILDING_PERMIT', 'VANDINDVINDING']);
    const done = await api.call('GET', `/cases/${c.id}`, { as: APPLICANT });
    expect(done.body.settlement).toEqual(expect.objectContaining({ settled: true, unsettledFacts: [], possiblePermits: [] }));

    const audit = await api.ds.query(`SELECT payload, actor_role FROM audit_events WHERE case_id = $1 AND event_type = 'application.factsChanged' ORDER BY id`, [c.id]);
    expect(audit.map((a: { payload: Record<string, unknown> }) => [a.payload.settledFacts, a.payload.unsettledFacts, a.payload.added])).toEqual([
      [[{ fact: 'groundwaterAbstraction', answer: true }], ['sevesoTier'], ['VANDINDVINDING']],
      [[{ fact: 'sevesoTier', answer: 'none' }], [], []],
    ]);
    expect(audit.every((a: { actor_role: string }) => a.actor_role === 'applicant')).toBe(true);
    expect((await api.caseEvent(c.id, APPLICANT, { type: 'case.submitted' })).status).toBe(200);
  });

  it('a coordinator\'s acceptance covers the questions it named: a new "don\'t know" added later blocks the submit again', async () => {
    const c = await createCase(api, APPLICANT, { ...FACTS, unknownFacts: ['groundwaterAbstraction'] }, 'Accepted then reopened case');
    const detail = await api.call('GET', `/cases/${c.id}`, { as: APPLICANT });
    const path = `/cases/${c.id}/unknowns/accept`;
    const accepted = await api.call('POST', path, { as: 'coordinator', body: { reason: 'Abstraction settled at the first meeting.' }, headers: { 'if-match': String(detail.body.version) } });
    expect(accepted.body.settlement).toEqual(expect.objectContaining({ settled: true }));

    // The applicant edits the facts and leaves a new question open (flammable liquids storage).
    const reopened = { ...FACTS, unknownFacts: ['groundwaterAbstraction', 'flammableLiquidsStorageUnits'] };
    expect((await factsPut(c.id, await appVersion(c.id), { facts: reopened })).status).toBe(200);
    const after = await api.call('GET', `/cases/${c.id}`, { as: APPLICANT });
    expect(after.body.settlement).toEqual(expect.objectContaining({ settled: false, acceptedAt: null }));
    expect(after.body.settlement.possiblePermits.map((p: { code: string }) => p.code).sort()).toEqual(['FLAMMABLE_LIQUIDS', 'VANDINDVINDING']);
    expect((await api.caseEvent(c.id, APPLICANT, { type: 'case.submitted' })).body.code).toBe('CASE.UNSETTLED_FACTS');
    const again = await api.call('POST', path, { as: 'coordinator', body: { reason: 'Storage counted at the site visit.' }, headers: { 'if-match': String(after.body.version) } });
    expect(again.status).toBe(200);
    expect((await api.caseEvent(c.id, APPLICANT, { type: 'case.submitted' })).status).toBe(200);
  });
});
