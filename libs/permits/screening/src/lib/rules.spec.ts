import type { ProjectFacts } from './project-facts';
import { isDewateringExempt, SCREENING_RULES } from './rules';
import { screen } from './screen';

const BASE: ProjectFacts = { municipalityCode: '219', siteZone: 'byzone' };
const facts = (extra: Partial<ProjectFacts>): ProjectFacts => ({ ...BASE, ...extra });
const TODAY = '2025-09-01';

/** Each rule: facts where it fires, and nearby facts where it must not. */
const CASES: Record<string, { fires: Partial<ProjectFacts>; doesNotFire: Partial<ProjectFacts> }> = {
  'PLAN-OUTSIDE-FRAME': { fires: { fitsMunicipalPlanFrame: false }, doesNotFire: { fitsMunicipalPlanFrame: true, needsNewLocalPlan: true } },
  'PLAN-NEW-LOKALPLAN': { fires: { needsNewLocalPlan: true }, doesNotFire: { needsNewLocalPlan: false } },
  'PLAN-LOKALPLAN-WITH-AMENDMENT': { fires: { fitsMunicipalPlanFrame: false }, doesNotFire: { needsNewLocalPlan: true } },
  'ZONE-LANDZONE': {
    fires: { siteZone: 'landzone', needsNewLocalPlan: true, localPlanHasBonusEffect: false },
    doesNotFire: { siteZone: 'landzone', needsNewLocalPlan: true, localPlanHasBonusEffect: true },
  },
  'EIA-ANNEX2-SCREENING': { fires: { eiaAnnex: 'annex2' }, doesNotFire: { eiaAnnex: 'annex1' } },
  'EIA-ANNEX1-PERMIT': { fires: { eiaAnnex: 'annex1' }, doesNotFire: { eiaAnnex: 'annex2' } },
  'EIA-ANNEX2-SIGNIFICANT': {
    fires: { eiaAnnex: 'annex2', eiaSignificantEffectsExpected: true },
    doesNotFire: { eiaAnnex: 'annex2', eiaSignificantEffectsExpected: false },
  },
  'ENV-ANNEX1': { fires: { listedActivity: { annex: 'annex1', sMarked: false } }, doesNotFire: { listedActivity: { annex: 'annex2', sMarked: false } } },
  'ENV-ANNEX2': { fires: { listedActivity: { annex: 'annex2', sMarked: false } }, doesNotFire: { listedActivity: null } },
  'ENV-DISCHARGE-FOLDED': {
    fires: { listedActivity: { annex: 'annex2', sMarked: false }, dischargeToRecipient: true },
    doesNotFire: { listedActivity: { annex: 'annex2', sMarked: false }, dischargeToRecipient: false },
  },
  'WATER-DISCHARGE': {
    fires: { dischargeToRecipient: true },
    doesNotFire: { dischargeToRecipient: true, listedActivity: { annex: 'annex1', sMarked: true } },
  },
  'WATER-SEWER-INDUSTRIAL': { fires: { industrialWastewaterToSewer: true }, doesNotFire: { industrialWastewaterToSewer: false } },
  'WATER-SEWER-DEWATERING': {
    fires: { dewateringDuringConstruction: true, dewateringWaterToSewer: true },
    doesNotFire: { dewateringDuringConstruction: true, dewateringWaterToSewer: false },
  },
  'WATER-ABSTRACTION': { fires: { groundwaterAbstraction: true }, doesNotFire: { groundwaterAbstraction: false } },
  'WATER-DEWATERING': {
    fires: { dewateringDuringConstruction: true, dewateringVolumeM3PerYear: 150_000, dewateringDurationMonths: 6, abstractionWellWithin300m: false },
    doesNotFire: { dewateringDuringConstruction: true, dewateringVolumeM3PerYear: 50_000, dewateringDurationMonths: 6, abstractionWellWithin300m: false },
  },
  'SOIL-MAPPED': {
    fires: { contaminatedSoil: 'V2', newBuildingOrExtension: true },
    doesNotFire: { contaminatedSoil: 'V2', newBuildingOrExtension: false, groundWorks: false },
  },
  'SOIL-SENSITIVE-USE': { fires: { sensitiveUseChange: true }, doesNotFire: { contaminatedSoil: 'V1' } },
  'NAT-HABITAT-3': { fires: { protectedHabitatOnSite: true }, doesNotFire: { protectedHabitatOnSite: false } },
  'NAT-LINE-BEACH': { fires: { protectionLines: ['beach'] }, doesNotFire: { protectionLines: ['lake'] } },
  'NAT-LINE-LAKE': { fires: { protectionLines: ['lake'] }, doesNotFire: { protectionLines: ['stream'] } },
  'NAT-LINE-STREAM': { fires: { protectionLines: ['stream'] }, doesNotFire: { protectionLines: ['lake'] } },
  'NAT-LINE-FOREST': { fires: { protectionLines: ['forest', 'church'] }, doesNotFire: { protectionLines: ['church'] } },
  'NAT-LINE-MONUMENT': { fires: { protectionLines: ['monument'] }, doesNotFire: { protectionLines: [] } },
  'NAT-LINE-CHURCH': { fires: { protectionLines: ['church'] }, doesNotFire: { protectionLines: ['forest'] } },
  'NAT-NATURA2000': { fires: { natura2000Nearby: true }, doesNotFire: { natura2000Nearby: false } },
  'RISK-SEVESO-LOWER': { fires: { sevesoTier: 'lower' }, doesNotFire: { sevesoTier: 'upper' } },
  'RISK-SEVESO-UPPER': { fires: { sevesoTier: 'upper' }, doesNotFire: { sevesoTier: 'lower' } },
  'FIRE-STORAGE': { fires: { flammableLiquidsStorageUnits: 26 }, doesNotFire: { flammableLiquidsStorageUnits: 25 } },
  'FIRE-SOLVENTS': { fires: { processesFlammableSolvents: true }, doesNotFire: { processesFlammableSolvents: false } },
  'GMO-CONTAINED-USE': { fires: { gmoClass: 1 }, doesNotFire: { gmoClass: 0 } },
  'GMO-CLASS2-WAIT': { fires: { gmoClass: 2 }, doesNotFire: { gmoClass: 1 } },
  'GMO-PRODUCTION': { fires: { gmoClass: 1, gmoCommercialProduction: true }, doesNotFire: { gmoClass: 2, gmoCommercialProduction: false } },
  'MED-GMP': { fires: { medicinalProductManufacture: true }, doesNotFire: { medicinalProductManufacture: false } },
  'BUILD-NEW': { fires: { newBuildingOrExtension: true }, doesNotFire: { newBuildingOrExtension: false, groundWorks: true } },
  'SITE-LONG-AND-BUSY': {
    fires: { constructionSite: { durationDays: 31, peakWorkers: 20, personDays: 400 } },
    doesNotFire: { constructionSite: { durationDays: 30, peakWorkers: 20, personDays: 400 } },
  },
  'SITE-PERSON-DAYS': {
    fires: { constructionSite: { durationDays: 100, peakWorkers: 10, personDays: 501 } },
    doesNotFire: { constructionSite: { durationDays: 100, peakWorkers: 10, personDays: 500 } },
  },
  'ENERGY-CO2': { fires: { combustionThermalInputMW: 20.5 }, doesNotFire: { combustionThermalInputMW: 20 } },
  'HEAT-COLLECTIVE-PLANT': { fires: { heatSupply: 'newCollectivePlant' }, doesNotFire: { heatSupply: 'surplusHeatToDistrictHeating' } },
  'HEAT-SURPLUS': { fires: { heatSupply: 'surplusHeatToDistrictHeating' }, doesNotFire: { heatSupply: 'none' } },
  'GRID-LARGE-LOAD': { fires: { largeNewGridLoadMW: 8 }, doesNotFire: { largeNewGridLoadMW: 0 } },
  'ROAD-ACCESS': { fires: { newOrWidenedRoadAccess: true, roadType: 'municipal' }, doesNotFire: { newOrWidenedRoadAccess: false } },
  'ARCH-GROUND-WORKS': { fires: { groundWorks: true }, doesNotFire: { groundWorks: false, greenfield: true } },
  'ARCH-GREENFIELD': { fires: { greenfield: true, groundWorks: true }, doesNotFire: { groundWorks: true, greenfield: false } },
};

