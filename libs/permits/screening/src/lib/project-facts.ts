/**
 * The facts a company gives in the screening questionnaire (product.md capability 1). Only
 * `municipalityCode` and `siteZone` are required; every other fact defaults to "no / none / 0",
 * so a partially answered questionnaire screens conservatively for what was answered.
 */

/** Planlovens zoner (PL §34). */
export type SiteZone = 'byzone' | 'landzone' | 'sommerhusomraade';
/** Annex of miljøvurderingsloven (MVL) the project is listed in. */
export type EiaAnnex = 'annex1' | 'annex2' | 'none';
/** V1 = mapped as possibly contaminated (kortlagt på vidensniveau 1), V2 = known contaminated. */
export type ContaminatedSoil = 'V1' | 'V2' | 'none';
/** NBL §§15–19 protection lines: beach 300 m, lake 150 m, stream 150 m, forest 300 m,
 *  ancient monument 100 m, church 300 m. */
export type ProtectionLine = 'beach' | 'lake' | 'stream' | 'forest' | 'monument' | 'church';
/** Risikobekendtgørelsen bilag 1: lower tier = column 2, upper tier = column 3. */
export type SevesoTier = 'none' | 'lower' | 'upper';
/** Containment class for GMO work (AT-bek. 910/2008); 0 = no GMO work. */
export type GmoClass = 0 | 1 | 2 | 3 | 4;
export type RoadType = 'municipal' | 'state';
export type HeatSupply = 'none' | 'newCollectivePlant' | 'surplusHeatToDistrictHeating';
export type BuildingUse = 'industryOrStorage' | 'multiStoreyCommercial';

export const SITE_ZONES: readonly SiteZone[] = ['byzone', 'landzone', 'sommerhusomraade'];
export const EIA_ANNEXES: readonly EiaAnnex[] = ['annex1', 'annex2', 'none'];
export const CONTAMINATED_SOIL_LEVELS: readonly ContaminatedSoil[] = ['V1', 'V2', 'none'];
export const PROTECTION_LINES: readonly ProtectionLine[] = ['beach', 'lake', 'stream', 'forest', 'monument', 'church'];
export const SEVESO_TIERS: readonly SevesoTier[] = ['none', 'lower', 'upper'];
export const ROAD_TYPES: readonly RoadType[] = ['municipal', 'state'];
export const HEAT_SUPPLY_KINDS: readonly HeatSupply[] = ['none', 'newCollectivePlant', 'surplusHeatToDistrictHeating'];
export const BUILDING_USES: readonly BuildingUse[] = ['industryOrStorage', 'multiStoreyCommercial'];

/**
 * A listed activity (listevirksomhed) of godkendelsesbekendtgørelsen that is new or expanded.
 * With a `listItem` the catalogue ships (`LISTED_ACTIVITIES`), annex and s-mark are DERIVED from
 * it and may be omitted; if given they must agree with it (else 422, CONTRADICTS_LIST_ITEM).
 * Without a known list item they are required and taken as declared (the old shape).
 */
export interface ListedActivity {
  /** Annex 1 = IED activities; annex 2 = other listed activities. */
  annex?: 'annex1' | 'annex2';
  /** List item, e.g. '4.5' (pharmaceuticals). */
  listItem?: string;
  /** s-marked (s-mærket) activities are approved by MST instead of the municipality. */
  sMarked?: boolean;
}

/** Construction-site size, for AT's construction-site notice. */
export interface ConstructionSite {
  durationDays: number;
  /** Most workers on site at the same time. */
  peakWorkers: number;
  personDays: number;
}

