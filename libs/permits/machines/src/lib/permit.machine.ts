/**
 * The ONE generic permit machine (product capability 3). Each permit type is configured by
 * input derived from its catalogue entry (`permitInputFromCatalog`), not by its own machine.
 *
 * Pure by design: no I/O and no `after:` delays. Statutory deadlines live in Postgres and
 * BullMQ; XState timers are not durable across persistence (see model-codebases.md §3). The
 * host runs `transition(permitMachine, snapshot, event)` (or `applyPermitEvent`), which returns
 * the next snapshot and the named actions below WITHOUT executing them; the host stores the
 * snapshot, `PERMIT_MACHINE_VERSION`, an audit row and one outbox row per action (via
 * `toPermitEffects`) in one transaction. The action implementations here are deliberately
 * no-ops: they exist so the actions are declared, typed and named.
 */
import { assign, enqueueActions, setup } from 'xstate';
import { createDanishCalendar, hearingEarliestCloseAt, toCopenhagenDate } from '@rl/clocks';
import type {
  AuthorityTask,
  HearingMinimumChoice,
  ClockStopReason,
  DeadlineKind,
  InfoRequestRound,
  NotifyTemplate,
  PermitContext,
  PermitEvent,
  PermitMachineInput,
  PermitTag,
  Recipient,
} from './permit.types';
import { NO_DECISION_RECORD } from './permit.types';

export const PERMIT_MACHINE_ID = 'permit';
/** Bump on any change that alters persisted snapshots (state names, context shape), and add a
 *  migration in permit-snapshot.ts. */
export const PERMIT_MACHINE_VERSION = 1;

const instant = (iso: string) => Date.parse(iso);
const noop = () => undefined;
// Hearing minimums are weeks (PL §24) or days; the calendar only matters for business-day units.
const CALENDAR = createDanishCalendar();

type HearingStarted = Extract<PermitEvent, { type: 'authority.hearingStarted' }>;

/** The minimum the hearing runs under: the chosen basis, else the default; 'unlawful' when the
 *  event names a basis this permit does not offer; null when no minimum is known. */
function hearingMinimum(context: PermitContext, event: HearingStarted): HearingMinimumChoice | 'unlawful' | null {
  const options: HearingMinimumChoice[] =
    context.hearingMinimumOptions ?? (context.hearingMinDuration ? [{ id: 'CATALOGUE', minDuration: context.hearingMinDuration }] : []);
  if (event.minimumBasis === undefined) return options[0] ?? null;
  return options.find((o) => o.id === event.minimumBasis) ?? 'unlawful';
}

/**
 * The first instant the hearing may close: after the last day for objections (00:00 Copenhagen
 * on the day after it; issue 13 item 6), computed from the hearing's start and its lawful
 * minimum. Without a known minimum, the host's value.
 */
function hearingEarliestEnd(context: PermitContext, event: HearingStarted): string {
  const min = hearingMinimum(context, event);
  if (min === null || min === 'unlawful') return event.earliestEndAt;
  return hearingEarliestCloseAt(toCopenhagenDate(new Date(event.at)), min.minDuration, CALENDAR).toISOString();
}

/** Everyone hears the appeal board's outcome, whichever it is. */
const APPEAL_DECIDED_NOTICE = { type: 'notify', params: { template: 'appealDecided', to: ['applicant', 'caseworker', 'coordinator'] } } as const;

const INFO_REQUEST_EFFECTS = [
  { type: 'notify', params: { template: 'infoRequested', to: ['applicant'] } },
] as const;

function infoAnsweredEffects(task: AuthorityTask) {
  return [
    { type: 'deadline.cancel', params: { kind: 'infoResponseDue' } },
    { type: 'route.task', params: { task } },
    { type: 'notify', params: { template: 'infoProvided', to: ['caseworker'] } },
  ] as const;
}