function firedRuleIds(extra: Partial<ProjectFacts>): string[] {
  return screen(facts(extra), { today: TODAY }).permits.flatMap((p) => p.reasons.map((r) => r.ruleId));
}

describe('Screening rules (one scenario each)', () => {
  it('every rule has a scenario and ids are unique', () => {
    const ids = SCREENING_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(CASES).sort()).toEqual([...ids].sort());
  });

  it('every rule names its statute and gives a Danish and English reason', () => {
    for (const r of SCREENING_RULES) {
      expect(r.statute.length).toBeGreaterThan(3);
      expect(r.reason.da.length).toBeGreaterThan(5);
      expect(r.reason.en.length).toBeGreaterThan(5);
    }
  });

  describe.each(SCREENING_RULES.map((r) => [r.id, r.permitCode] as const))('%s → %s', (ruleId, permitCode) => {
    it('fires, and its permit is applicable with the rule as a reason', () => {
      const result = screen(facts(CASES[ruleId].fires), { today: TODAY });
      const permit = result.permits.find((p) => p.code === permitCode);
      expect(permit?.reasons.map((r) => r.ruleId)).toContain(ruleId);
    });

    it('does not fire for nearby facts', () => {
      expect(firedRuleIds(CASES[ruleId].doesNotFire)).not.toContain(ruleId);
    });
  });

  it('bare facts (byzone, nothing else) need no permits', () => {
    expect(screen(BASE, { today: TODAY }).permits).toEqual([]);
  });
});

describe('Dewatering exemption (VFL §26)', () => {
  const d = (volume: number | undefined, months: number | undefined, well: boolean | undefined) =>
    isDewateringExempt(facts({ dewateringDuringConstruction: true, dewateringVolumeM3PerYear: volume, dewateringDurationMonths: months, abstractionWellWithin300m: well }));

  it('is exempt at exactly 100,000 m³/yr for 24 months with no well within 300 m', () => {
    expect(d(100_000, 24, false)).toBe(true);
  });
  it('is not exempt above 2 years', () => {
    expect(d(10_000, 25, false)).toBe(false);
  });
  it('is not exempt with a §20 well within 300 m', () => {
    expect(d(10_000, 3, true)).toBe(false);
  });
  it('is not exempt when the volume or the well is not known', () => {
    expect(d(undefined, 3, false)).toBe(false);
    expect(d(10_000, 3, undefined)).toBe(false);
  });
});
