/**
 * Explicit "don't know" answers (issue 13 item 15). A fact the applicant OMITS keeps today's
 * meaning (a yes/no question omitted = its default answer, e.g. "no discharge"), so existing API
 * clients are unaffected. A fact listed in `unknownFacts` is different: the answer is not known,
 * so every permit the other answer would need is POSSIBLE, with the question to settle. The case
 * cannot be submitted while a possible permit is unsettled, unless a coordinator accepts it.
 */
import type { ProjectFacts } from './project-facts';

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

export interface PossiblePermit {
  code: string;
  nameDa: string;
  nameEn: string;
  /** The "don't know" answers whose other answer would make the permit needed. */
  settle: string[];
}

/**
 * Permits that the other answer to an unknown fact would add to `requiredCodes`, each with the
 * questions to settle. `rescreen` screens facts without `unknownFacts` (the caller's `screen`).
 */
export function possiblePermitsOf(
  facts: ProjectFacts,
  requiredCodes: ReadonlySet<string>,
  rescreen: (facts: ProjectFacts) => { permits: { code: string; nameDa: string; nameEn: string }[] },
): PossiblePermit[] {
  const byCode = new Map<string, PossiblePermit>();
  const { unknownFacts = [], ...known } = facts;
  for (const name of unknownFacts) {
    const other = !SETTLEABLE_FACTS[name];
    let result;
    try {
      result = rescreen({ ...known, [name]: other } as ProjectFacts);
    } catch {
      continue; // the other answer contradicts a known fact (a 422 rule): it cannot be the answer
    }
    for (const p of result.permits) {
      if (requiredCodes.has(p.code)) continue;
      const entry = byCode.get(p.code) ?? { code: p.code, nameDa: p.nameDa, nameEn: p.nameEn, settle: [] };
      entry.settle.push(name);
      byCode.set(p.code, entry);
    }
  }
  return [...byCode.values()];
}
