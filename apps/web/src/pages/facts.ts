// The screening questionnaire (ProjectFacts in libs/permits/screening), grouped into fieldsets.
import { EIA_ANNEX_ENTRIES, LISTED_ACTIVITIES } from '@rl/permits-catalog';
// Labels come from i18n keys `fact.<name>` / `fact.<name>.<option>` / `group.<group>`.

export type FactGroup = 'site' | 'environment' | 'nature' | 'hazards' | 'biotech' | 'construction' | 'project';

export type FactField =
  /** A yes/no question answered 'yes' | 'no' | 'unknown' (don't know, issue 13 item 15); `defaultValue` is
   *  the meaning of an omitted answer; `noUnknown` for a question the API cannot take as unknown.
   *  Selects, numbers and lists take "don't know" too (`UNKNOWN`, item 15 (b)); the radio (zone)
   *  and the municipality are register facts and must be answered. */
  | { name: string; kind: 'bool'; group: FactGroup; defaultValue?: boolean; noUnknown?: boolean; showIf?: (f: FactValues) => boolean }
  | { name: string; kind: 'select'; group: FactGroup; options: readonly string[]; defaultValue: string; showIf?: (f: FactValues) => boolean }
  | { name: string; kind: 'radio'; group: FactGroup; options: readonly string[]; defaultValue: string }
  | { name: string; kind: 'number'; group: FactGroup; unit?: string; showIf?: (f: FactValues) => boolean }
  | { name: string; kind: 'multi'; group: FactGroup; options: readonly string[] }
  | { name: string; kind: 'municipality'; group: FactGroup };

export type FactValue = string | boolean | string[];
export type FactValues = Record<string, FactValue>;

/** The list items the catalogue ships (godkendelsesbekendtgørelsen bilag 1/2). */
export const LIST_ITEMS: readonly string[] = LISTED_ACTIVITIES.map((a) => a.code);
const isListItem = (v: FactValue | undefined): boolean => typeof v === 'string' && LIST_ITEMS.includes(v);

/** The EIA annex the answers give: derived from a shipped list item (its usual MVL entry), else declared. */
export function eiaAnnexOf(f: FactValues): string {
  const item = LISTED_ACTIVITIES.find((a) => a.code === f.listedActivity);
  if (!item) return String(f.eiaAnnex);
  return EIA_ANNEX_ENTRIES.find((e) => e.id === item.eiaEntries[0])?.annex ?? 'none';
}

export const FACT_GROUPS: readonly FactGroup[] = ['site', 'environment', 'nature', 'hazards', 'biotech', 'construction', 'project'];

