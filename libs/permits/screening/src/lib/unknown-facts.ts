/**
 * Explicit "don't know" answers (issue 13 item 15). A fact the applicant OMITS keeps today's
 * meaning (a yes/no question omitted = its default answer, e.g. "no discharge"; a choice omitted =
 * 'none'; a number omitted = 0), so existing API clients are unaffected. A fact listed in
 * `unknownFacts` is different: the answer is not known, so every permit another answer would need
 * is POSSIBLE, with the question to settle. The case cannot be submitted while a possible permit
 * is unsettled, unless a coordinator accepts it; the applicant settles it by answering the
 * question in the case's facts (PUT /cases/:id/application/facts), which re-screens the case.
 */
import { LISTED_ACTIVITIES } from '@rl/permits-catalog';
import type { ProjectFacts } from './project-facts';
import { CO2_THRESHOLD_MW, CONSTRUCTION_SITE_NOTICE, DEWATERING_EXEMPTION, FLAMMABLE_LIQUIDS_MAX_UNITS_WITHOUT_PERMIT } from './rules';

/** Yes/no questions the applicant may answer "don't know", with the meaning of an omitted answer. */
export const SETTLEABLE_FACTS: Readonly<Record<string, boolean>> = Object.freeze({
  inIndustrialPark: false, fitsMunicipalPlanFrame: true, needsNewLocalPlan: false, localPlanHasBonusEffect: false,
  eiaSignificantEffectsExpected: false, stateOrCrossMunicipalProject: false, groundwaterAbstraction: false,
  dewateringDuringConstruction: false, abstractionWellWithin300m: false, dewateringWaterToSewer: false,
  dischargeToRecipient: false, industrialWastewaterToSewer: false, sensitiveUseChange: false,
  protectedHabitatOnSite: false, natura2000Nearby: false, processesFlammableSolvents: false,
  gmoCommercialProduction: false, newOrWidenedRoadAccess: false, withinStateRoadZone: false, groundWorks: false,
  greenfield: false, medicinalProductManufacture: false, newBuildingOrExtension: false,
  nationalStrategicImportance: false, netZeroOrCriticalRawMaterials: false, regularEnvironmentalInspection: false,
});

/** A choice, number, list or nested question that may be answered "don't know". */
export interface SettleableChoice {
  kind: 'choice' | 'number' | 'list' | 'object';
  /** What an omitted answer means (and so what the required permits are screened with). */
  omitted: string;
  /** The other answers screening tries: each choice value; for a number, one value past each
   *  screening threshold (the thresholds of rules.ts); for a list, each single entry. */
  alternatives: readonly unknown[];
}

/** The non-yes/no questions that may be answered "don't know" (issue 13 item 15 (b)). The site's
 *  municipality and planning zone are required: they are register facts (Plandata.dk) and decide
 *  the authorities, so they cannot be left open. */
