import { getCatalog, UnknownCatalogVersionError, UnknownPermitCodeError } from '@rl/permits-catalog';
import type { CatalogVersion } from '@rl/permits-catalog';
import { decideCaseCeiling, SIMPLE_CASE_MAX_PERMITS } from './case-ceiling';
import { decideEligibility } from './one-stop-shop';
import type { ProjectFacts } from './project-facts';
import { restrictPrerequisites } from './restrict-prerequisites';
import { screen, type ScreenedPermit, type ScreeningResult } from './screen';

const TODAY = '2025-09-01';
const codes = (r: ScreeningResult) => r.permits.map((p) => p.code).sort();
const permitOf = (r: ScreeningResult, code: string): ScreenedPermit => {
  const p = r.permits.find((x) => x.code === code);
  if (!p) throw new Error(`${code} not applicable`);
  return p;
};
const prereqs = (r: ScreeningResult, code: string) => permitOf(r, code).prerequisites.map((p) => `${p.code}:${p.requires}`).sort();

describe('Worked scenario (a): pharma expansion in Kalundborg landzone with groundwater abstraction and Seveso', () => {
  const facts: ProjectFacts = {
    municipalityCode: '326',
    siteZone: 'landzone',
    listedActivity: { annex: 'annex1', listItem: '4.5', sMarked: true }, // pharma, IED, s-marked (~)
    eiaAnnex: 'annex2',
    groundwaterAbstraction: true,
    dischargeToRecipient: true,
    sevesoTier: 'upper',
    newBuildingOrExtension: true,
    groundWorks: true,
    medicinalProductManufacture: true,
    newOrWidenedRoadAccess: true,
    roadType: 'municipal',
    constructionSite: { durationDays: 400, peakWorkers: 150, personDays: 30_000 },
    investmentDkk: 3_000_000_000,
  };
  const r = screen(facts, { today: TODAY });

  it('needs exactly the expected permits', () => {
    // Landzone (site in landzone, no lokalplan), VVM screening (annex 2), miljøgodkendelse
    // (annex 1 IED; the discharge is folded into it so no separate udledningstilladelse),
    // water abstraction, Seveso, GMP (DKMA), building permit + AT notice (large site), road
    // access, archaeology (ground works).
    expect(codes(r)).toEqual(
      [
        'LANDZONE', 'VVM_SCREENING', 'MILJOEGODKENDELSE', 'VANDINDVINDING', 'SEVESO_RISK', 'GMP_MANUFACTURING',
        'BUILDING_PERMIT', 'CONSTRUCTION_SITE_NOTICE', 'ROAD_ACCESS', 'ARCHAEOLOGY',
      ].sort(),
    );
  });

  it('routes s-marked environmental decisions to MST and municipal permits to Kalundborg Kommune', () => {
    expect(permitOf(r, 'MILJOEGODKENDELSE').authority).toEqual(expect.objectContaining({ kind: 'stateAgency', code: 'MST', nameDa: 'Miljøstyrelsen' }));
    expect(permitOf(r, 'VVM_SCREENING').authority.code).toBe('MST');
    expect(permitOf(r, 'SEVESO_RISK').authority.code).toBe('MST');
    expect(permitOf(r, 'SEVESO_RISK').coAuthorities.map((a) => a.code)).toEqual(['AT']);
    expect(permitOf(r, 'VANDINDVINDING').authority).toEqual({ kind: 'municipality', level: 'municipal', code: '326', nameDa: 'Kalundborg Kommune', nameEn: 'Kalundborg Municipality' });
    expect(permitOf(r, 'GMP_MANUFACTURING').authority.code).toBe('DKMA');
    expect(permitOf(r, 'ARCHAEOLOGY').authority.level).toBe('other');
  });

  it('explains the folded discharge as a reason on the environmental permit', () => {
    expect(permitOf(r, 'MILJOEGODKENDELSE').reasons.map((x) => x.ruleId)).toEqual(['ENV-ANNEX1', 'ENV-DISCHARGE-FOLDED']);
  });

  it('orders the building permit after the final landzone permit and GMP after the building permit', () => {
    // VVM_SCREENING is inherited through the (not needed) VVM permit: no building before the
    // screening decision has said that no EIA is required.
    // The museum opinion is advice (museumsloven §25), not a prerequisite (issue 13 item 17).
    expect(prereqs(r, 'BUILDING_PERMIT')).toEqual(['LANDZONE:final', 'ROAD_ACCESS:decided', 'VVM_SCREENING:decided']);
    expect(permitOf(r, 'BUILDING_PERMIT').prerequisites.find((p) => p.code === 'VVM_SCREENING')?.via).toEqual(['VVM_PERMIT']);
    expect(prereqs(r, 'GMP_MANUFACTURING')).toEqual(['BUILDING_PERMIT:decided', 'MILJOEGODKENDELSE:decided']);
    expect(prereqs(r, 'MILJOEGODKENDELSE')).toEqual(['VVM_SCREENING:decided']);
  });

  it('uses the annex 1 service target (200 days) and the 50-day building-permit target', () => {
    expect(permitOf(r, 'MILJOEGODKENDELSE').serviceTargetVariant).toBe('ANNEX_1');
    expect(permitOf(r, 'MILJOEGODKENDELSE').serviceTarget).toEqual(expect.objectContaining({ duration: { unit: 'calendarDays', length: 200 } }));
    expect(permitOf(r, 'BUILDING_PERMIT').serviceTarget).toEqual(expect.objectContaining({ duration: { unit: 'calendarDays', length: 50 } }));
  });

  it('is not simple (Seveso, many permits, two authority levels) → 18 months; eligible for Én indgang', () => {
    expect(r.caseCeiling.months).toBe(18);
    expect(r.caseCeiling.failedCriteria.map((c) => c.id)).toEqual(['NO_SEVESO', 'FEW_PERMITS', 'ONE_AUTHORITY_LEVEL']);
    expect(r.eligibleForOneStopShop.eligible).toBe(true);
    expect(r.eligibleForOneStopShop.reasons.map((x) => x.id)).toEqual(['STATE_AND_MUNICIPAL', 'INVESTMENT_100M']);
  });
});

