/**
 * Issue 13 acceptance: six realistic projects through screening. Each expected permit carries the
 * source that requires it (the statute, and the row of shared/docs/permits-research.md §1), so
 * the expectations come from the law, not from what the code returned. "~" marks an inference.
 * Authority codes: a 3-digit kommunekode = that municipality; MST, DKMA, AT, VD, KDI = the state
 * agencies; MUSEUM = the local archaeological museum.
 */
import { SIMPLE_CASE_CRITERIA } from './case-ceiling';
import type { ProjectFacts } from './project-facts';
import { screen, type ScreeningResult } from './screen';

const TODAY = '2025-09-01';
const permitsOf = (r: ScreeningResult) => Object.fromEntries(r.permits.map((p) => [p.code, [p.authority.code, ...p.coAuthorities.map((c) => c.code)]]));

describe('1. Fill-finish plant in an existing Kalundborg industrial zone (byzone, fits the plan)', () => {
  const facts: ProjectFacts = {
    municipalityCode: '326',
    siteZone: 'byzone',
    fitsMunicipalPlanFrame: true,
    listedActivity: { listItem: '4.5' }, // production of pharmaceutical products (IED annex I 4.5)
    medicinalProductManufacture: true,
    newBuildingOrExtension: true,
    buildingUse: 'industryOrStorage',
    industrialWastewaterToSewer: true,
    constructionSite: { durationDays: 400, peakWorkers: 120, personDays: 30_000 },
    investmentDkk: 1_200_000_000,
  };
  const r = screen(facts, { today: TODAY });

  it('permit set and deciding authorities', () => {
    expect(permitsOf(r)).toEqual({
      // MVL §21 + bilag 2 pkt. 6 b) (pharmaceutical products, ~) → screening; MST for an s-marked project (research #4).
      VVM_SCREENING: ['MST'],
      // MBL §33, godkendelsesbek. bilag 1 pkt. 4.5; s-marked (research #6 "pharma 4.5 probably s-marked ~") → MST.
      MILJOEGODKENDELSE: ['MST'],
      // MBL §28(3): industrial wastewater to the public sewer (research #8).
      TILSLUTNINGSTILLADELSE: ['326'],
      // Lægemiddelloven §39; BEK 1358/2012 §6(1) (research #19).
      GMP_MANUFACTURING: ['DKMA'],
      // Byggeloven §16 (research #20).
      BUILDING_PERMIT: ['326'],
      // Arbejdsmiljø rules: > 30 days with ≥ 20 workers, > 500 person-days (research #21).
      CONSTRUCTION_SITE_NOTICE: ['AT'],
    });
  });
  it('eligible (L 206: produktionsvirksomhed; state + municipal; ≥ DKK 100m) with the 18-month ceiling (6 permits, two levels)', () => {
    expect(r.eligibleForOneStopShop.reasons.map((x) => x.id)).toEqual(['STATE_AND_MUNICIPAL', 'INVESTMENT_100M']);
    expect(r.caseCeiling).toEqual(expect.objectContaining({ months: 18, appliesUnderL206: true }));
    expect(r.caseCeiling.failedCriteria.map((c) => c.id)).toEqual(['FEW_PERMITS', 'ONE_AUTHORITY_LEVEL']);
  });
});

