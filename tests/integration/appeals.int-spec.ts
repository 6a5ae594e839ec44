/**
 * Issue 13 item 1–2 acceptance, whole cases over HTTP (real PostgreSQL + Redis): an appeal board
 * that overturns (ophæver) a decision takes it away — the dependant is blocked again and leaves
 * its authority's inbox, with a notification; one that remits (hjemviser) sends it back to review;
 * while a suspensive appeal is pending (landzone, PL §35 — permits-research.md §1 #3) the permit
 * has no usable date.
 */
import { createSubmittedCase, TestApi } from './support/http';

// Multi-step HTTP scenarios: generous under a loaded machine (the first one, with the API's cold
// start, took just over Jest's default 5 s while six engineers shared two cores).
jest.setTimeout(60_000);

const APPLICANT = 'anna@nordlys.example';
const CW = 'cw.hillerod';
const COORD = 'coordinator';
// MVL annex 2 project with an annex-2 listed activity in Hillerød: VVM screening (MVL §21) must be
// decided before the miljøgodkendelse (MBL §33) is processed (catalogue edge `decided`).
const SCREENING_THEN_PERMIT = { municipalityCode: '219', siteZone: 'byzone', fitsMunicipalPlanFrame: true, listedActivity: { annex: 'annex2', sMarked: false }, eiaAnnex: 'annex2' };

type Permit = { id: string; code: string };