describe('Worked scenario (b): simple building extension in a Hillerød byzone industrial park', () => {
  // Byzone, fits the plan, no listed activity: only the building permit. A small site (under the
  // AT thresholds) and no ground-work archaeology question because the extension is on an
  // existing paved plot — all municipal, so simple (12 months), and at DKK 40m with one
  // authority level it is NOT eligible for Én indgang.
  const facts: ProjectFacts = {
    municipalityCode: '219',
    siteZone: 'byzone',
    inIndustrialPark: true,
    fitsMunicipalPlanFrame: true,
    newBuildingOrExtension: true,
    constructionSite: { durationDays: 60, peakWorkers: 8, personDays: 300 },
    investmentDkk: 40_000_000,
  };
  const r = screen(facts, { today: TODAY });

  it('needs only the building permit, decided by Hillerød Kommune', () => {
    expect(codes(r)).toEqual(['BUILDING_PERMIT']);
    expect(permitOf(r, 'BUILDING_PERMIT').authority).toEqual(expect.objectContaining({ code: '219', nameDa: 'Hillerød Kommune' }));
    expect(permitOf(r, 'BUILDING_PERMIT').prerequisites).toEqual([]);
  });

  it('is a simple case with a 12-month ceiling', () => {
    expect(r.caseCeiling).toEqual(expect.objectContaining({ months: 12, simple: true, failedCriteria: [] }));
  });

  it('is not eligible for Én indgang (one authority level, < DKK 100m, not net-zero)', () => {
    expect(r.eligibleForOneStopShop).toEqual(expect.objectContaining({ eligible: false }));
    expect(r.notes.map((n) => n.en)).toContain('The site is in a designated industrial park (L 206).');
  });

  // Changed by issue 13 item 16 (L 206 §2): a net-zero project alone no longer makes a plain
  // building extension eligible — Én indgang is for a produktionsvirksomhed (needs a
  // miljøgodkendelse or is under regular inspection). Was: eligible with NET_ZERO_OR_CRM.
  it('as a net-zero project it is eligible only if the company is a produktionsvirksomhed (L 206 §2)', () => {
    const nz = screen({ ...facts, netZeroOrCriticalRawMaterials: true }, { today: TODAY });
    expect(codes(nz)).toEqual(['BUILDING_PERMIT']);
    expect(nz.eligibleForOneStopShop.reasons.map((x) => x.id)).toEqual(['NOT_PRODUCTION_COMPANY']);
    const inspected = screen({ ...facts, netZeroOrCriticalRawMaterials: true, regularEnvironmentalInspection: true }, { today: TODAY });
    expect(codes(inspected)).toEqual(['BUILDING_PERMIT']);
    expect(inspected.eligibleForOneStopShop.reasons.map((x) => x.id)).toEqual(['NET_ZERO_OR_CRM']);
  });
});

