// Demo users from the seed (product.md "Demo seed"). Only used by the dev login page.
export type Role = 'applicant' | 'caseworker' | 'coordinator' | 'admin';

export interface DemoUser {
  username: string;
  role: Role;
  /** Organisation or authority, shown as a hint under the name. */
  affiliation: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'anna@nordlys.example', role: 'applicant', affiliation: 'Nordlys Pharma A/S (CVR 10000001)' },
  { username: 'bo@bolge.example', role: 'applicant', affiliation: 'Bølge Biotech ApS (CVR 10000002)' },
  { username: 'cw.kalundborg', role: 'caseworker', affiliation: 'Kalundborg Kommune' },
  { username: 'cw.hillerod', role: 'caseworker', affiliation: 'Hillerød Kommune' },
  { username: 'cw.mst', role: 'caseworker', affiliation: 'Miljøstyrelsen' },
  { username: 'cw.dkma', role: 'caseworker', affiliation: 'Lægemiddelstyrelsen' },
  { username: 'coordinator', role: 'coordinator', affiliation: 'Erhvervsstyrelsen' },
  { username: 'admin', role: 'admin', affiliation: 'Drift' },
];

export function isRole(value: unknown): value is Role {
  return value === 'applicant' || value === 'caseworker' || value === 'coordinator' || value === 'admin';
}
