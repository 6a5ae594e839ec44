/**
 * Issue 13 rules end to end over HTTP (real PostgreSQL + Redis): the klagefrist roll by MBL
 * §93(2), the hearing close after the last day for objections (PL §24(3)) and the lawful hearing
 * minimum the caseworker chooses (PL §24(4)–(6)). The rules themselves live in the domain libs;
 * these tests prove the host passes them through.
 */
import { createCase, TestApi } from './support/http';

const APPLICANT = 'anna@nordlys.example';
const CW = 'cw.hillerod';

describe('Issue 13 statute rules over HTTP', () => {
  const api = TestApi.forSuite();

  async function submittedCase(facts: object, title: string): Promise<Record<string, { id: string }>> {
    const c = await createCase(api, APPLICANT, facts, title);
    const submitted = await api.caseEvent(c.id, APPLICANT, { type: 'case.submitted' });
    expect(submitted.status).toBe(200);
    return Object.fromEntries(c.permits.map((p: { code: string; id: string }) => [p.code, p]));
  }

  it('plan hearings: PL §24(6) 2 weeks for a lokalplan is recorded; refused for a kommuneplantillæg; 8 weeks close after 27 Oct', async () => {
    await api.setClock('2025-09-01T08:00:00Z'); // Monday 1 September 2025
    const permits = await submittedCase({ municipalityCode: '219', siteZone: 'byzone', fitsMunicipalPlanFrame: false, newBuildingOrExtension: true }, 'Plan hearing case');
    const kpt = permits.KOMMUNEPLANTILLAEG;
    const lok = permits.LOKALPLAN;
    for (const p of [kpt, lok]) expect((await api.permitEvent(p.id, CW, { type: 'authority.completenessConfirmed' })).status).toBe(200);

    const before = await api.versionSum();
    const refused = await api.permitEvent(kpt.id, CW, { type: 'authority.hearingStarted', minimumBasis: 'PL_24_6' });
    expect([refused.status, refused.body.code]).toEqual([422, 'PERMIT.EVENT_NOT_ALLOWED']);
    expect(await api.versionSum()).toBe(before);

    // Default basis: PL §24(3), 8 weeks → objections through 27 Oct; close from 00:00 on 28 Oct (CET).
    const kptHearing = await api.permitEvent(kpt.id, CW, { type: 'authority.hearingStarted' });
    expect(kptHearing.status).toBe(200);
    expect(kptHearing.body.hearing.earliestEndAt).toBe('2025-10-27T23:00:00.000Z');

    // PL §24(6): a minor local plan, 2 weeks → objections through 15 Sep; close from 00:00 on 16 Sep (CEST).
    const lokHearing = await api.permitEvent(lok.id, CW, { type: 'authority.hearingStarted', minimumBasis: 'PL_24_6' });
    expect(lokHearing.status).toBe(200);
    expect(lokHearing.body.hearing.earliestEndAt).toBe('2025-09-15T22:00:00.000Z');
    const [audit] = await api.ds.query(`SELECT payload FROM audit_events WHERE permit_id = $1 AND event_type = 'authority.hearingStarted'`, [lok.id]);
    expect(audit.payload).toEqual(expect.objectContaining({ minimumBasis: 'PL_24_6' }));

    await api.setClock('2025-09-15T21:59:00Z'); // 23:59 on the last day for objections
    expect((await api.permitEvent(lok.id, CW, { type: 'authority.hearingEnded' })).status).toBe(422);
    await api.setClock('2025-09-15T22:00:00Z');
    expect((await api.permitEvent(lok.id, CW, { type: 'authority.hearingEnded' })).status).toBe(200);
  });

  it('a miljøgodkendelse decided on 26 Nov 2025 has its klagefrist on Wednesday 24 Dec 2025 (MBL §93(2): not a helligdag)', async () => {
    await api.setClock('2025-11-03T08:00:00Z');
    const permits = await submittedCase(
      { municipalityCode: '219', siteZone: 'byzone', fitsMunicipalPlanFrame: true, listedActivity: { annex: 'annex2', sMarked: false } },
      'Klagefrist case',
    );
    const env = permits.MILJOEGODKENDELSE;
    expect((await api.permitEvent(env.id, CW, { type: 'authority.completenessConfirmed' })).status).toBe(200);
    expect((await api.permitEvent(env.id, CW, { type: 'authority.hearingStarted' })).status).toBe(200);
    await api.setClock('2025-11-18T08:00:00Z');
    expect((await api.permitEvent(env.id, CW, { type: 'authority.hearingEnded' })).status).toBe(200);
    await api.setClock('2025-11-26T09:00:00Z');
    const decided = await api.permitEvent(env.id, CW, { type: 'authority.decisionIssued', outcome: 'granted', reason: 'Meets BAT.' });
    expect(decided.status).toBe(200);
    expect(decided.body.clocks.appealDeadlineOn).toBe('2025-12-24');
  });

  it('POST /screening derives MST from list item 4.1 and refuses "s-marked: no" with the rule that refused it', async () => {
    await api.setClock('2025-09-01T08:00:00Z');
    const facts = { municipalityCode: '607', siteZone: 'byzone', listedActivity: { listItem: '4.1' }, sevesoTier: 'upper' };
    const ok = await api.call('POST', '/screening', { body: facts });
    expect(ok.status).toBe(200);
    expect(ok.body.derived.listedActivity).toEqual(expect.objectContaining({ listItem: '4.1', sMarked: true, basis: 'catalogue' }));
    expect(ok.body.permits.find((p: { code: string }) => p.code === 'MILJOEGODKENDELSE').authority.code).toBe('MST');

    const refused = await api.call('POST', '/screening', { body: { ...facts, listedActivity: { listItem: '4.1', annex: 'annex1', sMarked: false } } });
    expect([refused.status, refused.body.code]).toEqual([422, 'SCREENING.INVALID_FACTS']);
    expect(JSON.stringify(refused.body)).toContain('DERIVE-SMARK');
  });

  it('a project that is not a produktionsvirksomhed (L 206 §2) gets no ceiling: null + reason in case, plan and dashboard', async () => {
    await api.setClock('2025-09-01T08:00:00Z');
    // A warehouse extension: a building permit only — no listed activity, no regular inspection.
    const created = await api.post('/cases', { title: 'Warehouse outside L 206', facts: { municipalityCode: '219', siteZone: 'byzone', fitsMunicipalPlanFrame: true, newBuildingOrExtension: true } }, APPLICANT);
    expect(created.status).toBe(201);
    expect(created.body.ceilingMonths).toBeNull();
    expect(created.body.ceiling).toEqual({ appliesUnderL206: false, months: null, reason: expect.objectContaining({ en: expect.stringContaining('Not eligible for Én indgang (L 206)') }) });
    const submitted = await api.caseEvent(created.body.id, APPLICANT, { type: 'case.submitted' });
    expect([submitted.status, submitted.body.state, submitted.body.ceilingDueOn, submitted.body.ceilingMonths]).toEqual([200, 'inProgress', null, null]);
    const [row] = await api.ds.query(`SELECT ceiling_months, ceiling_due_on, ceiling_reason FROM cases WHERE id = $1`, [created.body.id]);
    expect(row).toEqual({ ceiling_months: null, ceiling_due_on: null, ceiling_reason: expect.objectContaining({ da: expect.stringContaining('L 206') }) });

    const plan = await api.get(`/cases/${created.body.id}/plan`, 'coordinator');
    expect(plan.status).toBe(200);
    expect(plan.body).toMatchObject({ ceilingMonths: null, ceilingDueOn: null, withinCeiling: null, marginDays: null });
    expect(plan.body.projectedCompletion).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/));
    const dash = await api.get('/dashboard', 'coordinator');
    expect(dash.status).toBe(200);
    const list = await api.get('/cases?q=Warehouse%20outside%20L%20206', APPLICANT);
    expect(list.body.items.map((c: { ceilingMonths: unknown; ceiling: unknown }) => [c.ceilingMonths, c.ceiling])).toEqual([[null, expect.objectContaining({ appliesUnderL206: false })]]);

    // An eligible project (listed activity, state + municipal) keeps its 18-month ceiling.
    const eligible = await api.post('/cases', { title: 'Pharma under L 206', facts: { municipalityCode: '219', siteZone: 'byzone', fitsMunicipalPlanFrame: true, newBuildingOrExtension: true, listedActivity: { annex: 'annex1', sMarked: true } } }, APPLICANT);
    expect([eligible.status, eligible.body.ceilingMonths, eligible.body.ceiling.appliesUnderL206]).toEqual([201, 18, true]);
  });

  it('VFL §22: an abstraction permit shows its 30-year limit and reminds 6 and 3 months before, exactly once each, through deadline_alerts', async () => {
    await api.setClock('2026-03-02T08:00:00Z');
    const permits = await submittedCase({ municipalityCode: '219', siteZone: 'byzone', fitsMunicipalPlanFrame: true, groundwaterAbstraction: true }, 'Abstraction validity case');
    const water = permits.VANDINDVINDING;
    expect((await api.permitEvent(water.id, CW, { type: 'authority.completenessConfirmed' })).status).toBe(200);
    const decided = await api.permitEvent(water.id, CW, { type: 'authority.decisionIssued', outcome: 'granted', reason: 'Within the catchment budget.' });
    expect(decided.status).toBe(200);
    expect(decided.body.validity).toEqual(expect.objectContaining({ kind: 'maxTerm', validUntil: '2056-03-02', remindOn: ['2055-09-02', '2055-12-02'], inference: false }));
    expect(decided.body.validity.source).toContain('VFL §22');
    const rows = await api.ds.query(`SELECT threshold, due_at FROM deadline_alerts WHERE permit_id = $1 AND clock = 'validity' ORDER BY due_at`, [water.id]);
    expect(rows.map((r: { threshold: string; due_at: Date }) => [r.threshold, r.due_at.toISOString()])).toEqual([
      ['expiry6m', '2055-09-01T22:00:00.000Z'],
      ['expiry3m', '2055-12-01T23:00:00.000Z'],
    ]);
    const reminders = async () =>
      (await api.ds.query(`SELECT count(*)::int AS n FROM notifications WHERE permit_id = $1 AND kind = 'validityReminder'`, [water.id]))[0].n as number;
    await api.setClock('2055-09-01T21:59:00Z');
    expect(await reminders()).toBe(0);
    await api.setClock('2055-09-01T22:00:30Z');
    const afterFirst = await reminders();
    expect(afterFirst).toBeGreaterThanOrEqual(2); // the applicant organisation's users and the Hillerød caseworker
    await api.setClock('2055-09-01T22:01:00Z'); // the sweep again: nothing new
    expect(await reminders()).toBe(afterFirst);
    await api.setClock('2055-12-01T23:00:30Z');
    expect(await reminders()).toBe(2 * afterFirst);
    await api.setClock('2055-12-01T23:05:00Z');
    expect(await reminders()).toBe(2 * afterFirst);
    const audits = await api.ds.query(`SELECT event_type FROM audit_events WHERE permit_id = $1 AND event_type LIKE 'validity.%' ORDER BY occurred_at`, [water.id]);
    expect(audits.map((a: { event_type: string }) => a.event_type)).toEqual(['validity.expiry6m', 'validity.expiry3m']);
  });

  it('building follows the adopted plan (lov om Planklagenævnet §7(1)); construction start waits for the miljøgodkendelse (MBL §33(1)); the museum never blocks', async () => {
    await api.setClock('2025-09-01T08:00:00Z');
    const facts = { municipalityCode: '219', siteZone: 'byzone', fitsMunicipalPlanFrame: true, needsNewLocalPlan: true, newBuildingOrExtension: true, groundWorks: true, listedActivity: { annex: 'annex2', sMarked: false } };
    const permits = await submittedCase(facts, 'Dependencies case');
    expect(Object.keys(permits)).toEqual(expect.arrayContaining(['LOKALPLAN', 'BUILDING_PERMIT', 'MILJOEGODKENDELSE', 'ARCHAEOLOGY']));
    const caseId = (await api.get(`/permits/${permits.LOKALPLAN.id}`, APPLICANT)).body.caseId;
    const permitState = async (id: string) => (await api.get(`/permits/${id}`, APPLICANT)).body.state as string;
    // The museum's opinion is not a prerequisite: nothing waits for it.
    expect((await api.get(`/permits/${permits.BUILDING_PERMIT.id}`, APPLICANT)).body.prerequisites.map((x: { code: string }) => x.code)).not.toContain('ARCHAEOLOGY');

    const lok = permits.LOKALPLAN.id;
    expect((await api.permitEvent(lok, CW, { type: 'authority.completenessConfirmed' })).status).toBe(200);
    expect((await api.permitEvent(lok, CW, { type: 'authority.hearingStarted', minimumBasis: 'PL_24_6' })).status).toBe(200);
    await api.setClock('2025-09-16T08:00:00Z');
    expect((await api.permitEvent(lok, CW, { type: 'authority.hearingEnded' })).status).toBe(200);
    expect(await permitState(permits.BUILDING_PERMIT.id)).toBe('blocked');
    expect((await api.permitEvent(lok, CW, { type: 'authority.decisionIssued', outcome: 'granted', reason: 'Adopted.' })).status).toBe(200);
    // Adopted (decided, klagefrist running): the building permit is filed at once.
    expect(await permitState(lok)).toBe('decided.appealPeriod');
    expect(await permitState(permits.BUILDING_PERMIT.id)).toBe('submitted.completenessCheck');

    const bp = permits.BUILDING_PERMIT.id;
    expect((await api.permitEvent(bp, CW, { type: 'authority.completenessConfirmed' })).status).toBe(200);
    expect((await api.permitEvent(bp, CW, { type: 'authority.decisionIssued', outcome: 'granted', reason: 'BR18.' })).status).toBe(200);
    const c = (await api.get(`/cases/${caseId}`, APPLICANT)).body;
    expect(c.constructionStart.allowed).toBe(false);
    expect(c.constructionStart.waitingFor.map((w: { code: string; source: string }) => [w.code, w.source.includes('MBL §33(1)')])).toEqual([['MILJOEGODKENDELSE', true]]);
  });

  // Issue 13 item 18: one validation path. Nest's ValidationPipe deletes `constructor`,
  // `prototype` and `__proto__` keys in place, so POST /cases used to drop a fact POST /screening
  // refused; both now screen the body as sent (JSON text, so `__proto__` stays a plain key).
  it.each([
    ['a `constructor` fact', '{"municipalityCode":"219","siteZone":"byzone","newBuildingOrExtension":true,"constructor":{"x":1}}', 'constructor'],
    ['a `prototype` fact', '{"municipalityCode":"219","siteZone":"byzone","newBuildingOrExtension":true,"prototype":true}', 'prototype'],
    ['a `__proto__` fact', '{"municipalityCode":"219","siteZone":"byzone","newBuildingOrExtension":true,"__proto__":{"admin":true}}', '__proto__'],
    ['a nested `constructor` fact', '{"municipalityCode":"219","siteZone":"byzone","listedActivity":{"annex":"annex2","sMarked":false,"constructor":1}}', 'listedActivity.constructor'],
    ['Seveso in a summer-house area (PL §34)', '{"municipalityCode":"219","siteZone":"sommerhusomraade","sevesoTier":"upper","newBuildingOrExtension":true}', undefined],
  ])('POST /cases refuses %s exactly as POST /screening does (422, same issues and rule, nothing written)', async (_name, factsJson, field) => {
    await api.setClock('2025-09-01T08:00:00Z');
    const screening = await api.call('POST', '/screening', { rawBody: factsJson });
    expect([screening.status, screening.body.code]).toEqual([422, 'SCREENING.INVALID_FACTS']);
    const [{ n: before }] = await api.ds.query(`SELECT count(*)::int AS n FROM cases`);
    const created = await api.call('POST', '/cases', { as: APPLICANT, rawBody: `{"title":"Item 18 case","facts":${factsJson}}` });
    expect([created.status, created.body.code]).toEqual([422, 'SCREENING.INVALID_FACTS']);
    expect(created.body.issues).toEqual(screening.body.issues);
    if (field) expect(created.body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ field, code: 'UNKNOWN_FIELD' })]));
    else expect(created.body.issues.map((i: { rule?: string }) => i.rule)).toContain('FACTS-SEVESO-IN-SUMMER-HOUSE-AREA');
    const [{ n: after }] = await api.ds.query(`SELECT count(*)::int AS n FROM cases`);
    expect(after).toBe(before);
  });
});
