/**
 * Issue 13 item 13 end to end (real PostgreSQL + Redis): a case screened with catalogue 2025.1
 * as published keeps 2025.1's dates until the audited upgrade moves its running permits to 2025.2
 * (legal corrections: klagefrist roll MBL §93(2), hearing close after the last day PL §24(3),
 * notices without klagefrist); the upgrade writes one audit row per permit, recomputes the dates,
 * and the sweep then acts on the corrected klagefrist. New cases are screened with 2025.2.
 *
 * A 2025.1 case is made by creating a case (today: 2025.2) and putting it back on 2025.1 the way
 * 2025.1 wrote it (version in the case and in each permit's machine context; a notice that had a
 * klagefrist). A hearing started under 2025.1 closed at the START of its last day: that one date
 * is written as 2025.1 computed it, because today's machine computes the corrected one itself.
 */
import { upgradeRunningPermits } from '@rl/case-engine';
import { getPermitType } from '@rl/permits-catalog';
import { createCase, TestApi } from './support/http';

// Multi-step HTTP scenarios: generous under a loaded CI machine (each runs ~1–2 s when idle).
jest.setTimeout(60_000);

const APPLICANT = 'anna@nordlys.example';
const CW = 'cw.hillerod';

describe('catalogue upgrade 2025.1 → 2025.2 (issue 13 item 13)', () => {
  const api = TestApi.forSuite();

  /** Puts a case and its permits on catalogue 2025.1 as it was published (notices had a klagefrist). */
  async function asPublished2025_1(caseId: string): Promise<void> {
    await api.ds.query(`UPDATE cases SET catalog_version = '2025.1' WHERE id = $1`, [caseId]);
    await api.ds.query(
      `UPDATE permits SET snapshot = jsonb_set(jsonb_set(snapshot, '{context,catalogVersion}', '"2025.1"'), '{context,appealApplies}', 'true')
        WHERE case_id = $1`,
      [caseId],
    );
  }

  const upgradeAudits = (permitId: string) =>
    api.ds.query(`SELECT actor_role, from_state, to_state, reason, payload FROM audit_events WHERE permit_id = $1 AND event_type = 'catalog.upgraded'`, [permitId]);

  it('GET /permit-types shows both versions: 2025.1 as published, 2025.2 with its classified changes', async () => {
    const v2 = await api.get('/permit-types');
    expect([v2.body.version, v2.body.versions]).toEqual(['2025.2', ['2025.1', '2025.2']]);
    expect(v2.body.changes).toContainEqual(expect.objectContaining({ id: 'KLAGEFRIST_ROLL', kind: 'legalCorrection' }));
    expect(v2.body.changes).toContainEqual(expect.objectContaining({ id: 'DKMA_CHANGE_ROUTE', kind: 'newCasesOnly' }));
    const v1 = await api.get('/permit-types?version=2025.1');
    expect(v1.body.changes).toEqual([]);
    expect(v1.body.permitTypes.find((p: { code: string }) => p.code === 'MILJOEGODKENDELSE').appeal.deadlineRoll.rule).toBe('nextBusinessDay');
  });

  it('new cases are screened with 2025.2', async () => {
    await api.setClock('2025-11-03T08:00:00Z');
    const c = await createCase(api, APPLICANT, { municipalityCode: '219', siteZone: 'byzone', newBuildingOrExtension: true }, 'New case on 2025.2');
    expect(c.catalogVersion).toBe('2025.2');
  });

  it('klagefrist and hearing: 2025.1 dates until the upgrade, then the statutory ones, audited; the sweep follows the corrected klagefrist', async () => {
    await api.setClock('2025-11-03T08:00:00Z');
    const permitIds = async (facts: object, title: string): Promise<Record<string, string>> => {
      const c = await createCase(api, APPLICANT, facts, title);
      await asPublished2025_1(c.id);
      expect((await api.caseEvent(c.id, APPLICANT, { type: 'case.submitted' })).status).toBe(200);
      return Object.fromEntries(c.permits.map((p: { code: string; id: string }) => [p.code, p.id]));
    };
    const env = (await permitIds({ municipalityCode: '219', siteZone: 'byzone', fitsMunicipalPlanFrame: true, listedActivity: { annex: 'annex2', sMarked: false } }, 'Permit screened with 2025.1')).MILJOEGODKENDELSE;
    const lok = (await permitIds({ municipalityCode: '219', siteZone: 'byzone', fitsMunicipalPlanFrame: false, newBuildingOrExtension: true }, 'Plan screened with 2025.1')).LOKALPLAN;

    for (const id of [env, lok]) expect((await api.permitEvent(id, CW, { type: 'authority.completenessConfirmed' })).status).toBe(200);
    expect((await api.permitEvent(env, CW, { type: 'authority.hearingStarted' })).status).toBe(200);
    await api.setClock('2025-11-18T08:00:00Z');
    expect((await api.permitEvent(env, CW, { type: 'authority.hearingEnded' })).status).toBe(200);
    await api.setClock('2025-11-26T09:00:00Z');
    const decided = await api.permitEvent(env, CW, { type: 'authority.decisionIssued', outcome: 'granted', reason: 'Meets BAT.' });
    // 2025.1's office-day roll: 4 weeks from 26 Nov = Wed 24 Dec (closed), 25–26 Dec holidays, weekend → Mon 29 Dec.
    expect(decided.body.clocks.appealDeadlineOn).toBe('2025-12-29');

    // The lokalplan's 8-week hearing from 26 Nov: objections through 21 Jan 2026; 2025.1 let it close at 00:00 on 21 Jan.
    expect((await api.permitEvent(lok, CW, { type: 'authority.hearingStarted' })).status).toBe(200);
    await api.ds.query(`UPDATE permits SET snapshot = jsonb_set(snapshot, '{context,hearingEarliestEndAt}', '"2026-01-20T23:00:00.000Z"') WHERE id = $1`, [lok]);

    const before = await api.counts();
    const report = await upgradeRunningPermits(api.ds, new Date('2025-11-26T10:00:00Z'));
    expect(report.toVersion).toBe('2025.2');
    expect(report.moved).toBeGreaterThanOrEqual(2);

    const envView = await api.call('GET', `/permits/${env}`, { as: CW });
    expect(envView.body.clocks.appealDeadlineOn).toBe('2025-12-24'); // MBL §93(2): 24 Dec is a hverdag
    const [envAudit] = await upgradeAudits(env);
    expect(envAudit).toEqual(
      expect.objectContaining({
        actor_role: 'system',
        from_state: 'decided.appealPeriod',
        to_state: 'decided.appealPeriod',
        payload: expect.objectContaining({
          fromVersion: '2025.1',
          toVersion: '2025.2',
          corrections: expect.arrayContaining([expect.objectContaining({ id: 'KLAGEFRIST_ROLL' })]),
          dates: expect.arrayContaining([{ field: 'appealDeadlineOn', from: '2025-12-29', to: '2025-12-24' }]),
        }),
      }),
    );

    const lokView = await api.call('GET', `/permits/${lok}`, { as: CW });
    expect(lokView.body.hearing.earliestEndAt).toBe('2026-01-21T23:00:00.000Z'); // after the last day (PL §24(3))
    const [lokAudit] = await upgradeAudits(lok);
    expect(lokAudit.payload.dates).toContainEqual({ field: 'hearingEarliestEndAt', from: '2026-01-20T23:00:00.000Z', to: '2026-01-21T23:00:00.000Z' });
    const [{ v }] = await api.ds.query(`SELECT snapshot->'context'->>'catalogVersion' AS v FROM permits WHERE id = $1`, [lok]);
    expect(v).toBe('2025.2');
    // One audit row per moved permit, nothing else written to audit.
    expect((await api.counts()).audit_events - before.audit_events).toBe(report.moved);

    // Idempotent: a second run moves nothing.
    expect((await upgradeRunningPermits(api.ds, new Date('2025-11-26T10:00:00Z'))).moved).toBe(0);

    // The sweep acts on the corrected klagefrist: final on 25 Dec, not after 29 Dec.
    await api.setClock('2025-12-25T09:00:00Z');
    expect((await api.call('GET', `/permits/${env}`, { as: CW })).body.state).toBe('final');
  });

  it('a notice decided under 2025.1 (with a 4-week klagefrist) becomes final at the upgrade, without a klagefrist', async () => {
    await api.setClock('2025-11-03T08:00:00Z');
    const c = await createCase(
      api,
      APPLICANT,
      { municipalityCode: '219', siteZone: 'byzone', fitsMunicipalPlanFrame: true, newBuildingOrExtension: true, constructionSite: { durationDays: 200, peakWorkers: 30, personDays: 3000 } },
      'Notice under 2025.1',
    );
    await asPublished2025_1(c.id);
    expect((await api.caseEvent(c.id, APPLICANT, { type: 'case.submitted' })).status).toBe(200);
    const byCode = Object.fromEntries(c.permits.map((p: { code: string; id: string }) => [p.code, p.id]));
    const building = byCode.BUILDING_PERMIT;
    const notice = byCode.CONSTRUCTION_SITE_NOTICE;
    expect((await api.permitEvent(building, CW, { type: 'authority.completenessConfirmed' })).status).toBe(200);
    expect((await api.permitEvent(building, CW, { type: 'authority.decisionIssued', outcome: 'granted', reason: 'OK' })).status).toBe(200);
    expect((await api.permitEvent(notice, 'cw.at', { type: 'authority.completenessConfirmed' })).status).toBe(200);
    const given = await api.permitEvent(notice, 'cw.at', { type: 'authority.decisionIssued', outcome: 'granted', reason: 'Notice received' });
    expect([given.body.state, given.body.clocks.appealDeadlineOn]).toEqual(['decided.appealPeriod', '2025-12-01']);

    const report = await upgradeRunningPermits(api.ds, new Date('2025-11-03T10:00:00Z'));
    expect(report.finalized).toBe(1);
    const view = await api.call('GET', `/permits/${notice}`, { as: 'cw.at' });
    expect([view.body.state, view.body.clocks.appealDeadlineOn]).toEqual(['final', null]);
    const [audit] = await upgradeAudits(notice);
    expect(audit.payload.corrections).toContainEqual(expect.objectContaining({ id: 'NOTICES_WITHOUT_APPEAL' }));
    expect(audit.payload.dates).toContainEqual({ field: 'appealDeadlineOn', from: '2025-12-01', to: null });
    const [expired] = await api.ds.query(`SELECT actor_role FROM audit_events WHERE permit_id = $1 AND event_type = 'appeal.periodExpired'`, [notice]);
    expect(expired.actor_role).toBe('system');
  });

  it('a decision letter keeps the catalogue version it was issued under when the upgrade moves its permit; the public list cites that version', async () => {
    await api.setClock('2025-11-03T08:00:00Z');
    const facts = { municipalityCode: '219', siteZone: 'byzone', fitsMunicipalPlanFrame: true, listedActivity: { annex: 'annex2', sMarked: false }, eiaAnnex: 'annex2' };
    const c = await createCase(api, APPLICANT, facts, 'Published letter under 2025.1');
    await asPublished2025_1(c.id);
    expect((await api.caseEvent(c.id, APPLICANT, { type: 'case.submitted' })).status).toBe(200);
    const vvm = c.permits.find((p: { code: string }) => p.code === 'VVM_SCREENING').id as string;
    expect((await api.permitEvent(vvm, CW, { type: 'authority.completenessConfirmed' })).status).toBe(200);
    const { version } = (await api.call('GET', `/permits/${vvm}`, { as: CW })).body;
    const issued = await api.call('POST', `/permits/${vvm}/decision`, { as: CW, body: { outcome: 'granted', reasons: 'Ingen væsentlig indvirkning på miljøet.' }, headers: { 'if-match': `"${version}"` } });
    expect(issued.status).toBe(201);
    const letterId = issued.body.decision.id as string;

    await upgradeRunningPermits(api.ds, new Date('2025-11-03T10:00:00Z'));
    const [row] = await api.ds.query(
      `SELECT x.catalog_version AS letter, p.snapshot->'context'->>'catalogVersion' AS permit FROM decision_documents x JOIN permits p ON p.id = x.permit_id WHERE x.id = $1`,
      [letterId],
    );
    expect(row).toEqual({ letter: '2025.1', permit: '2025.2' });
    const listed = ((await api.get('/public/decisions')).body.items as { id: string; legalBasis: string }[]).find((d) => d.id === letterId);
    expect(listed?.legalBasis).toBe(getPermitType('VVM_SCREENING', '2025.1').legalBasis);
  });
});
