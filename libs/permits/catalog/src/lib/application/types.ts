/**
 * The application form as catalogue DATA (issue 14): a JSON Schema (draft 2020-12 subset that
 * Ajv validates) for the shared part, one per permit type, and per permit the documents it asks
 * for and how long the authority has to check completeness. Every field and document says which
 * rule asks for it (`x-source`); `x-inference: true` marks what this research inferred.
 *
 * Annotations the schemas carry besides standard JSON Schema (Ajv is told these keywords):
 * - `title` / `x-title-en`: Danish / English label;
 * - `description` / `x-help-en`: Danish / English help text;
 * - `x-source`: the statute or guidance that asks for the field;
 * - `x-inference`: true when the source is an inference, not seen in a source;
 * - `x-widget`: rendering hint for the generic form renderer ('textarea', 'date', 'geojson': a
 *   GeoJSON geometry, also checked beyond its schema by ./geometry.ts).
 */
import type { Duration } from '../types';

/** A JSON Schema node with our annotations (kept loose on purpose: it is data for Ajv). */
export interface FormSchema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  title?: string;
  'x-title-en'?: string;
  description?: string;
  'x-help-en'?: string;
  'x-source'?: string;
  'x-inference'?: boolean;
  'x-widget'?: 'textarea' | 'date' | 'geojson';
  properties?: Record<string, FormSchema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: FormSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  enum?: (string | number)[];
  format?: string;
}

export interface RequiredDocument {
  /** Stable key within the permit type (what an upload names as `requirementKey`). */
  key: string;
  /** Document type (one of DOCUMENT_TYPES). */
  documentType: DocumentTypeCode;
  da: string;
  en: string;
  source: string;
  inference: boolean;
}

/** A pointer into the shared part this permit needs (entered once, shown in each authority's view). */
export interface SharedFieldUse {
  pointer: string;
  source: string;
  inference: boolean;
}

export interface CompletenessCheckRule {
  /** How long the authority has, from filing, to confirm completeness or ask for what is missing. */
  duration: Duration;
  source: string;
  inference: boolean;
}

export interface PermitSection {
  permitCode: string;
  schema: FormSchema;
  sharedFields: SharedFieldUse[];
  requiredDocuments: RequiredDocument[];
  completenessCheck: CompletenessCheckRule;
}

export interface ApplicationForm {
  catalogVersion: string;
  shared: FormSchema;
  /** Keyed by permit code; every permit type of the catalogue version has one. */
  sections: Record<string, PermitSection>;
}

export const DOCUMENT_TYPES = [
  'sitePlan',
  'drawings',
  'processDescription',
  'noiseAssessment',
  'batAssessment',
  'fireStrategy',
  'siteMasterFile',
  'wellLocationMap',
  'soilReport',
  'other',
] as const;
export type DocumentTypeCode = (typeof DOCUMENT_TYPES)[number];

export const DOCUMENT_TYPE_LABELS: Record<DocumentTypeCode, { da: string; en: string }> = {
  sitePlan: { da: 'Situationsplan', en: 'Site plan' },
  drawings: { da: 'Tegninger (plan, snit, facade)', en: 'Drawings (plan, section, elevation)' },
  processDescription: { da: 'Procesbeskrivelse', en: 'Process description' },
  noiseAssessment: { da: 'Støjberegning', en: 'Noise assessment' },
  batAssessment: { da: 'BAT-redegørelse', en: 'BAT assessment' },
  fireStrategy: { da: 'Brandstrategi', en: 'Fire strategy' },
  siteMasterFile: { da: 'Site Master File', en: 'Site master file' },
  wellLocationMap: { da: 'Kort over boringens placering', en: 'Map of the well location' },
  soilReport: { da: 'Jordbundsundersøgelse', en: 'Soil report' },
  other: { da: 'Andet bilag', en: 'Other attachment' },
};