describe('2. Greenfield GMO class 2 fermentation in Hillerød landzone with groundwater abstraction', () => {
  const facts: ProjectFacts = {
    municipalityCode: '219',
    siteZone: 'landzone',
    fitsMunicipalPlanFrame: false,
    needsNewLocalPlan: true,
    greenfield: true,
    groundWorks: true,
    listedActivity: { listItem: '4.5' }, // biological production of pharmaceutical substances
    gmoClass: 2,
    gmoCommercialProduction: true,
    groundwaterAbstraction: true,
    medicinalProductManufacture: true,
    newBuildingOrExtension: true,
    investmentDkk: 2_000_000_000,
  };
  const r = screen(facts, { today: TODAY });

  it('permit set and deciding authorities', () => {
    expect(permitsOf(r)).toEqual({
      KOMMUNEPLANTILLAEG: ['219'], // PL §§23c, 24: outside the kommuneplan frame (research #1)
      LOKALPLAN: ['219'], // PL §13: lokalplanpligt for a large new plant (research #2)
      LANDZONE: ['219'], // PL §35(1): landzone, no bonusvirkning declared (research #3)
      VVM_SCREENING: ['MST'], // MVL §21, bilag 2 pkt. 6 b) (~); MST for s-marked (research #4)
      MILJOEGODKENDELSE: ['MST'], // MBL §33, bilag 1 pkt. 4.5, s-marked (~) (research #6)
      VANDINDVINDING: ['219'], // VFL §§18, 20: any industrial abstraction (research #9)
      GMO_CONTAINED_USE: ['AT'], // AT-bek. 910/2008: class ≥ 2 must wait for approval (research #17)
      GMO_PRODUCTION: ['MST', '219'], // lov om miljø og genteknologi: MST with the municipality (research #18)
      GMP_MANUFACTURING: ['DKMA'], // Lægemiddelloven §39 (research #19)
      BUILDING_PERMIT: ['219'], // Byggeloven §16 (research #20)
      ARCHAEOLOGY: ['MUSEUM'], // museumsloven §§25–27: greenfield ground works (research #25)
    });
  });
  it('eligible; 18 months (new plan, GMO production, > 5 permits, two levels)', () => {
    expect(r.eligibleForOneStopShop.eligible).toBe(true);
    expect(r.caseCeiling).toEqual(expect.objectContaining({ months: 18, appliesUnderL206: true }));
    expect(r.caseCeiling.failedCriteria.map((c) => c.id)).toEqual(['NO_NEW_PLAN', 'NO_GMO_PRODUCTION', 'FEW_PERMITS', 'ONE_AUTHORITY_LEVEL']);
  });
});

describe('3. Warehouse extension with no listed activity (Kolding byzone)', () => {
  const facts: ProjectFacts = {
    municipalityCode: '621',
    siteZone: 'byzone',
    newBuildingOrExtension: true,
    buildingUse: 'industryOrStorage',
    investmentDkk: 30_000_000,
  };
  const r = screen(facts, { today: TODAY });

  it('only the building permit (Byggeloven §16, research #20), servicemål 50 days for industry/storage', () => {
    expect(permitsOf(r)).toEqual({ BUILDING_PERMIT: ['621'] });
    expect(r.permits[0].serviceTargetVariant).toBe('INDUSTRY');
  });
  it('not eligible: not a produktionsvirksomhed (L 206 §2); no L 206 ceiling, clearly marked', () => {
    expect(r.eligibleForOneStopShop).toEqual({ eligible: false, reasons: [expect.objectContaining({ id: 'NOT_PRODUCTION_COMPANY' })] });
    expect(r.caseCeiling.appliesUnderL206).toBe(false);
    expect(r.caseCeiling.reason.en).toMatch(/^Not eligible for Én indgang \(L 206\): no statutory ceiling/);
  });
});

describe('4. Seveso (upper tier) solvent plant in Fredericia', () => {
  const facts: ProjectFacts = {
    municipalityCode: '607',
    siteZone: 'byzone',
    listedActivity: { listItem: '4.1' }, // production of organic chemicals (IED annex I 4.1)
    sevesoTier: 'upper',
    processesFlammableSolvents: true,
    flammableLiquidsStorageUnits: 400,
    newBuildingOrExtension: true,
    investmentDkk: 600_000_000,
  };
  const r = screen(facts, { today: TODAY });

  it('permit set and deciding authorities: MST decides the environmental permit and Seveso (s-marked), AT takes part', () => {
    expect(permitsOf(r)).toEqual({
      VVM_PERMIT: ['MST'], // MVL §§15, 25, bilag 1 pkt. 6 integrated chemical installation (~); MST for s-marked
      MILJOEGODKENDELSE: ['MST'], // MBL §33, bilag 1 pkt. 4.1, s-marked (~) (research #6)
      SEVESO_RISK: ['MST', 'AT'], // risikobek. (BEK 372/2016) kolonne 3; AT accepts in its field (research #15)
      FLAMMABLE_LIQUIDS: ['607'], // beredskabsloven §§33–34, BEK 1639/2016: > 25 units, solvents (research #16)
      BUILDING_PERMIT: ['607'], // Byggeloven §16 (research #20)
    });
  });
  it('eligible; 18 months (EIA permit, Seveso, two levels)', () => {
    expect(r.eligibleForOneStopShop.eligible).toBe(true);
    expect(r.caseCeiling.failedCriteria.map((c) => c.id)).toEqual(['NO_EIA_PERMIT', 'NO_SEVESO', 'ONE_AUTHORITY_LEVEL']);
  });
  it('the ceiling in months: 18, under L 206 (produktionsvirksomhed: listed activity; state + municipal; ≥ DKK 100m)', () => {
    expect(r.eligibleForOneStopShop.reasons.map((x) => x.id)).toEqual(['STATE_AND_MUNICIPAL', 'INVESTMENT_100M']);
    expect(r.caseCeiling).toEqual(expect.objectContaining({ months: 18, simple: false, appliesUnderL206: true }));
  });
  it('typed in as "s-marked: no" it is refused, not routed wholly to the municipality', () => {
    expect(() => screen({ ...facts, listedActivity: { listItem: '4.1', annex: 'annex1', sMarked: false } }, { today: TODAY })).toThrow(
      expect.objectContaining({ code: 'SCREENING.INVALID_FACTS', issues: [expect.objectContaining({ rule: 'DERIVE-SMARK' })] }),
    );
  });
});

