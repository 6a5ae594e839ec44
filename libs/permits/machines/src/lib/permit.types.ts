import type { Duration } from '@rl/permits-catalog';

export type DecisionOutcome = 'granted' | 'grantedWithConditions' | 'refused';
/**
 * What an appeal board decides (MFKN / PKN: stadfæste, ændre, ophæve or hjemvise — the four
 * outcomes named in issue 13 item 1; the boards' own statutes were not read here ~):
 * - upheld (stadfæstet): the decision stands;
 * - changed (ændret): the board's own decision replaces it (new conditions);
 * - overturned (ophævet): the decision is annulled — a grant is no longer a permit;
 * - remitted (hjemvist): back to the authority for a new decision.
 * `upheld` and `overturned` are the values clients sent before; they keep their names.
 */
export type AppealOutcome = 'upheld' | 'changed' | 'overturned' | 'remitted';
export const APPEAL_OUTCOMES = ['upheld', 'changed', 'overturned', 'remitted'] as const satisfies readonly AppealOutcome[];

/** Every event carries `at`: the ISO instant the host accepted it (never the client's clock). */
interface At {
  at: string;
}

/**
 * Events of the generic permit machine, past tense and dot-namespaced by sender. The host
 * validates payloads (zod/class-validator) before they reach the machine; guards here only
 * enforce the legal rules (minimum hearing period, hearing before decision, appeal period).
 */
export type PermitEvent =
  | ({ type: 'prerequisites.satisfied'; codes: string[] } & At)
  /** A prerequisite that was satisfied is not any more (its grant was overturned or remitted on
   *  appeal): the permit is blocked again and, if filed, taken out of the authority's inbox. */
  | ({ type: 'prerequisites.revoked'; codes: string[] } & At)
  | ({ type: 'application.submitted' } & At)
  | ({ type: 'authority.completenessConfirmed' } & At)
  | ({ type: 'authority.infoRequested'; question: string; dueOn?: string } & At)
  | ({ type: 'applicant.infoProvided'; answer?: string } & At)
  | ({
      type: 'authority.hearingStarted';
      /** Host-computed earliest end. The machine recomputes it from the lawful minimum it knows
       *  (`hearingMinimumOptions`) and uses this value only when no minimum is known. */
      earliestEndAt: string;
      audience?: string;
      /** The legal basis the caseworker chose for the minimum period (an id of
       *  `hearingMinimumOptions`, e.g. 'PL_24_5'); default: the catalogue's general rule. An id the
       *  permit does not offer is refused. */
      minimumBasis?: string;
    } & At)
  | ({ type: 'authority.hearingEnded' } & At)
  | ({
      type: 'authority.decisionIssued';
      outcome: DecisionOutcome;
      conditions?: string[];
      reason: string;
      /** End of the appeal period, computed by the host from the catalogue and the business
       *  calendar (a deadline on a weekend/holiday moves to the next business day). */
      appealPeriodEndsAt?: string;
    } & At)
  | ({ type: 'appeal.lodged'; appellant?: string } & At)
  | ({
      type: 'appeal.decided';
      outcome: AppealOutcome;
      reason?: string;
      /** The conditions of the board's changed decision (`changed` only). */
      conditions?: string[];
    } & At)
  | ({ type: 'appeal.periodExpired' } & At)
  | ({ type: 'application.withdrawn'; reason?: string } & At);

export type PermitEventType = PermitEvent['type'];

export const PERMIT_EVENT_TYPES = [
  'prerequisites.satisfied',
  'prerequisites.revoked',
  'application.submitted',
  'authority.completenessConfirmed',
  'authority.infoRequested',
  'applicant.infoProvided',
  'authority.hearingStarted',
  'authority.hearingEnded',
  'authority.decisionIssued',
  'appeal.lodged',
  'appeal.decided',
  'appeal.periodExpired',
  'application.withdrawn',
] as const satisfies readonly PermitEventType[];

/** Configuration of one permit instance, derived from its catalogue entry by the host. */
export interface PermitMachineInput {
  permitCode: string;
  catalogVersion: string;
  /** A hearing must have ended before a decision may be issued. */
  hearingRequired: boolean;
  /** Minimum hearing period from the catalogue. Informational for the host, which computes the
   *  hearing's `earliestEndAt` from it; the machine enforces that instant. */
  hearingMinDuration?: Duration | null;
  /** Lawful minimum hearing periods, each with the id of its legal basis; the first is the
   *  default (e.g. PL_24_3 8 weeks, PL_24_5 4 weeks, PL_24_6 2 weeks for a lokalplan). */
  hearingMinimumOptions?: HearingMinimumChoice[];
  /** False = the decision is final at once (no administrative appeal, e.g. a notice). */
  appealApplies: boolean;
  /** Opsættende virkning: an appeal suspends the permit. */
  appealSuspends: boolean;
  /** Whether the target clock stops while waiting for the applicant (catalogue ClockRule). Default true. */
  clockStopsWhileAwaitingApplicant?: boolean;
  /** Prerequisite permit codes not yet satisfied; non-empty = the permit starts blocked. */
  prerequisitesOpen: string[];
}

