/**
 * Demo directory (product.md "Demo seed"): tests outside this repository log in as these
 * users, so usernames, CVR numbers and authority bindings must stay exactly as they are.
 */
export const DEMO_ORGANISATIONS = [
  { cvr: '10000001', name: 'Nordlys Pharma A/S' },
  { cvr: '10000002', name: 'Bølge Biotech ApS' },
  // Issue 14 point 6: an environmental consultancy that prepares applications for both demo
  // companies under their fuldmagt (seeded grants: apps/api/src/demo/demo-proxies.ts).
  { cvr: '10000003', name: 'Grøn Rådgivning ApS' },
] as const;

export interface DemoUser {
  username: string;
  displayName: string;
  email: string;
  role: 'applicant' | 'caseworker' | 'coordinator' | 'admin';
  organisationCvr?: string;
  /** Authority code: `KOMMUNE-<kommunekode>`, `REGION-<regionskode>`, a state agency code, `MUSEUM` or `GRID_OPERATOR`. */
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
  // Issue 13 item 20: one caseworker for every other authority the catalogue and its routing
  // rules can name, so every permit of a demo case can be driven to its end (added; the eight
  // users above are the contract of product.md and stay exactly as they are).
  { username: 'cw.at', displayName: 'Sagsbehandler Arbejdstilsynet', email: 'cw.at@at.example', role: 'caseworker', authorityCode: 'AT', locale: 'da' },
  { username: 'cw.ens', displayName: 'Sagsbehandler Energistyrelsen', email: 'cw.ens@ens.example', role: 'caseworker', authorityCode: 'ENS', locale: 'da' },
  { username: 'cw.vd', displayName: 'Sagsbehandler Vejdirektoratet', email: 'cw.vd@vd.example', role: 'caseworker', authorityCode: 'VD', locale: 'da' },
  { username: 'cw.kdi', displayName: 'Sagsbehandler Kystdirektoratet', email: 'cw.kdi@kdi.example', role: 'caseworker', authorityCode: 'KDI', locale: 'da' },
  { username: 'cw.slks', displayName: 'Sagsbehandler Slots- og Kulturstyrelsen', email: 'cw.slks@slks.example', role: 'caseworker', authorityCode: 'SLKS', locale: 'da' },
  { username: 'cw.museum', displayName: 'Arkæolog, lokalt museum', email: 'cw.museum@museum.example', role: 'caseworker', authorityCode: 'MUSEUM', locale: 'da' },
  { username: 'cw.grid', displayName: 'Sagsbehandler netselskab / Energinet', email: 'cw.grid@grid.example', role: 'caseworker', authorityCode: 'GRID_OPERATOR', locale: 'da' },
  { username: 'cw.region-nordjylland', displayName: 'Sagsbehandler Region Nordjylland', email: 'cw@rn.example', role: 'caseworker', authorityCode: 'REGION-1081', locale: 'da' },
  { username: 'cw.region-midtjylland', displayName: 'Sagsbehandler Region Midtjylland', email: 'cw@rm.example', role: 'caseworker', authorityCode: 'REGION-1082', locale: 'da' },
  { username: 'cw.region-syddanmark', displayName: 'Sagsbehandler Region Syddanmark', email: 'cw@rsyd.example', role: 'caseworker', authorityCode: 'REGION-1083', locale: 'da' },
  { username: 'cw.region-hovedstaden', displayName: 'Sagsbehandler Region Hovedstaden', email: 'cw@regionh.example', role: 'caseworker', authorityCode: 'REGION-1084', locale: 'da' },
  { username: 'cw.region-sjaelland', displayName: 'Sagsbehandler Region Sjælland', email: 'cw@regsj.example', role: 'caseworker', authorityCode: 'REGION-1085', locale: 'da' },
  // Issue 14 point 6: a consultant (applicant-side user of the consultancy) who acts for Nordlys
  // (one case, prepare) and Bølge (all cases, read) through fuldmagter the demo seed grants.
  { username: 'carl@gronraad.example', displayName: 'Carl Rådgiver', email: 'carl@gronraad.example', role: 'applicant', organisationCvr: '10000003', locale: 'da' },
  { username: 'coordinator', displayName: 'Koordinator Én indgang', email: 'coordinator@erst.example', role: 'coordinator', locale: 'da' },
  // Issue 16: a second coordinator, so a plan change over 30 days can be approved by someone else (four eyes).
  { username: 'coordinator2', displayName: 'Koordinator 2 Én indgang', email: 'coordinator2@erst.example', role: 'coordinator', locale: 'da' },
  { username: 'admin', displayName: 'Administrator', email: 'admin@rodlober.example', role: 'admin', locale: 'en' },
];

/** The demo consultant (issue 14 point 6). */
export const CONSULTANT_USERNAME = 'carl@gronraad.example';

/** Routing code of a region in the `authorities` table (the five regions; JFL §8(3) consults them). */
export const regionAuthorityCode = (regionCode: string): string => `REGION-${regionCode}`;

/** What each demo user stands for, for `npm start`'s printed logins and the README table. */
export function demoLoginLines(): string[] {
  const width = Math.max(...DEMO_USERS.map((u) => u.username.length)) + 2;
  const affiliation = (u: DemoUser): string => {
    if (u.username === CONSULTANT_USERNAME) return 'consultant, Grøn Rådgivning ApS; fuldmagt for Nordlys Pharma (one case, prepare) and Bølge Biotech (all cases, read)';
    if (u.organisationCvr) return `${u.role}, ${DEMO_ORGANISATIONS.find((o) => o.cvr === u.organisationCvr)?.name ?? u.organisationCvr}`;
    if (u.authorityCode) return `${u.role}, ${u.displayName.replace(/^Sagsbehandler /, '')}`;
    return u.role === 'coordinator' ? 'one-stop-shop coordinator' : 'operator';
  };
  return DEMO_USERS.map((u) => `${u.username.padEnd(width)}(${affiliation(u)})`);
}
