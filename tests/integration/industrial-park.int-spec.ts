/**
 * Issue 13 item 19: cases in a designated industrial park (L 206's second part: "statslig
 * udpegning af industriparker", permits-research.md §0, §2; Life Science Rådet 2023 rec. 10).
 * The coordinator dashboard shows them as their own group, and the fast track (catalogue data
 * INDUSTRIAL_PARK_FAST_TRACK, every effect an inference: the research holds no text of what a
 * designation does) gives a park project the settled plan basis (no plan amendment / local plan),
 * a VVM screening shown as relying on the park's plan-level assessment, and the L 206 ceiling
 * computed without the covered plan track.
 */
import { createCase, TestApi } from './support/http';

// Multi-step HTTP scenarios: generous under a loaded CI machine (each runs ~1–2 s when idle).
jest.setTimeout(60_000);

const APPLICANT = 'anna@nordlys.example';

describe('designated industrial parks on the dashboard (issue 13 item 19)', () => {
  const api = TestApi.forSuite();

  beforeAll(async () => {
    await api.setClock('2026-03-02T09:00:00Z');
  });

  it('lists open park cases as their own group, and no other case', async () => {
    const park = await createCase(api, APPLICANT, { municipalityCode: '219', siteZone: 'byzone', inIndustrialPark: true, newBuildingOrExtension: true }, 'Food plant in the park');
    const other = await createCase(api, APPLICANT, { municipalityCode: '219', siteZone: 'byzone', newBuildingOrExtension: true }, 'Warehouse outside the park');
    expect((await api.caseEvent(park.id, APPLICANT, { type: 'case.submitted' })).status).toBe(200);
    const d = await api.call('GET', '/dashboard', { as: 'coordinator' });
    expect(d.status).toBe(200);
    const refs = d.body.industrialParkCases.map((c: { reference: string }) => c.reference);
    expect(refs).not.toContain(other.reference);
    // The group shows the first 50 open park cases by ceiling date; other test files in the same
    // database add park cases, and this one (building only: no L 206 ceiling) sorts last. So: the
    // group is exactly the open park cases in that order, and this case is one of them.
    const open: { reference: string }[] = await api.ds.query(
      `SELECT reference FROM cases WHERE state IN ('draft', 'submitted', 'inProgress') AND facts->>'inIndustrialPark' = 'true' ORDER BY ceiling_due_on NULLS LAST, reference`,
    );
    expect(refs).toEqual(open.slice(0, 50).map((r) => r.reference));
    expect(open.map((r) => r.reference)).toContain(park.reference);
    expect(open.map((r) => r.reference)).not.toContain(other.reference);
    if (refs.includes(park.reference)) {
      expect(d.body.industrialParkCases.find((c: { reference: string }) => c.reference === park.reference)).toEqual(expect.objectContaining({ id: park.id, state: 'inProgress' }));
    }
  });

  it('fast track: a park project needs no plan amendment or local plan, its VVM screening relies on the park assessment, and it gets 12 months (18 outside)', async () => {
    // Annex 2 food plant outside the plan frame, needing a new local plan (Vejle).
    const facts = {
      municipalityCode: '630', siteZone: 'byzone', fitsMunicipalPlanFrame: false, needsNewLocalPlan: true,
      listedActivity: { annex: 'annex2', sMarked: false }, eiaAnnex: 'annex2', newBuildingOrExtension: true, investmentDkk: 150_000_000,
    };
    const preview = await api.call('POST', '/screening', { body: { ...facts, inIndustrialPark: true } });
    expect(preview.status).toBe(200);
    expect(preview.body.industrialPark).toEqual(expect.objectContaining({ fastTrack: 'L206-INDUSTRIAL-PARK', eiaScreeningOnPlanAssessment: true, ceilingMonths: 12, ceilingMonthsOutsidePark: 18 }));
    expect(preview.body.industrialPark.coveredPermits.map((p: { code: string }) => p.code)).toEqual(['KOMMUNEPLANTILLAEG', 'LOKALPLAN']);
    expect(preview.body.industrialPark.basis.every((b: { kind: string }) => b.kind === 'inference')).toBe(true);

    const park = await createCase(api, APPLICANT, { ...facts, inIndustrialPark: true }, 'Food plant in the park, fast track');
    const outside = await createCase(api, APPLICANT, facts, 'Food plant outside the park, plan track');
    const codes = (c: { permits: Array<{ code: string }> }) => c.permits.map((p) => p.code).sort();
    // PL §§13, 23c, 24 (research #1, #2): outside the park the plan track is needed.
    expect(codes(outside)).toEqual(['BUILDING_PERMIT', 'KOMMUNEPLANTILLAEG', 'LOKALPLAN', 'MILJOEGODKENDELSE', 'VVM_SCREENING']);
    expect(codes(park)).toEqual(['BUILDING_PERMIT', 'MILJOEGODKENDELSE', 'VVM_SCREENING']);
    expect([park.ceilingMonths, outside.ceilingMonths]).toEqual([12, 18]);

    const detail = await api.call('GET', `/cases/${park.id}`, { as: APPLICANT });
    const vvm = detail.body.permits.find((p: { code: string }) => p.code === 'VVM_SCREENING');
    expect(vvm.reasons.map((r: { ruleId: string }) => r.ruleId)).toEqual(['EIA-ANNEX2-SCREENING', 'PARK-EIA-PLAN-ASSESSMENT']);
    expect(vvm.reasons[1].statute).toMatch(/inference/);
    expect(detail.body.industrialPark).toEqual(expect.objectContaining({ ceilingMonths: 12, ceilingMonthsOutsidePark: 18 }));
    expect(detail.body.ceiling.reason.en).toMatch(/Designated industrial park: the plan basis is settled/);
    expect((await api.call('GET', `/cases/${outside.id}`, { as: APPLICANT })).body.industrialPark).toBeNull();

    // The park case is in the dashboard's group once submitted; the twin outside is not.
    expect((await api.caseEvent(park.id, APPLICANT, { type: 'case.submitted' })).status).toBe(200);
    const d = await api.call('GET', '/dashboard', { as: 'coordinator' });
    const refs = d.body.industrialParkCases.map((c: { reference: string }) => c.reference);
    expect([refs.includes(park.reference), refs.includes(outside.reference)]).toEqual([true, false]);
  });
});
