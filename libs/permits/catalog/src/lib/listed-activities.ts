/**
 * Listed activities (listevirksomhed) of godkendelsesbekendtgørelsen, annex 1 (IED) and annex 2,
 * and the miljøvurderingslov (MVL) annex entries they fall under — as catalogue data, so that
 * screening DERIVES the s-mark (MST decides), the IED status and the EIA track from the list item
 * instead of trusting what the applicant types (issue 13 item 14).
 *
 * COVERAGE (say it plainly): the statutory lists have well over a hundred items. This catalogue
 * ships only the items a source available here names or that the acceptance projects need; every
 * field that is not read in a source is listed in `unconfirmedFields` ("~" in the research).
 * Annex 2 item codes could not be sourced here at all, so no annex 2 item is shipped: an annex 2
 * activity is screened from the declared `annex`/`sMarked` as before. See libs/permits/README.md.
 *
 * Numbering: annex 1 follows the IED (Directive 2010/75/EU annex I) numbering, which the Danish
 * annex 1 keeps (permits-research.md §1 #6: "pharma = 4.5"); MVL annex 1/2 follow the EIA
 * Directive (2011/92/EU) annexes I/II.
 */
export type EiaAnnexCode = 'annex1' | 'annex2';

/** An entry of MVL annex 1 (always EIA) or annex 2 (screening). */
export interface EiaAnnexEntry {
  /** Stable id, e.g. 'MVL_B2_6B'. */
  id: string;
  annex: EiaAnnexCode;
  /** Point in the annex, e.g. '6 b)'. */
  point: string;
  nameDa: string;
  nameEn: string;
  source: string;
  /** True when the point number/wording was not read in a source here (inference). */
  unconfirmed: boolean;
}

export interface ListedActivityEntry {
  /** List item as printed in the annex, e.g. '4.5'. */
  code: string;
  annex: EiaAnnexCode;
  nameDa: string;
  nameEn: string;
  /** Annex 1 activities are IED (industrial emissions) activities. */
  ied: boolean;
  /** s-marked (s-mærket): the Danish EPA (MST), not the municipality, is the approving authority. */
  sMarked: boolean;
  /** The MVL entries the activity can fall under, the usual one first; empty = not in MVL. */
  eiaEntries: string[];
  source: string;
  /** Fields that are inferences, e.g. ['sMarked', 'eiaEntries']. */
  unconfirmedFields: Array<'sMarked' | 'ied' | 'eiaEntries' | 'nameDa'>;
}

export const EIA_ANNEX_ENTRIES: readonly EiaAnnexEntry[] = Object.freeze([
  {
    id: 'MVL_B1_6',
    annex: 'annex1',
    point: '6',
    nameDa: 'Integrerede kemiske anlæg (bl.a. organiske basiskemikalier og farmaceutiske basisprodukter ved kemisk eller biologisk proces)',
    nameEn: 'Integrated chemical installations (incl. basic organic chemicals and basic pharmaceutical products by a chemical or biological process)',
    source: 'MVL bilag 1 pkt. 6 = EIA Directive 2011/92/EU annex I point 6 (~: the Danish annex text was not read here)',
    unconfirmed: true,
  },
  {
    id: 'MVL_B2_6A',
    annex: 'annex2',
    point: '6 a)',
    nameDa: 'Kemisk industri: behandling af mellemprodukter og fremstilling af kemikalier',
    nameEn: 'Chemical industry: treatment of intermediate products and production of chemicals',
    source: 'MVL bilag 2 pkt. 6 a) = EIA Directive 2011/92/EU annex II point 6(a) (~)',
    unconfirmed: true,
  },
  {
    id: 'MVL_B2_6B',
    annex: 'annex2',
    point: '6 b)',
    nameDa: 'Kemisk industri: fremstilling af pesticider og farmaceutiske produkter, maling og lak, elastomerer og peroxider',
    nameEn: 'Chemical industry: production of pesticides and pharmaceutical products, paint and varnishes, elastomers and peroxides',
    source: 'MVL bilag 2 pkt. 6 b) = EIA Directive 2011/92/EU annex II point 6(b) (~)',
    unconfirmed: true,
  },
  {
    id: 'MVL_B2_7',
    annex: 'annex2',
    point: '7',
    nameDa: 'Fødevareindustri',
    nameEn: 'Food industry',
    source: 'MVL bilag 2 pkt. 7 = EIA Directive 2011/92/EU annex II point 7 (~)',
    unconfirmed: true,
  },
]);

export const LISTED_ACTIVITIES: readonly ListedActivityEntry[] = Object.freeze([
  {
    code: '4.1',
    annex: 'annex1',
    nameDa: 'Fremstilling af organiske kemikalier',
    nameEn: 'Production of organic chemicals',
    ied: true,
    sMarked: true,
    eiaEntries: ['MVL_B1_6', 'MVL_B2_6A'],
    source: 'Godkendelsesbekendtgørelsen bilag 1 pkt. 4.1 = IED 2010/75/EU annex I 4.1 (~: s-mark and EIA mapping not read here)',
    unconfirmedFields: ['sMarked', 'eiaEntries', 'nameDa'],
  },
  {
    code: '4.5',
    annex: 'annex1',
    nameDa: 'Fremstilling af farmaceutiske produkter, herunder mellemprodukter',
    nameEn: 'Production of pharmaceutical products including intermediates',
    ied: true,
    sMarked: true,
    eiaEntries: ['MVL_B2_6B', 'MVL_B1_6'],
    source: 'permits-research.md §1 #6 ("annex 1 (IED; pharma = 4.5 ~)", "pharma 4.5 probably s-marked ~"); IED 2010/75/EU annex I 4.5',
    unconfirmedFields: ['sMarked', 'eiaEntries', 'nameDa'],
  },
  {
    code: '6.4.b',
    annex: 'annex1',
    nameDa: 'Behandling og forarbejdning af animalske og/eller vegetabilske råvarer til fødevarer over IED-kapaciteten',
    nameEn: 'Treatment and processing of animal and/or vegetable raw materials into food above the IED capacity',
    ied: true,
    sMarked: false,
    eiaEntries: ['MVL_B2_7'],
    source: 'Godkendelsesbekendtgørelsen bilag 1 pkt. 6.4 b = IED 2010/75/EU annex I 6.4(b) (~: s-mark and EIA mapping not read here)',
    unconfirmedFields: ['sMarked', 'eiaEntries', 'nameDa'],
  },
]);

/** The catalogue entry of a list item code, or undefined when the catalogue does not ship it. */
export function findListedActivity(code: string | undefined): ListedActivityEntry | undefined {
  return code === undefined ? undefined : LISTED_ACTIVITIES.find((a) => a.code === code);
}

export function getEiaAnnexEntry(id: string): EiaAnnexEntry | undefined {
  return EIA_ANNEX_ENTRIES.find((e) => e.id === id);
}

/** The MVL annexes a listed activity can fall under, the usual one first. */
export function eiaAnnexesOf(activity: ListedActivityEntry): EiaAnnexCode[] {
  return [...new Set(activity.eiaEntries.map((id) => getEiaAnnexEntry(id)?.annex).filter((a): a is EiaAnnexCode => a !== undefined))];
}
