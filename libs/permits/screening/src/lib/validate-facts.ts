import { isMunicipalityCode } from '@rl/permits-catalog';
import { FactIssue, ScreeningValidationError } from './errors';
import {
  BUILDING_USES,
  CONTAMINATED_SOIL_LEVELS,
  EIA_ANNEXES,
  HEAT_SUPPLY_KINDS,
  PROTECTION_LINES,
  ProjectFacts,
  ROAD_TYPES,
  SEVESO_TIERS,
  SITE_ZONES,
} from './project-facts';

type Input = Record<string, unknown>;

const BOOLEAN_FIELDS = [
  'inIndustrialPark', 'fitsMunicipalPlanFrame', 'needsNewLocalPlan', 'localPlanHasBonusEffect',
  'eiaSignificantEffectsExpected', 'stateOrCrossMunicipalProject', 'groundwaterAbstraction',
  'dewateringDuringConstruction', 'abstractionWellWithin300m', 'dewateringWaterToSewer', 'dischargeToRecipient',
  'industrialWastewaterToSewer', 'sensitiveUseChange', 'protectedHabitatOnSite', 'natura2000Nearby',
  'processesFlammableSolvents', 'gmoCommercialProduction', 'newOrWidenedRoadAccess', 'withinStateRoadZone',
  'groundWorks', 'greenfield', 'medicinalProductManufacture', 'newBuildingOrExtension',
  'nationalStrategicImportance', 'netZeroOrCriticalRawMaterials',
] as const;

const NUMBER_FIELDS = [
  'dewateringVolumeM3PerYear', 'dewateringDurationMonths', 'flammableLiquidsStorageUnits',
  'combustionThermalInputMW', 'largeNewGridLoadMW', 'investmentDkk',
] as const;

const ENUM_FIELDS: Array<[string, readonly string[]]> = [
  ['eiaAnnex', EIA_ANNEXES],
  ['contaminatedSoil', CONTAMINATED_SOIL_LEVELS],
  ['sevesoTier', SEVESO_TIERS],
  ['roadType', ROAD_TYPES],
  ['heatSupply', HEAT_SUPPLY_KINDS],
  ['buildingUse', BUILDING_USES],
];

function checkNumber(issues: FactIssue[], field: string, v: unknown): void {
  if (v === undefined) return;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    issues.push({ field, code: 'INVALID_TYPE', message: 'must be a finite number' });
  } else if (v < 0) {
    issues.push({ field, code: 'NEGATIVE_NUMBER', message: `must not be negative (got ${v})` });
  }
}

/** Every field ProjectFacts knows; anything else is refused (a typo must not silently drop a trigger). */
const KNOWN_FIELDS = new Set<string>([
  'municipalityCode', 'siteZone', 'listedActivity', 'protectionLines', 'gmoClass', 'constructionSite',
  ...BOOLEAN_FIELDS, ...NUMBER_FIELDS, ...ENUM_FIELDS.map(([f]) => f),
]);
const NESTED_FIELDS: Record<string, Set<string>> = {
  listedActivity: new Set(['annex', 'listItem', 'sMarked']),
  constructionSite: new Set(['durationDays', 'peakWorkers', 'personDays']),
};

function unknownFieldIssues(f: Input): FactIssue[] {
  const issues: FactIssue[] = [];
  for (const key of Object.keys(f)) {
    if (!KNOWN_FIELDS.has(key)) {
      issues.push({ field: key, code: 'UNKNOWN_FIELD', message: 'is not a known project fact' });
      continue;
    }
    const nested = NESTED_FIELDS[key];
    const v = f[key];
    if (nested && v && typeof v === 'object' && !Array.isArray(v)) {
      for (const k of Object.keys(v)) {
        if (!nested.has(k)) issues.push({ field: `${key}.${k}`, code: 'UNKNOWN_FIELD', message: 'is not a known project fact' });
      }
    }
  }
  return issues;
}

