/**
 * Reason codes for changing a permit's target date (FAST-41 style: every change is explained
 * with a code from a fixed list and audited). Modelled on the FAST-41 dashboard's pause
 * reasons and the on-hold codes of BC PermitConnect (permits-research.md §3).
 */
export const TARGET_CHANGE_REASONS = {
  APPLICANT_REQUEST: { da: 'Ansøger har anmodet om mere tid', en: 'The applicant asked for more time' },
  MISSING_INFORMATION: { da: 'Ansøgningen manglede oplysninger', en: 'The application lacked information' },
  PENDING_EXTERNAL_DECISION: { da: 'Afventer en anden myndigheds afgørelse', en: 'Waiting for another authority’s decision' },
  LEGAL_ACTION: { da: 'Verserende retssag eller klage', en: 'Pending litigation or appeal' },
  COMPLEX_CASE: { da: 'Sagen er særligt kompleks', en: 'The case is particularly complex' },
  SCOPE_CHANGE: { da: 'Projektet er ændret', en: 'The project scope changed' },
  AUTHORITY_CAPACITY: { da: 'Myndighedens kapacitet', en: 'Authority capacity' },
} as const;

export type TargetChangeReason = keyof typeof TARGET_CHANGE_REASONS;
export const TARGET_CHANGE_REASON_CODES = Object.keys(TARGET_CHANGE_REASONS) as TargetChangeReason[];
