// Types of ./demo-company.js (plain CommonJS, shared with scripts/lib/demo-fixtures.js).
export const NORDLYS_COMPANY: { cvr: string; pNumber: string; name: string };
export const NORDLYS_PROJECT_LEAD: { name: string; role: string; email: string; phone: string };
export const KALUNDBORG_SITE: {
  address: string;
  municipalityCode: string;
  cadastralParcels: { matrikelnummer: string; ejerlav: string }[];
  geometry: { type: string; coordinates: number[] };
};
export const PHARMA_BUILDING_SECTION: { buildingUse: string; floorAreaM2: number; builtAreaM2: number; heightM: number; consequenceClass: string; fireClass: string };
