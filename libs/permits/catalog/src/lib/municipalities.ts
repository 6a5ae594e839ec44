/**
 * The 98 Danish municipalities (kommuner) since the 2007 structural reform, with their official
 * 3-digit municipality code (kommunekode, as used by DAWA/CPR/BBR) and region. Every municipality
 * is an authority in Rød Løber (identified by its code), so municipal permits found by screening
 * are routed to the concrete `nameDa` authority, e.g. '326' → 'Kalundborg Kommune'.
 *
 * Christiansø (code 411) is not a municipality (it is administered by the state) and is
 * therefore not listed.
 */
import { UnknownMunicipalityError } from './errors';

export type RegionCode = '1081' | '1082' | '1083' | '1084' | '1085';

export interface Region {
  code: RegionCode;
  nameDa: string;
  nameEn: string;
}

export const REGIONS: readonly Region[] = [
  { code: '1081', nameDa: 'Region Nordjylland', nameEn: 'North Denmark Region' },
  { code: '1082', nameDa: 'Region Midtjylland', nameEn: 'Central Denmark Region' },
  { code: '1083', nameDa: 'Region Syddanmark', nameEn: 'Region of Southern Denmark' },
  { code: '1084', nameDa: 'Region Hovedstaden', nameEn: 'Capital Region of Denmark' },
  { code: '1085', nameDa: 'Region Sjælland', nameEn: 'Region Zealand' },
];

export interface Municipality {
  /** Official 3-digit kommunekode, e.g. '101'. */
  code: string;
  /** Short name, e.g. 'København'. */
  name: string;
  /** Name of the authority, e.g. 'Københavns Kommune'. */
  nameDa: string;
  /** English authority name, e.g. 'Copenhagen Municipality'. */
  nameEn: string;
  regionCode: RegionCode;
}

type Row = [code: string, name: string, authorityName?: string, englishName?: string];

const NORDJYLLAND: Row[] = [
  ['773', 'Morsø'],
  ['787', 'Thisted'],
  ['810', 'Brønderslev'],
  ['813', 'Frederikshavn'],
  ['820', 'Vesthimmerland', 'Vesthimmerlands Kommune'],
  ['825', 'Læsø'],
  ['840', 'Rebild'],
  ['846', 'Mariagerfjord'],
  ['849', 'Jammerbugt'],
  ['851', 'Aalborg'],
  ['860', 'Hjørring'],
];

const MIDTJYLLAND: Row[] = [
  ['615', 'Horsens'],
  ['657', 'Herning'],
  ['661', 'Holstebro'],
  ['665', 'Lemvig'],
  ['671', 'Struer'],
  ['706', 'Syddjurs'],
  ['707', 'Norddjurs'],
  ['710', 'Favrskov'],
  ['727', 'Odder'],
  ['730', 'Randers'],
  ['740', 'Silkeborg'],
  ['741', 'Samsø'],
  ['746', 'Skanderborg'],
  ['751', 'Aarhus'],
  ['756', 'Ikast-Brande'],
  ['760', 'Ringkøbing-Skjern'],
  ['766', 'Hedensted'],
  ['779', 'Skive'],
  ['791', 'Viborg'],
];

const SYDDANMARK: Row[] = [
  ['410', 'Middelfart'],
  ['420', 'Assens'],
  ['430', 'Faaborg-Midtfyn'],
  ['440', 'Kerteminde'],
  ['450', 'Nyborg'],
  ['461', 'Odense'],
  ['479', 'Svendborg'],
  ['480', 'Nordfyn', 'Nordfyns Kommune'],
  ['482', 'Langeland'],
  ['492', 'Ærø'],
  ['510', 'Haderslev'],
  ['530', 'Billund'],
  ['540', 'Sønderborg'],
  ['550', 'Tønder'],
  ['561', 'Esbjerg'],
  ['563', 'Fanø'],
  ['573', 'Varde'],
  ['575', 'Vejen'],
  ['580', 'Aabenraa'],
  ['607', 'Fredericia'],
  ['621', 'Kolding'],
  ['630', 'Vejle'],
];

const HOVEDSTADEN: Row[] = [
  ['101', 'København', 'Københavns Kommune', 'City of Copenhagen'],
  ['147', 'Frederiksberg'],
  ['151', 'Ballerup'],
  ['153', 'Brøndby'],
  ['155', 'Dragør'],
  ['157', 'Gentofte'],
  ['159', 'Gladsaxe'],
  ['161', 'Glostrup'],
  ['163', 'Herlev'],
  ['165', 'Albertslund'],
  ['167', 'Hvidovre'],
  ['169', 'Høje-Taastrup'],
  ['173', 'Lyngby-Taarbæk'],
  ['175', 'Rødovre'],
  ['183', 'Ishøj'],
  ['185', 'Tårnby'],
  ['187', 'Vallensbæk'],
  ['190', 'Furesø'],
  ['201', 'Allerød'],
  ['210', 'Fredensborg'],
  ['217', 'Helsingør'],
  ['219', 'Hillerød'],
  ['223', 'Hørsholm'],
  ['230', 'Rudersdal'],
  ['240', 'Egedal'],
  ['250', 'Frederikssund'],
  ['260', 'Halsnæs'],
  ['270', 'Gribskov'],
  ['400', 'Bornholm', 'Bornholms Regionskommune', 'Bornholm Regional Municipality'],
];

const SJAELLAND: Row[] = [
  ['253', 'Greve'],
  ['259', 'Køge'],
  ['265', 'Roskilde'],
  ['269', 'Solrød'],
  ['306', 'Odsherred'],
  ['316', 'Holbæk'],
  ['320', 'Faxe'],
  ['326', 'Kalundborg'],
  ['329', 'Ringsted'],
  ['330', 'Slagelse'],
  ['336', 'Stevns'],
  ['340', 'Sorø'],
  ['350', 'Lejre'],
  ['360', 'Lolland'],
  ['370', 'Næstved'],
  ['376', 'Guldborgsund'],
  ['390', 'Vordingborg'],
];

function build(rows: Row[], regionCode: RegionCode): Municipality[] {
  return rows.map(([code, name, authorityName, englishName]) => ({
    code,
    name,
    nameDa: authorityName ?? `${name} Kommune`,
    nameEn: englishName ?? `${name} Municipality`,
    regionCode,
  }));
}

/** All 98 municipalities, sorted by municipality code. */
export const MUNICIPALITIES: readonly Municipality[] = Object.freeze(
  [
    ...build(NORDJYLLAND, '1081'),
    ...build(MIDTJYLLAND, '1082'),
    ...build(SYDDANMARK, '1083'),
    ...build(HOVEDSTADEN, '1084'),
    ...build(SJAELLAND, '1085'),
  ].sort((a, b) => a.code.localeCompare(b.code)),
);

const BY_CODE = new Map(MUNICIPALITIES.map((m) => [m.code, m]));

/** The municipality with this 3-digit code, or undefined. */
export function findMunicipality(code: string): Municipality | undefined {
  return BY_CODE.get(code);
}

/** The municipality with this 3-digit code; throws `UnknownMunicipalityError` otherwise. */
export function getMunicipality(code: string): Municipality {
  const m = BY_CODE.get(code);
  if (!m) throw new UnknownMunicipalityError(code);
  return m;
}

/** Whether `code` is one of the 98 municipality codes. */
export function isMunicipalityCode(code: string): boolean {
  return BY_CODE.has(code);
}
