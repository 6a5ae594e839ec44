/**
 * The case machine: one per project. It tracks the case as a whole; the permits run in their
 * own permit machines and the host sends `case.permitsAllFinal` when the last one is final.
 *
 * The fast-track ceiling (18 months; 12 for simple cases) is data in context, never a timer:
 * the host computes its due date with the business calendar and schedules alerts in BullMQ.
 */
import { assign, setup, transition, type SnapshotFrom } from 'xstate';
import { EventNotAllowedError } from './errors';
import type { Role } from './roles';

export const CASE_MACHINE_ID = 'case';
export const CASE_MACHINE_VERSION = 1;

export type CeilingMonths = 12 | 18;

export interface CaseMachineInput {
  caseId: string;
  /** 12 for simple cases, otherwise 18 (L 206 of 2025); null when the project is not eligible
   *  for Én indgang (L 206 §2) — an ordinary multi-permit case with no statutory ceiling. */
  ceilingMonths: CeilingMonths | null;
}

export type CaseEvent =
  | { type: 'case.submitted'; at: string }
  /** Sent by the host when the one-stop shop has routed the case and the ceiling clock starts;
   *  `ceilingDueOn` (LocalDate) is computed by the host from `ceilingMonths`. */
  | { type: 'case.processingStarted'; at: string; ceilingDueOn?: string }
  | { type: 'case.permitsAllFinal'; at: string }
  | { type: 'case.withdrawn'; at: string; reason?: string };

export type CaseEventType = CaseEvent['type'];

export interface CaseContext {
  caseId: string;
  ceilingMonths: CeilingMonths | null;
  /** ISO instant the ceiling clock started; null before processing starts. */
  ceilingStartedAt: string | null;
  /** LocalDate the ceiling falls due, as computed by the host. */
  ceilingDueOn: string | null;
  submittedAt: string | null;
  completedAt: string | null;
  withdrawnAt: string | null;
  withdrawalReason: string | null;
}

export type CaseEffect =
  | { type: 'ceiling.start'; params: { months: CeilingMonths | null } }
  | { type: 'ceiling.stop'; params: { reason: 'completed' | 'withdrawn' } }
  | { type: 'permits.withdrawAll'; params: Record<string, never> }
  | { type: 'notify'; params: { template: 'caseSubmitted' | 'caseCompleted' | 'caseWithdrawn'; to: readonly ('applicant' | 'coordinator')[] } };

export const CASE_EVENT_ROLES: Record<CaseEventType, readonly Role[]> = {
  'case.submitted': ['applicant'],
  'case.processingStarted': ['system'],
  'case.permitsAllFinal': ['system'],
  'case.withdrawn': ['applicant', 'coordinator'],
};

const CASE_EVENT_TYPES = Object.keys(CASE_EVENT_ROLES) as CaseEventType[];
const noop = () => undefined;

export const caseMachine = setup({
  types: {
    context: {} as CaseContext,
    events: {} as CaseEvent,
    input: {} as CaseMachineInput,
    tags: {} as 'ceilingRunning' | 'terminal',
  },
  actions: {
    'ceiling.start': (_, _params: { months: CeilingMonths | null }) => noop(),
    'ceiling.stop': (_, _params: { reason: 'completed' | 'withdrawn' }) => noop(),
    'permits.withdrawAll': () => noop(),
    notify: (_, _params: { template: 'caseSubmitted' | 'caseCompleted' | 'caseWithdrawn'; to: readonly ('applicant' | 'coordinator')[] }) => noop(),
  },
}).createMachine({
  id: CASE_MACHINE_ID,
  context: ({ input }) => ({
    caseId: input.caseId,
    ceilingMonths: input.ceilingMonths,
    ceilingStartedAt: null,
    ceilingDueOn: null,
    submittedAt: null,
    completedAt: null,
    withdrawnAt: null,
    withdrawalReason: null,
  }),
  initial: 'draft',
  states: {
    draft: {
      on: {
        'case.submitted': {
          target: 'submitted',
          actions: [assign({ submittedAt: ({ event }) => event.at }), { type: 'notify', params: { template: 'caseSubmitted', to: ['coordinator'] } }],
        },
      },
    },
    submitted: {
      on: {
        'case.processingStarted': {
          target: 'inProgress',
          actions: [
            assign({ ceilingStartedAt: ({ event }) => event.at, ceilingDueOn: ({ event }) => event.ceilingDueOn ?? null }),
            { type: 'ceiling.start', params: ({ context }) => ({ months: context.ceilingMonths }) },
          ],
        },
      },
    },
    inProgress: {
      tags: ['ceilingRunning'],
      on: {
        'case.permitsAllFinal': {
          target: 'completed',
          actions: [
            assign({ completedAt: ({ event }) => event.at }),
            { type: 'ceiling.stop', params: { reason: 'completed' } },
            { type: 'notify', params: { template: 'caseCompleted', to: ['applicant', 'coordinator'] } },
          ],
        },
      },
    },
    completed: { type: 'final', tags: ['terminal'] },
    withdrawn: { type: 'final', tags: ['terminal'] },
  },
  on: {
    // From draft, submitted and inProgress; final states end the actor first.
    'case.withdrawn': {
      target: '.withdrawn',
      actions: [
        assign({ withdrawnAt: ({ event }) => event.at, withdrawalReason: ({ event }) => event.reason ?? null }),
        { type: 'ceiling.stop', params: { reason: 'withdrawn' } },
        { type: 'permits.withdrawAll' },
        { type: 'notify', params: { template: 'caseWithdrawn', to: ['applicant', 'coordinator'] } },
      ],
    },
  },
});

export type CaseSnapshot = SnapshotFrom<typeof caseMachine>;

export function allowedCaseEvents(snapshot: CaseSnapshot, role: Role, now: string): CaseEventType[] {
  if (snapshot.status !== 'active') return [];
  return CASE_EVENT_TYPES.filter((type) => CASE_EVENT_ROLES[type].includes(role) && snapshot.can({ type, at: now } as CaseEvent));
}

const CASE_EFFECT_TYPES = new Set(['ceiling.start', 'ceiling.stop', 'permits.withdrawAll', 'notify']);

/** Checked host step for the case machine; throws EventNotAllowedError (CASE.EVENT_NOT_ALLOWED). */
export function applyCaseEvent(snapshot: CaseSnapshot, event: CaseEvent, role: Role): { snapshot: CaseSnapshot; effects: CaseEffect[] } {
  if (!(CASE_EVENT_ROLES[event.type]?.includes(role) ?? false) || snapshot.status !== 'active' || !snapshot.can(event)) {
    throw new EventNotAllowedError(event.type, role, snapshot.value, allowedCaseEvents(snapshot, role, event.at), 'CASE.EVENT_NOT_ALLOWED');
  }
  const [next, actions] = transition(caseMachine, snapshot, event);
  const effects = actions
    .filter((a) => CASE_EFFECT_TYPES.has(a.type))
    .map((a) => JSON.parse(JSON.stringify({ type: a.type, params: a.params ?? {} })) as CaseEffect);
  return { snapshot: next, effects };
}
