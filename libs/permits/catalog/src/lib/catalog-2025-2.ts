/**
 * Catalogue version 2025.2 (issue 13 item 13): 2025.1 with the legal corrections of issue 13
 * (klagefrist roll per appeal regime, hearing close after the last day, notices without appeal
 * period, PL §24 hearing minimums, decision validity) and the changes for new cases (DKMA change
 * route, plan-decided building permit, archaeology as advice). Each change, classified, is in
 * ./catalog-2025-2-changes.ts; 2025.1 stays as published (./catalog-2025-1.ts).
 *
 * The permit types a production site (pharma / life science and
 * similar) may need, from shared/docs/permits-research.md §1 (row numbers in `source`).
 *
 * Legal terms used below, documented once:
 * - *fyldestgørende ansøgning* (complete application): almost every clock starts here, not at
 *   receipt (`ClockRule.startsAt = 'completeApplication'`).
 * - *servicemål* (service target, `serviceTarget`): the government–KL agreement (2015); political,
 *   not legally binding, counted in calendar days.
 * - *lovbestemt frist* (statutory deadline, `statutoryDeadline`): set by statute/executive order.
 * - *klagefrist* (appeal period): 4 weeks for MFKN (MBL §93, MVL §51) and PKN (PL §60). It
 *   rolls by the statute's words, recorded per regime in `appeal.deadlineRoll`: "Hvis
 *   klagefristen udløber på en lørdag eller helligdag, forlænges klagefristen til den følgende
 *   hverdag" (MBL §93(2), MVL §51(2)); Grundlovsdag, 24 and 31 December are not helligdage.
 * - *opsættende virkning* (`suspendsPermit`): the appeal suspends the permit (landzone PL §40,
 *   GMO production).
 * - *partshøring* / *offentlig høring*: party hearing / public consultation (`hearing`).
 * - MFKN = Miljø- og Fødevareklagenævnet, PKN = Planklagenævnet.
 *
 * Values marked `~` in the research are kept and their field paths are listed in
 * `unconfirmedFields` (e.g. 'appeal.body', 'typicalDuration', 'prerequisites').
 */
import type {
  AppealDeadlineRoll,
  AppealRule,
  CatalogVersion,
  ClockRule,
  Duration,
  HearingRule,
  PermitType,
  Prerequisite,
  Unknown,
} from './types';
import { CHANGES_2025_2 } from './catalog-2025-2-changes';

const unknown = (note: string): Unknown => ({ unknown: true, note });
const weeks = (length: number): Duration => ({ unit: 'weeks', length });
const days = (length: number): Duration => ({ unit: 'calendarDays', length });
const months = (length: number): Duration => ({ unit: 'months', length });

const NO_STATUTORY = unknown('No statutory processing deadline found in the research.');
const NO_TARGET = unknown('No service target (servicemål) found in the research.');
const NO_HEARING = unknown('The research lists no hearing for this permit.');

function serviceTarget(length: number, source: string): ClockRule {
  return { kind: 'serviceTarget', duration: days(length), startsAt: 'completeApplication', stopsWhileAwaitingApplicant: true, source };
}

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

/** MFKN, 4 weeks (MBL §93); an appeal does not suspend the permit unless MFKN decides so. */
function mfkn(source: string, opts: Partial<AppealRule> = {}): AppealRule {
  return {
    period: weeks(4),
    deadlineRoll: ROLL_BOARDS,
    body: 'MFKN',
    suspendsPermit: false,
    usableOnlyAfterAppealPeriod: false,
    source,
    ...opts,
  };
}

function pkn(source: string, opts: Partial<AppealRule> = {}): AppealRule {
  return {
    period: weeks(4),
    deadlineRoll: ROLL_BOARDS,
    body: 'PKN',
    suspendsPermit: false,
    usableOnlyAfterAppealPeriod: false,
    source,
    ...opts,
  };
}

const decided = (code: string, why: string, opts: Partial<Prerequisite> = {}): Prerequisite => ({ code, requires: 'decided', why, ...opts });
const final = (code: string, why: string): Prerequisite => ({ code, requires: 'final', why });

function hearing(minDuration: Duration | Unknown, audience: string, source: string): HearingRule {
  return { minDuration, audience, source };
}

