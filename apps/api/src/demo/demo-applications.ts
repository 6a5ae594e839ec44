/**
 * Application content of the three demo cases (issue 14 point 7), so a caseworker demo shows a
 * real application: the shared part entered once and each permit's section, as the catalogue's
 * schemas (2025.1) ask for them. Invented companies and people; realistic amounts.
 */
import { KALUNDBORG_SITE, NORDLYS_COMPANY, NORDLYS_PROJECT_LEAD, PHARMA_BUILDING_SECTION } from './demo-company';

type Application = { shared: Record<string, unknown>; sections: Record<string, Record<string, unknown>> };

/** In progress at Kalundborg, MST and DKMA: complete shared part and all four sections. */
export const DEMO_APPLICATION_IN_PROGRESS: Application = {
  shared: {
    company: NORDLYS_COMPANY,
    contacts: [NORDLYS_PROJECT_LEAD, { name: 'Peter Holm', role: 'Miljøkoordinator', email: 'peter.holm@nordlys.example' }],
    site: KALUNDBORG_SITE,
    project: {
      description:
        'Ny produktionsbygning på 12.000 m² til aktive lægemiddelstoffer (API) ved fermentering og oprensning, med tankgård, forbehandling af spildevand og egen grundvandsboring til proces- og kølevand.',
      constructionStartWish: '2027-04-01',
      operationStartWish: '2028-10-01',
      investmentDkk: 850000000,
      productionCapacity: '40 t aktivt stof pr. år',
      listedActivity: '4.5',
    },
  },
  sections: {
    MILJOEGODKENDELSE: {
      rawMaterials: 'Glucose 8.000 t/år, ammoniak 300 t/år, ethanol 1.200 t/år (genindvindes), natriumhydroxid 400 t/år.',
      emissionsToAir: 'Procesafkast via skrubber; ethanol under 20 mg/Nm³; lugt under 300 LE/m³ ved skel.',
      wastewater: 'Processpildevand forbehandles (pH-justering, biologisk trin) og ledes til Kalundborg Renseanlæg; ca. 150.000 m³/år.',
      noiseMeasures: 'Ventilationsafkast med lyddæmpere; 40 dB(A) om natten ved nærmeste bolig overholdes (støjberegning vedlagt).',
      bat: 'BAT-konklusionerne for organisk finkemi (OFC) følges: lukket håndtering af opløsningsmidler og genindvinding af ethanol.',
      operatingHours: 'Døgndrift alle ugens dage',
    },
    BUILDING_PERMIT: PHARMA_BUILDING_SECTION,
    VANDINDVINDING: { abstractionM3PerYear: 250000, wellLocation: 'DGU 207.1234 (ny boring på matr. 12a)', purpose: 'Proces- og kølevand til fermentering' },
    GMP_MANUFACTURING: {
      productTypes: 'Aktive lægemiddelstoffer (API) til videre forarbejdning; ingen færdigvarer.',
      operations: 'Fermentering, oprensning, krystallisation, tørring og pakning af API.',
      qualifiedPerson: 'Sofie Kvist, cand.pharm.',
    },
  },
};

/** Still a draft: the shared part partly filled, the building section begun. */
export const DEMO_APPLICATION_DRAFT: Application = {
  shared: {
    company: { cvr: '10000002', name: 'Bølge Biotech ApS' },
    contacts: [{ name: 'Bo Bølge', role: 'Direktør', email: 'bo@bolge.example' }],
    site: { address: 'Fabriksvej 7, 3400 Hillerød', municipalityCode: '219', cadastralParcels: [{ matrikelnummer: '3c', ejerlav: 'Hillerød Overdrev' }] },
    project: {
      description: 'Fermenteringshal til enzymproduktion med genmodificerede mikroorganismer (klasse 1), 3.500 m².',
      investmentDkk: 140000000,
      productionCapacity: '1.200 t enzymprodukt pr. år',
    },
  },
  sections: { BUILDING_PERMIT: { buildingUse: 'Produktionshal (fermentering)', floorAreaM2: 3500 } },
};

/** The completed building extension: a complete, simple application. */
export const DEMO_APPLICATION_COMPLETED: Application = {
  shared: {
    company: NORDLYS_COMPANY,
    contacts: [NORDLYS_PROJECT_LEAD],
    site: { address: 'Erhvervsvej 4, 3400 Hillerød', municipalityCode: '219', cadastralParcels: [{ matrikelnummer: '7b', ejerlav: 'Hillerød Overdrev' }] },
    project: {
      description: 'Tilbygning på 2.400 m² til det eksisterende færdigvarelager i Hillerød Erhvervspark.',
      constructionStartWish: '2026-06-01',
      operationStartWish: '2026-12-01',
      investmentDkk: 45000000,
    },
  },
  sections: { BUILDING_PERMIT: { buildingUse: 'Lager', floorAreaM2: 2400, builtAreaM2: 2400, heightM: 11.5, consequenceClass: 'CC2', fireClass: '2' } },
};
