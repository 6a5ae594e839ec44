import type { StateAgencyCode } from './types';

export interface StateAgency {
  code: StateAgencyCode;
  nameDa: string;
  nameEn: string;
}

/** The state bodies that decide permits in the catalogue (plus ERST, which runs Én indgang). */
export const STATE_AGENCIES: readonly StateAgency[] = Object.freeze([
  { code: 'MST', nameDa: 'Miljøstyrelsen', nameEn: 'Danish Environmental Protection Agency' },
  { code: 'DKMA', nameDa: 'Lægemiddelstyrelsen', nameEn: 'Danish Medicines Agency' },
  { code: 'AT', nameDa: 'Arbejdstilsynet', nameEn: 'Danish Working Environment Authority' },
  { code: 'ENS', nameDa: 'Energistyrelsen', nameEn: 'Danish Energy Agency' },
  { code: 'VD', nameDa: 'Vejdirektoratet', nameEn: 'Danish Road Directorate' },
  { code: 'SLKS', nameDa: 'Slots- og Kulturstyrelsen', nameEn: 'Agency for Culture and Palaces' },
  { code: 'KDI', nameDa: 'Kystdirektoratet', nameEn: 'Danish Coastal Authority' },
  { code: 'ERST', nameDa: 'Erhvervsstyrelsen', nameEn: 'Danish Business Authority' },
] satisfies StateAgency[]);

const BY_CODE = new Map(STATE_AGENCIES.map((a) => [a.code, a]));

/** The state agency with this code (typed, so it always exists). */
export function getStateAgency(code: StateAgencyCode): StateAgency {
  const a = BY_CODE.get(code);
  /* istanbul ignore next -- the type makes this unreachable */
  if (!a) throw new Error(`State agency ${code} missing from STATE_AGENCIES`);
  return a;
}