export const PERMIT_TYPES_2025_2: PermitType[] = [
  {
    code: 'KOMMUNEPLANTILLAEG',
    nameDa: 'Kommuneplantillæg',
    nameEn: 'Municipal plan amendment',
    legalBasis: 'Planloven §§23c, 24',
    authority: { kind: 'municipality', level: 'municipal', note: 'The municipal council (planning).' },
    serviceTarget: NO_TARGET,
    statutoryDeadline: NO_STATUTORY,
    typicalDuration: months(9),
    hearing: {
      ...hearing(weeks(8), 'public', 'PL §24(3): proposal in public hearing for at least 8 weeks (danskelove.dk/planloven/24-26)'),
      minDurationBasis: 'PL_24_3',
      minimumOptions: [
        {
          id: 'PL_24_4',
          minDuration: weeks(4),
          appliesWhen: 'Only minor changes to the framework part (rammedel) that do not conflict with the plan\'s main principles, not decided in a §23a strategy',
          source: 'PL §24(4): "en frist på mindst 4 uger" (danskelove.dk/planloven/24-26)',
        },
      ],
    },
    appeal: pkn('PL §§58, 60: PKN, legal questions only, 4 weeks'),
    prerequisites: [],
    runsWith: [{ code: 'LOKALPLAN', why: 'Adopted together with the lokalplan.' }],
    embeddedInHostDecision: false,
    source: 'permits-research.md §1 #1',
    unconfirmedFields: ['typicalDuration'],
    notes: 'Needs an environmental screening of the plan (MVL plan screening). Typical duration 6–12 months (~).',
  },
  {
    code: 'LOKALPLAN',
    nameDa: 'Lokalplan',
    nameEn: 'Local plan',
    legalBasis: 'Planloven §13 (pligt til lokalplan), §§24–27',
    authority: { kind: 'municipality', level: 'municipal' },
    serviceTarget: NO_TARGET,
    statutoryDeadline: NO_STATUTORY,
    typicalDuration: months(9),
    hearing: {
      ...hearing(weeks(8), 'public', 'PL §24(3): the council sets at least 8 weeks unless §24(4)–(7) apply (danskelove.dk/planloven/24-26)'),
      minDurationBasis: 'PL_24_3',
      minimumOptions: [
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
      ],
    },
    appeal: pkn('PL §§58, 60: PKN, legal questions only, 4 weeks'),
    // The museum's opinion is advice (museumsloven §25), not a precondition of the plan: a
    // non-blocking edge, so a case never waits forever for it (issue 13 item 17).
    prerequisites: [],
    runsWith: [
      { code: 'KOMMUNEPLANTILLAEG', why: 'Adopted together with the plan amendment.' },
      { code: 'ARCHAEOLOGY', why: 'Ask the museum before the lokalplan (museumsloven §25); finds change the layout. Advice, never blocks.' },
    ],
    embeddedInHostDecision: false,
    source: 'permits-research.md §1 #2, Typical order step 1–2',
    unconfirmedFields: ['typicalDuration'],
    notes: 'Can carry bonusvirkning (PL §15(4)) that replaces the landzone permit.',
  },
  {
    code: 'LANDZONE',
    nameDa: 'Landzonetilladelse',
    nameEn: 'Rural-zone permit',
    legalBasis: 'Planloven §35(1)',
    authority: { kind: 'municipality', level: 'municipal' },
    serviceTarget: NO_TARGET,
    statutoryDeadline: NO_STATUTORY,
    typicalDuration: months(3),
    hearing: hearing(weeks(2), 'neighbours', 'PL §35(4): neighbour notification, 2 weeks'),
    appeal: pkn('PL §§40, 58, 60: PKN 4 weeks; an appeal suspends the permit; not usable before the appeal period ends', {
      suspendsPermit: true,
      usableOnlyAfterAppealPeriod: true,
    }),
    prerequisites: [],
    embeddedInHostDecision: false,
    source: 'permits-research.md §1 #3 (Faxe, Tønder: 2–3 months)',
    unconfirmedFields: [],
  },
  {
    code: 'VVM_SCREENING',
    nameDa: 'VVM-screening',
    nameEn: 'EIA screening',
    legalBasis: 'Miljøvurderingsloven §§19, 21; bilag 2',
    authority: { kind: 'municipality', level: 'municipal', note: 'MST for state, cross-municipal or s-marked projects.' },
    serviceTarget: NO_TARGET,
    statutoryDeadline: {
      kind: 'statutory',
      duration: days(90),
      startsAt: 'completeApplication',
      stopsWhileAwaitingApplicant: true,
      source: 'MVL §21 (~: ≤ 90 days)',
    },
    typicalDuration: days(90),
    hearing: NO_HEARING,
    appeal: mfkn('MVL §§49–51: MFKN, 4 weeks', { suspendsPermit: unknown('Not stated in the research.'), deadlineRoll: ROLL_MVL }),
    prerequisites: [],
    embeddedInHostDecision: false,
    source: 'permits-research.md §1 #4',
    unconfirmedFields: ['statutoryDeadline', 'typicalDuration'],
    notes: 'A screening decision lapses if the project has not started within 3 years (MVL §39).',
    validity: {
      kind: 'lapsesIfUnused',
      duration: months(36),
      source: 'MVL §39; permits-research.md §1 #4 ("Lapses if unused for 3 years (§39) ✔")',
      inference: false,
      note: { da: 'Bortfalder, hvis projektet ikke er påbegyndt senest 3 år efter afgørelsen (MVL §39).', en: 'Lapses if the project has not started within 3 years of the decision (MVL §39).' },
    },
  },
  {
    code: 'VVM_PERMIT',
    nameDa: 'VVM-tilladelse (inkl. afgrænsning og miljøkonsekvensrapport)',
    nameEn: 'EIA permit (incl. scoping and environmental impact report)',
    legalBasis: 'Miljøvurderingsloven §§23 (afgrænsning/scoping), 25, 35; bilag 1',
    authority: { kind: 'municipality', level: 'municipal', note: 'MST for state, cross-municipal or s-marked projects.' },
    serviceTarget: NO_TARGET,
    statutoryDeadline: NO_STATUTORY,
    typicalDuration: months(18),
    hearing: hearing(weeks(8), 'public (report + draft permit)', 'MVL §35 (~: ≥ 8 weeks)'),
    appeal: mfkn('MVL §§49–51: MFKN, 4 weeks', { suspendsPermit: unknown('Not stated in the research.'), deadlineRoll: ROLL_MVL }),
    prerequisites: [decided('VVM_SCREENING', 'An annex 2 project needs a permit only when screening finds significant effects.')],
    runsWith: [
      { code: 'KOMMUNEPLANTILLAEG', why: 'Usually run in step with the plan track (joint hearing).' },
      { code: 'LOKALPLAN', why: 'Usually run in step with the plan track (joint hearing).' },
    ],
    embeddedInHostDecision: false,
    source: 'permits-research.md §1 #5',
    unconfirmedFields: ['typicalDuration', 'hearing.minDuration', 'validity'],
    notes: 'Scoping opinion (MVL §23) comes first. Typical duration 12–24 months (~).',
    validity: {
      kind: 'lapsesIfUnused',
      duration: months(36),
      // The research cites §39 on the screening decision (#4) and "unused VVM decisions lapse
      // after 3 years" (§4 item 8); that it covers the §25 permit too is read from that line.
      source: 'MVL §39 (~: permits-research.md §1 #4 and §4 item 8 "unused VVM decisions lapse after 3 years"; applied to the §25 permit by inference)',
      inference: true,
      note: { da: 'Bortfalder, hvis projektet ikke er påbegyndt senest 3 år efter tilladelsen (MVL §39, ~).', en: 'Lapses if the project has not started within 3 years of the permit (MVL §39, ~).' },
    },
  },
  {
    code: 'MILJOEGODKENDELSE',
    nameDa: 'Miljøgodkendelse',
    nameEn: 'Environmental permit',
    legalBasis: 'Miljøbeskyttelsesloven §33; godkendelsesbekendtgørelsen bilag 1 (IED) / bilag 2',
    authority: {
      kind: 'municipality',
      level: 'municipal',
      note: 'MST for s-marked activities (~250 sites). The application always goes to the municipality.',
    },
    serviceTarget: serviceTarget(200, 'Servicemål (government–KL): annex 1 = 200 days from a complete application'),
    serviceTargetVariants: [
      {
        id: 'ANNEX_1',
        appliesWhen: 'Listed activity in annex 1 of godkendelsesbekendtgørelsen (IED)',
        rule: serviceTarget(200, 'Servicemål (government–KL): annex 1 = 200 days'),
      },
      {
        id: 'ANNEX_2',
        appliesWhen: 'Listed activity in annex 2 of godkendelsesbekendtgørelsen',
        rule: serviceTarget(130, 'Servicemål (government–KL): annex 2 = 130 days'),
      },
    ],
    statutoryDeadline: NO_STATUTORY,
    typicalDuration: days(200),
    hearing: hearing(
      weeks(2),
      'company (draft, 2–4 weeks); public (annex 1: application published, comments on application and draft)',
      'Godkendelsesbek. §§17(4), 18(1)',
    ),
    appeal: mfkn('MBL §§91, 93: MFKN, 4 weeks', { suspendsPermit: false, deadlineRoll: ROLL_MBL }),
    prerequisites: [
      decided('VVM_PERMIT', 'Comes after the EIA (MVL §25): the permit builds on the EIA permit.'),
      decided('VVM_SCREENING', 'Comes after the EIA screening decision.'),
      decided('LOKALPLAN', 'Comes after planning: the permit must fit the adopted plan.'),
      decided('KOMMUNEPLANTILLAEG', 'Comes after planning: the permit must fit the adopted plan.'),
    ],
    runsWith: [
      { code: 'UDLEDNINGSTILLADELSE', why: 'Discharge conditions are part of the environmental permit.' },
      { code: 'HABITAT_ASSESSMENT', why: 'Natura 2000 assessment is a gate inside the decision.' },
      { code: 'SEVESO_RISK', why: 'Risk conditions go into the environmental permit.' },
    ],
    embeddedInHostDecision: false,
    source: 'permits-research.md §1 #6; vordingborg.dk (21-day receipt)',
    unconfirmedFields: ['appeal.suspendsPermit'],
    notes: 'Receipt within 21 days (municipal practice). Pharma (annex 1 list 4.5 ~) is probably s-marked (~).',
  },
  {
    code: 'UDLEDNINGSTILLADELSE',
    nameDa: 'Udledningstilladelse',
    nameEn: 'Discharge permit (to a recipient)',
    legalBasis: 'Miljøbeskyttelsesloven §28(1)–(2)',
    authority: { kind: 'municipality', level: 'municipal', note: 'MST for sites MST approves.' },
    serviceTarget: NO_TARGET,
    statutoryDeadline: NO_STATUTORY,
    typicalDuration: months(3),
    hearing: hearing(unknown('Party hearing; length not stated (Forvaltningsloven §19).'), 'parties', 'Forvaltningsloven §19'),
    appeal: mfkn('MBL §§91, 93: MFKN, 4 weeks', { deadlineRoll: ROLL_MBL }),
    prerequisites: [],
    embeddedInHostDecision: false,
    source: 'permits-research.md §1 #7',
    unconfirmedFields: ['typicalDuration', 'appeal.suspendsPermit'],
    notes: 'For listed activities it is folded into the miljøgodkendelse. A sea outfall also needs Kystdirektoratet (~).',
  },
  {
    code: 'TILSLUTNINGSTILLADELSE',
    nameDa: 'Tilslutningstilladelse',
    nameEn: 'Sewer connection permit',
    legalBasis: 'Miljøbeskyttelsesloven §28(3)',
    authority: { kind: 'municipality', level: 'municipal' },
    serviceTarget: NO_TARGET,
    statutoryDeadline: NO_STATUTORY,
    typicalDuration: months(2),
    hearing: NO_HEARING,
    appeal: mfkn('MBL §§91, 93: MFKN, 4 weeks (no appeal for ≤ 30 PE)', { deadlineRoll: ROLL_MBL }),
    prerequisites: [],
    runsWith: [{ code: 'GRUNDVANDSSAENKNING', why: 'Temporary dewatering water is often led to the sewer.' }],
    embeddedInHostDecision: false,
    source: 'permits-research.md §1 #8',
    unconfirmedFields: ['typicalDuration', 'appeal.suspendsPermit'],
  },
  {
    code: 'VANDINDVINDING',
    nameDa: 'Vandindvindingstilladelse',
    nameEn: 'Groundwater abstraction permit',
    legalBasis: 'Vandforsyningsloven §§18, 20, 22',
    authority: { kind: 'municipality', level: 'municipal' },
    serviceTarget: NO_TARGET,
    statutoryDeadline: NO_STATUTORY,
    typicalDuration: months(6),
    hearing: NO_HEARING,
    appeal: mfkn('VFL §75 (~): MFKN, 4 weeks'),
    prerequisites: [],
    embeddedInHostDecision: false,
    source: 'permits-research.md §1 #9',
    unconfirmedFields: ['typicalDuration', 'appeal.body', 'appeal.period', 'appeal.suspendsPermit'],
    notes: 'Any industrial abstraction needs a permit. Valid for at most 30 years (VFL §22). Processing is "long" (months).',
    validity: {
      kind: 'maxTerm',
      duration: months(360),
      source: 'VFL §22; permits-research.md §1 #9 ("Valid for at most 30 years (§22) ✔")',
      inference: false,
      note: { da: 'Gælder højst 30 år (VFL §22); afgørelsen kan fastsætte en kortere periode.', en: 'Valid for at most 30 years (VFL §22); the decision may set a shorter term.' },
    },
  },
  {
    code: 'GRUNDVANDSSAENKNING',
    nameDa: 'Tilladelse til grundvandssænkning',
    nameEn: 'Construction dewatering permit',
    legalBasis: 'Vandforsyningsloven §26',
    authority: { kind: 'municipality', level: 'municipal' },
    serviceTarget: NO_TARGET,
    statutoryDeadline: NO_STATUTORY,
    typicalDuration: weeks(4),
    hearing: NO_HEARING,
    appeal: mfkn('VFL §75 (~): MFKN, 4 weeks'),
    prerequisites: [],
    runsWith: [{ code: 'TILSLUTNINGSTILLADELSE', why: 'Paired with the sewer connection permit for the water.' }],
    embeddedInHostDecision: false,
    source: 'permits-research.md §1 #10',
    unconfirmedFields: ['typicalDuration', 'appeal.body', 'appeal.period', 'appeal.suspendsPermit'],
    notes: 'Exempt only if ≤ 2 years, ≤ 100,000 m³ a year and no §20 abstraction well within 300 m.',
  },
  {
    code: 'JFL_8',
    nameDa: '§8-tilladelse (jordforurening)',
    nameEn: 'Permit to build on contaminated land (§8)',
    legalBasis: 'Jordforureningsloven §8 (+ §50 notice of soil removal)',
    authority: { kind: 'municipality', level: 'municipal', note: 'The Region is consulted (4 weeks).' },
    serviceTarget: NO_TARGET,
    statutoryDeadline: NO_STATUTORY,
    typicalDuration: weeks(6),
    hearing: hearing(weeks(4), 'Region', 'JFL §8(3): the Region is consulted, 4 weeks'),
    appeal: mfkn('JFL §§79, 83 (~): MFKN, 4 weeks'),
    prerequisites: [],
    embeddedInHostDecision: false,
    source: 'permits-research.md §1 #11',
    unconfirmedFields: ['typicalDuration', 'appeal.body', 'appeal.period', 'appeal.suspendsPermit'],
    notes: 'Often issued together with the building permit; needed before digging.',
  },
  {
    code: 'NBL_3_DISPENSATION',
    nameDa: 'Dispensation fra naturbeskyttelseslovens §3',
    nameEn: 'Dispensation for a protected habitat (NBL §3)',
    legalBasis: 'Naturbeskyttelsesloven §§3, 65',
    authority: { kind: 'municipality', level: 'municipal' },
    serviceTarget: NO_TARGET,
    statutoryDeadline: NO_STATUTORY,
    typicalDuration: months(2),
    hearing: NO_HEARING,
    appeal: mfkn('NBL §§78, 87 (~): MFKN, 4 weeks'),
    prerequisites: [],
    embeddedInHostDecision: false,
    source: 'permits-research.md §1 #12',
    unconfirmedFields: ['typicalDuration', 'appeal.period', 'appeal.suspendsPermit'],
  },
  {
    code: 'PROTECTION_LINE_DISPENSATION',
    nameDa: 'Dispensation fra bygge- og beskyttelseslinjer',
    nameEn: 'Protection-line dispensation',
    legalBasis:
      'Naturbeskyttelsesloven §15 (strand 300 m), §16 (sø/å 150 m), §17 (skov 300 m, private forest ≥ 20 ha), §18 (fortidsminde 100 m), §19 (kirke 300 m, buildings > 8.5 m), §65',
    authority: { kind: 'municipality', level: 'municipal', note: 'Kystdirektoratet for the beach protection line (§15).' },
    serviceTarget: NO_TARGET,
    statutoryDeadline: NO_STATUTORY,
    typicalDuration: months(2),
    hearing: NO_HEARING,
    appeal: mfkn('NBL §§78, 87 (~): MFKN, 4 weeks'),
    prerequisites: [],
    embeddedInHostDecision: false,
    source: 'permits-research.md §1 #13 (Gentofte: adds 1–2 months)',
    unconfirmedFields: ['appeal.period', 'appeal.suspendsPermit'],
  },
  {
    code: 'HABITAT_ASSESSMENT',
    nameDa: 'Habitatvurdering (Natura 2000)',
    nameEn: 'Habitat (Natura 2000) appropriate assessment',
    legalBasis: 'Habitatbekendtgørelsen §6(2); §9 (derogation, annex IV species)',
    authority: { kind: 'municipality', level: 'municipal', note: 'Made by every authority that decides; follows the host decision.' },
    serviceTarget: unknown('Inside the host decision; no own target.'),
    statutoryDeadline: unknown('Inside the host decision; no own deadline.'),
    typicalDuration: weeks(4),
    hearing: unknown('Follows the host decision.'),
    appeal: unknown('Follows the host decision.'),
    prerequisites: [],
    embeddedInHostDecision: true,
    source: 'permits-research.md §1 #14',
    unconfirmedFields: ['typicalDuration'],
    notes: 'A gate inside each decision, not a separate permit.',
  },
  {
    code: 'SEVESO_RISK',
    nameDa: 'Risikovirksomhed (Seveso III) – sikkerhedsdokumentation',
    nameEn: 'Major-accident hazard (Seveso III) acceptance',
    legalBasis: 'Risikobekendtgørelsen (BEK 372/2016), bilag 1 kolonne 2 (lower tier) / kolonne 3 (upper tier)',
    authority: {
      kind: 'municipality',
      level: 'municipal',
      note: 'The environmental authority coordinates (MST for s-marked sites); AT, the fire service and the police each accept the safety level in their own field.',
    },
    serviceTarget: NO_TARGET,
    statutoryDeadline: NO_STATUTORY,
    typicalDuration: months(6),
    hearing: hearing(unknown('Public information; no minimum period found.'), 'public', 'Risikobek. (public information)'),
    appeal: mfkn('MFKN for the environmental part (~)'),
    prerequisites: [],
    embeddedInHostDecision: false,
    source: 'permits-research.md §1 #15 (risikohaandbogen.mst.dk; ~150 sites in Denmark)',
    unconfirmedFields: ['typicalDuration', 'appeal.body', 'appeal.period', 'appeal.suspendsPermit'],
    notes: 'Conditions go into the miljøgodkendelse.',
  },
  {
    code: 'FLAMMABLE_LIQUIDS',
    nameDa: 'Tilladelse til oplag af brandfarlige væsker',
    nameEn: 'Flammable liquids storage permit',
    legalBasis: 'Beredskabsloven §§33–34; BEK 1639/2016 (brandfarlige væsker)',
    authority: { kind: 'municipality', level: 'municipal', note: 'The municipal fire and rescue service (redningsberedskab).' },
    serviceTarget: NO_TARGET,
    statutoryDeadline: NO_STATUTORY,
    typicalDuration: weeks(6),
    hearing: NO_HEARING,
    appeal: unknown('Appeal route not stated in the research (~).'),
    prerequisites: [],
    embeddedInHostDecision: false,
    source: 'permits-research.md §1 #16 (brs.dk)',
    unconfirmedFields: ['typicalDuration', 'appeal'],
    notes: 'Technical rules; fire inspections (brandsyn).',
  },
  {
    code: 'GMO_CONTAINED_USE',
    nameDa: 'GMO: klassificering af anlæg og godkendelse af projekt (indesluttet anvendelse)',
    nameEn: 'GMO contained use: facility classification and project approval',
    legalBasis: 'AT-bekendtgørelse 910/2008 om genteknologi og arbejdsmiljø',
    authority: { kind: 'stateAgency', level: 'state', agency: 'AT' },
    serviceTarget: NO_TARGET,
    statutoryDeadline: NO_STATUTORY,
    typicalDuration: months(2),
    hearing: NO_HEARING,
    appeal: unknown('Appeal route not stated in the research (~).'),
    prerequisites: [],
    embeddedInHostDecision: false,
    source: 'permits-research.md §1 #17 (at.dk)',
    unconfirmedFields: ['typicalDuration', 'appeal'],
    notes: 'Two filings: the facility (gets a LAB-id) and the project. Class ≥ 2 must wait for approval; class 1 may start.',
  },
  {
    code: 'GMO_PRODUCTION',
    nameDa: 'GMO-produktionsgodkendelse',
    nameEn: 'GMO production approval',
    legalBasis: 'Lov om miljø og genteknologi; bekendtgørelse om produktion med genetisk modificerede mikroorganismer',
    authority: { kind: 'stateAgency', level: 'state', agency: 'MST', note: 'MST together with the municipality.' },
    serviceTarget: NO_TARGET,
    statutoryDeadline: NO_STATUTORY,
    typicalDuration: months(6),
    hearing: hearing(unknown('Published; minimum period not stated.'), 'public', 'Lov om miljø og genteknologi'),
    appeal: mfkn('MFKN, 4 weeks; cannot be used before the appeal deadline; an appeal suspends it', {
      suspendsPermit: true,
      usableOnlyAfterAppealPeriod: true,
    }),
    prerequisites: [],
    embeddedInHostDecision: false,
    source: 'permits-research.md §1 #18 (mst.dk)',
    unconfirmedFields: ['typicalDuration', 'validity'],
    notes: 'Time-limited (e.g. Novo Nordisk Hillerød to 2026).',
    validity: {
      kind: 'termSetInDecision',
      // The research shows approvals are time-limited (an example end date), not a statutory
      // length: the term comes from each decision (inference), so no date is computed here.
      source: 'permits-research.md §1 #18 ("Time-limited (e.g. Novo Nordisk Hillerød to 2026) ✔"); no statutory term read (~)',
      inference: true,
      note: { da: 'Tidsbegrænset; udløbsdatoen fastsættes i afgørelsen (~).', en: 'Time-limited; the end date is set in the decision (~).' },
    },
  },
  {
    code: 'GMP_MANUFACTURING',
    nameDa: 'Fremstillingstilladelse (GMP)',
    nameEn: 'Manufacturing authorisation (GMP)',
    legalBasis: 'Lægemiddelloven §39; BEK 1358/2012 §§4–6 (API makers: BEK 1609/2025)',
    authority: { kind: 'stateAgency', level: 'state', agency: 'DKMA' },
    serviceTarget: NO_TARGET,
    statutoryDeadline: {
      kind: 'statutory',
      duration: days(90),
      startsAt: 'completeApplication',
      stopsWhileAwaitingApplicant: true,
      source: 'BEK 1358/2012 §6(1): a new authorisation within 90 days of a complete application; the deadlines of §6 are suspended while DKMA waits for information (§5(2)) (elov.dk, BEK 1358/2012 kapitel 3)',
    },
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
    typicalDuration: days(90),
    hearing: NO_HEARING,
    appeal: unknown('Appeal route not stated in the research (~).'),
    prerequisites: [
      decided('BUILDING_PERMIT', 'Last in the chain: needs a pre-approval inspection of the finished facility.'),
      decided('MILJOEGODKENDELSE', 'The site must be allowed to operate before production is authorised (~).'),
      final('GMO_PRODUCTION', 'GMO production cannot start before the appeal deadline of the GMO approval (~).'),
    ],
    embeddedInHostDecision: false,
    source: 'permits-research.md §1 #19; Typical order step 7',
    unconfirmedFields: ['appeal', 'prerequisites'],
  },
  {
    code: 'BUILDING_PERMIT',
    nameDa: 'Byggetilladelse',
    nameEn: 'Building permit',
    legalBasis: 'Byggeloven §16; BR18',
    authority: { kind: 'municipality', level: 'municipal', note: 'The municipal building authority (byggesag).' },
    serviceTarget: serviceTarget(50, 'Servicemål (government–KL): industry and storage buildings 50 days'),
    serviceTargetVariants: [
      {
        id: 'INDUSTRY',
        appliesWhen: 'Industry and storage buildings',
        rule: serviceTarget(50, 'Servicemål (government–KL): industry and storage buildings 50 days'),
      },
      {
        id: 'MULTI_STOREY_COMMERCIAL',
        appliesWhen: 'Multi-storey commercial buildings',
        rule: serviceTarget(55, 'Servicemål (government–KL): multi-storey commercial buildings 55 days'),
      },
      {
        id: 'VVM_OR_NEW_LOKALPLAN',
        appliesWhen: 'The project needs an EIA (VVM) or a new lokalplan',
        rule: unknown('No service target for projects that need VVM or a new lokalplan (servicemål exception).'),
      },
    ],
    statutoryDeadline: NO_STATUTORY,
    typicalDuration: days(50),
    hearing: unknown('Neighbour hearing only when the project deviates from the rules (not in the research).'),
    appeal: {
      period: weeks(4),
      body: 'Byggeklageenheden',
      suspendsPermit: false,
      usableOnlyAfterAppealPeriod: false,
      deadlineRoll: ROLL_INFERRED,
      source: 'Byggeloven §§23–23a (~): Byggeklageenheden, legal questions, 4 weeks',
    },
    prerequisites: [
      // A PKN appeal of a plan does not suspend it (lov om Planklagenævnet §7(1), as cited in
      // issue 13 item 17; not in permits-research.md — 'prerequisites' is unconfirmed): the
      // building permit may follow the adopted plan without waiting out the klagefrist.
      decided('LOKALPLAN', 'The building permit follows the adopted local plan; an appeal to PKN does not suspend it (lov om Planklagenævnet §7(1)).'),
      decided('KOMMUNEPLANTILLAEG', 'The building permit follows the adopted plan amendment; an appeal to PKN does not suspend it (lov om Planklagenævnet §7(1)).'),
      final('LANDZONE', 'No building permit until the landzone appeal deadline has passed (PL §40).'),
      decided('JFL_8', 'Building on mapped contaminated land needs the §8 permit first.'),
      decided('NBL_3_DISPENSATION', 'Building in a protected habitat needs the dispensation first.'),
      decided('PROTECTION_LINE_DISPENSATION', 'Building inside a protection line needs the dispensation first.'),
      decided('VVM_PERMIT', 'An EIA project may not start before the EIA permit (MVL §25) (~).'),
      decided('ROAD_ACCESS', 'The site layout depends on the road access (~).', { carriesThrough: false }),
    ],
    runsWith: [{ code: 'ARCHAEOLOGY', why: 'Advice, not a legal precondition (issue 13 item 17): ask the museum before ground works (museumsloven §25); a find stops the work (§27). Never blocks.' }],
    embeddedInHostDecision: false,
    source: 'permits-research.md §1 #20; Typical order step 5',
    unconfirmedFields: ['appeal.body', 'appeal.period', 'appeal.suspendsPermit', 'prerequisites', 'appeal.deadlineRoll'],
    notes: 'Ends with an occupancy permit (ibrugtagningstilladelse) (~).',
  },
  {
    code: 'CONSTRUCTION_SITE_NOTICE',
    nameDa: 'Byggepladsanmeldelse',
    nameEn: 'Construction-site notice',
    legalBasis: 'Arbejdsmiljøloven; bekendtgørelse om bygherrens pligter (anmeldelse af byggepladser)',
    authority: { kind: 'stateAgency', level: 'state', agency: 'AT' },
    serviceTarget: unknown('A notice, not a decision: no processing time.'),
    statutoryDeadline: unknown('A notice, not a decision: no processing time.'),
    typicalDuration: days(1),
    hearing: NO_HEARING,
    appeal: unknown('A notice (anmeldelse), not a decision: nothing to appeal, no klagefrist (permits-research.md §1 #21: appeal "—").'),
    instrument: 'notice',
    prerequisites: [decided('BUILDING_PERMIT', 'Filed before work starts, after the building permit.')],
    embeddedInHostDecision: false,
    source: 'permits-research.md §1 #21',
    unconfirmedFields: ['prerequisites'],
  },
  {
    code: 'CO2_PERMIT',
    nameDa: 'Drivhusgastilladelse (CO₂-kvoter)',
    nameEn: 'Greenhouse gas (EU ETS) permit',
    legalBasis: 'CO₂-kvoteloven',
    authority: { kind: 'stateAgency', level: 'state', agency: 'ENS' },
    serviceTarget: NO_TARGET,
    statutoryDeadline: NO_STATUTORY,
    typicalDuration: months(2),
    hearing: NO_HEARING,
    appeal: { period: unknown('Not stated in the research.'), body: 'Energiklagenævnet', suspendsPermit: unknown('Not stated.'), usableOnlyAfterAppealPeriod: false, deadlineRoll: ROLL_INFERRED, source: 'CO₂-kvoteloven (~)' },
    prerequisites: [],
    embeddedInHostDecision: false,
    source: 'permits-research.md §1 #22 (ens.dk)',
    unconfirmedFields: ['typicalDuration', 'appeal.body', 'appeal.deadlineRoll'],
    notes: 'Application form → monitoring plan in EDO → permit; needed before commissioning.',
  },
  {
    code: 'HEAT_SUPPLY_PROJECT',
    nameDa: 'Projektgodkendelse efter varmeforsyningsloven',
    nameEn: 'Heat-supply project approval',
    legalBasis: 'Varmeforsyningsloven; projektbekendtgørelsen',
    authority: { kind: 'municipality', level: 'municipal' },
    serviceTarget: NO_TARGET,
    statutoryDeadline: NO_STATUTORY,
    typicalDuration: months(4),
    hearing: hearing(weeks(4), 'affected utilities', 'Projektbekendtgørelsen (~: ≈ 4 weeks)'),
    appeal: { period: weeks(4), body: 'Energiklagenævnet', suspendsPermit: unknown('Not stated.'), usableOnlyAfterAppealPeriod: false, deadlineRoll: ROLL_INFERRED, source: 'Varmeforsyningsloven (Energiklagenævnet)' },
    prerequisites: [decided('VVM_SCREENING', 'A heat-supply project also needs VVM screening first.')],
    embeddedInHostDecision: false,
    source: 'permits-research.md §1 #23',
    unconfirmedFields: ['typicalDuration', 'hearing.minDuration', 'appeal.period', 'appeal.deadlineRoll'],
  },
  {
    code: 'ROAD_ACCESS',
    nameDa: 'Tilladelse til vejadgang',
    nameEn: 'Road access permit',
    legalBasis: 'Vejloven §49 (new or widened access), §50, §73 (digging in the road)',
    authority: { kind: 'municipality', level: 'municipal', note: 'Vejdirektoratet for state roads; VD consent within 100 m (50 m in towns) of a state road.' },
    serviceTarget: NO_TARGET,
    statutoryDeadline: NO_STATUTORY,
    typicalDuration: months(2),
    hearing: NO_HEARING,
    appeal: { period: weeks(4), body: 'Vejdirektoratet (legal questions)', suspendsPermit: unknown('Not stated.'), usableOnlyAfterAppealPeriod: false, deadlineRoll: ROLL_INFERRED, source: 'Vejloven §132 (~)' },
    prerequisites: [],
    embeddedInHostDecision: false,
    source: 'permits-research.md §1 #24',
    unconfirmedFields: ['typicalDuration', 'appeal.body', 'appeal.period', 'appeal.deadlineRoll'],
    notes: 'Settle early: the site layout depends on it.',
  },
  {
    code: 'ARCHAEOLOGY',
    nameDa: 'Arkæologisk forundersøgelse / museumsudtalelse',
    nameEn: 'Archaeology (museum opinion and preliminary investigation)',
    legalBasis: 'Museumsloven §§25–27',
    authority: { kind: 'museum', level: 'other', note: 'The local archaeological museum (chapter 8); SLKS approves the budget.' },
    serviceTarget: NO_TARGET,
    statutoryDeadline: NO_STATUTORY,
    typicalDuration: weeks(4),
    hearing: NO_HEARING,
    appeal: unknown('The museum\'s opinion (udtalelse, museumsloven §25) is advice, not a decision: no klagefrist (permits-research.md §1 #25: appeal "—").'),
    instrument: 'opinion',
    prerequisites: [],
    embeddedInHostDecision: false,
    source: 'permits-research.md §1 #25 (slks.dk)',
    unconfirmedFields: ['typicalDuration'],
    notes: 'The museum opinion is free; a larger preliminary dig is paid by the developer (§26(2)). A find stops the work.',
  },
  {
    code: 'GRID_CONNECTION',
    nameDa: 'Elnettilslutning',
    nameEn: 'Grid connection',
    legalBasis: 'Elforsyningsloven (a connection contract, not a permit)',
    authority: { kind: 'gridOperator', level: 'other', note: 'The local grid company (netselskab) or Energinet.' },
    serviceTarget: NO_TARGET,
    statutoryDeadline: NO_STATUTORY,
    typicalDuration: months(12),
    hearing: NO_HEARING,
    appeal: { period: unknown('Not stated.'), body: 'Forsyningstilsynet', suspendsPermit: unknown('Not stated.'), usableOnlyAfterAppealPeriod: false, deadlineRoll: ROLL_INFERRED, source: 'Elforsyningsloven (~)' },
    prerequisites: [],
    embeddedInHostDecision: false,
    source: 'permits-research.md §1 #26',
    unconfirmedFields: ['typicalDuration', 'appeal.body', 'appeal.deadlineRoll'],
    notes: 'Lead time is often on the critical path (~).',
  },
];

/**
 * Valid from the same day as 2025.1: it corrects what the law already said on that day, so every
 * screening on or after it (including a test clock set back to 2025) uses the corrected version.
 * 2025.1 keeps its published validity for the cases screened with it.
 */
export const CATALOG_2025_2: CatalogVersion = {
  version: '2025.2',
  validFrom: '2025-06-21',
  validTo: null,
  publishedOn: '2026-11-30',
  permitTypes: PERMIT_TYPES_2025_2,
  changes: CHANGES_2025_2,
};