describe('Worked scenario (c): GMO biotech plant near a Natura 2000 area', () => {
  // Class 2 GMO production (AT contained use + MST production approval), annex 2 listed
  // activity (municipal, not s-marked), Natura 2000 nearby → habitat assessment, new building on
  // a greenfield site in byzone with an existing lokalplan, > 20 MW boilers → CO₂ permit.
  const facts: ProjectFacts = {
    municipalityCode: '219',
    siteZone: 'byzone',
    listedActivity: { annex: 'annex2', sMarked: false },
    eiaAnnex: 'annex2',
    gmoClass: 2,
    gmoCommercialProduction: true,
    natura2000Nearby: true,
    newBuildingOrExtension: true,
    groundWorks: true,
    greenfield: true,
    combustionThermalInputMW: 25,
    industrialWastewaterToSewer: true,
  };
  const r = screen(facts, { today: TODAY });

  it('needs exactly the expected permits', () => {
    expect(codes(r)).toEqual(
      [
        'VVM_SCREENING', 'MILJOEGODKENDELSE', 'TILSLUTNINGSTILLADELSE', 'HABITAT_ASSESSMENT', 'GMO_CONTAINED_USE', 'GMO_PRODUCTION',
        'BUILDING_PERMIT', 'CO2_PERMIT', 'ARCHAEOLOGY',
      ].sort(),
    );
  });

  it('routes GMO work to AT and GMO production to MST together with the municipality', () => {
    expect(permitOf(r, 'GMO_CONTAINED_USE').authority.code).toBe('AT');
    expect(permitOf(r, 'GMO_CONTAINED_USE').reasons.map((x) => x.ruleId)).toEqual(['GMO-CONTAINED-USE', 'GMO-CLASS2-WAIT']);
    expect(permitOf(r, 'GMO_PRODUCTION').authority.code).toBe('MST');
    expect(permitOf(r, 'GMO_PRODUCTION').coAuthorities.map((a) => a.nameDa)).toEqual(['Hillerød Kommune']);
    expect(permitOf(r, 'MILJOEGODKENDELSE').authority.code).toBe('219');
  });

  it('uses the annex 2 service target (130 days) and marks the habitat assessment as embedded', () => {
    expect(permitOf(r, 'MILJOEGODKENDELSE').serviceTarget).toEqual(expect.objectContaining({ duration: { unit: 'calendarDays', length: 130 } }));
    expect(permitOf(r, 'HABITAT_ASSESSMENT').embeddedInHostDecision).toBe(true);
  });

  it('shows that the GMO production approval suspends on appeal', () => {
    expect(permitOf(r, 'GMO_PRODUCTION').appeal).toEqual(expect.objectContaining({ suspendsPermit: true, usableOnlyAfterAppealPeriod: true }));
  });

  it('is not simple (GMO production, too many permits, state + municipal) and is eligible', () => {
    expect(r.caseCeiling.months).toBe(18);
    expect(r.caseCeiling.failedCriteria.map((c) => c.id)).toEqual(['NO_GMO_PRODUCTION', 'FEW_PERMITS', 'ONE_AUTHORITY_LEVEL']);
    expect(r.eligibleForOneStopShop.reasons.map((x) => x.id)).toEqual(['STATE_AND_MUNICIPAL']);
  });
});