describe('5. New access to a state road + sea outfall (Esbjerg, existing inspected plant)', () => {
  const facts: ProjectFacts = {
    municipalityCode: '561',
    siteZone: 'byzone',
    newOrWidenedRoadAccess: true,
    roadType: 'state',
    dischargeToRecipient: true,
    protectionLines: ['beach'], // the outfall crosses the beach protection zone
    regularEnvironmentalInspection: true,
    investmentDkk: 60_000_000,
  };
  const r = screen(facts, { today: TODAY });

  it('permit set and deciding authorities', () => {
    expect(permitsOf(r)).toEqual({
      UDLEDNINGSTILLADELSE: ['561'], // MBL §28(1)–(2): discharge to the sea, no listed activity (research #7)
      PROTECTION_LINE_DISPENSATION: ['KDI'], // NBL §15 beach line: Kystdirektoratet (research #13)
      ROAD_ACCESS: ['VD'], // vejloven §49: Vejdirektoratet for a state road (research #24)
    });
  });
  it('eligible (produktionsvirksomhed under inspection; state + municipal); 18 months only by the ONE_AUTHORITY_LEVEL inference', () => {
    expect(r.eligibleForOneStopShop.reasons.map((x) => x.id)).toEqual(['STATE_AND_MUNICIPAL']);
    expect(r.caseCeiling.failedCriteria.map((c) => c.id)).toEqual(['ONE_AUTHORITY_LEVEL']);
    expect(SIMPLE_CASE_CRITERIA.find((c) => c.id === 'ONE_AUTHORITY_LEVEL')?.basis.kind).toBe('inference');
    expect(r.caseCeiling).toEqual(expect.objectContaining({ months: 18, simple: false, appliesUnderL206: true }));
  });
});

