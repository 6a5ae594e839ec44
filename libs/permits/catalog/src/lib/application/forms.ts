import { getCatalog } from '../catalog';
import { UnknownPermitCodeError } from '../errors';
import { SECTIONS_2025_1 } from './sections-2025-1';
import { SHARED_PART_SCHEMA } from './shared-part';
import type { ApplicationForm, PermitSection } from './types';

const FORMS: Record<string, ApplicationForm> = {
  '2025.1': { catalogVersion: '2025.1', shared: SHARED_PART_SCHEMA, sections: SECTIONS_2025_1 },
  // 2025.2 has the same permit types as 2025.1 and corrects clocks and appeal rules, not what an
  // application contains, so it asks for the same sections (inference). Without an entry every case
  // screened today (2025.2) failed on submission with CATALOG.UNKNOWN_PERMIT_CODE '*application form*'.
  '2025.2': { catalogVersion: '2025.2', shared: SHARED_PART_SCHEMA, sections: SECTIONS_2025_1 },
};

/** The application form of a catalogue version (default: newest); a case keeps the version it was screened with. */
export function getApplicationForm(version?: string): ApplicationForm {
  const v = getCatalog(version).version;
  const form = FORMS[v];
  if (!form) throw new UnknownPermitCodeError('*application form*', v);
  return form;
}

export function getPermitSection(code: string, version?: string): PermitSection {
  const form = getApplicationForm(version);
  const s = form.sections[code];
  if (!s) throw new UnknownPermitCodeError(code, form.catalogVersion);
  return s;
}
