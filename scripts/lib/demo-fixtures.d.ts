// Types of scripts/lib/demo-fixtures.js (plain CommonJS, shared with the bench and fault scripts).
export const PHARMA_FACTS: {
  municipalityCode: string;
  siteZone: string;
  inIndustrialPark: boolean;
  fitsMunicipalPlanFrame: boolean;
  medicinalProductManufacture: boolean;
  newBuildingOrExtension: boolean;
  listedActivity: { annex: string; sMarked: boolean };
  groundwaterAbstraction: boolean;
};
export const SIMPLE_FACTS: { municipalityCode: string; siteZone: string; inIndustrialPark: boolean; fitsMunicipalPlanFrame: boolean; newBuildingOrExtension: boolean };
export const CASEWORKER_FOR: Record<string, string>;

/** A complete application (shared part + sections) for PHARMA_FACTS (issue 14). */
export declare const PHARMA_APPLICATION: { shared: Record<string, unknown>; sections: Record<string, Record<string, unknown>> };
