/**
 * Demo directory (product.md "Demo seed"): tests outside this repository log in as these
 * users, so usernames, CVR numbers and authority bindings must stay exactly as they are.
 */
export const DEMO_ORGANISATIONS = [
  { cvr: '10000001', name: 'Nordlys Pharma A/S' },
  { cvr: '10000002', name: 'Bølge Biotech ApS' },
] as const;

export interface DemoUser {
  username: string;
  displayName: string;
  email: string;
  role: 'applicant' | 'caseworker' | 'coordinator' | 'admin';
  organisationCvr?: string;
  /** Authority code: `KOMMUNE-<kommunekode>` or a state agency code. */
  authorityCode?: string;
  locale: 'da' | 'en';
}

export const DEMO_USERS: DemoUser[] = [
  { username: 'anna@nordlys.example', displayName: 'Anna Nordlys', email: 'anna@nordlys.example', role: 'applicant', organisationCvr: '10000001', locale: 'da' },
  { username: 'bo@bolge.example', displayName: 'Bo Bølge', email: 'bo@bolge.example', role: 'applicant', organisationCvr: '10000002', locale: 'en' },
  { username: 'cw.kalundborg', displayName: 'Sagsbehandler Kalundborg', email: 'cw.kalundborg@kalundborg.example', role: 'caseworker', authorityCode: 'KOMMUNE-326', locale: 'da' },
  { username: 'cw.hillerod', displayName: 'Sagsbehandler Hillerød', email: 'cw.hillerod@hillerod.example', role: 'caseworker', authorityCode: 'KOMMUNE-219', locale: 'da' },
  { username: 'cw.mst', displayName: 'Sagsbehandler Miljøstyrelsen', email: 'cw.mst@mst.example', role: 'caseworker', authorityCode: 'MST', locale: 'da' },
  { username: 'cw.dkma', displayName: 'Sagsbehandler Lægemiddelstyrelsen', email: 'cw.dkma@dkma.example', role: 'caseworker', authorityCode: 'DKMA', locale: 'da' },
  { username: 'coordinator', displayName: 'Koordinator Én indgang', email: 'coordinator@erst.example', role: 'coordinator', locale: 'da' },
  { username: 'admin', displayName: 'Administrator', email: 'admin@rodlober.example', role: 'admin', locale: 'en' },
];