describe('Authority routing', () => {
  const base: ProjectFacts = { municipalityCode: '101', siteZone: 'byzone' };

  it('miljøgodkendelse stays with the municipality when not s-marked', () => {
    const r = screen({ ...base, listedActivity: { annex: 'annex1', sMarked: false } }, { today: TODAY });
    expect(permitOf(r, 'MILJOEGODKENDELSE').authority).toEqual(expect.objectContaining({ code: '101', nameDa: 'Københavns Kommune' }));
    expect(permitOf(r, 'MILJOEGODKENDELSE').routedBy).toEqual([]);
  });

  it('VVM goes to MST for a state or cross-municipal project', () => {
    const r = screen({ ...base, eiaAnnex: 'annex1', stateOrCrossMunicipalProject: true }, { today: TODAY });
    expect(permitOf(r, 'VVM_PERMIT').authority.code).toBe('MST');
    expect(permitOf(r, 'VVM_PERMIT').routedBy.map((x) => x.ruleId)).toEqual(['ROUTE-EIA-MST']);
  });

  it('road access to a state road goes to Vejdirektoratet', () => {
    const r = screen({ ...base, newOrWidenedRoadAccess: true, roadType: 'state' }, { today: TODAY });
    expect(permitOf(r, 'ROAD_ACCESS').authority.code).toBe('VD');
  });

  it('municipal road access near a state road needs VD consent as co-authority', () => {
    const r = screen({ ...base, newOrWidenedRoadAccess: true, roadType: 'municipal', withinStateRoadZone: true }, { today: TODAY });
    expect(permitOf(r, 'ROAD_ACCESS').authority.code).toBe('101');
    expect(permitOf(r, 'ROAD_ACCESS').coAuthorities.map((a) => a.code)).toEqual(['VD']);
  });

  it('the beach protection line (§15) goes to Kystdirektoratet; other lines add the municipality', () => {
    const beach = screen({ ...base, protectionLines: ['beach'] }, { today: TODAY });
    expect(permitOf(beach, 'PROTECTION_LINE_DISPENSATION').authority.code).toBe('KDI');
    expect(permitOf(beach, 'PROTECTION_LINE_DISPENSATION').coAuthorities).toEqual([]);
    const mixed = screen({ ...base, protectionLines: ['beach', 'forest'] }, { today: TODAY });
    expect(permitOf(mixed, 'PROTECTION_LINE_DISPENSATION').coAuthorities.map((a) => a.code)).toEqual(['101']);
    const forest = screen({ ...base, protectionLines: ['forest'] }, { today: TODAY });
    expect(permitOf(forest, 'PROTECTION_LINE_DISPENSATION').authority.code).toBe('101');
  });

  it('building on mapped soil (JFL §8) consults the Region of the site (JFL §8(3)), which counts for no L 206 level', () => {
    const hillerod = screen({ ...base, municipalityCode: '219', contaminatedSoil: 'V2', newBuildingOrExtension: true }, { today: TODAY });
    expect(permitOf(hillerod, 'JFL_8').coAuthorities.map((a) => [a.code, a.nameDa, a.level])).toEqual([['REGION-1084', 'Region Hovedstaden', 'other']]);
    const kalundborg = screen({ ...base, municipalityCode: '326', contaminatedSoil: 'V1', newBuildingOrExtension: true }, { today: TODAY });
    expect(permitOf(kalundborg, 'JFL_8').coAuthorities.map((a) => a.code)).toEqual(['REGION-1085']);
  });

  it('the grid connection goes to the grid company (neither state nor municipal)', () => {
    const r = screen({ ...base, largeNewGridLoadMW: 10 }, { today: TODAY });
    expect(permitOf(r, 'GRID_CONNECTION').authority).toEqual(expect.objectContaining({ kind: 'gridOperator', level: 'other' }));
    expect(r.eligibleForOneStopShop.eligible).toBe(false);
  });
});