describe('Issue 13: appeal outcomes over HTTP', () => {
  const api = TestApi.forSuite();

  async function submittedCase(facts: object, title: string): Promise<Record<string, Permit>> {
    const c = await createSubmittedCase(api, APPLICANT, facts, title);
    return Object.fromEntries(c.permits.map((p: Permit) => [p.code, p]));
  }

  const permit = async (id: string, as = COORD) => (await api.get(`/permits/${id}`, as)).body;
  const inboxHas = async (code: string, caseId: string) =>
    ((await api.get('/tasks?pageSize=100', CW)).body.items as { caseId: string; permitCode: string }[]).some((t) => t.caseId === caseId && t.permitCode === code);

  /** The screening decided (granted), so the miljøgodkendelse was filed with Hillerød; an appeal lodged against the screening. */
  async function screeningAppealed(title: string) {
    await api.setClock('2026-01-05T09:00:00Z');
    const permits = await submittedCase(SCREENING_THEN_PERMIT, title);
    const vvm = permits.VVM_SCREENING;
    const env = permits.MILJOEGODKENDELSE;
    expect((await permit(env.id)).state).toBe('blocked');
    expect((await api.permitEvent(vvm.id, CW, { type: 'authority.completenessConfirmed' })).status).toBe(200);
    await api.setClock('2026-01-20T09:00:00Z');
    expect((await api.permitEvent(vvm.id, CW, { type: 'authority.decisionIssued', outcome: 'granted', reason: 'No significant effects.' })).status).toBe(200);
    const filed = await permit(env.id);
    expect(filed.state).toBe('submitted.completenessCheck');
    const caseId = (await api.ds.query(`SELECT case_id FROM permits WHERE id = $1`, [env.id]))[0].case_id as string;
    expect(await inboxHas('MILJOEGODKENDELSE', caseId)).toBe(true);
    await api.setClock('2026-02-02T09:00:00Z');
    expect((await api.permitEvent(vvm.id, COORD, { type: 'appeal.lodged', appellant: 'Neighbours' })).status).toBe(200);
    return { vvm, env, caseId };
  }

  it('overturned: the screening is no decision any more, and the filed miljøgodkendelse is blocked again, out of Hillerød’s inbox, with a notification', async () => {
    const { vvm, env, caseId } = await screeningAppealed('Overturned screening');
    await api.setClock('2026-06-15T09:00:00Z');
    const r = await api.permitEvent(vvm.id, COORD, { type: 'appeal.decided', outcome: 'overturned', reason: 'Screening inadequate.' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ state: 'final', outcome: 'refused', appeal: expect.objectContaining({ outcome: 'overturned' }) });
    expect(r.body.clocks.usableFrom).toBeNull();

    const dependant = await permit(env.id);
    expect(dependant.state).toBe('blocked');
    expect(dependant.prerequisites).toEqual([expect.objectContaining({ code: 'VVM_SCREENING', satisfied: false })]);
    expect(await inboxHas('MILJOEGODKENDELSE', caseId)).toBe(false);
    const told = await api.ds.query(
      `SELECT u.username FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.permit_id = $1 AND n.kind = 'applicationReturned' ORDER BY u.username`,
      [env.id],
    );
    expect(told.map((x: { username: string }) => x.username)).toEqual(expect.arrayContaining([CW, COORD]));
    const [audit] = await api.ds.query(`SELECT actor_role, payload FROM audit_events WHERE permit_id = $1 AND event_type = 'prerequisites.revoked'`, [env.id]);
    expect(audit).toEqual({ actor_role: 'system', payload: { codes: ['VVM_SCREENING'] } });
    // The case does not complete on a permit that was taken away.
    expect((await api.get(`/cases/${caseId}`, COORD)).body.state).toBe('inProgress');

    // No dead end: the company files a new screening application in the same case; the
    // miljøgodkendelse follows the new one.
    const old = await permit(vvm.id, APPLICANT);
    const reapply = (as: string, version = old.version) => api.call('POST', `/permits/${vvm.id}/reapplication`, { as, headers: { 'if-match': `"${version}"` } });
    expect((await reapply(COORD)).status).toBe(403); // coordinators steer, they do not apply
    expect((await reapply(APPLICANT, old.version - 1)).status).toBe(409);
    const created = await reapply(APPLICANT);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'VVM_SCREENING', replacesPermitId: vvm.id, supersededBy: null, state: 'submitted.completenessCheck', outcome: null });
    expect((await permit(vvm.id)).supersededBy).toBe(created.body.id);
    const twice = await reapply(APPLICANT, old.version + 1);
    expect([twice.status, twice.body.code]).toEqual([422, 'PERMIT.REAPPLICATION_NOT_ALLOWED']);
    expect(await inboxHas('VVM_SCREENING', caseId)).toBe(true);
    const plan = await api.get(`/cases/${caseId}/plan`, COORD);
    expect(plan.status).toBe(200);

    expect((await api.permitEvent(created.body.id, CW, { type: 'authority.completenessConfirmed' })).status).toBe(200);
    expect((await api.permitEvent(created.body.id, CW, { type: 'authority.decisionIssued', outcome: 'granted', reason: 'New screening: no significant effects.' })).status).toBe(200);
    expect((await permit(env.id)).state).toBe('submitted.completenessCheck');
    expect(await inboxHas('MILJOEGODKENDELSE', caseId)).toBe(true);
  });

  it('remitted: the screening returns to review with a new clock; the miljøgodkendelse waits, and is filed again after the new decision', async () => {
    const { vvm, env, caseId } = await screeningAppealed('Remitted screening');
    await api.setClock('2026-06-15T09:00:00Z');
    const r = await api.permitEvent(vvm.id, COORD, { type: 'appeal.decided', outcome: 'remitted' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ state: 'submitted.underReview', outcome: null, decision: null });
    expect(r.body.clocks).toMatchObject({ completeOn: '2026-06-15', decidedAt: null, appealDeadlineOn: null, usableFrom: null });
    expect(await inboxHas('VVM_SCREENING', caseId)).toBe(true);
    expect((await permit(env.id)).state).toBe('blocked');
    expect(await inboxHas('MILJOEGODKENDELSE', caseId)).toBe(false);

    await api.setClock('2026-07-01T09:00:00Z');
    const again = await api.permitEvent(vvm.id, CW, { type: 'authority.decisionIssued', outcome: 'granted', reason: 'Re-screened.' });
    expect(again.status).toBe(200);
    expect(again.body.clocks.appealDeadlineOn).toBe('2026-07-29');
    expect((await permit(env.id)).state).toBe('submitted.completenessCheck');
    expect(await inboxHas('MILJOEGODKENDELSE', caseId)).toBe(true);
  });

  it('suspensive appeal pending (landzone, PL §35): no usable date until the board upholds it; the building permit (final landzone) waits', async () => {
    await api.setClock('2026-03-02T09:00:00Z'); // Monday
    const permits = await submittedCase({ municipalityCode: '219', siteZone: 'landzone', newBuildingOrExtension: true }, 'Landzone appeal');
    const lz = permits.LANDZONE;
    expect((await api.permitEvent(lz.id, CW, { type: 'authority.completenessConfirmed' })).status).toBe(200);
    expect((await api.permitEvent(lz.id, CW, { type: 'authority.hearingStarted' })).status).toBe(200);
    await api.setClock('2026-03-20T09:00:00Z');
    expect((await api.permitEvent(lz.id, CW, { type: 'authority.hearingEnded' })).status).toBe(200);
    const decided = await api.permitEvent(lz.id, CW, { type: 'authority.decisionIssued', outcome: 'granted', reason: 'Fits the landscape.' });
    expect(decided.status).toBe(200);
    // 4 weeks from Fri 20 Mar 2026 end Fri 17 Apr: the klagefrist; usable the day after (PL §§40, 60).
    expect(decided.body.clocks).toMatchObject({ appealDeadlineOn: '2026-04-17', usableFrom: '2026-04-18' });

    await api.setClock('2026-04-01T09:00:00Z');
    const lodged = await api.permitEvent(lz.id, COORD, { type: 'appeal.lodged' });
    expect(lodged.status).toBe(200);
    expect(lodged.body.clocks.usableFrom).toBeNull();
    expect(lodged.body.appeal).toMatchObject({ suspendsPermit: true });
    if (permits.BUILDING_PERMIT) expect((await permit(permits.BUILDING_PERMIT.id)).state).toBe('blocked');

    // Refused before any write: 'changed' needs the board's conditions, 'upheld' takes none.
    const before = await api.versionSum();
    const bad = await api.permitEvent(lz.id, COORD, { type: 'appeal.decided', outcome: 'changed' });
    expect([bad.status, bad.body.code]).toEqual([400, 'REQUEST.VALIDATION_FAILED']);
    expect(await api.versionSum()).toBe(before);

    await api.setClock('2026-09-01T09:00:00Z');
    const upheld = await api.permitEvent(lz.id, COORD, { type: 'appeal.decided', outcome: 'upheld' });
    expect(upheld.status).toBe(200);
    expect(upheld.body).toMatchObject({ state: 'final', outcome: 'granted' });
    expect(upheld.body.clocks.usableFrom).toBe('2026-09-01');
  });
});