export const SETTLEABLE_CHOICE_FACTS: Readonly<Record<string, SettleableChoice>> = Object.freeze({
  listedActivity: {
    kind: 'object',
    omitted: 'no listed activity',
    // Every shipped list item, and an activity of either annex that the catalogue does not ship.
    alternatives: [
      ...LISTED_ACTIVITIES.map((a) => ({ listItem: a.code })),
      { annex: 'annex1', sMarked: false },
      { annex: 'annex2', sMarked: false },
    ],
  },
  eiaAnnex: { kind: 'choice', omitted: 'none', alternatives: ['annex1', 'annex2'] },
  contaminatedSoil: { kind: 'choice', omitted: 'none', alternatives: ['V1', 'V2'] },
  sevesoTier: { kind: 'choice', omitted: 'none', alternatives: ['lower', 'upper'] },
  gmoClass: { kind: 'choice', omitted: '0 (no GMO work)', alternatives: [1, 2, 3, 4] },
  heatSupply: { kind: 'choice', omitted: 'none', alternatives: ['newCollectivePlant', 'surplusHeatToDistrictHeating'] },
  roadType: { kind: 'choice', omitted: 'municipal', alternatives: ['state'] },
  buildingUse: { kind: 'choice', omitted: 'industryOrStorage', alternatives: ['multiStoreyCommercial'] },
  protectionLines: { kind: 'list', omitted: 'none', alternatives: [['beach'], ['lake'], ['stream'], ['forest'], ['monument'], ['church']] },
  combustionThermalInputMW: { kind: 'number', omitted: '0', alternatives: [CO2_THRESHOLD_MW + 1] },
  flammableLiquidsStorageUnits: { kind: 'number', omitted: '0', alternatives: [FLAMMABLE_LIQUIDS_MAX_UNITS_WITHOUT_PERMIT + 1] },
  largeNewGridLoadMW: { kind: 'number', omitted: '0', alternatives: [1] },
  // A missing dewatering volume or duration already cannot prove the VFL §26 exemption.
  dewateringVolumeM3PerYear: { kind: 'number', omitted: 'not known: no exemption', alternatives: [DEWATERING_EXEMPTION.maxVolumeM3PerYear + 1] },
  dewateringDurationMonths: { kind: 'number', omitted: 'not known: no exemption', alternatives: [DEWATERING_EXEMPTION.maxDurationMonths + 1] },
  // Decides Én indgang eligibility (≥ DKK 100m), never a permit: no possible permit comes of it.
  investmentDkk: { kind: 'number', omitted: '0', alternatives: [] },
  constructionSite: {
    kind: 'object',
    omitted: 'no notifiable construction site',
    alternatives: [
      {
        durationDays: CONSTRUCTION_SITE_NOTICE.minDurationDaysExclusive + 1,
        peakWorkers: CONSTRUCTION_SITE_NOTICE.minPeakWorkers,
        personDays: CONSTRUCTION_SITE_NOTICE.minPersonDaysExclusive + 1,
      },
    ],
  },
});

/** True when `name` may be listed in `unknownFacts`. */
export function isSettleableFact(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(SETTLEABLE_FACTS, name) || Object.prototype.hasOwnProperty.call(SETTLEABLE_CHOICE_FACTS, name);
}

/** The other answers to try for an unknown fact. */
export function alternativesOf(name: string): readonly unknown[] {
  if (Object.prototype.hasOwnProperty.call(SETTLEABLE_FACTS, name)) return [!SETTLEABLE_FACTS[name]];
  return SETTLEABLE_CHOICE_FACTS[name]?.alternatives ?? [];
}

export interface PossiblePermit {
  code: string;
  nameDa: string;
  nameEn: string;
  /** The "don't know" answers whose other answer would make the permit needed. */
  settle: string[];
}

/**
 * Permits that another answer to an unknown fact would add to `requiredCodes`, each with the
 * questions to settle. `rescreen` screens facts with the other unknowns still listed and must
 * not compute possible permits itself (the caller's `screen` with `possiblePermits: false`).
 */
export function possiblePermitsOf(
  facts: ProjectFacts,
  requiredCodes: ReadonlySet<string>,
  rescreen: (facts: ProjectFacts) => { permits: { code: string; nameDa: string; nameEn: string }[] },
): PossiblePermit[] {
  const byCode = new Map<string, PossiblePermit>();
  const { unknownFacts = [], ...known } = facts;
  for (const name of unknownFacts) {
    // One question at a time; the other unknowns stay unknown (so a fact that depends on one of
    // them, e.g. GMO production on the GMO class, is not refused as a contradiction).
    const rest = unknownFacts.filter((n) => n !== name);
    for (const other of alternativesOf(name)) {
      let result;
      try {
        result = rescreen({ ...known, [name]: other, ...(rest.length > 0 ? { unknownFacts: rest } : {}) } as ProjectFacts);
      } catch {
        continue; // the other answer contradicts a known fact (a 422 rule): it cannot be the answer
      }
      for (const p of result.permits) {
        if (requiredCodes.has(p.code)) continue;
        const entry = byCode.get(p.code) ?? { code: p.code, nameDa: p.nameDa, nameEn: p.nameEn, settle: [] };
        if (!entry.settle.includes(name)) entry.settle.push(name);
        byCode.set(p.code, entry);
      }
    }
  }
  return [...byCode.values()];
}