/** A lawful minimum hearing period and the id of its legal basis. */
export interface HearingMinimumChoice {
  id: string;
  minDuration: Duration;
}

export interface InfoRequestRound {
  /** 1-based. */
  round: number;
  question: string;
  /** LocalDate the applicant is asked to answer by, if any. */
  dueOn: string | null;
  requestedAt: string;
  answeredAt: string | null;
  /** The step the request interrupted; the answer returns there. */
  during: 'completenessCheck' | 'underReview';
}

export interface PermitContext {
  permitCode: string;
  catalogVersion: string;
  hearingRequired: boolean;
  hearingMinDuration: Duration | null;
  appealApplies: boolean;
  appealSuspends: boolean;
  clockStopsWhileAwaitingApplicant: boolean;
  prerequisitesOpen: string[];
  /** ISO instants. */
  readyAt: string | null;
  submittedAt: string | null;
  /** The complete (fyldestgørende) application: the target clock starts here. */
  completeAt: string | null;
  decidedAt: string | null;
  finalAt: string | null;
  withdrawnAt: string | null;
  withdrawalReason: string | null;
  infoRequestRounds: number;
  infoRequests: InfoRequestRound[];
  /** Where `applicant.infoProvided` returns to; null when no request is open. */
  infoReturnTo: 'completenessCheck' | 'underReview' | null;
  /** Lawful minimum hearing periods (added after v1 snapshots were written: may be absent). */
  hearingMinimumOptions?: HearingMinimumChoice[];
  /** Legal basis of the running/last hearing's minimum, e.g. 'PL_24_5' (absent in old snapshots). */
  hearingMinimumBasis?: string | null;
  hearingStartedAt: string | null;
  hearingEarliestEndAt: string | null;
  hearingEndedAt: string | null;
  outcome: DecisionOutcome | null;
  conditions: string[];
  decisionReason: string | null;
  appealPeriodEndsAt: string | null;
  appealLodgedAt: string | null;
  appealDecidedAt: string | null;
  appealOutcome: AppealOutcome | null;
  /** True while a lodged appeal suspends the permit (appealSuspends). */
  suspendedByAppeal: boolean;
}

/** The decision's reason and the appeal fields before any is recorded (a new permit; a v0 snapshot, which kept none). */
export const NO_DECISION_RECORD = {
  decisionReason: null,
  appealPeriodEndsAt: null,
  appealLodgedAt: null,
  appealDecidedAt: null,
  appealOutcome: null,
  suspendedByAppeal: false,
} as const satisfies Partial<PermitContext>;

/**
 * State tags the host reads instead of matching state names:
 * - clockNotStarted / clockRunning / clockStopped / clockFinished: the permit's target clock;
 * - awaitingApplicant / authorityTurn: whose move it is (inbox, risk, reminders);
 * - decisionIssued / appealPending / suspended-style facts are in context.
 */
export type PermitTag =
  | 'clockNotStarted'
  | 'clockRunning'
  | 'clockStopped'
  | 'clockFinished'
  | 'awaitingApplicant'
  | 'authorityTurn'
  | 'hearing'
  | 'decisionIssued'
  | 'appealPending'
  | 'terminal';

/** Clock-stop reasons as typed in the clocks library. */
export type ClockStopReason = 'awaitingApplicant';

export type NotifyTemplate =
  | 'permitReady'
  | 'applicationReceived'
  | 'applicationComplete'
  | 'infoRequested'
  | 'infoProvided'
  | 'hearingStarted'
  | 'hearingEnded'
  | 'decisionIssued'
  | 'appealLodged'
  | 'appealDecided'
  | 'applicationReturned'
  | 'permitFinal'
  | 'applicationWithdrawn';

export type Recipient = 'applicant' | 'caseworker' | 'coordinator';
export type AuthorityTask = 'checkCompleteness' | 'review' | 'decide';
export type DeadlineKind = 'infoResponseDue' | 'hearingMinimumEnd' | 'appealPeriodEnd';

/**
 * Serialisable side effects the machine asks for. The host turns each into an outbox row in the
 * same transaction as the snapshot (see `toPermitEffects`).
 */
export type PermitEffect =
  | { type: 'clock.start'; params: { reason: 'applicationComplete' } }
  | { type: 'clock.stop'; params: { reason: ClockStopReason } }
  | { type: 'clock.resume'; params: { reason: 'infoProvided' } }
  | { type: 'clock.finish'; params: { reason: 'decisionIssued' | 'withdrawn' } }
  | { type: 'notify'; params: { template: NotifyTemplate; to: readonly Recipient[] } }
  | { type: 'route.task'; params: { task: AuthorityTask } }
  | { type: 'dependants.release'; params: { milestone: 'decided' | 'final' } }
  | { type: 'deadline.schedule'; params: { kind: DeadlineKind; dueAt: string } }
  | { type: 'deadline.cancel'; params: { kind: DeadlineKind } };

export type PermitEffectType = PermitEffect['type'];
