/**
 * Screening facts shared by more than one test file (the demo's SIMPLE_FACTS and PHARMA_FACTS are
 * in scripts/lib/demo-fixtures, re-exported by ./http).
 */

/** Hillerød (Region Hovedstaden), mapped soil, new road access near a state road: JFL §8, road access and a building permit at Hillerød. */
export const ROAD_ACCESS_FACTS = {
  municipalityCode: '219',
  siteZone: 'byzone',
  inIndustrialPark: true,
  fitsMunicipalPlanFrame: true,
  newBuildingOrExtension: true,
  contaminatedSoil: 'V1',
  newOrWidenedRoadAccess: true,
  roadType: 'municipal',
  withinStateRoadZone: true,
};