export const FACT_FIELDS: readonly FactField[] = [
  { name: 'municipalityCode', kind: 'municipality', group: 'site' },
  { name: 'siteZone', kind: 'radio', group: 'site', options: ['byzone', 'landzone', 'sommerhusomraade'], defaultValue: 'byzone' },
  { name: 'inIndustrialPark', kind: 'bool', group: 'site' },
  { name: 'fitsMunicipalPlanFrame', kind: 'bool', group: 'site', defaultValue: true },
  { name: 'needsNewLocalPlan', kind: 'bool', group: 'site' },
  { name: 'localPlanHasBonusEffect', kind: 'bool', group: 'site', showIf: (f) => f.needsNewLocalPlan === 'yes' },

  // The list item (issue 13 item 14): s-mark, annex and EIA track are derived from a shipped item;
  // only an activity the catalogue does not ship ('annex1'/'annex2': "another activity") asks them.
  { name: 'listedActivity', kind: 'select', group: 'environment', options: ['none', ...LIST_ITEMS, 'annex1', 'annex2'], defaultValue: 'none' },
  { name: 'listedActivitySMarked', kind: 'bool', group: 'environment', noUnknown: true, showIf: (f) => f.listedActivity === 'annex1' || f.listedActivity === 'annex2' },
  { name: 'eiaAnnex', kind: 'select', group: 'environment', options: ['none', 'annex1', 'annex2'], defaultValue: 'none', showIf: (f) => !isListItem(f.listedActivity) },
  { name: 'eiaSignificantEffectsExpected', kind: 'bool', group: 'environment', showIf: (f) => eiaAnnexOf(f) === 'annex2' },
  { name: 'groundwaterAbstraction', kind: 'bool', group: 'environment' },
  { name: 'dewateringDuringConstruction', kind: 'bool', group: 'environment' },
  { name: 'dischargeToRecipient', kind: 'bool', group: 'environment' },
  { name: 'industrialWastewaterToSewer', kind: 'bool', group: 'environment' },
  { name: 'contaminatedSoil', kind: 'select', group: 'environment', options: ['none', 'V1', 'V2'], defaultValue: 'none' },
  { name: 'combustionThermalInputMW', kind: 'number', group: 'environment', unit: 'MW' },
  { name: 'heatSupply', kind: 'select', group: 'environment', options: ['none', 'newCollectivePlant', 'surplusHeatToDistrictHeating'], defaultValue: 'none' },

  { name: 'natura2000Nearby', kind: 'bool', group: 'nature' },
  { name: 'protectedHabitatOnSite', kind: 'bool', group: 'nature' },
  { name: 'protectionLines', kind: 'multi', group: 'nature', options: ['beach', 'lake', 'stream', 'forest', 'monument', 'church'] },

  { name: 'sevesoTier', kind: 'select', group: 'hazards', options: ['none', 'lower', 'upper'], defaultValue: 'none' },
  { name: 'flammableLiquidsStorageUnits', kind: 'number', group: 'hazards' },
  { name: 'processesFlammableSolvents', kind: 'bool', group: 'hazards' },

  { name: 'medicinalProductManufacture', kind: 'bool', group: 'biotech' },
  { name: 'gmoClass', kind: 'select', group: 'biotech', options: ['0', '1', '2', '3', '4'], defaultValue: '0' },
  { name: 'gmoCommercialProduction', kind: 'bool', group: 'biotech', showIf: (f) => f.gmoClass !== '0' },

  { name: 'newBuildingOrExtension', kind: 'bool', group: 'construction' },
  { name: 'buildingUse', kind: 'select', group: 'construction', options: ['industryOrStorage', 'multiStoreyCommercial'], defaultValue: 'industryOrStorage', showIf: (f) => f.newBuildingOrExtension === 'yes' },
  { name: 'groundWorks', kind: 'bool', group: 'construction' },
  { name: 'greenfield', kind: 'bool', group: 'construction' },
  { name: 'newOrWidenedRoadAccess', kind: 'bool', group: 'construction' },
  { name: 'roadType', kind: 'select', group: 'construction', options: ['municipal', 'state'], defaultValue: 'municipal', showIf: (f) => f.newOrWidenedRoadAccess === 'yes' },
  { name: 'withinStateRoadZone', kind: 'bool', group: 'construction' },
  { name: 'largeNewGridLoadMW', kind: 'number', group: 'construction', unit: 'MW' },

  { name: 'investmentDkk', kind: 'number', group: 'project', unit: 'kr.' },
  { name: 'nationalStrategicImportance', kind: 'bool', group: 'project' },
  { name: 'netZeroOrCriticalRawMaterials', kind: 'bool', group: 'project' },
  { name: 'stateOrCrossMunicipalProject', kind: 'bool', group: 'project' },
];

export function initialFacts(): FactValues {
  const v: FactValues = { municipalityCode: '' };
  for (const f of FACT_FIELDS) {
    if (f.kind === 'bool') v[f.name] = f.defaultValue ? 'yes' : 'no';
    else if (f.kind === 'select' || f.kind === 'radio') v[f.name] = f.defaultValue;
    else if (f.kind === 'number') v[f.name] = '';
    else if (f.kind === 'multi') v[f.name] = [];
  }
  return v;
}

export function isVisible(f: FactField, v: FactValues): boolean {
  return !('showIf' in f) || !f.showIf || f.showIf(v);
}

export const ANSWERS = ['yes', 'no', 'unknown'] as const;
/** The value of a select, number or list question answered "don't know" (issue 13 item 15 (b)). */
export const UNKNOWN = 'unknown';
const isUnknown = (value: FactValue | undefined): boolean => value === UNKNOWN || (Array.isArray(value) && value.includes(UNKNOWN));