function shapeIssues(f: Input): FactIssue[] {
  const issues: FactIssue[] = unknownFieldIssues(f);
  const code = f['municipalityCode'];
  if (code === undefined || code === null || code === '') {
    issues.push({ field: 'municipalityCode', code: 'REQUIRED', message: 'the site municipality is required' });
  } else if (typeof code !== 'string' || !/^\d{3}$/.test(code)) {
    issues.push({ field: 'municipalityCode', code: 'INVALID_VALUE', message: 'must be a 3-digit kommunekode, e.g. "326"' });
  } else if (!isMunicipalityCode(code)) {
    issues.push({ field: 'municipalityCode', code: 'UNKNOWN_MUNICIPALITY', message: `${code} is not one of the 98 municipality codes` });
  }

  if (f['siteZone'] === undefined) {
    issues.push({ field: 'siteZone', code: 'REQUIRED', message: 'the planning zone of the site is required' });
  } else if (!SITE_ZONES.includes(f['siteZone'] as never)) {
    issues.push({ field: 'siteZone', code: 'INVALID_VALUE', message: `must be one of ${SITE_ZONES.join(', ')}` });
  }

  for (const field of BOOLEAN_FIELDS) {
    if (f[field] !== undefined && typeof f[field] !== 'boolean') issues.push({ field, code: 'INVALID_TYPE', message: 'must be true or false' });
  }
  for (const field of NUMBER_FIELDS) checkNumber(issues, field, f[field]);
  for (const [field, values] of ENUM_FIELDS) {
    if (f[field] !== undefined && !values.includes(f[field] as string)) {
      issues.push({ field, code: 'INVALID_VALUE', message: `must be one of ${values.join(', ')}` });
    }
  }

  const gmo = f['gmoClass'];
  if (gmo !== undefined && (typeof gmo !== 'number' || !Number.isInteger(gmo) || gmo < 0 || gmo > 4)) {
    issues.push({ field: 'gmoClass', code: 'OUT_OF_RANGE', message: 'must be an integer class 0–4' });
  }

  const lines = f['protectionLines'];
  if (lines !== undefined) {
    if (!Array.isArray(lines)) issues.push({ field: 'protectionLines', code: 'INVALID_TYPE', message: 'must be a list' });
    else
      lines.forEach((l, i) => {
        if (!PROTECTION_LINES.includes(l)) {
          issues.push({ field: `protectionLines.${i}`, code: 'INVALID_VALUE', message: `must be one of ${PROTECTION_LINES.join(', ')}` });
        }
      });
  }

  const la = f['listedActivity'];
  if (la !== undefined && la !== null) {
    const a = la as Input;
    if (typeof la !== 'object') issues.push({ field: 'listedActivity', code: 'INVALID_TYPE', message: 'must be an object or null' });
    else {
      if (a['annex'] !== 'annex1' && a['annex'] !== 'annex2') {
        issues.push({ field: 'listedActivity.annex', code: 'INVALID_VALUE', message: 'must be annex1 or annex2' });
      }
      if (typeof a['sMarked'] !== 'boolean') issues.push({ field: 'listedActivity.sMarked', code: 'INVALID_TYPE', message: 'must be true or false' });
    }
  }

  const cs = f['constructionSite'];
  if (cs !== undefined && cs !== null) {
    if (typeof cs !== 'object') issues.push({ field: 'constructionSite', code: 'INVALID_TYPE', message: 'must be an object or null' });
    else for (const k of ['durationDays', 'peakWorkers', 'personDays']) {
      const v = (cs as Input)[k];
      if (v === undefined) issues.push({ field: `constructionSite.${k}`, code: 'REQUIRED', message: 'is required' });
      else checkNumber(issues, `constructionSite.${k}`, v);
    }
  }
  return issues;
}

/** Contradictions between well-typed facts. */
function contradictionIssues(f: ProjectFacts): FactIssue[] {
  const issues: FactIssue[] = [];
  const contradiction = (field: string, message: string) => issues.push({ field, code: 'CONTRADICTION', message });

  if (f.siteZone === 'sommerhusomraade' && f.inIndustrialPark) {
    contradiction('inIndustrialPark', 'a summer-house area cannot be a designated industrial park');
  }
  if (f.gmoCommercialProduction && (f.gmoClass ?? 0) < 1) {
    contradiction('gmoCommercialProduction', 'GMO production requires GMO work of class 1 or higher (gmoClass ≥ 1)');
  }
  if (!f.dewateringDuringConstruction) {
    for (const field of ['dewateringVolumeM3PerYear', 'dewateringDurationMonths', 'abstractionWellWithin300m', 'dewateringWaterToSewer'] as const) {
      if (f[field] !== undefined && f[field] !== false && f[field] !== 0) {
        contradiction(field, 'dewatering details given, but dewateringDuringConstruction is not true');
      }
    }
  }
  if (!f.newOrWidenedRoadAccess) {
    if (f.roadType !== undefined) contradiction('roadType', 'road type given, but there is no new or widened road access');
    if (f.withinStateRoadZone) contradiction('withinStateRoadZone', 'state-road zone given, but there is no new or widened road access');
  }
  if (f.localPlanHasBonusEffect && !f.needsNewLocalPlan && f.fitsMunicipalPlanFrame !== false) {
    contradiction('localPlanHasBonusEffect', 'bonus effect needs a new lokalplan');
  }
  if (f.eiaSignificantEffectsExpected && (f.eiaAnnex ?? 'none') !== 'annex2') {
    contradiction('eiaSignificantEffectsExpected', 'expected significant effects only make sense for an annex 2 (screened) project');
  }
  const cs = f.constructionSite;
  if (cs && cs.personDays > cs.durationDays * cs.peakWorkers) {
    contradiction('constructionSite.personDays', 'person-days cannot exceed duration × peak workers');
  }
  return issues;
}

/** All problems with the (untrusted) input; an empty list means it is valid `ProjectFacts`. */
export function validateProjectFacts(input: unknown): FactIssue[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return [{ field: '', code: 'INVALID_TYPE', message: 'project facts must be an object' }];
  }
  const shape = shapeIssues(input as Input);
  if (shape.length > 0) return shape;
  return contradictionIssues(input as ProjectFacts);
}

/** Throws `ScreeningValidationError` (code 'SCREENING.INVALID_FACTS') unless the input is valid. */
export function assertValidProjectFacts(input: unknown): asserts input is ProjectFacts {
  const issues = validateProjectFacts(input);
  if (issues.length > 0) throw new ScreeningValidationError(issues);
}