describe('Prerequisites restricted to the applicable set', () => {
  const catalog = getCatalog('2025.2');

  it('keeps ordering through a permit the project does not need (GMP → building permit → landzone final)', () => {
    const edges = restrictPrerequisites('GMP_MANUFACTURING', new Set(['GMP_MANUFACTURING', 'LANDZONE']), catalog);
    expect(edges).toEqual([expect.objectContaining({ code: 'LANDZONE', requires: 'final', via: ['BUILDING_PERMIT'] })]);
  });

  it('does not carry edges marked carriesThrough=false (building permit → road access)', () => {
    // GMP → BUILDING_PERMIT (not needed) → ROAD_ACCESS: the layout reason is the building permit's own.
    const edges = restrictPrerequisites('GMP_MANUFACTURING', new Set(['GMP_MANUFACTURING', 'ROAD_ACCESS']), catalog);
    expect(edges).toEqual([]);
  });

  it('the archaeology opinion is advice, never a prerequisite, directly or inherited (museumsloven §25; issue 13 item 17)', () => {
    const edges = restrictPrerequisites('BUILDING_PERMIT', new Set(['BUILDING_PERMIT', 'ARCHAEOLOGY', 'LANDZONE']), catalog);
    expect(edges.map((e) => `${e.code}:${e.requires}:${e.via.join('>')}`).sort()).toEqual(['LANDZONE:final:']);
    for (const p of catalog.permitTypes) expect(p.prerequisites.map((q) => q.code)).not.toContain('ARCHAEOLOGY');
  });

  it('an inherited final requirement upgrades a direct decided edge to final', () => {
    const custom: CatalogVersion = {
      ...catalog,
      permitTypes: [
        { ...catalog.permitTypes[0], code: 'A', prerequisites: [{ code: 'C', requires: 'decided', why: 'w' }, { code: 'B', requires: 'decided', why: 'w' }] },
        { ...catalog.permitTypes[0], code: 'B', prerequisites: [{ code: 'C', requires: 'final', why: 'w' }] },
        { ...catalog.permitTypes[0], code: 'C', prerequisites: [] },
      ],
    };
    expect(restrictPrerequisites('A', new Set(['A', 'C']), custom)).toEqual([expect.objectContaining({ code: 'C', requires: 'final', via: [] })]);
  });

  it('applicable prerequisites are never dropped and no edge points outside the applicable set', () => {
    const r = screen(
      { municipalityCode: '326', siteZone: 'landzone', fitsMunicipalPlanFrame: false, eiaAnnex: 'annex1', listedActivity: { annex: 'annex1', sMarked: true }, newBuildingOrExtension: true, groundWorks: true, medicinalProductManufacture: true },
      { today: TODAY },
    );
    const applicable = new Set(r.permits.map((p) => p.code));
    for (const p of r.permits) for (const q of p.prerequisites) expect(applicable.has(q.code)).toBe(true);
    // Plans: decided suffices (a PKN appeal does not suspend, lov om Planklagenævnet §7(1));
    // landzone: final (an appeal suspends it, PL §40). Issue 13 item 17.
    expect(prereqs(r, 'BUILDING_PERMIT')).toEqual(['KOMMUNEPLANTILLAEG:decided', 'LANDZONE:final', 'LOKALPLAN:decided', 'VVM_PERMIT:decided']);
    expect(prereqs(r, 'LOKALPLAN')).toEqual([]);
  });
});

describe('Clocks shown per permit', () => {
  it('the building permit has no service target when a new lokalplan is needed', () => {
    const r = screen({ municipalityCode: '219', siteZone: 'byzone', needsNewLocalPlan: true, newBuildingOrExtension: true }, { today: TODAY });
    expect(permitOf(r, 'BUILDING_PERMIT').serviceTargetVariant).toBe('VVM_OR_NEW_LOKALPLAN');
    expect(permitOf(r, 'BUILDING_PERMIT').serviceTarget).toEqual(expect.objectContaining({ unknown: true }));
  });

  it('multi-storey commercial buildings get the 55-day target', () => {
    const r = screen({ municipalityCode: '219', siteZone: 'byzone', newBuildingOrExtension: true, buildingUse: 'multiStoreyCommercial' }, { today: TODAY });
    expect(permitOf(r, 'BUILDING_PERMIT').serviceTarget).toEqual(expect.objectContaining({ duration: { unit: 'calendarDays', length: 55 } }));
  });

  it('GMP carries the 90-day statutory deadline that stops while DKMA waits', () => {
    const r = screen({ municipalityCode: '219', siteZone: 'byzone', medicinalProductManufacture: true }, { today: TODAY });
    expect(permitOf(r, 'GMP_MANUFACTURING').statutoryDeadline).toEqual(expect.objectContaining({ duration: { unit: 'calendarDays', length: 90 }, stopsWhileAwaitingApplicant: true }));
    expect(permitOf(r, 'GMP_MANUFACTURING').serviceTargetVariant).toBeNull();
  });
});

describe('Catalogue version used by a screening', () => {
  const facts: ProjectFacts = { municipalityCode: '219', siteZone: 'byzone', newBuildingOrExtension: true };

  it('records the newest version valid on the screening date (2025.2 corrects 2025.1 from the same day)', () => {
    expect(screen(facts, { today: '2025-06-21' }).catalogVersion).toBe('2025.2');
  });

  it('refuses a date before any catalogue version applies', () => {
    expect(() => screen(facts, { today: '2025-01-01' })).toThrow(UnknownCatalogVersionError);
  });

  it('an explicit version wins over the date', () => {
    expect(screen(facts, { today: '2025-01-01', catalogVersion: '2025.1' }).catalogVersion).toBe('2025.1');
  });

  it('a rule that points at a permit missing from the version is reported, not ignored', () => {
    const rules = [{ id: 'X', permitCode: 'NOT_IN_CATALOG', statute: 's', when: () => true, reason: { da: 'x', en: 'x' } }];
    expect(() => screen(facts, { today: TODAY, rules })).toThrow(UnknownPermitCodeError);
  });
});

