/**
 * Trigger rules: which facts make a permit applicable. Rules are DATA, evaluated by one engine
 * (`screen`). A permit is applicable when at least one of its rules fires; every rule that fires
 * becomes a human-readable reason. Thresholds come from permits-research.md §1.
 */
import type { PermitCode } from '@rl/permits-catalog';
import type { ProjectFacts, ProtectionLine } from './project-facts';

export interface Text {
  da: string;
  en: string;
}

export interface ScreeningRule {
  /** Stable id, shown with the reason, e.g. 'ENV-ANNEX1'. */
  id: string;
  permitCode: PermitCode;
  /** The statute the rule applies. */
  statute: string;
  when: (facts: ProjectFacts) => boolean;
  reason: Text;
}

/** VFL §26: construction dewatering is exempt only if ≤ 2 years, ≤ 100,000 m³/yr and no §20 well within 300 m. */
export const DEWATERING_EXEMPTION = { maxDurationMonths: 24, maxVolumeM3PerYear: 100_000, wellRadiusM: 300 } as const;
/** BEK 1639/2016: more than 25 oplagsenheder of flammable liquids needs a permit. */
export const FLAMMABLE_LIQUIDS_MAX_UNITS_WITHOUT_PERMIT = 25;
/** CO₂-kvoteloven / EU ETS: combustion units totalling more than 20 MW rated thermal input. */
export const CO2_THRESHOLD_MW = 20;
/** AT construction-site notice: > 30 days with ≥ 20 workers at the same time, or > 500 person-days. */
export const CONSTRUCTION_SITE_NOTICE = { minDurationDaysExclusive: 30, minPeakWorkers: 20, minPersonDaysExclusive: 500 } as const;

/** True when construction dewatering meets all three VFL §26 exemption conditions. A missing
 *  volume, duration or well answer cannot prove the exemption, so the permit is required. */
export function isDewateringExempt(f: ProjectFacts): boolean {
  return (
    f.dewateringVolumeM3PerYear !== undefined &&
    f.dewateringDurationMonths !== undefined &&
    f.abstractionWellWithin300m === false &&
    f.dewateringVolumeM3PerYear <= DEWATERING_EXEMPTION.maxVolumeM3PerYear &&
    f.dewateringDurationMonths <= DEWATERING_EXEMPTION.maxDurationMonths
  );
}

const hasLine = (f: ProjectFacts, line: ProtectionLine) => (f.protectionLines ?? []).includes(line);
const buildsOrDigs = (f: ProjectFacts) => f.newBuildingOrExtension === true || f.groundWorks === true;
const outsidePlanFrame = (f: ProjectFacts) => f.fitsMunicipalPlanFrame === false;
const newLocalPlan = (f: ProjectFacts) => f.needsNewLocalPlan === true || outsidePlanFrame(f);

function protectionLineRule(line: ProtectionLine, section: string, da: string, en: string): ScreeningRule {
  return {
    id: `NAT-LINE-${line.toUpperCase()}`,
    permitCode: 'PROTECTION_LINE_DISPENSATION',
    statute: `Naturbeskyttelsesloven ${section}`,
    when: (f) => hasLine(f, line),
    reason: { da, en },
  };
}

