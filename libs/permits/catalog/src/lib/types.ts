/**
 * Types of the permit catalogue: the ~25 permit types a production site may need, as plain,
 * versioned data. One generic permit machine, the screening rules, the clocks and the critical
 * path all read these types; nothing in here may import a framework (type:domain).
 *
 * Facts come from shared/docs/permits-research.md. Values marked `~` there are inferences:
 * they are kept, and the field names are listed in `unconfirmedFields` of the entry.
 */

/** Units the Danish statutes count in. */
export type ClockUnit = 'calendarDays' | 'businessDays' | 'weeks' | 'months';

/** A length of time in one statutory unit, e.g. `{ unit: 'weeks', length: 4 }`. */
export interface Duration {
  unit: ClockUnit;
  length: number;
}

/** An explicit "nobody has stated this" value, so that no field is silently empty. */
export interface Unknown {
  unknown: true;
  /** Why it is unknown (e.g. "no statutory deadline; municipal practice varies"). */
  note: string;
}

export type KnownOrUnknown<T> = T | Unknown;

export function isUnknown<T>(v: KnownOrUnknown<T>): v is Unknown {
  return typeof v === 'object' && v !== null && (v as Unknown).unknown === true;
}

/**
 * A processing-time rule. Almost every Danish permit clock starts at the *fyldestgørende*
 * (complete) application, not at receipt.
 */
export interface ClockRule {
  /** 'statutory' = set by law or executive order (e.g. DKMA 90 days, BEK 1358/2012 §6(1));
   *  'serviceTarget' = political servicemål (government–KL agreement), not legally binding. */
  kind: 'statutory' | 'serviceTarget';
  duration: Duration;
  /** When the clock starts. */
  startsAt: 'completeApplication' | 'receivedApplication';
  /** Whether the clock stops while the authority waits for the applicant (e.g. DKMA BEK 1358/2012
   *  §5(2): "suspenderes fristerne i § 6"). */
  stopsWhileAwaitingApplicant: boolean;
  /** Statute or source reference for this rule. */
  source: string;
  /** (Optional.) The longest the authority may extend the deadline to, e.g. a DKMA variation:
   *  30 days, "i særlige tilfælde" 90 (BEK 1358/2012 §6(2)). */
  extendableTo?: Duration;
}

/** A statutory deadline that applies instead of `PermitType.statutoryDeadline` under a condition
 *  (e.g. a change to an existing DKMA authorisation, BEK 1358/2012 §6(2)). */
export interface StatutoryDeadlineVariant {
  /** Stable id, e.g. 'CHANGE_OF_AUTHORISATION'. */
  id: string;
  appliesWhen: string;
  rule: ClockRule;
}

/** Who decides. Municipal permits are resolved to the concrete municipality at screening. */
export type AuthorityKind =
  | 'municipality'
  | 'stateAgency'
  | 'region'
  | 'museum'
  | 'gridOperator';

/** Codes of the state bodies that decide permits in the catalogue. */
export type StateAgencyCode =
  | 'MST' // Miljøstyrelsen
  | 'DKMA' // Lægemiddelstyrelsen
  | 'AT' // Arbejdstilsynet
  | 'ENS' // Energistyrelsen
  | 'VD' // Vejdirektoratet
  | 'SLKS' // Slots- og Kulturstyrelsen
  | 'KDI' // Kystdirektoratet
  | 'ERST'; // Erhvervsstyrelsen (one-stop-shop, "Én indgang")

export interface AuthorityRule {
  kind: AuthorityKind;
  /** 'municipal' = a kommune decides; 'state' = a named state agency; 'other' = museum/grid company. */
  level: 'municipal' | 'state' | 'other';
  /** For state agencies: which agency. */
  agency?: StateAgencyCode;
  /** Plain words for special routing (e.g. "MST for s-marked activities"), shown in the UI. */
  note?: string;
}

/** Partshøring / offentlig høring. */
export interface HearingRule {
  /** Minimum hearing period; a hearing cannot end before it (e.g. PL §24(3): 8 weeks). */
  minDuration: KnownOrUnknown<Duration>;
  /** Who is heard, e.g. "public", "neighbours", "Region". */
  audience: string;
  source: string;
  /** (Optional.) Stable id of the legal basis of `minDuration`, recorded with the hearing when the
   *  caseworker does not choose another option (e.g. 'PL_24_3'). */
  minDurationBasis?: string;
  /** (Optional.) Shorter minimum periods the law lets the authority choose, each with its legal
   *  basis (e.g. PL §24(5): 4 weeks for any local plan; §24(6): 2 weeks for minor ones). The
   *  caseworker chooses one when starting the hearing; the permit machine refuses any other. */
  minimumOptions?: HearingMinimumOption[];
}

