/**
 * Catalogue version 2025.2 (issue 13 item 13): 2025.1 with the legal corrections of issue 13
 * (klagefrist roll per appeal regime, hearing close after the last day, notices without appeal
 * period, PL §24 hearing minimums, decision validity) and the changes for new cases (DKMA change
 * route, plan-decided building permit, archaeology as advice). Each change, classified, is in
 * ./catalog-2025-2-changes.ts; 2025.1 stays as published (./catalog-2025-1.ts).
 *
 * 2025.2 is written as its delta over 2025.1: every permit type is the 2025.1 entry (same order),
 * amended only where `DELTA_2025_2` says so, under the id of the change that amends it. What
 * changed between the versions is therefore this file; the legal terms used in the entries are
 * documented once in ./catalog-2025-1.ts. The klagefrist rolls by the statute's words, recorded
 * per regime in `appeal.deadlineRoll`: "Hvis klagefristen udløber på en lørdag eller helligdag,
 * forlænges klagefristen til den følgende hverdag" (MBL §93(2), MVL §51(2)); Grundlovsdag, 24 and
 * 31 December are not helligdage. The MFKN klagefrist of EIA decisions is cited as MVL §51
 * (2025.1: MVL §50 ~).
 */
import { CATALOG_2025_1 } from './catalog-2025-1';
import { CHANGES_2025_2 } from './catalog-2025-2-changes';
import { amendPermitTypes, days, decided, known, months, unknown, weeks, type Amend, type CatalogDelta } from './catalog-builders';
import type { AppealDeadlineRoll, AppealRule, CatalogVersion, HearingMinimumOption, PermitType, Prerequisite, ValidityRule } from './types';

/** Roll rules per appeal regime, each with where its wording was read. */
const roll = (source: string): AppealDeadlineRoll => ({ rule: 'saturdayOrHelligdagToNextHverdag', source });
const ROLL_MBL: AppealDeadlineRoll = roll(
  'MBL §93(2): "Hvis klagefristen udløber på en lørdag eller helligdag, forlænges klagefristen til den følgende hverdag" (danskelove.dk/miljøbeskyttelsesloven/93)',
);
const ROLL_MVL: AppealDeadlineRoll = roll(
  'MVL §51(2): "Udløber klagefristen på en lørdag eller en helligdag, forlænges fristen til den følgende hverdag" (elov.dk, miljøvurderingsloven §51)',
);
/** PKN and the other MFKN areas: the wording Nævnenes Hus prescribes for every klagevejledning. */
const ROLL_BOARDS: AppealDeadlineRoll = roll(
  'PL §60 (wording quoted in issue 13); Nævnenes Hus (MFKN/PKN), nmkn.dk "Praksis om klagefristens udløb": "Hvis klagefristen udløber på en lørdag eller helligdag, forlænges klagefristen til den følgende hverdag"',
);
/** Appeal bodies outside MFKN/PKN: their statute's roll rule was not read; MBL's wording assumed. */
const ROLL_INFERRED: AppealDeadlineRoll = roll(
  '~ inference: the MBL §93(2) wording is assumed; this statute\'s own roll rule was not read',
);

/** Adds a field to the entry's `unconfirmedFields` (an inference, `~`). */
const unconfirmed = (entry: PermitType, field: string): PermitType => ({ ...entry, unconfirmedFields: [...entry.unconfirmedFields, field] });

/** KLAGEFRIST_ROLL: the regime's roll replaces 2025.1's office-day roll (with any other appeal fields). */
const rollBy =
  (deadlineRoll: AppealDeadlineRoll, appeal: Partial<AppealRule> = {}): Amend =>
  (entry) => ({ ...entry, appeal: { ...known(entry.appeal, `${entry.code} appeal`), deadlineRoll, ...appeal } });

/** KLAGEFRIST_ROLL for a body whose statute's roll was not read: MBL's wording, marked unconfirmed. */
const rollInferred: Amend = (entry) => unconfirmed(rollBy(ROLL_INFERRED)(entry), 'appeal.deadlineRoll');

