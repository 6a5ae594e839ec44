/**
 * Project facts and demo users that the scripts (bench, faults) and the integration tests share,
 * so that a change of the demo seed or of screening is made once.
 */
'use strict';

/** Pharma expansion in Kalundborg: permits at Kalundborg, Miljøstyrelsen and Lægemiddelstyrelsen. */
const PHARMA_FACTS = {
  municipalityCode: '326',
  siteZone: 'byzone',
  inIndustrialPark: true,
  fitsMunicipalPlanFrame: true,
  medicinalProductManufacture: true,
  newBuildingOrExtension: true,
  listedActivity: { annex: 'annex1', sMarked: true },
  groundwaterAbstraction: true,
};

/** Simple building extension in a Hillerød byzone industrial park: one municipal permit. */
const SIMPLE_FACTS = { municipalityCode: '219', siteZone: 'byzone', inIndustrialPark: true, fitsMunicipalPlanFrame: true, newBuildingOrExtension: true };

/** Caseworker demo user per authority routing code. */
const CASEWORKER_FOR = {
  'KOMMUNE-326': 'cw.kalundborg',
  'KOMMUNE-219': 'cw.hillerod',
  MST: 'cw.mst',
  DKMA: 'cw.dkma',
  // Issue 13 item 20: every other authority a permit can be routed to (seeds/demo-directory.ts).
  AT: 'cw.at',
  ENS: 'cw.ens',
  VD: 'cw.vd',
  KDI: 'cw.kdi',
  SLKS: 'cw.slks',
  MUSEUM: 'cw.museum',
  GRID_OPERATOR: 'cw.grid',
};

module.exports = { PHARMA_FACTS, SIMPLE_FACTS, CASEWORKER_FOR };