/** A lawful minimum hearing period the authority may choose instead of the default. */
export interface HearingMinimumOption {
  /** Stable id of the legal basis, e.g. 'PL_24_5'. Recorded with the hearing. */
  id: string;
  minDuration: Duration;
  /** When the law allows it, in plain words. */
  appliesWhen: string;
  source: string;
}

/**
 * How a klagefrist that ends on a non-working day moves, with the statute that says so. Mirrors
 * `AppealRollRule` of @rl/clocks (which computes it).
 * - 'saturdayOrHelligdagToNextHverdag': "Hvis klagefristen udløber på en lørdag eller helligdag,
 *   forlænges klagefristen til den følgende hverdag" (MBL §93(2), MVL §51(2)). Sunday is a
 *   helligdag; Grundlovsdag, 24 and 31 December are not.
 */
export interface AppealDeadlineRoll {
  /** 'nextBusinessDay' is the office-day roll catalogue 2025.1 published (any non-business day,
   *  incl. Grundlovsdag, 24 and 31 December, moves the deadline); corrected in 2025.2. */
  rule: 'saturdayOrHelligdagToNextHverdag' | 'nextBusinessDay';
  source: string;
}

/** Klageadgang. */
export interface AppealRule {
  /** Klagefrist, e.g. 4 weeks (MBL §93, PL §60). */
  period: KnownOrUnknown<Duration>;
  /** How the klagefrist moves when it ends on a Saturday or helligdag, with its source. Regimes
   *  whose statute was not read carry the MBL wording as an inference ('appeal.deadlineRoll' in
   *  `unconfirmedFields`). */
  deadlineRoll: AppealDeadlineRoll;
  /** Appeal body, e.g. 'MFKN' (Miljø- og Fødevareklagenævnet), 'PKN' (Planklagenævnet). */
  body: KnownOrUnknown<string>;
  /** Opsættende virkning: whether lodging an appeal suspends the permit (e.g. landzone PL §40). */
  suspendsPermit: KnownOrUnknown<boolean>;
  /** Whether the permit may not be used before the appeal period ends (landzone, GMO). */
  usableOnlyAfterAppealPeriod: boolean;
  source: string;
}

/** A typed dependency between permits. */
export interface Prerequisite {
  code: PermitCode;
  /** 'decided' = the prerequisite must have a decision; 'final' = its appeal period must also
   *  have run out (or the appeal be decided) before this permit can start. */
  requires: 'decided' | 'final';
  /** Why the order is needed, in plain words. */
  why: string;
  /** (Added, optional; default true.) When a project does not need the permit that has this
   *  prerequisite, may its dependants inherit this edge (A → B → C becomes A → C)? false for
   *  edges whose reason is specific to that permit (e.g. lokalplan → museum opinion). */
  carriesThrough?: boolean;
}

export type PermitCode = string;

export interface PermitType {
  /** Stable code, SCREAMING_SNAKE, never reused (e.g. 'MILJOEGODKENDELSE'). */
  code: PermitCode;
  nameDa: string;
  nameEn: string;
  /** Legal basis, e.g. 'MBL §33; godkendelsesbekendtgørelsen bilag 1/2'. */
  legalBasis: string;
  authority: AuthorityRule;
  /** Servicemål (service target), if any. */
  serviceTarget: KnownOrUnknown<ClockRule>;
  /** Lovbestemt frist (statutory deadline), if any. */
  statutoryDeadline: KnownOrUnknown<ClockRule>;
  /** Used only for projections (critical path) when neither target nor statutory deadline is
   *  known: a typical duration from practice. */
  typicalDuration: Duration;
  hearing: KnownOrUnknown<HearingRule>;
  appeal: KnownOrUnknown<AppealRule>;
  prerequisites: Prerequisite[];
  /** True for a permit that is a gate inside another decision (e.g. habitat assessment). */
  embeddedInHostDecision: boolean;
  /** Row number in permits-research.md §1 and/or the statute/site the facts come from. */
  source: string;
  /** Names of fields whose values are inferences (`~` in the research) and need checking. */
  unconfirmedFields: string[];
  /** (Added by catalogue engineer, optional.) Service targets that replace `serviceTarget` under a
   *  named condition (e.g. miljøgodkendelse annex 2 = 130 days instead of 200). Screening picks
   *  the variant from the project facts; `id` is what screening refers to. */
  serviceTargetVariants?: ServiceTargetVariant[];
  /** (Optional.) Permits that normally run in parallel / in a joint hearing with this one; an
   *  untyped "run together" edge that never blocks (e.g. kommuneplantillæg with lokalplan). */
  runsWith?: RunsWith[];
  /** (Optional.) Plain-words notes on the entry (lapse, validity, special routing). */
  notes?: string;
  /** (Optional; default 'decision'.) What the authority's act is. A 'notice' (anmeldelse) or an
   *  'opinion' (udtalelse, advice) is not an appealable decision: it has no klagefrist, and it
   *  is final when it is given (issue 13 item 3). */
  instrument?: 'decision' | 'notice' | 'opinion';
  /** (Optional.) Statutory deadlines that replace `statutoryDeadline` under a named condition;
   *  screening picks the variant from the project facts. */
  statutoryDeadlineVariants?: StatutoryDeadlineVariant[];
  /** (Optional.) How long a granted decision stays valid (lapse / maximum term), with its source. */
  validity?: ValidityRule;
}

