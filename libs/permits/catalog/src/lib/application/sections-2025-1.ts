/**
 * One application section per permit type of catalogue 2025.1 (issue 14). Four permit types
 * have their own fields (environmental permit, building permit, GMP manufacturing
 * authorisation, groundwater abstraction); every other type gets the generic section built from
 * its catalogue entry (a description of what is applied for, citing the entry's legal basis).
 * The completeness-check period is the receipt practice of 21 days seen for environmental
 * permits (vordingborg.dk, permits-research.md §1 #6 ✔); for the others it is an inference.
 */
import { CATALOG_2025_1 } from '../catalog-2025-1';
import type { CompletenessCheckRule, FormSchema, PermitSection, SharedFieldUse } from './types';

const RECEIPT_21_DAYS: CompletenessCheckRule = {
  duration: { unit: 'calendarDays', length: 21 },
  source: 'Municipal practice: receipt (kvittering) within 21 days for environmental permits (vordingborg.dk; permits-research.md §1 #6)',
  inference: false,
};
const RECEIPT_21_DAYS_INFERRED: CompletenessCheckRule = {
  ...RECEIPT_21_DAYS,
  source: 'Inferred from the 21-day receipt practice for environmental permits (permits-research.md §1 #6); no own rule found',
  inference: true,
};

const SITE_AND_PROJECT: SharedFieldUse[] = [
  { pointer: '/site/address', source: 'The permit is given for the site', inference: true },
  { pointer: '/site/cadastralParcels', source: 'The permit is given for a property (matrikel + ejerlav)', inference: true },
  { pointer: '/project/description', source: 'Every authority needs the project described', inference: true },
];

const GODK_BILAG = 'Godkendelsesbekendtgørelsen, bilag om ansøgningens indhold (bilag 5 ~), MBL §33';

const MILJOEGODKENDELSE: PermitSection = {
  permitCode: 'MILJOEGODKENDELSE',
  completenessCheck: RECEIPT_21_DAYS,
  sharedFields: [...SITE_AND_PROJECT, { pointer: '/project/listedActivity', source: 'MBL §33; godkendelsesbek. bilag 1/2', inference: false }, { pointer: '/company/pNumber', source: GODK_BILAG, inference: true }],
  requiredDocuments: [
    { key: 'sitePlan', documentType: 'sitePlan', da: 'Situationsplan med støjkilder og afløb', en: 'Site plan with noise sources and drains', source: GODK_BILAG, inference: true },
    { key: 'noiseAssessment', documentType: 'noiseAssessment', da: 'Støjberegning', en: 'Noise assessment', source: `${GODK_BILAG}; Miljøstyrelsens vejledning om ekstern støj ~`, inference: true },
  ],
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['rawMaterials', 'emissionsToAir', 'wastewater', 'noiseMeasures', 'bat'],
    properties: {
      rawMaterials: { type: 'string', title: 'Råvarer og hjælpestoffer (mængder pr. år)', 'x-title-en': 'Raw and auxiliary materials (amounts a year)', 'x-widget': 'textarea', minLength: 10, maxLength: 10000, 'x-source': GODK_BILAG, 'x-inference': true },
      emissionsToAir: { type: 'string', title: 'Emissioner til luft', 'x-title-en': 'Emissions to air', 'x-widget': 'textarea', minLength: 10, maxLength: 10000, 'x-source': GODK_BILAG, 'x-inference': true },
      wastewater: { type: 'string', title: 'Spildevand og afledning', 'x-title-en': 'Wastewater and discharge', 'x-widget': 'textarea', minLength: 10, maxLength: 10000, 'x-source': `${GODK_BILAG}; MBL §28`, 'x-inference': true },
      noiseMeasures: { type: 'string', title: 'Støj og støjdæmpning', 'x-title-en': 'Noise and noise abatement', 'x-widget': 'textarea', minLength: 10, maxLength: 10000, 'x-source': GODK_BILAG, 'x-inference': true },
      bat: {
        type: 'string',
        title: 'Bedste tilgængelige teknik (BAT)',
        'x-title-en': 'Best available techniques (BAT)',
        'x-widget': 'textarea',
        description: 'Redegørelse for BAT, for bilag 1-virksomheder efter BAT-konklusionerne.',
        'x-help-en': 'How the site applies BAT; for annex 1 (IED) sites against the BAT conclusions.',
        minLength: 10,
        maxLength: 10000,
        'x-source': `${GODK_BILAG}; IED art. 14-15`,
        'x-inference': true,
      },
      operatingHours: { type: 'string', title: 'Driftstider', 'x-title-en': 'Operating hours', maxLength: 500, 'x-source': GODK_BILAG, 'x-inference': true },
    },
  },
};