describe('6. Annex 2 food plant in a designated industrial park (Vejle)', () => {
  // Annex 2 list items are not shipped in the catalogue (README: missing), so the old declared
  // shape is used: annex 2, not s-marked, MVL annex 2 (food industry, pkt. 7 ~).
  const facts: ProjectFacts = {
    municipalityCode: '630',
    siteZone: 'byzone',
    inIndustrialPark: true,
    listedActivity: { annex: 'annex2', sMarked: false },
    eiaAnnex: 'annex2',
    industrialWastewaterToSewer: true,
    newBuildingOrExtension: true,
    investmentDkk: 150_000_000,
  };
  const r = screen(facts, { today: TODAY });

  it('permit set and deciding authorities: all municipal', () => {
    expect(permitsOf(r)).toEqual({
      VVM_SCREENING: ['630'], // MVL §21, bilag 2 (research #4): municipal, not s-marked
      MILJOEGODKENDELSE: ['630'], // MBL §33, godkendelsesbek. bilag 2 (research #6)
      TILSLUTNINGSTILLADELSE: ['630'], // MBL §28(3) (research #8)
      BUILDING_PERMIT: ['630'], // Byggeloven §16 (research #20)
    });
    // Servicemål annex 2 = 130 days (research #6).
    expect(r.permits.find((p) => p.code === 'MILJOEGODKENDELSE')?.serviceTargetVariant).toBe('ANNEX_2');
  });
  it('eligible on the investment; a simple case with the 12-month ceiling; the park is noted', () => {
    expect(r.eligibleForOneStopShop.reasons.map((x) => x.id)).toEqual(['INVESTMENT_100M']);
    expect(r.caseCeiling).toEqual(expect.objectContaining({ months: 12, simple: true, appliesUnderL206: true }));
    expect(r.notes.map((n) => n.en)).toContain('The site is in a designated industrial park (L 206).');
  });
  it('the park\'s fast track (item 19, inference): the VVM screening is kept (MVL §21) and relies on the park\'s plan-level assessment; no plan permit was needed', () => {
    expect(r.permits.find((p) => p.code === 'VVM_SCREENING')?.reasons.map((x) => x.ruleId)).toEqual(['EIA-ANNEX2-SCREENING', 'PARK-EIA-PLAN-ASSESSMENT']);
    expect(r.industrialPark).toEqual(expect.objectContaining({ coveredPermits: [], eiaScreeningOnPlanAssessment: true, ceilingMonths: 12, ceilingMonthsOutsidePark: 12 }));
    // The same plant in the park but needing a new local plan: the designation covers it (inference),
    // so it stays a 12-month case where outside the park the local plan (PL §13) makes it 18.
    const newPlan = screen({ ...facts, needsNewLocalPlan: true }, { today: TODAY });
    expect(Object.keys(permitsOf(newPlan))).toEqual(Object.keys(permitsOf(r)));
    expect([newPlan.caseCeiling.months, newPlan.industrialPark?.ceilingMonthsOutsidePark]).toEqual([12, 18]);
  });
  it('"don\'t know" whether significant effects are expected: the same permits, plus the EIA permit as possible (item 15)', () => {
    const unknown = screen({ ...facts, unknownFacts: ['eiaSignificantEffectsExpected'] }, { today: TODAY });
    expect(permitsOf(unknown)).toEqual(permitsOf(r));
    // MVL §§21, 25: an annex 2 project needs the EIA permit when significant effects are expected (research #5).
    expect(unknown.possiblePermits).toEqual([expect.objectContaining({ code: 'VVM_PERMIT', settle: ['eiaSignificantEffectsExpected'] })]);
    expect(r.possiblePermits).toEqual([]); // omitted: today's meaning
  });
});

describe('simple-case criteria: each has its basis, and the borderlines hold (item 16)', () => {
  it('every criterion states its basis; none is claimed as sourced', () => {
    for (const c of SIMPLE_CASE_CRITERIA) {
      expect(c.basis.text.length).toBeGreaterThan(20);
      expect(c.basis.kind).toBe('inference');
    }
  });
  const municipalOnly = (n: number): ProjectFacts => ({
    municipalityCode: '621',
    siteZone: 'byzone',
    regularEnvironmentalInspection: true,
    investmentDkk: 150_000_000,
    newBuildingOrExtension: true, // BUILDING_PERMIT
    ...(n >= 2 ? { industrialWastewaterToSewer: true } : {}), // TILSLUTNINGSTILLADELSE
    ...(n >= 3 ? { groundwaterAbstraction: true } : {}), // VANDINDVINDING
    ...(n >= 4 ? { protectedHabitatOnSite: true } : {}), // NBL_3_DISPENSATION
    ...(n >= 5 ? { contaminatedSoil: 'V2' as const } : {}), // JFL_8
    ...(n >= 6 ? { dischargeToRecipient: true } : {}), // UDLEDNINGSTILLADELSE
  });
  it('exactly 5 municipal permits is simple (12 months); a 6th makes it 18 (FEW_PERMITS)', () => {
    const five = screen(municipalOnly(5), { today: TODAY });
    expect(five.permits).toHaveLength(5);
    expect(five.caseCeiling).toEqual(expect.objectContaining({ months: 12, simple: true }));
    const six = screen(municipalOnly(6), { today: TODAY });
    expect(six.permits).toHaveLength(6);
    expect(six.caseCeiling.failedCriteria.map((c) => c.id)).toEqual(['FEW_PERMITS']);
  });
  it('an embedded gate (habitat assessment) does not count toward the five', () => {
    const r = screen({ ...municipalOnly(5), natura2000Nearby: true }, { today: TODAY });
    expect(r.permits).toHaveLength(6);
    expect(r.caseCeiling.simple).toBe(true);
  });
  it('the museum and the grid company are not an authority level', () => {
    const r = screen({ ...municipalOnly(3), groundWorks: true, largeNewGridLoadMW: 5 }, { today: TODAY });
    expect(r.permits.map((p) => p.code)).toEqual(expect.arrayContaining(['ARCHAEOLOGY', 'GRID_CONNECTION']));
    expect(r.caseCeiling.simple).toBe(true);
  });
});
