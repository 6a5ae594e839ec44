/**
 * The invented pharma company of the demo, its project lead, its Kalundborg site and the building
 * section of its production building: the seeded demo cases (./demo-applications.ts) and the
 * scripts' and integration tests' application (scripts/lib/demo-fixtures.js) apply for the same
 * factory. Plain CommonJS so that the node scripts (bench, faults) can require it without a
 * TypeScript loader; types in ./demo-company.d.ts.
 */
'use strict';

const NORDLYS_COMPANY = { cvr: '10000001', pNumber: '1012345678', name: 'Nordlys Pharma A/S' };
const NORDLYS_PROJECT_LEAD = { name: 'Anna Nordlys', role: 'Projektleder', email: 'anna@nordlys.example', phone: '+45 40 00 00 01' };
const KALUNDBORG_SITE = {
  address: 'Industrivej 10, 4400 Kalundborg',
  municipalityCode: '326',
  cadastralParcels: [
    { matrikelnummer: '12a', ejerlav: 'Kalundborg Markjorder' },
    { matrikelnummer: '12b', ejerlav: 'Kalundborg Markjorder' },
  ],
  geometry: { type: 'Point', coordinates: [11.0932, 55.6786] },
};
/** The building-permit section of the Kalundborg production building (12.000 m²). */
const PHARMA_BUILDING_SECTION = { buildingUse: 'Produktionsbygning (industri)', floorAreaM2: 12000, builtAreaM2: 8000, heightM: 18.5, consequenceClass: 'CC3', fireClass: '3' };

module.exports = { NORDLYS_COMPANY, NORDLYS_PROJECT_LEAD, KALUNDBORG_SITE, PHARMA_BUILDING_SECTION };