const BR18 = 'BR18 §7 (ansøgningens indhold) and byggeloven §16';

const BUILDING_PERMIT: PermitSection = {
  permitCode: 'BUILDING_PERMIT',
  completenessCheck: RECEIPT_21_DAYS_INFERRED,
  sharedFields: [...SITE_AND_PROJECT, { pointer: '/project/constructionStartWish', source: BR18, inference: true }],
  requiredDocuments: [
    { key: 'sitePlan', documentType: 'sitePlan', da: 'Situationsplan', en: 'Site plan', source: BR18, inference: true },
    { key: 'drawings', documentType: 'drawings', da: 'Plan-, snit- og facadetegninger', en: 'Plan, section and elevation drawings', source: BR18, inference: true },
    { key: 'fireStrategy', documentType: 'fireStrategy', da: 'Brandstrategirapport', en: 'Fire strategy report', source: 'BR18 kap. 5 (brandforhold) and §§ on brandklasse ~', inference: true },
  ],
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['buildingUse', 'floorAreaM2', 'builtAreaM2', 'heightM', 'consequenceClass', 'fireClass'],
    properties: {
      buildingUse: { type: 'string', title: 'Bygningens anvendelse', 'x-title-en': 'Use of the building', maxLength: 500, 'x-source': BR18, 'x-inference': true },
      floorAreaM2: { type: 'integer', title: 'Etageareal (m²)', 'x-title-en': 'Floor area (m²)', minimum: 1, maximum: 10000000, 'x-source': `${BR18}; BBR`, 'x-inference': true },
      builtAreaM2: { type: 'integer', title: 'Bebygget areal (m²)', 'x-title-en': 'Built area (m²)', minimum: 1, maximum: 10000000, 'x-source': BR18, 'x-inference': true },
      heightM: { type: 'number', title: 'Bygningshøjde (m)', 'x-title-en': 'Building height (m)', minimum: 0, maximum: 500, 'x-source': 'BR18 §§ 177-189 (højde og afstand) ~', 'x-inference': true },
      consequenceClass: { type: 'string', title: 'Konsekvensklasse', 'x-title-en': 'Consequence class', enum: ['CC1', 'CC2', 'CC3', 'CC4'], 'x-source': 'BR18 kap. 30, bilag 2 (konstruktioner) ~', 'x-inference': true },
      fireClass: { type: 'string', title: 'Brandklasse', 'x-title-en': 'Fire class', enum: ['1', '2', '3', '4'], 'x-source': 'BR18 §§ 493-497 (brandklasser) ~', 'x-inference': true },
    },
  },
};

const GMP_SOURCE = 'Lægemiddelloven §39; BEK 1358/2012 §5 (ansøgningens indhold) ~';

