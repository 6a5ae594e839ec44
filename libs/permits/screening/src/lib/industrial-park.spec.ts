/**
 * Issue 13 item 19: the fast track in a designated industrial park (L 206's second part lets the
 * state designate parks, permits-research.md §0, §2; Life Science Rådet 2023 rec. 10). What a
 * designation does is NOT in the research: every effect tested here is catalogue data marked as an
 * inference (INDUSTRIAL_PARK_FAST_TRACK), and the tests check that it is marked so.
 */
import { INDUSTRIAL_PARK_FAST_TRACK } from '@rl/permits-catalog';
import type { ProjectFacts } from './project-facts';
import { PARK_EIA_PLAN_ASSESSMENT_REASON, screen } from './screen';

const TODAY = '2025-09-01';
const codes = (facts: ProjectFacts) => screen(facts, { today: TODAY }).permits.map((p) => p.code);

// An annex 2 food plant (Vejle) that needs a new local plan and lies outside the municipal plan frame.
const FOOD_PLANT: ProjectFacts = {
  municipalityCode: '630',
  siteZone: 'byzone',
  fitsMunicipalPlanFrame: false,
  needsNewLocalPlan: true,
  listedActivity: { annex: 'annex2', sMarked: false },
  eiaAnnex: 'annex2',
  newBuildingOrExtension: true,
  investmentDkk: 150_000_000,
};

describe('designated industrial park fast track (issue 13 item 19)', () => {
  it('the catalogue data names its source and marks every effect as an inference', () => {
    expect(INDUSTRIAL_PARK_FAST_TRACK.source).toMatch(/L 206.*statslig udpegning af industriparker/);
    expect(INDUSTRIAL_PARK_FAST_TRACK.recommendation).toMatch(/Life Science Rådet 2023, recommendation 10/);
    for (const part of [INDUSTRIAL_PARK_FAST_TRACK.planBasis, INDUSTRIAL_PARK_FAST_TRACK.planLevelAssessment, INDUSTRIAL_PARK_FAST_TRACK.ceilingAndTargets, INDUSTRIAL_PARK_FAST_TRACK.notCovered]) {
      expect(part.basis.kind).toBe('inference');
      expect(part.basis.text).toMatch(/^Inference/);
    }
  });

  it('settled plan basis: no plan amendment (PL §§23c, 24) and no local plan (PL §13) in the park; outside they are needed', () => {
    expect(codes(FOOD_PLANT)).toEqual(expect.arrayContaining(['KOMMUNEPLANTILLAEG', 'LOKALPLAN']));
    const park = screen({ ...FOOD_PLANT, inIndustrialPark: true }, { today: TODAY });
    expect(park.permits.map((p) => p.code)).toEqual(['VVM_SCREENING', 'MILJOEGODKENDELSE', 'BUILDING_PERMIT']);
    expect(park.industrialPark?.coveredPermits.map((p) => [p.code, p.reasons.map((r) => r.ruleId)])).toEqual([
      ['KOMMUNEPLANTILLAEG', ['PLAN-OUTSIDE-FRAME']],
      ['LOKALPLAN', ['PLAN-NEW-LOKALPLAN', 'PLAN-LOKALPLAN-WITH-AMENDMENT']],
    ]);
    // The building permit has no prerequisite on a plan that is not part of the case.
    const building = park.permits.find((p) => p.code === 'BUILDING_PERMIT');
    expect(building?.prerequisites.map((e) => e.code)).not.toEqual(expect.arrayContaining(['LOKALPLAN']));
  });

  it('the EIA screening stays (MVL §21) and shows that it relies on the park\'s plan-level assessment', () => {
    const park = screen({ ...FOOD_PLANT, inIndustrialPark: true }, { today: TODAY });
    const vvm = park.permits.find((p) => p.code === 'VVM_SCREENING');
    expect(vvm?.reasons.map((r) => r.ruleId)).toEqual(['EIA-ANNEX2-SCREENING', 'PARK-EIA-PLAN-ASSESSMENT']);
    expect(vvm?.reasons[1]).toEqual(PARK_EIA_PLAN_ASSESSMENT_REASON);
    expect(PARK_EIA_PLAN_ASSESSMENT_REASON.statute).toMatch(/inference/);
    expect(park.industrialPark?.eiaScreeningOnPlanAssessment).toBe(true);
    // Outside the park the screening has no such basis.
    const outside = screen(FOOD_PLANT, { today: TODAY }).permits.find((p) => p.code === 'VVM_SCREENING');
    expect(outside?.reasons.map((r) => r.ruleId)).toEqual(['EIA-ANNEX2-SCREENING']);
  });

  it('an EIA permit is never covered by the park (MVL §25 is project-level)', () => {
    const park = screen({ ...FOOD_PLANT, inIndustrialPark: true, eiaSignificantEffectsExpected: true }, { today: TODAY });
    expect(park.permits.map((p) => p.code)).toContain('VVM_PERMIT');
  });

  it('targets and ceiling: the plan track it removes makes the case simple (12 months, L 206) and gives the building permit its 50-day servicemål', () => {
    const outside = screen(FOOD_PLANT, { today: TODAY });
    expect(outside.caseCeiling).toEqual(expect.objectContaining({ months: 18, appliesUnderL206: true }));
    expect(outside.caseCeiling.failedCriteria.map((c) => c.id)).toEqual(['NO_NEW_PLAN']);
    // research §1 #20: no servicemål for a project that needs a new lokalplan.
    expect(outside.permits.find((p) => p.code === 'BUILDING_PERMIT')?.serviceTargetVariant).toBe('VVM_OR_NEW_LOKALPLAN');
    expect(outside.industrialPark).toBeNull();

    const park = screen({ ...FOOD_PLANT, inIndustrialPark: true }, { today: TODAY });
    expect(park.caseCeiling).toEqual(expect.objectContaining({ months: 12, simple: true, appliesUnderL206: true }));
    expect(park.caseCeiling.reason.en).toMatch(/Designated industrial park: the plan basis is settled .*inference/);
    expect(park.industrialPark).toEqual(expect.objectContaining({ ceilingMonths: 12, ceilingMonthsOutsidePark: 18, fastTrack: 'L206-INDUSTRIAL-PARK' }));
    expect(park.permits.find((p) => p.code === 'BUILDING_PERMIT')?.serviceTargetVariant).toBe('INDUSTRY'); // 50 days
  });

  it('a park project that fits the plan is screened as before (only the note and the fast-track block)', () => {
    const fits: ProjectFacts = { ...FOOD_PLANT, fitsMunicipalPlanFrame: true, needsNewLocalPlan: false };
    const park = screen({ ...fits, inIndustrialPark: true }, { today: TODAY });
    expect(park.permits.map((p) => p.code)).toEqual(codes(fits));
    expect(park.caseCeiling).toEqual(screen(fits, { today: TODAY }).caseCeiling);
    expect(park.industrialPark).toEqual(expect.objectContaining({ coveredPermits: [], ceilingMonths: 12, ceilingMonthsOutsidePark: 12 }));
  });
});
