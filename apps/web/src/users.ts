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
  { username: 'cw.at', role: 'caseworker', affiliation: 'Arbejdstilsynet' },
  { username: 'cw.ens', role: 'caseworker', affiliation: 'Energistyrelsen' },
  { username: 'cw.vd', role: 'caseworker', affiliation: 'Vejdirektoratet' },
  { username: 'cw.kdi', role: 'caseworker', affiliation: 'Kystdirektoratet' },
  { username: 'cw.slks', role: 'caseworker', affiliation: 'Slots- og Kulturstyrelsen' },
  { username: 'cw.museum', role: 'caseworker', affiliation: 'Lokalt arkæologisk museum' },
  { username: 'cw.grid', role: 'caseworker', affiliation: 'Netselskab / Energinet' },
  { username: 'cw.region-nordjylland', role: 'caseworker', affiliation: 'Region Nordjylland' },
  { username: 'cw.region-midtjylland', role: 'caseworker', affiliation: 'Region Midtjylland' },
  { username: 'cw.region-syddanmark', role: 'caseworker', affiliation: 'Region Syddanmark' },
  { username: 'cw.region-hovedstaden', role: 'caseworker', affiliation: 'Region Hovedstaden' },
  { username: 'cw.region-sjaelland', role: 'caseworker', affiliation: 'Region Sjælland' },
  { username: 'carl@gronraad.example', role: 'applicant', affiliation: 'Grøn Rådgivning ApS — fuldmægtig for Nordlys og Bølge' },
  { username: 'coordinator', role: 'coordinator', affiliation: 'Erhvervsstyrelsen' },
  { username: 'coordinator2', role: 'coordinator', affiliation: 'Erhvervsstyrelsen (anden koordinator)' },
  { username: 'admin', role: 'admin', affiliation: 'Drift' },
];

export function isRole(value: unknown): value is Role {
  return value === 'applicant' || value === 'caseworker' || value === 'coordinator' || value === 'admin';
}