const GMP_MANUFACTURING: PermitSection = {
  permitCode: 'GMP_MANUFACTURING',
  completenessCheck: RECEIPT_21_DAYS_INFERRED,
  sharedFields: [...SITE_AND_PROJECT, { pointer: '/project/operationStartWish', source: GMP_SOURCE, inference: true }],
  requiredDocuments: [{ key: 'siteMasterFile', documentType: 'siteMasterFile', da: 'Site Master File', en: 'Site master file', source: `${GMP_SOURCE}; EU-GMP del III, Site Master File`, inference: true }],
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['productTypes', 'operations', 'qualifiedPerson'],
    properties: {
      productTypes: { type: 'string', title: 'Lægemiddeltyper og dosisformer', 'x-title-en': 'Medicinal product types and dosage forms', 'x-widget': 'textarea', minLength: 5, maxLength: 5000, 'x-source': GMP_SOURCE, 'x-inference': true },
      operations: { type: 'string', title: 'Fremstillingsaktiviteter', 'x-title-en': 'Manufacturing operations', 'x-widget': 'textarea', minLength: 5, maxLength: 5000, 'x-source': GMP_SOURCE, 'x-inference': true },
      qualifiedPerson: { type: 'string', title: 'Sagkyndig person (QP)', 'x-title-en': 'Qualified person (QP)', minLength: 2, maxLength: 200, 'x-source': 'Lægemiddelloven §40 (sagkyndig person) ~', 'x-inference': true },
    },
  },
};

const VFL = 'VFL §20 and indvindingsbekendtgørelsen (ansøgningens indhold) ~';

const VANDINDVINDING: PermitSection = {
  permitCode: 'VANDINDVINDING',
  completenessCheck: RECEIPT_21_DAYS_INFERRED,
  sharedFields: SITE_AND_PROJECT,
  requiredDocuments: [{ key: 'wellLocationMap', documentType: 'wellLocationMap', da: 'Kort over boringens placering', en: 'Map of the well location', source: VFL, inference: true }],
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['abstractionM3PerYear', 'wellLocation', 'purpose'],
    properties: {
      abstractionM3PerYear: { type: 'integer', title: 'Indvinding (m³ pr. år)', 'x-title-en': 'Abstraction (m³ a year)', minimum: 1, maximum: 100000000, 'x-source': 'VFL §20 (tilladelse til indvinding af en bestemt mængde)', 'x-inference': false },
      wellLocation: { type: 'string', title: 'Boringens placering (DGU-nr. eller koordinat)', 'x-title-en': 'Well location (DGU no. or coordinate)', minLength: 3, maxLength: 200, 'x-source': VFL, 'x-inference': true },
      purpose: { type: 'string', title: 'Formål', 'x-title-en': 'Purpose', maxLength: 2000, 'x-widget': 'textarea', 'x-source': VFL, 'x-inference': true },
    },
  },
};

/** The generic section of a permit type without its own fields: what is applied for and why, citing the entry's legal basis. */
function genericSection(code: string, legalBasis: string): PermitSection {
  const schema: FormSchema = {
    type: 'object',
    additionalProperties: false,
    required: ['applicationText'],
    properties: {
      applicationText: {
        type: 'string',
        title: 'Hvad der søges om',
        'x-title-en': 'What is applied for',
        'x-widget': 'textarea',
        description: 'Beskriv det, myndigheden skal tage stilling til.',
        'x-help-en': 'Describe what the authority is asked to decide.',
        minLength: 10,
        maxLength: 10000,
        'x-source': legalBasis,
        'x-inference': true,
      },
    },
  };
  return { permitCode: code, schema, sharedFields: SITE_AND_PROJECT, requiredDocuments: [], completenessCheck: RECEIPT_21_DAYS_INFERRED };
}

const OWN: Record<string, PermitSection> = { MILJOEGODKENDELSE, BUILDING_PERMIT, GMP_MANUFACTURING, VANDINDVINDING };

export const SECTIONS_2025_1: Record<string, PermitSection> = Object.fromEntries(
  CATALOG_2025_1.permitTypes.map((t) => [t.code, OWN[t.code] ?? genericSection(t.code, t.legalBasis)]),
);
