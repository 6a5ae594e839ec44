/**
 * Project facts and demo users that the scripts (bench, faults) and the integration tests share,
 * so that a change of the demo seed or of screening is made once.
 */
'use strict';

const { KALUNDBORG_SITE, NORDLYS_COMPANY, NORDLYS_PROJECT_LEAD, PHARMA_BUILDING_SECTION } = require('../../apps/api/src/demo/demo-company');

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

/**
 * A realistic, complete application for PHARMA_FACTS (issue 14): the shared part and the sections
 * of its four permits, as the JSON Schemas of catalogue 2025.1 ask for them. Required documents
 * are uploads, so the check still lists them until they are attached.
 */
const PHARMA_APPLICATION = {
  shared: {
    company: NORDLYS_COMPANY,
    contacts: [NORDLYS_PROJECT_LEAD, { name: 'Peter Miljø', role: 'Miljøkoordinator', email: 'peter@nordlys.example' }],
    site: KALUNDBORG_SITE,
    project: {
      description:
        'Ny fabrik til fremstilling af aktive lægemiddelstoffer (API) ved fermentering og oprensning, 12.000 m² produktionsbygning med tilhørende tankgård og renseanlæg.',
      constructionStartWish: '2027-09-01',
      operationStartWish: '2029-03-01',
      investmentDkk: 1800000000,
      productionCapacity: '40 t aktivt stof pr. år',
      listedActivity: '4.5',
    },
  },
  sections: {
    MILJOEGODKENDELSE: {
      rawMaterials: 'Glucose 8.000 t/år, ammoniak 300 t/år, ethanol 1.200 t/år (genbruges), natriumhydroxid 400 t/år.',
      emissionsToAir: 'Proceslufttilførsel via skrubber; ethanol < 20 mg/Nm³; lugt < 300 LE/m³ ved skel.',
      wastewater: 'Processpildevand forbehandles og ledes til Kalundborg Renseanlæg; ca. 150.000 m³/år.',
      noiseMeasures: 'Ventilationsafkast med lyddæmpere; natgrænse 40 dB(A) ved nærmeste bolig overholdes.',
      bat: 'BAT-konklusioner for organisk finkemi (OFC) anvendt: lukket håndtering af opløsningsmidler, genindvinding af ethanol.',
      operatingHours: 'Døgndrift, 7 dage om ugen',
    },
    BUILDING_PERMIT: PHARMA_BUILDING_SECTION,
    VANDINDVINDING: { abstractionM3PerYear: 250000, wellLocation: 'DGU 207.1234', purpose: 'Proces- og kølevand til fermentering' },
    GMP_MANUFACTURING: {
      productTypes: 'Aktive lægemiddelstoffer (API) til videre forarbejdning; ingen færdigvarer.',
      operations: 'Fermentering, oprensning, krystallisation, tørring og pakning af API.',
      qualifiedPerson: 'Dr. Sofie Kvist, cand.pharm.',
    },
  },
};

module.exports = { PHARMA_FACTS, SIMPLE_FACTS, CASEWORKER_FOR, PHARMA_APPLICATION };