describe('Case ceiling (L 206: 18 months, 12 for simple cases)', () => {
  const shape = (permitCodes: string[], levels: Array<'municipal' | 'state'> = ['municipal']) => ({
    permitCodes,
    separatePermitCount: permitCodes.length,
    authorityLevels: new Set(levels),
  });

  it('a handful of municipal permits is simple', () => {
    expect(decideCaseCeiling(shape(['BUILDING_PERMIT', 'ROAD_ACCESS'])).months).toBe(12);
  });

  it.each([
    ['VVM_PERMIT', 'NO_EIA_PERMIT'],
    ['LOKALPLAN', 'NO_NEW_PLAN'],
    ['KOMMUNEPLANTILLAEG', 'NO_NEW_PLAN'],
    ['SEVESO_RISK', 'NO_SEVESO'],
    ['GMO_PRODUCTION', 'NO_GMO_PRODUCTION'],
  ])('%s makes the case non-simple (%s)', (code, criterion) => {
    const c = decideCaseCeiling(shape(['BUILDING_PERMIT', code]));
    expect(c).toEqual(expect.objectContaining({ months: 18, simple: false }));
    expect(c.failedCriteria.map((f) => f.id)).toEqual([criterion]);
  });

  it(`more than ${SIMPLE_CASE_MAX_PERMITS} permits is not simple; exactly ${SIMPLE_CASE_MAX_PERMITS} is`, () => {
    const five = ['A', 'B', 'C', 'D', 'E'];
    expect(decideCaseCeiling(shape(five)).simple).toBe(true);
    expect(decideCaseCeiling(shape([...five, 'F'])).failedCriteria.map((f) => f.id)).toEqual(['FEW_PERMITS']);
  });

  it('state and municipal authorities together is not simple', () => {
    expect(decideCaseCeiling(shape(['BUILDING_PERMIT'], ['municipal', 'state'])).failedCriteria.map((f) => f.id)).toEqual(['ONE_AUTHORITY_LEVEL']);
  });

  it('the embedded habitat assessment is not counted as a separate permit', () => {
    const r = screen(
      { municipalityCode: '219', siteZone: 'byzone', newBuildingOrExtension: true, groundWorks: true, natura2000Nearby: true, industrialWastewaterToSewer: true, protectionLines: ['forest'], groundwaterAbstraction: true },
      { today: TODAY },
    );
    expect(r.permits).toHaveLength(6);
    expect(r.caseCeiling.simple).toBe(true);
  });
});

describe('Eligibility for Én indgang (L 206)', () => {
  it('state and municipal involvement qualifies', () => {
    expect(decideEligibility({ authorityLevels: new Set(['municipal', 'state']), productionCompany: true }).eligible).toBe(true);
  });

  it('an investment of exactly DKK 100 million qualifies; just below does not', () => {
    expect(decideEligibility({ authorityLevels: new Set(['municipal']), investmentDkk: 100_000_000, productionCompany: true }).eligible).toBe(true);
    expect(decideEligibility({ authorityLevels: new Set(['municipal']), investmentDkk: 99_999_999, productionCompany: true }).eligible).toBe(false);
  });

  it('a net-zero or critical-raw-materials project qualifies on its own', () => {
    expect(decideEligibility({ authorityLevels: new Set(), netZeroOrCriticalRawMaterials: true, productionCompany: true }).reasons.map((r) => r.id)).toEqual(['NET_ZERO_OR_CRM']);
  });

  it('L 206 §2: a company that is not a produktionsvirksomhed is never eligible, whatever else holds', () => {
    const r = decideEligibility({ authorityLevels: new Set(['municipal', 'state']), investmentDkk: 1e9, netZeroOrCriticalRawMaterials: true, productionCompany: false });
    expect(r).toEqual({ eligible: false, reasons: [expect.objectContaining({ id: 'NOT_PRODUCTION_COMPANY' })] });
  });

  it('only state authorities does not qualify by itself', () => {
    expect(decideEligibility({ authorityLevels: new Set(['state']), productionCompany: true }).reasons.map((r) => r.id)).toEqual(['NOT_ELIGIBLE']);
  });

  it('national strategic importance adds a call-in note without changing eligibility', () => {
    const r = screen({ municipalityCode: '219', siteZone: 'byzone', nationalStrategicImportance: true }, { today: TODAY });
    expect(r.eligibleForOneStopShop.eligible).toBe(false);
    expect(r.notes[0].en).toMatch(/call-in/);
  });
});
