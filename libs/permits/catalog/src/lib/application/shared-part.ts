/**
 * The shared part of the application: entered once, shown to every authority that decides a
 * permit of the case. The screening facts are part of it but live in `cases.facts` (one source)
 * and are edited through their own endpoint, because changing them re-runs screening.
 */
import type { FormSchema } from './types';

const L206 = 'L 206 (2024-25) om én indgang: én samlet ansøgning for godkendelsesforløbet (permits-research.md §2)';

export const SHARED_PART_SCHEMA: FormSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['company', 'contacts', 'site', 'project'],
  properties: {
    company: {
      type: 'object',
      title: 'Virksomhed',
      'x-title-en': 'Company',
      additionalProperties: false,
      required: ['cvr', 'name'],
      properties: {
        cvr: { type: 'string', title: 'CVR-nummer', 'x-title-en': 'CVR number', pattern: '^[0-9]{8}$', 'x-source': 'CVR-loven §2; identifies the applicant in every permit', 'x-inference': true },
        pNumber: {
          type: 'string',
          title: 'P-nummer (produktionsenhed)',
          'x-title-en': 'P-number (production unit)',
          pattern: '^[0-9]{10}$',
          description: 'Produktionsenhedens nummer i CVR, hvis enheden findes i forvejen.',
          'x-help-en': "The production unit's number in the CVR register, if the unit exists already.",
          'x-source': 'CVR-loven §4 (production units); the environmental authority registers the site by P-number',
          'x-inference': true,
        },
        name: { type: 'string', title: 'Navn', 'x-title-en': 'Name', minLength: 2, maxLength: 200, 'x-source': L206, 'x-inference': false },
      },
    },
    contacts: {
      type: 'array',
      title: 'Kontaktpersoner',
      'x-title-en': 'Contact persons',
      minItems: 1,
      maxItems: 10,
      'x-source': L206,
      'x-inference': false,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'email'],
        properties: {
          name: { type: 'string', title: 'Navn', 'x-title-en': 'Name', minLength: 2, maxLength: 200 },
          role: { type: 'string', title: 'Rolle', 'x-title-en': 'Role', maxLength: 200 },
          email: { type: 'string', title: 'E-mail', 'x-title-en': 'E-mail', format: 'email', maxLength: 254 },
          phone: { type: 'string', title: 'Telefon', 'x-title-en': 'Phone', pattern: '^\\+?[0-9 ]{8,16}$' },
        },
      },
    },
    site: {
      type: 'object',
      title: 'Placering',
      'x-title-en': 'Site',
      additionalProperties: false,
      required: ['address', 'municipalityCode', 'cadastralParcels'],
      properties: {
        address: { type: 'string', title: 'Adresse', 'x-title-en': 'Address', minLength: 5, maxLength: 300, 'x-source': 'Byggeloven §16 / BR18 §7: the application names the property', 'x-inference': true },
        municipalityCode: {
          type: 'string',
          title: 'Kommunekode',
          'x-title-en': 'Municipality code',
          pattern: '^[0-9]{3}$',
          description: 'Tre cifre, fx 326 for Kalundborg.',
          'x-help-en': 'Three digits, e.g. 326 for Kalundborg.',
          'x-source': 'Routing: the kommune of the site decides the municipal permits (permits-research.md §1)',
          'x-inference': false,
        },
        cadastralParcels: {
          type: 'array',
          title: 'Matrikler',
          'x-title-en': 'Cadastral parcels',
          minItems: 1,
          maxItems: 50,
          'x-source': 'Byggeloven §16 / BR18 §7 and MBL §33: permits are given for a property (matrikel + ejerlav)',
          'x-inference': true,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['matrikelnummer', 'ejerlav'],
            properties: {
              matrikelnummer: { type: 'string', title: 'Matrikelnummer', 'x-title-en': 'Parcel number', pattern: '^[0-9]{1,5}[a-zæøå]{0,3}$' },
              ejerlav: { type: 'string', title: 'Ejerlav', 'x-title-en': 'Cadastral district', minLength: 2, maxLength: 120 },
            },
          },
        },
        geometry: {
          type: 'object',
          title: 'Koordinater / polygon (GeoJSON)',
          'x-title-en': 'Coordinates / polygon (GeoJSON)',
          description: 'Valgfrit: et punkt (bredde- og længdegrad) eller anlæggets omrids som GeoJSON Polygon, WGS84 (RFC 7946, længdegrad først), i Danmark.',
          'x-help-en': "Optional: a point (latitude and longitude) or the site's outline as a GeoJSON Polygon, WGS84 (RFC 7946, longitude first), in Denmark.",
          'x-widget': 'geojson',
          'x-source': 'Helps every authority find the site (MBL §33 and BR18 §7 name the property; the geometry is an aid, not a requirement)',
          'x-inference': true,
          additionalProperties: false,
          required: ['type', 'coordinates'],
          properties: {
            type: { type: 'string', enum: ['Point', 'Polygon', 'MultiPolygon'] },
            coordinates: { type: 'array', minItems: 1, maxItems: 1000 },
          },
        },
      },
    },
    project: {
      type: 'object',
      title: 'Projektet',
      'x-title-en': 'The project',
      additionalProperties: false,
      required: ['description', 'constructionStartWish', 'operationStartWish'],
      properties: {
        description: {
          type: 'string',
          title: 'Projektbeskrivelse',
          'x-title-en': 'Project description',
          'x-widget': 'textarea',
          minLength: 20,
          maxLength: 20000,
          description: 'Hvad bygges og produceres, hvor meget, og hvordan.',
          'x-help-en': 'What is built and produced, how much, and how.',
          'x-source': 'MBL §33 and BR18 §7: every authority needs the project described (godkendelsesbek. bilag om ansøgningens indhold ~)',
          'x-inference': true,
        },
        constructionStartWish: { type: 'string', title: 'Ønsket byggestart', 'x-title-en': 'Wished construction start', format: 'date', 'x-widget': 'date', 'x-source': L206, 'x-inference': false },
        operationStartWish: { type: 'string', title: 'Ønsket driftsstart', 'x-title-en': 'Wished start of operation', format: 'date', 'x-widget': 'date', 'x-source': L206, 'x-inference': false },
        investmentDkk: {
          type: 'integer',
          title: 'Investering (kr.)',
          'x-title-en': 'Investment (DKK)',
          minimum: 0,
          maximum: 1000000000000,
          'x-source': 'L 206 eligibility: investment ≥ DKK 100 million (ERU question 278, permits-research.md §2)',
          'x-inference': false,
        },
        productionCapacity: {
          type: 'string',
          title: 'Produktionskapacitet',
          'x-title-en': 'Production capacity',
          maxLength: 500,
          description: 'Fx "40 t aktivt stof pr. år".',
          'x-help-en': 'E.g. "40 t of active substance a year".',
          'x-source': 'Godkendelsesbekendtgørelsen, bilag 1/2: listed activities are defined by capacity ~',
          'x-inference': true,
        },
        listedActivity: {
          type: 'string',
          title: 'Listepunkt',
          'x-title-en': 'Listed activity',
          maxLength: 20,
          description: 'Listepunkt i godkendelsesbekendtgørelsen, fx 4.5.',
          'x-help-en': 'List item in the godkendelsesbekendtgørelse, e.g. 4.5.',
          'x-source': 'MBL §33 and godkendelsesbekendtgørelsen bilag 1/2 (permits-research.md §1 #6)',
          'x-inference': false,
        },
      },
    },
  },
};