export const permitMachine = setup({
  types: {
    context: {} as PermitContext,
    events: {} as PermitEvent,
    input: {} as PermitMachineInput,
    tags: {} as PermitTag,
  },
  actions: {
    'clock.start': (_, _params: { reason: 'applicationComplete' }) => noop(),
    'clock.stop': (_, _params: { reason: ClockStopReason }) => noop(),
    'clock.resume': (_, _params: { reason: 'infoProvided' }) => noop(),
    'clock.finish': (_, _params: { reason: 'decisionIssued' | 'withdrawn' }) => noop(),
    notify: (_, _params: { template: NotifyTemplate; to: readonly Recipient[] }) => noop(),
    'route.task': (_, _params: { task: AuthorityTask }) => noop(),
    'dependants.release': (_, _params: { milestone: 'decided' | 'final' }) => noop(),
    'deadline.schedule': (_, _params: { kind: DeadlineKind; dueAt: string }) => noop(),
    'deadline.cancel': (_, _params: { kind: DeadlineKind }) => noop(),
    // Context updates (built-in assign: applied inside `transition`, never returned to the host).
    recordInfoRequest: assign(({ context, event }, params: { during: InfoRequestRound['during'] }) => {
      if (event.type !== 'authority.infoRequested') return {};
      const round = context.infoRequestRounds + 1;
      return {
        infoRequestRounds: round,
        infoReturnTo: params.during,
        infoRequests: [
          ...context.infoRequests,
          { round, question: event.question, dueOn: event.dueOn ?? null, requestedAt: event.at, answeredAt: null, during: params.during },
        ],
      };
    }),
    recordInfoAnswer: assign(({ context, event }) => ({
      infoReturnTo: null,
      infoRequests: context.infoRequests.map((r, i) =>
        i === context.infoRequests.length - 1 && r.answeredAt === null ? { ...r, answeredAt: event.at } : r,
      ),
    })),
    recordRevocation: assign(({ context, event }) => {
      if (event.type !== 'prerequisites.revoked') return {};
      return {
        prerequisitesOpen: [...new Set([...context.prerequisitesOpen, ...event.codes])],
        readyAt: null,
        submittedAt: null,
        completeAt: null,
        infoReturnTo: null,
        hearingStartedAt: null,
        hearingEarliestEndAt: null,
        hearingEndedAt: null,
      };
    }),
    recordAppealDecision: assign(({ event }) => {
      if (event.type !== 'appeal.decided') return {};
      return { appealOutcome: event.outcome, appealDecidedAt: event.at, suspendedByAppeal: false };
    }),
    recordDecision: assign(({ event }) => {
      if (event.type !== 'authority.decisionIssued') return {};
      return {
        outcome: event.outcome,
        conditions: event.conditions ?? [],
        decisionReason: event.reason,
        decidedAt: event.at,
        appealPeriodEndsAt: event.appealPeriodEndsAt ?? null,
      };
    }),
  },
  guards: {
    noOpenPrerequisites: ({ context }) => context.prerequisitesOpen.length === 0,
    // Rejects a satisfaction that names no open prerequisite, so a duplicate or misrouted
    // event is visible (422) instead of silently accepted.
    namesOpenPrerequisite: ({ context, event }) =>
      event.type === 'prerequisites.satisfied' && event.codes.some((c) => context.prerequisitesOpen.includes(c)),
    clockStopsWhileAwaitingApplicant: ({ context }) => context.clockStopsWhileAwaitingApplicant,
    answerReturnsToReview: ({ context }) => context.infoReturnTo === 'underReview',
    // The minimum must be one the law offers for this permit (PL §24(3)–(6) for plans); a
    // shorter, unlisted one is refused.
    hearingEndsAfterStart: ({ context, event }) =>
      event.type === 'authority.hearingStarted' &&
      hearingMinimum(context, event) !== 'unlawful' &&
      instant(hearingEarliestEnd(context, event)) >= instant(event.at),
    // The legal rule: a hearing cannot end before its minimum period (e.g. PL §24(3): 8 weeks).
    minimumHearingPeriodElapsed: ({ context, event }) =>
      event.type === 'authority.hearingEnded' &&
      context.hearingEarliestEndAt !== null &&
      instant(event.at) >= instant(context.hearingEarliestEndAt),
    mayDecide: ({ context, event }) => {
      if (event.type !== 'authority.decisionIssued') return false;
      const hearingDone = !context.hearingRequired || context.hearingEndedAt !== null;
      const hasConditions = (event.conditions?.length ?? 0) > 0;
      // Conditions belong to 'grantedWithConditions' and only there.
      const conditionsMatch = event.outcome === 'grantedWithConditions' ? hasConditions : !hasConditions;
      return hearingDone && conditionsMatch;
    },
    appealApplies: ({ context }) => context.appealApplies,
    namesCodes: ({ event }) => event.type === 'prerequisites.revoked' && event.codes.length > 0,
    // Conditions come with the board's changed decision and only there.
    appealUpheld: ({ event }) => event.type === 'appeal.decided' && event.outcome === 'upheld' && event.conditions === undefined,
    appealChanged: ({ event }) => event.type === 'appeal.decided' && event.outcome === 'changed' && event.conditions !== undefined,
    // Annulling a grant leaves no permit: final, not usable. Annulling a refusal leaves no
    // decision at all, so the authority must decide again, as on remittal (inference ~).
    appealOverturnsGrant: ({ context, event }) =>
      event.type === 'appeal.decided' && event.outcome === 'overturned' && event.conditions === undefined && context.outcome !== 'refused',
    appealSendsBack: ({ event }) =>
      event.type === 'appeal.decided' && (event.outcome === 'remitted' || event.outcome === 'overturned') && event.conditions === undefined,
    appealPeriodOver: ({ context, event }) =>
      context.appealPeriodEndsAt === null || instant(event.at) >= instant(context.appealPeriodEndsAt),
  },
}).createMachine({
  id: PERMIT_MACHINE_ID,
  context: ({ input }) => ({
    permitCode: input.permitCode,
    catalogVersion: input.catalogVersion,
    hearingRequired: input.hearingRequired,
    hearingMinDuration: input.hearingMinDuration ?? null,
    hearingMinimumOptions: input.hearingMinimumOptions ?? (input.hearingMinDuration ? [{ id: 'CATALOGUE', minDuration: input.hearingMinDuration }] : []),
    hearingMinimumBasis: null,
    appealApplies: input.appealApplies,
    appealSuspends: input.appealSuspends,
    clockStopsWhileAwaitingApplicant: input.clockStopsWhileAwaitingApplicant ?? true,
    prerequisitesOpen: [...new Set(input.prerequisitesOpen)],
    readyAt: null,
    submittedAt: null,
    completeAt: null,
    decidedAt: null,
    finalAt: null,
    withdrawnAt: null,
    withdrawalReason: null,
    infoRequestRounds: 0,
    infoRequests: [],
    infoReturnTo: null,
    hearingStartedAt: null,
    hearingEarliestEndAt: null,
    hearingEndedAt: null,
    outcome: null,
    conditions: [],
    ...NO_DECISION_RECORD,
  }),
  initial: 'blocked',
  // Withdrawal is possible from every non-final state; top-level final states end the actor,
  // so this root handler never fires after 'final' or 'withdrawn'.
  on: {
    'application.withdrawn': {
      target: '.withdrawn',
      actions: [
        assign({ withdrawnAt: ({ event }) => event.at, withdrawalReason: ({ event }) => event.reason ?? null }),
        { type: 'clock.finish', params: { reason: 'withdrawn' } },
        { type: 'deadline.cancel', params: { kind: 'infoResponseDue' } },
        { type: 'deadline.cancel', params: { kind: 'hearingMinimumEnd' } },
        { type: 'deadline.cancel', params: { kind: 'appealPeriodEnd' } },
        { type: 'notify', params: { template: 'applicationWithdrawn', to: ['caseworker', 'coordinator'] } },
      ],
    },
  },
  states: {
    blocked: {
      tags: ['clockNotStarted'],
      always: { guard: 'noOpenPrerequisites', target: 'ready' },
      on: {
        'prerequisites.satisfied': {
          guard: 'namesOpenPrerequisite',
          actions: assign({
            prerequisitesOpen: ({ context, event }) => context.prerequisitesOpen.filter((c) => !event.codes.includes(c)),
          }),
        },
      },
    },
    ready: {
      tags: ['clockNotStarted'],
      entry: [
        assign({ readyAt: ({ event }) => ('at' in event && typeof event.at === 'string' ? event.at : null) }),
        { type: 'notify', params: { template: 'permitReady', to: ['applicant'] } },
      ],
      on: {
        'prerequisites.revoked': {
          guard: 'namesCodes',
          target: 'blocked',
          actions: ['recordRevocation', { type: 'notify', params: { template: 'applicationReturned', to: ['applicant'] } }],
        },
        'application.submitted': {
          target: 'submitted',
          actions: [
            assign({ submittedAt: ({ event }) => event.at }),
            { type: 'route.task', params: { task: 'checkCompleteness' } },
            { type: 'notify', params: { template: 'applicationReceived', to: ['caseworker'] } },
          ],
        },
      },
    },
    submitted: {
      initial: 'completenessCheck',
      // Filed, but a prerequisite fell away (overturned or remitted on appeal): out of the
      // authority's inbox, blocked until the prerequisite holds again, then filed anew.
      on: {
        'prerequisites.revoked': {
          guard: 'namesCodes',
          target: 'blocked',
          actions: [
            'recordRevocation',
            { type: 'deadline.cancel', params: { kind: 'infoResponseDue' } },
            { type: 'deadline.cancel', params: { kind: 'hearingMinimumEnd' } },
            { type: 'notify', params: { template: 'applicationReturned', to: ['applicant', 'caseworker', 'coordinator'] } },
          ],
        },
      },
      states: {
        completenessCheck: {
          tags: ['clockNotStarted', 'authorityTurn'],
          on: {
            'authority.completenessConfirmed': {
              target: 'underReview',
              actions: [
                assign({ completeAt: ({ event }) => event.at }),
                { type: 'clock.start', params: { reason: 'applicationComplete' } },
                { type: 'route.task', params: { task: 'review' } },
                { type: 'notify', params: { template: 'applicationComplete', to: ['applicant'] } },
              ],
            },
            // Before completeness the clock has not started, so nothing to stop.
            'authority.infoRequested': {
              target: 'infoRequested',
              actions: [{ type: 'recordInfoRequest', params: { during: 'completenessCheck' } }, ...INFO_REQUEST_EFFECTS,
                  enqueueActions(({ event, enqueue }) => {
                    if (event.dueOn) enqueue({ type: 'deadline.schedule', params: { kind: 'infoResponseDue', dueAt: event.dueOn } });
                  }),],
            },
          },
        },
        infoRequested: {
          tags: ['clockStopped', 'awaitingApplicant'],
          on: {
            'applicant.infoProvided': [
              {
                guard: 'answerReturnsToReview',
                target: 'underReview',
                actions: [
                  'recordInfoAnswer',
                  enqueueActions(({ context, enqueue }) => {
                    if (context.clockStopsWhileAwaitingApplicant) enqueue({ type: 'clock.resume', params: { reason: 'infoProvided' } });
                  }),
                  ...infoAnsweredEffects('review'),
                ],
              },
              {
                target: 'completenessCheck',
                actions: ['recordInfoAnswer', ...infoAnsweredEffects('checkCompleteness')],
              },
            ],
          },
        },
        underReview: {
          tags: ['clockRunning', 'authorityTurn'],
          on: {
            'authority.infoRequested': [
              {
                guard: 'clockStopsWhileAwaitingApplicant',
                target: 'infoRequested',
                actions: [
                  { type: 'recordInfoRequest', params: { during: 'underReview' } },
                  { type: 'clock.stop', params: { reason: 'awaitingApplicant' } },
                  ...INFO_REQUEST_EFFECTS,
                  enqueueActions(({ event, enqueue }) => {
                    if (event.dueOn) enqueue({ type: 'deadline.schedule', params: { kind: 'infoResponseDue', dueAt: event.dueOn } });
                  }),
                ],
              },
              {
                target: 'infoRequested',
                actions: [
                  { type: 'recordInfoRequest', params: { during: 'underReview' } },
                  ...INFO_REQUEST_EFFECTS,
                  enqueueActions(({ event, enqueue }) => {
                    if (event.dueOn) enqueue({ type: 'deadline.schedule', params: { kind: 'infoResponseDue', dueAt: event.dueOn } });
                  }),
                ],
              },
            ],
            'authority.hearingStarted': {
              guard: 'hearingEndsAfterStart',
              target: 'hearing',
              actions: [
                assign({
                  hearingStartedAt: ({ event }) => event.at,
                  hearingEarliestEndAt: ({ context, event }) => hearingEarliestEnd(context, event),
                  hearingMinimumBasis: ({ context, event }) => {
                    const min = hearingMinimum(context, event);
                    return min && min !== 'unlawful' ? min.id : null;
                  },
                  hearingEndedAt: null,
                }),
                { type: 'deadline.schedule', params: ({ context }) => ({ kind: 'hearingMinimumEnd' as const, dueAt: context.hearingEarliestEndAt! }) },
                { type: 'notify', params: { template: 'hearingStarted', to: ['applicant'] } },
              ],
            },
            'authority.decisionIssued': [
              {
                guard: 'mayDecide',
                target: '#permit.decided',
                actions: [
                  'recordDecision',
                  { type: 'clock.finish', params: { reason: 'decisionIssued' } },
                  { type: 'dependants.release', params: { milestone: 'decided' } },
                  { type: 'notify', params: { template: 'decisionIssued', to: ['applicant', 'coordinator'] } },
                  enqueueActions(({ context, event, enqueue }) => {
                    if (context.appealApplies && event.appealPeriodEndsAt) {
                      enqueue({ type: 'deadline.schedule', params: { kind: 'appealPeriodEnd', dueAt: event.appealPeriodEndsAt } });
                    }
                  }),
                ],
              },
            ],
          },
        },
        hearing: {
          tags: ['clockRunning', 'authorityTurn', 'hearing'],
          on: {
            'authority.hearingEnded': {
              guard: 'minimumHearingPeriodElapsed',
              target: 'underReview',
              actions: [
                assign({ hearingEndedAt: ({ event }) => event.at }),
                { type: 'route.task', params: { task: 'decide' } },
                { type: 'notify', params: { template: 'hearingEnded', to: ['caseworker'] } },
              ],
            },
          },
        },
      },
    },
    decided: {
      tags: ['clockFinished', 'decisionIssued'],
      // Without an administrative appeal the decision is final at once.
      always: { guard: ({ context }) => !context.appealApplies, target: 'final' },
      initial: 'appealPeriod',
      states: {
        appealPeriod: {
          on: {
            'appeal.lodged': {
              target: 'appealed',
              actions: [
                assign({
                  appealLodgedAt: ({ event }) => event.at,
                  suspendedByAppeal: ({ context }) => context.appealSuspends,
                }),
                // Final now waits for the appeal body, not the period.
                { type: 'deadline.cancel', params: { kind: 'appealPeriodEnd' } },
                { type: 'notify', params: { template: 'appealLodged', to: ['applicant', 'caseworker', 'coordinator'] } },
              ],
            },
            'appeal.periodExpired': { guard: 'appealPeriodOver', target: '#permit.final' },
          },
        },
        appealed: {
          tags: ['appealPending'],
          on: {
            'appeal.decided': [
              {
                guard: 'appealUpheld',
                target: '#permit.final',
                actions: ['recordAppealDecision', APPEAL_DECIDED_NOTICE],
              },
              {
                // The board's decision replaces the authority's: its conditions apply.
                guard: 'appealChanged',
                target: '#permit.final',
                actions: [
                  'recordAppealDecision',
                  assign(({ event }) => {
                    const conditions = event.type === 'appeal.decided' ? (event.conditions ?? []) : [];
                    return { conditions, outcome: conditions.length > 0 ? ('grantedWithConditions' as const) : ('granted' as const) };
                  }),
                  APPEAL_DECIDED_NOTICE,
                ],
              },
              {
                guard: 'appealOverturnsGrant',
                target: '#permit.final',
                actions: [
                  'recordAppealDecision',
                  assign({ outcome: 'refused' as const, conditions: [] }),
                  APPEAL_DECIDED_NOTICE,
                ],
              },
              {
                // Hjemvist: back to the authority for a new decision, its clock counting anew.
                guard: 'appealSendsBack',
                target: '#permit.submitted.underReview',
                actions: [
                  'recordAppealDecision',
                  assign(({ event }) => ({
                    outcome: null,
                    conditions: [],
                    decisionReason: null,
                    decidedAt: null,
                    appealPeriodEndsAt: null,
                    completeAt: event.at,
                  })),
                  { type: 'clock.start', params: { reason: 'applicationComplete' } },
                  { type: 'route.task', params: { task: 'review' } },
                  APPEAL_DECIDED_NOTICE,
                ],
              },
            ],
          },
        },
      },
    },
    final: {
      type: 'final',
      tags: ['clockFinished', 'terminal'],
      entry: [
        assign({ finalAt: ({ event }) => ('at' in event && typeof event.at === 'string' ? event.at : null) }),
        { type: 'dependants.release', params: { milestone: 'final' } },
        { type: 'notify', params: { template: 'permitFinal', to: ['applicant'] } },
      ],
    },
    withdrawn: {
      type: 'final',
      tags: ['terminal'],
    },
  },
});