/** PL_24_HEARING_MINIMUMS: the default minimum gets its basis and the shorter lawful options. */
const hearingMinimums =
  (source: string, minDurationBasis: string, minimumOptions: HearingMinimumOption[]): Amend =>
  (entry) => ({ ...entry, hearing: { ...known(entry.hearing, `${entry.code} hearing`), source, minDurationBasis, minimumOptions } });

/** NOTICES_WITHOUT_APPEAL: the act is not a decision, so there is nothing to appeal. */
const notADecision =
  (instrument: 'notice' | 'opinion', appealNote: string): Amend =>
  (entry) => ({ ...entry, appeal: unknown(appealNote), instrument });

/** DECISION_VALIDITY: how long the decision stays valid; an inferred rule is marked unconfirmed. */
const validFor =
  (validity: ValidityRule): Amend =>
  (entry) => (validity.inference ? unconfirmed({ ...entry, validity }, 'validity') : { ...entry, validity });

/** An amendment of a prerequisite the entry does not have would change nothing: a mistake in the delta. */
function assertPrerequisite(entry: PermitType, code: string): void {
  if (!entry.prerequisites.some((p) => p.code === code)) throw new Error(`Catalogue 2025.2: ${entry.code} has no prerequisite ${code}`);
}

/** Replaces the entry's prerequisites on the same codes in place (it must have each). */
const replacePrerequisites =
  (...replacements: Prerequisite[]): Amend =>
  (entry) => {
    for (const { code } of replacements) assertPrerequisite(entry, code);
    return { ...entry, prerequisites: entry.prerequisites.map((p) => replacements.find((r) => r.code === p.code) ?? p) };
  };

/** ARCHAEOLOGY_IS_ADVICE: the prerequisite on `code` becomes a non-blocking runsWith edge. */
const adviceInsteadOfPrerequisite =
  (code: string, why: string): Amend =>
  (entry) => {
    assertPrerequisite(entry, code);
    return { ...entry, prerequisites: entry.prerequisites.filter((p) => p.code !== code), runsWith: [...(entry.runsWith ?? []), { code, why }] };
  };

const MVL_APPEAL = 'MVL §§49–51: MFKN, 4 weeks';