export const SCREENING_RULES: readonly ScreeningRule[] = [
  // --- Plan track ---------------------------------------------------------------------------
  {
    id: 'PLAN-OUTSIDE-FRAME',
    permitCode: 'KOMMUNEPLANTILLAEG',
    statute: 'Planloven §§23c, 24',
    when: outsidePlanFrame,
    reason: { da: 'Projektet ligger uden for kommuneplanens rammer.', en: 'The project is outside the municipal plan frame.' },
  },
  {
    id: 'PLAN-NEW-LOKALPLAN',
    permitCode: 'LOKALPLAN',
    statute: 'Planloven §13 (lokalplanpligt)',
    when: (f) => f.needsNewLocalPlan === true,
    reason: { da: 'Projektet kræver en ny lokalplan.', en: 'The project needs a new local plan.' },
  },
  {
    id: 'PLAN-LOKALPLAN-WITH-AMENDMENT',
    permitCode: 'LOKALPLAN',
    statute: 'Planloven §§13, 24',
    when: outsidePlanFrame,
    reason: {
      da: 'Et kommuneplantillæg vedtages sammen med en lokalplan.',
      en: 'A municipal plan amendment is adopted together with a local plan.',
    },
  },
  {
    id: 'ZONE-LANDZONE',
    permitCode: 'LANDZONE',
    statute: 'Planloven §35(1); bonusvirkning §15(4)',
    when: (f) => f.siteZone === 'landzone' && !(newLocalPlan(f) && f.localPlanHasBonusEffect === true),
    reason: {
      da: 'Grunden ligger i landzone (og ingen lokalplan med bonusvirkning erstatter tilladelsen).',
      en: 'The site is in the rural zone (and no local plan with bonus effect replaces the permit).',
    },
  },
  // --- Environmental impact assessment --------------------------------------------------------
  {
    id: 'EIA-ANNEX2-SCREENING',
    permitCode: 'VVM_SCREENING',
    statute: 'Miljøvurderingsloven §21, bilag 2',
    when: (f) => f.eiaAnnex === 'annex2',
    reason: { da: 'Projektet er omfattet af miljøvurderingslovens bilag 2.', en: 'The project is listed in annex 2 of the EIA act.' },
  },
  {
    id: 'EIA-ANNEX1-PERMIT',
    permitCode: 'VVM_PERMIT',
    statute: 'Miljøvurderingsloven §§15, 25, bilag 1',
    when: (f) => f.eiaAnnex === 'annex1',
    reason: { da: 'Projektet er omfattet af miljøvurderingslovens bilag 1 (altid VVM).', en: 'The project is listed in annex 1 of the EIA act (always EIA).' },
  },
  {
    id: 'EIA-ANNEX2-SIGNIFICANT',
    permitCode: 'VVM_PERMIT',
    statute: 'Miljøvurderingsloven §§21, 25',
    when: (f) => f.eiaAnnex === 'annex2' && f.eiaSignificantEffectsExpected === true,
    reason: {
      da: 'Bilag 2-projekt, hvor screeningen forventes at finde væsentlige virkninger.',
      en: 'Annex 2 project where screening is expected to find significant effects.',
    },
  },
  // --- Environmental permit -----------------------------------------------------------------
  {
    id: 'ENV-ANNEX1',
    permitCode: 'MILJOEGODKENDELSE',
    statute: 'Miljøbeskyttelsesloven §33; godkendelsesbekendtgørelsen bilag 1 (IED)',
    when: (f) => f.listedActivity?.annex === 'annex1',
    reason: { da: 'Ny eller udvidet listevirksomhed på bilag 1 (IED).', en: 'New or expanded listed activity in annex 1 (IED).' },
  },
  {
    id: 'ENV-ANNEX2',
    permitCode: 'MILJOEGODKENDELSE',
    statute: 'Miljøbeskyttelsesloven §33; godkendelsesbekendtgørelsen bilag 2',
    when: (f) => f.listedActivity?.annex === 'annex2',
    reason: { da: 'Ny eller udvidet listevirksomhed på bilag 2.', en: 'New or expanded listed activity in annex 2.' },
  },
  {
    id: 'ENV-DISCHARGE-FOLDED',
    permitCode: 'MILJOEGODKENDELSE',
    statute: 'Miljøbeskyttelsesloven §§28, 33',
    when: (f) => !!f.listedActivity && f.dischargeToRecipient === true,
    reason: {
      da: 'Udledningen til recipient reguleres i miljøgodkendelsen (listevirksomhed).',
      en: 'The discharge to a recipient is regulated inside the environmental permit (listed activity).',
    },
  },
  // --- Water ---------------------------------------------------------------------------------
  {
    id: 'WATER-DISCHARGE',
    permitCode: 'UDLEDNINGSTILLADELSE',
    statute: 'Miljøbeskyttelsesloven §28(1)–(2)',
    when: (f) => f.dischargeToRecipient === true && !f.listedActivity,
    reason: { da: 'Spildevand eller regnvand udledes til vandløb, sø eller hav.', en: 'Process, cooling or storm water is discharged to a stream, lake or the sea.' },
  },
  {
    id: 'WATER-SEWER-INDUSTRIAL',
    permitCode: 'TILSLUTNINGSTILLADELSE',
    statute: 'Miljøbeskyttelsesloven §28(3)',
    when: (f) => f.industrialWastewaterToSewer === true,
    reason: { da: 'Industrielt spildevand tilsluttes offentlig kloak.', en: 'Industrial wastewater goes to the public sewer.' },
  },
  {
    id: 'WATER-SEWER-DEWATERING',
    permitCode: 'TILSLUTNINGSTILLADELSE',
    statute: 'Miljøbeskyttelsesloven §28(3)',
    when: (f) => f.dewateringDuringConstruction === true && f.dewateringWaterToSewer === true,
    reason: { da: 'Vand fra midlertidig grundvandssænkning ledes til kloak.', en: 'Temporary dewatering water goes to the sewer.' },
  },
  {
    id: 'WATER-ABSTRACTION',
    permitCode: 'VANDINDVINDING',
    statute: 'Vandforsyningsloven §§18, 20',
    when: (f) => f.groundwaterAbstraction === true,
    reason: { da: 'Erhverv skal altid have tilladelse til vandindvinding.', en: 'Any industrial groundwater abstraction needs a permit.' },
  },
  {
    id: 'WATER-DEWATERING',
    permitCode: 'GRUNDVANDSSAENKNING',
    statute: 'Vandforsyningsloven §26',
    when: (f) => f.dewateringDuringConstruction === true && !isDewateringExempt(f),
    reason: {
      da: 'Grundvandssænkning i anlægsfasen, som ikke er undtaget (≤ 2 år, ≤ 100.000 m³/år og ingen §20-boring inden for 300 m).',
      en: 'Construction dewatering that is not exempt (≤ 2 years, ≤ 100,000 m³/yr and no §20 well within 300 m).',
    },
  },
  // --- Soil and nature -------------------------------------------------------------------------
  {
    id: 'SOIL-MAPPED',
    permitCode: 'JFL_8',
    statute: 'Jordforureningsloven §8',
    when: (f) => (f.contaminatedSoil === 'V1' || f.contaminatedSoil === 'V2') && buildsOrDigs(f),
    reason: { da: 'Bygge- og anlægsarbejde på kortlagt (V1/V2) areal.', en: 'Building or ground works on land mapped as contaminated (V1/V2).' },
  },
  {
    id: 'SOIL-SENSITIVE-USE',
    permitCode: 'JFL_8',
    statute: 'Jordforureningsloven §8',
    when: (f) => f.sensitiveUseChange === true,
    reason: { da: 'Anvendelsen ændres til følsom anvendelse.', en: 'The use changes to a sensitive use.' },
  },
  {
    id: 'NAT-HABITAT-3',
    permitCode: 'NBL_3_DISPENSATION',
    statute: 'Naturbeskyttelsesloven §§3, 65',
    when: (f) => f.protectedHabitatOnSite === true,
    reason: { da: 'Projektet berører beskyttet natur (§3) på grunden.', en: 'The project affects a protected habitat (§3) on the site.' },
  },
  protectionLineRule('beach', '§15', 'Grunden ligger inden for strandbeskyttelseslinjen (300 m).', 'The site is inside the beach protection line (300 m).'),
  protectionLineRule('lake', '§16', 'Grunden ligger inden for søbeskyttelseslinjen (150 m).', 'The site is inside the lake protection line (150 m).'),
  protectionLineRule('stream', '§16', 'Grunden ligger inden for å-beskyttelseslinjen (150 m).', 'The site is inside the stream protection line (150 m).'),
  protectionLineRule('forest', '§17', 'Grunden ligger inden for skovbyggelinjen (300 m).', 'The site is inside the forest building line (300 m).'),
  protectionLineRule('monument', '§18', 'Grunden ligger inden for fortidsmindebeskyttelseslinjen (100 m).', 'The site is inside the ancient-monument protection line (100 m).'),
  protectionLineRule('church', '§19', 'Grunden ligger inden for kirkebyggelinjen (300 m, byggeri over 8,5 m).', 'The site is inside the church protection line (300 m, buildings over 8.5 m).'),
  {
    id: 'NAT-NATURA2000',
    permitCode: 'HABITAT_ASSESSMENT',
    statute: 'Habitatbekendtgørelsen §6(2)',
    when: (f) => f.natura2000Nearby === true,
    reason: {
      da: 'Projektet kan påvirke et Natura 2000-område eller bilag IV-arter.',
      en: 'The project may affect a Natura 2000 site or annex IV species.',
    },
  },
  // --- Risk and fire ---------------------------------------------------------------------------
  {
    id: 'RISK-SEVESO-LOWER',
    permitCode: 'SEVESO_RISK',
    statute: 'Risikobekendtgørelsen (BEK 372/2016) bilag 1, kolonne 2',
    when: (f) => f.sevesoTier === 'lower',
    reason: { da: 'Farlige stoffer over tærsklen i kolonne 2 (kolonne 2-virksomhed).', en: 'Dangerous substances above the column 2 threshold (lower tier).' },
  },
  {
    id: 'RISK-SEVESO-UPPER',
    permitCode: 'SEVESO_RISK',
    statute: 'Risikobekendtgørelsen (BEK 372/2016) bilag 1, kolonne 3',
    when: (f) => f.sevesoTier === 'upper',
    reason: { da: 'Farlige stoffer over tærsklen i kolonne 3 (kolonne 3-virksomhed).', en: 'Dangerous substances above the column 3 threshold (upper tier).' },
  },
  {
    id: 'FIRE-STORAGE',
    permitCode: 'FLAMMABLE_LIQUIDS',
    statute: 'Beredskabsloven §§33–34; BEK 1639/2016',
    when: (f) => (f.flammableLiquidsStorageUnits ?? 0) > FLAMMABLE_LIQUIDS_MAX_UNITS_WITHOUT_PERMIT,
    reason: { da: 'Oplag af brandfarlige væsker over 25 oplagsenheder.', en: 'Storage of flammable liquids above 25 storage units.' },
  },
  {
    id: 'FIRE-SOLVENTS',
    permitCode: 'FLAMMABLE_LIQUIDS',
    statute: 'Beredskabsloven §§33–34; BEK 1639/2016',
    when: (f) => f.processesFlammableSolvents === true,
    reason: { da: 'Virksomheden forarbejder brandfarlige opløsningsmidler.', en: 'The site processes flammable solvents.' },
  },
  // --- GMO and medicines -----------------------------------------------------------------------
  {
    id: 'GMO-CONTAINED-USE',
    permitCode: 'GMO_CONTAINED_USE',
    statute: 'AT-bekendtgørelse 910/2008',
    when: (f) => (f.gmoClass ?? 0) >= 1,
    reason: { da: 'Arbejde med GMO: anlægget klassificeres og projektet anmeldes.', en: 'GMO work: the facility is classified and the project notified.' },
  },
  {
    id: 'GMO-CLASS2-WAIT',
    permitCode: 'GMO_CONTAINED_USE',
    statute: 'AT-bekendtgørelse 910/2008',
    when: (f) => (f.gmoClass ?? 0) >= 2,
    reason: { da: 'Klasse 2 eller højere: arbejdet må først begynde efter godkendelse.', en: 'Class 2 or higher: work may start only after approval.' },
  },
  {
    id: 'GMO-PRODUCTION',
    permitCode: 'GMO_PRODUCTION',
    statute: 'Lov om miljø og genteknologi; bek. om produktion med GMM',
    when: (f) => f.gmoCommercialProduction === true && (f.gmoClass ?? 0) >= 1,
    reason: {
      da: 'Erhvervsmæssig produktion med genetisk modificerede mikroorganismer.',
      en: 'Commercial production with genetically modified micro-organisms.',
    },
  },
  {
    id: 'MED-GMP',
    permitCode: 'GMP_MANUFACTURING',
    statute: 'Lægemiddelloven §39; BEK 1358/2012',
    when: (f) => f.medicinalProductManufacture === true,
    reason: {
      da: 'Fremstilling eller import af lægemidler eller mellemprodukter på et nyt sted eller i nye lokaler.',
      en: 'Manufacture or import of medicinal products or intermediates at a new site or in new rooms.',
    },
  },
  // --- Building --------------------------------------------------------------------------------
  {
    id: 'BUILD-NEW',
    permitCode: 'BUILDING_PERMIT',
    statute: 'Byggeloven §16; BR18',
    when: (f) => f.newBuildingOrExtension === true,
    reason: { da: 'Nyt byggeri eller tilbygning.', en: 'New building or extension.' },
  },
  {
    id: 'SITE-LONG-AND-BUSY',
    permitCode: 'CONSTRUCTION_SITE_NOTICE',
    statute: 'Arbejdsmiljøloven; bek. om bygherrens pligter',
    when: (f) =>
      !!f.constructionSite &&
      f.constructionSite.durationDays > CONSTRUCTION_SITE_NOTICE.minDurationDaysExclusive &&
      f.constructionSite.peakWorkers >= CONSTRUCTION_SITE_NOTICE.minPeakWorkers,
    reason: { da: 'Byggepladsen varer over 30 dage med mindst 20 ansatte samtidig.', en: 'The site runs over 30 days with at least 20 workers at once.' },
  },
  {
    id: 'SITE-PERSON-DAYS',
    permitCode: 'CONSTRUCTION_SITE_NOTICE',
    statute: 'Arbejdsmiljøloven; bek. om bygherrens pligter',
    when: (f) => !!f.constructionSite && f.constructionSite.personDays > CONSTRUCTION_SITE_NOTICE.minPersonDaysExclusive,
    reason: { da: 'Byggepladsen har over 500 persondage.', en: 'The site has over 500 person-days.' },
  },
  // --- Energy ----------------------------------------------------------------------------------
  {
    id: 'ENERGY-CO2',
    permitCode: 'CO2_PERMIT',
    statute: 'CO₂-kvoteloven (EU ETS)',
    when: (f) => (f.combustionThermalInputMW ?? 0) > CO2_THRESHOLD_MW,
    reason: { da: 'Fyringsanlæg med samlet indfyret effekt over 20 MW.', en: 'Combustion units with a total rated thermal input above 20 MW.' },
  },
  {
    id: 'HEAT-COLLECTIVE-PLANT',
    permitCode: 'HEAT_SUPPLY_PROJECT',
    statute: 'Varmeforsyningsloven; projektbekendtgørelsen',
    when: (f) => f.heatSupply === 'newCollectivePlant',
    reason: { da: 'Nyt kollektivt varmeforsyningsanlæg.', en: 'New collective heat-supply plant.' },
  },
  {
    id: 'HEAT-SURPLUS',
    permitCode: 'HEAT_SUPPLY_PROJECT',
    statute: 'Varmeforsyningsloven; projektbekendtgørelsen',
    when: (f) => f.heatSupply === 'surplusHeatToDistrictHeating',
    reason: { da: 'Overskudsvarme leveres til fjernvarmenettet.', en: 'Surplus heat is sold to district heating.' },
  },
  {
    id: 'GRID-LARGE-LOAD',
    permitCode: 'GRID_CONNECTION',
    statute: 'Elforsyningsloven (tilslutningsaftale)',
    when: (f) => (f.largeNewGridLoadMW ?? 0) > 0,
    reason: { da: 'Ny stor elbelastning kræver ny eller forstærket nettilslutning.', en: 'A large new electrical load needs a new or reinforced grid connection.' },
  },
  // --- Road and archaeology -------------------------------------------------------------------
  {
    id: 'ROAD-ACCESS',
    permitCode: 'ROAD_ACCESS',
    statute: 'Vejloven §49',
    when: (f) => f.newOrWidenedRoadAccess === true,
    reason: { da: 'Ny eller udvidet vejadgang til grunden.', en: 'New or widened road access to the site.' },
  },
  {
    id: 'ARCH-GROUND-WORKS',
    permitCode: 'ARCHAEOLOGY',
    statute: 'Museumsloven §§25–27',
    when: (f) => f.groundWorks === true,
    reason: { da: 'Jordarbejder: museet skal udtale sig om fortidsminder.', en: 'Ground works: the museum gives its opinion on archaeological remains.' },
  },
  {
    id: 'ARCH-GREENFIELD',
    permitCode: 'ARCHAEOLOGY',
    statute: 'Museumsloven §§25–27',
    when: (f) => f.greenfield === true,
    reason: { da: 'Ubebygget grund: særlig risiko for fund.', en: 'Greenfield site: a particular risk of finds.' },
  },
];
