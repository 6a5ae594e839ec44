import { eiaAnnexesOf, findListedActivity, isMunicipalityCode } from '@rl/permits-catalog';
import { deriveFacts } from './derive-facts';
import { isSettleableFact } from './unknown-facts';
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
  'nationalStrategicImportance', 'netZeroOrCriticalRawMaterials', 'medicinalAuthorisationChange',
  'regularEnvironmentalInspection',
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
  'municipalityCode', 'siteZone', 'listedActivity', 'protectionLines', 'gmoClass', 'constructionSite', 'unknownFacts',
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

/** `unknownFacts`: a list of distinct question names that may be answered "don't know"
 *  (`SETTLEABLE_FACTS`, `SETTLEABLE_CHOICE_FACTS`), none of them also answered. */
function unknownFactsIssues(f: Input): FactIssue[] {
  const u = f['unknownFacts'];
  if (u === undefined) return [];
  if (!Array.isArray(u) || u.length > 40) return [{ field: 'unknownFacts', code: 'INVALID_TYPE', message: 'must be a list of question names' }];
  const issues: FactIssue[] = [];
  u.forEach((name, i) => {
    if (typeof name !== 'string' || !isSettleableFact(name)) {
      issues.push({ field: `unknownFacts.${i}`, code: 'INVALID_VALUE', message: 'is not a question that can be answered "don\'t know"' });
    } else if (f[name] !== undefined) {
      issues.push({ field: `unknownFacts.${i}`, code: 'CONTRADICTION', message: `${name} is answered and "don't know" at once`, rule: 'FACTS-UNKNOWN-AND-ANSWERED' });
    } else if (u.indexOf(name) !== i) {
      issues.push({ field: `unknownFacts.${i}`, code: 'INVALID_VALUE', message: `${name} is listed twice` });
    }
  });
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
      if (a['listItem'] !== undefined && (typeof a['listItem'] !== 'string' || !/^[0-9A-Za-z.]{1,12}$/.test(a['listItem']))) {
        issues.push({ field: 'listedActivity.listItem', code: 'INVALID_VALUE', message: 'must be a list item code such as "4.5"' });
      }
      // A list item the catalogue ships derives annex and s-mark; otherwise they must be declared.
      const known = typeof a['listItem'] === 'string' && findListedActivity(a['listItem']) !== undefined;
      if (!(known && a['annex'] === undefined) && a['annex'] !== 'annex1' && a['annex'] !== 'annex2') {
        issues.push({ field: 'listedActivity.annex', code: 'INVALID_VALUE', message: 'must be annex1 or annex2' });
      }
      if (!(known && a['sMarked'] === undefined) && typeof a['sMarked'] !== 'boolean') {
        issues.push({ field: 'listedActivity.sMarked', code: 'INVALID_TYPE', message: 'must be true or false' });
      }
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

/** Contradictions between well-typed facts. A contradiction whose premise is answered "don't
 *  know" (`unknownFacts`) is not one yet: the answer may make it consistent (issue 13 item 15). */
function contradictionIssues(f: ProjectFacts): FactIssue[] {
  const issues: FactIssue[] = [];
  const unknown = new Set(f.unknownFacts ?? []);
  const open = (...names: string[]) => names.some((n) => unknown.has(n));
  const contradiction = (field: string, message: string) => issues.push({ field, code: 'CONTRADICTION', message });

  if (f.siteZone === 'sommerhusomraade' && f.inIndustrialPark) {
    contradiction('inIndustrialPark', 'a summer-house area cannot be a designated industrial park');
  }
  if (f.gmoCommercialProduction && (f.gmoClass ?? 0) < 1 && !open('gmoClass')) {
    contradiction('gmoCommercialProduction', 'GMO production requires GMO work of class 1 or higher (gmoClass ≥ 1)');
  }
  if (!f.dewateringDuringConstruction && !open('dewateringDuringConstruction')) {
    for (const field of ['dewateringVolumeM3PerYear', 'dewateringDurationMonths', 'abstractionWellWithin300m', 'dewateringWaterToSewer'] as const) {
      if (f[field] !== undefined && f[field] !== false && f[field] !== 0) {
        contradiction(field, 'dewatering details given, but dewateringDuringConstruction is not true');
      }
    }
  }
  if (!f.newOrWidenedRoadAccess && !open('newOrWidenedRoadAccess')) {
    if (f.roadType !== undefined) contradiction('roadType', 'road type given, but there is no new or widened road access');
    if (f.withinStateRoadZone) contradiction('withinStateRoadZone', 'state-road zone given, but there is no new or widened road access');
  }
  if (f.localPlanHasBonusEffect && !f.needsNewLocalPlan && f.fitsMunicipalPlanFrame !== false && !open('needsNewLocalPlan', 'fitsMunicipalPlanFrame')) {
    contradiction('localPlanHasBonusEffect', 'bonus effect needs a new lokalplan');
  }
  if (f.eiaSignificantEffectsExpected && (f.eiaAnnex ?? 'none') !== 'annex2' && !open('eiaAnnex', 'listedActivity')) {
    contradiction('eiaSignificantEffectsExpected', 'expected significant effects only make sense for an annex 2 (screened) project');
  }
  const cs = f.constructionSite;
  if (cs && cs.personDays > cs.durationDays * cs.peakWorkers) {
    contradiction('constructionSite.personDays', 'person-days cannot exceed duration × peak workers');
  }
  return issues;
}

/**
 * Declared facts that contradict what the catalogue derives from the list item (issue 13 item 14):
 * the old `annex`/`sMarked`/`eiaAnnex` facts are still accepted, but only when they agree.
 */
function listItemIssues(f: ProjectFacts): FactIssue[] {
  const item = findListedActivity(f.listedActivity?.listItem);
  if (!f.listedActivity || !item) return [];
  const issues: FactIssue[] = [];
  const la = f.listedActivity;
  if (la.annex !== undefined && la.annex !== item.annex) {
    issues.push({ field: 'listedActivity.annex', code: 'CONTRADICTS_LIST_ITEM', rule: 'DERIVE-ANNEX', message: `list item ${item.code} is in ${item.annex} of godkendelsesbekendtgørelsen, not ${la.annex}` });
  }
  if (la.sMarked !== undefined && la.sMarked !== item.sMarked) {
    issues.push({
      field: 'listedActivity.sMarked',
      code: 'CONTRADICTS_LIST_ITEM',
      rule: 'DERIVE-SMARK',
      message: `list item ${item.code} is ${item.sMarked ? '' : 'not '}s-marked (${item.sMarked ? 'MST' : 'the municipality'} approves it)`,
    });
  }
  const eia = eiaAnnexesOf(item);
  if (f.eiaAnnex !== undefined && eia.length > 0 && !eia.includes(f.eiaAnnex as 'annex1' | 'annex2')) {
    issues.push({ field: 'eiaAnnex', code: 'CONTRADICTS_LIST_ITEM', rule: 'DERIVE-EIA', message: `list item ${item.code} falls under miljøvurderingsloven ${eia.join(' or ')}, not ${f.eiaAnnex}` });
  }
  return issues;
}

/**
 * Municipalities without a coastline, where no beach protection line (NBL §15, 300 m from the
 * coast) can lie. Inference from geography (land-locked municipalities), kept conservative.
 */
export const INLAND_MUNICIPALITIES: ReadonlySet<string> = new Set([
  '147', // Frederiksberg
  '151', // Ballerup
  '159', // Gladsaxe
  '161', // Glostrup
  '163', // Herlev
  '165', // Albertslund
  '169', // Høje-Taastrup
  '175', // Rødovre
  '190', // Furesø
  '530', // Billund
  '657', // Herning
  '740', // Silkeborg
  '756', // Ikast-Brande
]);

/** Largest plausible total rated thermal input of a production site, MW (the largest Danish
 *  power stations are around 1,000–2,000 MW; inference). */
export const MAX_PLAUSIBLE_THERMAL_INPUT_MW = 5_000;
/** Smallest load that can need a new or reinforced grid connection, MW (10 kW; inference: an
 *  ordinary low-voltage connection carries more). */
export const MIN_GRID_CONNECTION_LOAD_MW = 0.01;

/** Facts that are each valid but together (or in size) are nonsense (issue 13 item 18). */
function nonsenseIssues(f: ProjectFacts): FactIssue[] {
  const issues: FactIssue[] = [];
  if (f.siteZone === 'sommerhusomraade' && (f.sevesoTier === 'lower' || f.sevesoTier === 'upper')) {
    issues.push({ field: 'sevesoTier', code: 'CONTRADICTION', rule: 'FACTS-SEVESO-IN-SUMMER-HOUSE-AREA', message: 'a Seveso (risk) site cannot lie in a summer-house area (PL §34: summer-house areas are for holiday homes)' });
  }
  if (f.siteZone === 'landzone' && f.inIndustrialPark) {
    issues.push({ field: 'inIndustrialPark', code: 'CONTRADICTION', rule: 'FACTS-INDUSTRIAL-PARK-IN-LANDZONE', message: 'a designated industrial park (L 206) is not in the rural zone (landzone); check the zone or the park' });
  }
  if ((f.combustionThermalInputMW ?? 0) > MAX_PLAUSIBLE_THERMAL_INPUT_MW) {
    issues.push({ field: 'combustionThermalInputMW', code: 'IMPLAUSIBLE', rule: 'FACTS-THERMAL-INPUT-IMPLAUSIBLE', message: `more than ${MAX_PLAUSIBLE_THERMAL_INPUT_MW} MW rated thermal input is not a production site; check the unit (MW)` });
  }
  const load = f.largeNewGridLoadMW ?? 0;
  if (load > 0 && load < MIN_GRID_CONNECTION_LOAD_MW) {
    issues.push({ field: 'largeNewGridLoadMW', code: 'IMPLAUSIBLE', rule: 'FACTS-GRID-LOAD-TOO-SMALL', message: `a load below ${MIN_GRID_CONNECTION_LOAD_MW} MW does not need a new grid connection; check the unit (MW) or answer 0` });
  }
  if ((f.protectionLines ?? []).includes('beach') && INLAND_MUNICIPALITIES.has(f.municipalityCode)) {
    issues.push({ field: 'protectionLines', code: 'CONTRADICTION', rule: 'FACTS-BEACH-LINE-INLAND', message: 'the beach protection line (NBL §15) follows the coast; this municipality has no coast' });
  }
  if (f.medicinalAuthorisationChange && !f.medicinalProductManufacture && !(f.unknownFacts ?? []).includes('medicinalProductManufacture')) {
    issues.push({ field: 'medicinalAuthorisationChange', code: 'CONTRADICTION', rule: 'FACTS-GMP-CHANGE-WITHOUT-MANUFACTURE', message: 'a change to a manufacturing authorisation needs medicinalProductManufacture' });
  }
  return issues;
}

/** All problems with the (untrusted) input; an empty list means it is valid `ProjectFacts`. */
export function validateProjectFacts(input: unknown): FactIssue[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return [{ field: '', code: 'INVALID_TYPE', message: 'project facts must be an object' }];
  }
  const shape = [...shapeIssues(input as Input), ...unknownFactsIssues(input as Input)];
  if (shape.length > 0) return shape;
  const declared = input as ProjectFacts;
  const derived = deriveFacts(declared).facts;
  return [...listItemIssues(declared), ...contradictionIssues(derived), ...nonsenseIssues(derived)];
}

/** Throws `ScreeningValidationError` (code 'SCREENING.INVALID_FACTS') unless the input is valid. */
export function assertValidProjectFacts(input: unknown): asserts input is ProjectFacts {
  const issues = validateProjectFacts(input);
  if (issues.length > 0) throw new ScreeningValidationError(issues);
}