/** What 2025.2 changes in 2025.1's entries, per change of CHANGES_2025_2 (same ids). */
export const DELTA_2025_2: CatalogDelta = {
  KLAGEFRIST_ROLL: {
    KOMMUNEPLANTILLAEG: rollBy(ROLL_BOARDS),
    LOKALPLAN: rollBy(ROLL_BOARDS),
    LANDZONE: rollBy(ROLL_BOARDS),
    VVM_SCREENING: rollBy(ROLL_MVL, { source: MVL_APPEAL }),
    VVM_PERMIT: rollBy(ROLL_MVL, { source: MVL_APPEAL }),
    MILJOEGODKENDELSE: rollBy(ROLL_MBL),
    UDLEDNINGSTILLADELSE: rollBy(ROLL_MBL),
    TILSLUTNINGSTILLADELSE: rollBy(ROLL_MBL),
    VANDINDVINDING: rollBy(ROLL_BOARDS),
    GRUNDVANDSSAENKNING: rollBy(ROLL_BOARDS),
    JFL_8: rollBy(ROLL_BOARDS),
    NBL_3_DISPENSATION: rollBy(ROLL_BOARDS),
    PROTECTION_LINE_DISPENSATION: rollBy(ROLL_BOARDS),
    SEVESO_RISK: rollBy(ROLL_BOARDS),
    GMO_PRODUCTION: rollBy(ROLL_BOARDS),
    BUILDING_PERMIT: rollInferred,
    CO2_PERMIT: rollInferred,
    HEAT_SUPPLY_PROJECT: rollInferred,
    ROAD_ACCESS: rollInferred,
    GRID_CONNECTION: rollInferred,
  },
  // HEARING_CLOSE_AFTER_LAST_DAY changes no entry: the permit machine closes a hearing after its
  // last day for every catalogue version from 2025.2 on.
  NOTICES_WITHOUT_APPEAL: {
    CONSTRUCTION_SITE_NOTICE: notADecision(
      'notice',
      'A notice (anmeldelse), not a decision: nothing to appeal, no klagefrist (permits-research.md §1 #21: appeal "—").',
    ),
    ARCHAEOLOGY: notADecision(
      'opinion',
      'The museum\'s opinion (udtalelse, museumsloven §25) is advice, not a decision: no klagefrist (permits-research.md §1 #25: appeal "—").',
    ),
  },
  PL_24_HEARING_MINIMUMS: {
    KOMMUNEPLANTILLAEG: hearingMinimums('PL §24(3): proposal in public hearing for at least 8 weeks (danskelove.dk/planloven/24-26)', 'PL_24_3', [
      {
        id: 'PL_24_4',
        minDuration: weeks(4),
        appliesWhen: 'Only minor changes to the framework part (rammedel) that do not conflict with the plan\'s main principles, not decided in a §23a strategy',
        source: 'PL §24(4): "en frist på mindst 4 uger" (danskelove.dk/planloven/24-26)',
      },
    ]),
    LOKALPLAN: hearingMinimums('PL §24(3): the council sets at least 8 weeks unless §24(4)–(7) apply (danskelove.dk/planloven/24-26)', 'PL_24_3', [
      {
        id: 'PL_24_5',
        minDuration: weeks(4),
        appliesWhen: 'Any local plan proposal (the council may set at least 4 weeks)',
        source: 'PL §24(5): "For forslag til lokalplaner kan kommunalbestyrelsen fastsætte en frist på mindst 4 uger" (danskelove.dk/planloven/24-26)',
      },
      {
        id: 'PL_24_6',
        minDuration: weeks(2),
        appliesWhen: 'A local plan of minor importance (lokalplan af mindre betydning)',
        source: 'PL §24(6): "For forslag til lokalplaner af mindre betydning … en frist på mindst 2 uger" (danskelove.dk/planloven/24-26)',
      },
    ]),
  },
  DECISION_VALIDITY: {
    VVM_SCREENING: validFor({
      kind: 'lapsesIfUnused',
      duration: months(36),
      source: 'MVL §39; permits-research.md §1 #4 ("Lapses if unused for 3 years (§39) ✔")',
      inference: false,
      note: { da: 'Bortfalder, hvis projektet ikke er påbegyndt senest 3 år efter afgørelsen (MVL §39).', en: 'Lapses if the project has not started within 3 years of the decision (MVL §39).' },
    }),
    VVM_PERMIT: validFor({
      kind: 'lapsesIfUnused',
      duration: months(36),
      // The research cites §39 on the screening decision (#4) and "unused VVM decisions lapse
      // after 3 years" (§4 item 8); that it covers the §25 permit too is read from that line.
      source: 'MVL §39 (~: permits-research.md §1 #4 and §4 item 8 "unused VVM decisions lapse after 3 years"; applied to the §25 permit by inference)',
      inference: true,
      note: { da: 'Bortfalder, hvis projektet ikke er påbegyndt senest 3 år efter tilladelsen (MVL §39, ~).', en: 'Lapses if the project has not started within 3 years of the permit (MVL §39, ~).' },
    }),
    VANDINDVINDING: validFor({
      kind: 'maxTerm',
      duration: months(360),
      source: 'VFL §22; permits-research.md §1 #9 ("Valid for at most 30 years (§22) ✔")',
      inference: false,
      note: { da: 'Gælder højst 30 år (VFL §22); afgørelsen kan fastsætte en kortere periode.', en: 'Valid for at most 30 years (VFL §22); the decision may set a shorter term.' },
    }),
    GMO_PRODUCTION: validFor({
      kind: 'termSetInDecision',
      // The research shows approvals are time-limited (an example end date), not a statutory
      // length: the term comes from each decision (inference), so no date is computed here.
      source: 'permits-research.md §1 #18 ("Time-limited (e.g. Novo Nordisk Hillerød to 2026) ✔"); no statutory term read (~)',
      inference: true,
      note: { da: 'Tidsbegrænset; udløbsdatoen fastsættes i afgørelsen (~).', en: 'Time-limited; the end date is set in the decision (~).' },
    }),
  },
  DKMA_CITATION: {
    GMP_MANUFACTURING: (entry) => ({
      ...entry,
      legalBasis: 'Lægemiddelloven §39; BEK 1358/2012 §§4–6 (API makers: BEK 1609/2025)',
      statutoryDeadline: {
        ...known(entry.statutoryDeadline, 'GMP_MANUFACTURING statutoryDeadline'),
        source: 'BEK 1358/2012 §6(1): a new authorisation within 90 days of a complete application; the deadlines of §6 are suspended while DKMA waits for information (§5(2)) (elov.dk, BEK 1358/2012 kapitel 3)',
      },
    }),
  },
  DKMA_CHANGE_ROUTE: {
    GMP_MANUFACTURING: (entry) => ({
      ...entry,
      statutoryDeadlineVariants: [
        {
          id: 'CHANGE_OF_AUTHORISATION',
          appliesWhen: 'The holder of an authorisation applies to change the particulars in it (e.g. a new room or product line at an authorised site)',
          rule: {
            kind: 'statutory',
            duration: days(30),
            startsAt: 'completeApplication',
            stopsWhileAwaitingApplicant: true,
            extendableTo: days(90),
            source: 'BEK 1358/2012 §6(2): a change "behandles … inden 30 dage. Denne frist kan i særlige tilfælde forlænges til 90 dage"; suspended under §5(2) (elov.dk, BEK 1358/2012 kapitel 3)',
          },
        },
      ],
    }),
  },
  // A PKN appeal of a plan does not suspend it (lov om Planklagenævnet §7(1), as cited in issue 13
  // item 17; not in permits-research.md — 'prerequisites' is unconfirmed): the building permit may
  // follow the adopted plan without waiting out the klagefrist.
  BUILDING_AFTER_DECIDED_PLAN: {
    BUILDING_PERMIT: replacePrerequisites(
      decided('LOKALPLAN', 'The building permit follows the adopted local plan; an appeal to PKN does not suspend it (lov om Planklagenævnet §7(1)).'),
      decided('KOMMUNEPLANTILLAEG', 'The building permit follows the adopted plan amendment; an appeal to PKN does not suspend it (lov om Planklagenævnet §7(1)).'),
    ),
  },
  // The museum's opinion is advice (museumsloven §25), not a precondition: a non-blocking edge, so
  // a case never waits forever for it (issue 13 item 17).
  ARCHAEOLOGY_IS_ADVICE: {
    LOKALPLAN: adviceInsteadOfPrerequisite('ARCHAEOLOGY', 'Ask the museum before the lokalplan (museumsloven §25); finds change the layout. Advice, never blocks.'),
    BUILDING_PERMIT: adviceInsteadOfPrerequisite(
      'ARCHAEOLOGY',
      'Advice, not a legal precondition (issue 13 item 17): ask the museum before ground works (museumsloven §25); a find stops the work (§27). Never blocks.',
    ),
  },
};

export const PERMIT_TYPES_2025_2: PermitType[] = amendPermitTypes(CATALOG_2025_1.permitTypes, DELTA_2025_2);

/**
 * Valid from the same day as 2025.1: it corrects what the law already said on that day, so every
 * screening on or after it (including a test clock set back to 2025) uses the corrected version.
 * 2025.1 keeps its published validity for the cases screened with it.
 */
export const CATALOG_2025_2: CatalogVersion = {
  version: '2025.2',
  validFrom: CATALOG_2025_1.validFrom,
  validTo: null,
  publishedOn: '2026-11-30',
  permitTypes: PERMIT_TYPES_2025_2,
  changes: CHANGES_2025_2,
};