/**
 * How long a granted decision stays valid (issue 13 item 4), counted from the day it is given
 * (meddelt). The host computes `validUntil` from the decision date and warns 6 and 3 months
 * before it through the deadline-alert path.
 * - 'lapsesIfUnused': the decision lapses (bortfalder) if the project has not started by then
 *   (MVL §39: 3 years).
 * - 'maxTerm': the decision is given for at most this long (VFL §22: 30 years); the decision may
 *   set a shorter term, so `validUntil` is the latest possible end.
 * - 'termSetInDecision': time-limited, but the term is set in each decision (no statutory
 *   length read); no date can be computed, so none is shown or alerted.
 */
export interface ValidityRule {
  kind: 'lapsesIfUnused' | 'maxTerm' | 'termSetInDecision';
  /** Present unless 'termSetInDecision'. */
  duration?: Duration;
  source: string;
  /** True when the rule (or its application to this permit) is our inference, not a read source. */
  inference: boolean;
  /** Plain words for the permit view. */
  note: { da: string; en: string };
}

/** Klagefrist assumed where the catalogue does not know it: 4 weeks (MBL §93(1), PL §60(1)). */
export const DEFAULT_APPEAL_PERIOD: Duration = Object.freeze({ unit: 'weeks', length: 4 }) as Duration;

/**
 * The appeal period of a permit type: null when there is nothing to appeal (a notice or an
 * opinion, or an embedded gate that follows its host decision), the catalogue's period when known,
 * else the 4-week default. Hosts use this for the stored klagefrist, finality and projections.
 */
export function appealPeriodOf(p: Pick<PermitType, 'appeal' | 'instrument' | 'embeddedInHostDecision'>): Duration | null {
  if (p.instrument === 'notice' || p.instrument === 'opinion' || p.embeddedInHostDecision) return null;
  if (isUnknown(p.appeal) || isUnknown(p.appeal.period)) return DEFAULT_APPEAL_PERIOD;
  return p.appeal.period;
}

/** A service target that applies instead of `PermitType.serviceTarget` under a condition. */
export interface ServiceTargetVariant {
  /** Stable id, e.g. 'ANNEX_2'. */
  id: string;
  /** Plain words, e.g. 'Listed activity in annex 2 of godkendelsesbekendtgørelsen'. */
  appliesWhen: string;
  rule: KnownOrUnknown<ClockRule>;
}

/** A non-blocking "normally runs together with" edge. */
export interface RunsWith {
  code: PermitCode;
  why: string;
}

/** A published version of the catalogue. A case keeps the version it was screened with. */
export interface CatalogVersion {
  /** Semantic-ish version id, e.g. '2025.1'. */
  version: string;
  /** ISO date (YYYY-MM-DD) from which this version applies to new screenings. */
  validFrom: string;
  /** ISO date after which it no longer applies to new screenings; null = open-ended. */
  validTo: string | null;
  permitTypes: PermitType[];
  /** (Optional.) ISO date the version was published; a later version valid on the same date wins. */
  publishedOn?: string;
  /** (Optional.) What changed from the previous version, each change classified: a legal
   *  correction applies to running permits (through the audited catalogue upgrade), any other
   *  change only to cases screened with this version. */
  changes?: CatalogChange[];
}

/**
 * One change between two catalogue versions (issue 13 item 13).
 * - 'legalCorrection': the previous version stated the law wrongly; running permits of the listed
 *   types move to the new version and their dates are recomputed (audited).
 * - 'newCasesOnly': a change that is fixed when a case is screened (the permit set, prerequisite
 *   edges, a deadline variant chosen from facts): running cases keep what they were screened with.
 */
export interface CatalogChange {
  /** Stable id, e.g. 'KLAGEFRIST_ROLL'. */
  id: string;
  kind: 'legalCorrection' | 'newCasesOnly';
  /** Permit types it concerns. */
  permitCodes: PermitCode[];
  /** Plain words: what changed and why running cases do or do not get it. */
  summary: string;
  source: string;
}