export interface ProjectFacts {
  /** Official 3-digit kommunekode of the site, e.g. '326' (Kalundborg). */
  municipalityCode: string;
  siteZone: SiteZone;
  /** The site is in a designated industrial park (L 206). */
  inIndustrialPark?: boolean;
  /** false = the project is outside the kommuneplan frame (needs a kommuneplantillæg). Default true. */
  fitsMunicipalPlanFrame?: boolean;
  /** The project needs a new lokalplan (PL §13). */
  needsNewLocalPlan?: boolean;
  /** The new lokalplan will carry bonusvirkning replacing the landzone permit (PL §15(4)). */
  localPlanHasBonusEffect?: boolean;
  /** New or expanded listed activity; null/undefined = none. */
  listedActivity?: ListedActivity | null;
  eiaAnnex?: EiaAnnex;
  /** For an annex 2 project: the developer/authority already expects significant effects. */
  eiaSignificantEffectsExpected?: boolean;
  /** State project or project across municipal borders (MST is the VVM authority). */
  stateOrCrossMunicipalProject?: boolean;
  groundwaterAbstraction?: boolean;
  dewateringDuringConstruction?: boolean;
  dewateringVolumeM3PerYear?: number;
  dewateringDurationMonths?: number;
  /** A VFL §20 abstraction well lies within 300 m of the dewatering. */
  abstractionWellWithin300m?: boolean;
  /** The dewatering water is led to the public sewer. */
  dewateringWaterToSewer?: boolean;
  dischargeToRecipient?: boolean;
  industrialWastewaterToSewer?: boolean;
  contaminatedSoil?: ContaminatedSoil;
  /** Use changed to a sensitive use (housing, institution, playground…). */
  sensitiveUseChange?: boolean;
  /** An NBL §3 protected habitat (lake, bog, meadow…) on the site is affected. */
  protectedHabitatOnSite?: boolean;
  protectionLines?: ProtectionLine[];
  /** Possible effect on a Natura 2000 area or annex IV species. */
  natura2000Nearby?: boolean;
  sevesoTier?: SevesoTier;
  /** Storage of flammable liquids in oplagsenheder (BEK 1639/2016). */
  flammableLiquidsStorageUnits?: number;
  /** Processing with flammable solvents. */
  processesFlammableSolvents?: boolean;
  /** Total rated thermal input of combustion units, MW. */
  combustionThermalInputMW?: number;
  gmoClass?: GmoClass;
  /** Commercial production with genetically modified micro-organisms. */
  gmoCommercialProduction?: boolean;
  newOrWidenedRoadAccess?: boolean;
  roadType?: RoadType;
  /** Access to a municipal road within 100 m (50 m in towns) of a state road. */
  withinStateRoadZone?: boolean;
  groundWorks?: boolean;
  greenfield?: boolean;
  /** Manufacture or import of medicinal products or intermediates; a new site or room. */
  medicinalProductManufacture?: boolean;
  /** The company already holds a DKMA manufacturing authorisation and the project changes it
   *  (BEK 1358/2012 §6(2): 30 days, extendable to 90). Needs medicinalProductManufacture. */
  medicinalAuthorisationChange?: boolean;
  /** The company is under regular environmental inspection (tilsyn) — one of the two marks of a
   *  produktionsvirksomhed in L 206 §2, the other being that it needs a miljøgodkendelse. */
  regularEnvironmentalInspection?: boolean;
  heatSupply?: HeatSupply;
  newBuildingOrExtension?: boolean;
  buildingUse?: BuildingUse;
  constructionSite?: ConstructionSite | null;
  /** Yes/no questions explicitly answered "don't know" (issue 13 item 15): permits the other
   *  answer would need are returned as `possiblePermits`. An omitted fact keeps its default. */
  unknownFacts?: string[];
  /** New electrical load in MW that needs a new or reinforced grid connection; 0 = none. */
  largeNewGridLoadMW?: number;
  investmentDkk?: number;
  nationalStrategicImportance?: boolean;
  /** Net-zero (NZIA 2024/1735) or critical-raw-materials (CRMA 2024/1252) project. */
  netZeroOrCriticalRawMaterials?: boolean;
}