/**
 * Questionnaire values → the ProjectFacts body for /screening and /cases (defaults omitted). A
 * "don't know" answer goes into `unknownFacts`, so screening returns the permits it may add.
 */
export function toFacts(v: FactValues): Record<string, unknown> {
  const facts: Record<string, unknown> = { municipalityCode: v.municipalityCode, siteZone: v.siteZone };
  const unknownFacts: string[] = [];
  for (const f of FACT_FIELDS) {
    if (!isVisible(f, v) || f.name === 'municipalityCode' || f.name === 'siteZone') continue;
    const value = v[f.name];
    if (f.kind !== 'bool' && isUnknown(value)) {
      unknownFacts.push(f.name);
      continue;
    }
    switch (f.kind) {
      case 'bool':
        if (f.name === 'listedActivitySMarked') break;
        if (value === 'unknown') unknownFacts.push(f.name);
        else if (f.name === 'fitsMunicipalPlanFrame') facts[f.name] = value === 'yes';
        else if (value === 'yes') facts[f.name] = true;
        break;
      case 'select':
        if (f.name === 'listedActivity') {
          if (isListItem(value)) facts.listedActivity = { listItem: value };
          else if (value !== 'none') facts.listedActivity = { annex: value, sMarked: v.listedActivitySMarked === 'yes' };
        } else if (f.name === 'gmoClass') {
          if (value !== '0') facts.gmoClass = Number(value);
        } else if (value !== 'none') facts[f.name] = value;
        break;
      case 'number': {
        const n = Number(String(value).replace(/\s/g, '').replace(',', '.'));
        if (String(value).trim() !== '' && Number.isFinite(n) && n > 0) facts[f.name] = n;
        break;
      }
      case 'multi':
        if (Array.isArray(value) && value.length > 0) facts[f.name] = value;
        break;
      default:
        break;
    }
  }
  if (unknownFacts.length > 0) facts.unknownFacts = unknownFacts;
  return facts;
}

/** Stored facts → questionnaire values (the inverse of toFacts, for editing a case's facts; issue 14). */
export function fromFacts(facts: Record<string, unknown>): FactValues {
  const v = initialFacts();
  const unknown = new Set(Array.isArray(facts.unknownFacts) ? facts.unknownFacts.map(String) : []);
  for (const f of FACT_FIELDS) {
    const value = facts[f.name];
    if (f.name === 'listedActivity' && unknown.has(f.name)) v.listedActivity = UNKNOWN;
    else if (f.name === 'listedActivity') {
      // A list item (issue 13 item 14) or the old annex + s-mark form.
      const la = value as { listItem?: string; annex?: string; sMarked?: boolean } | undefined;
      v.listedActivity = la?.listItem ?? la?.annex ?? 'none';
      v.listedActivitySMarked = la?.sMarked === true ? 'yes' : 'no';
    } else if (f.name === 'gmoClass' && !unknown.has(f.name)) v.gmoClass = value === undefined ? '0' : String(value);
    else if (f.name === 'listedActivitySMarked') continue;
    // Yes / no / don't know (issue 13 item 15): an explicit "don't know" is kept as one.
    else if (f.kind === 'bool' && unknown.has(f.name)) v[f.name] = 'unknown';
    else if (unknown.has(f.name)) v[f.name] = f.kind === 'multi' ? [UNKNOWN] : UNKNOWN;
    else if (value === undefined) continue;
    else if (f.kind === 'bool') v[f.name] = value === true ? 'yes' : 'no';
    else if (f.kind === 'number') v[f.name] = String(value);
    else if (f.kind === 'multi') v[f.name] = Array.isArray(value) ? value.map(String) : [];
    else v[f.name] = String(value);
  }
  return v;
}

/** The facts to send after editing: the questionnaire's, plus stored facts it has no field for (kept as they are). */
export function mergeFacts(stored: Record<string, unknown>, v: FactValues): Record<string, unknown> {
  const managed = new Set<string>([...FACT_FIELDS.map((f) => f.name), 'unknownFacts']);
  const kept = Object.fromEntries(Object.entries(stored).filter(([k]) => !managed.has(k)));
  return { ...kept, ...toFacts(v) };
}
