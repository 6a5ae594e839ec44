/**
 * What the host (API / worker) needs around the pure permit machine: the role table, the
 * events a caller may send now, a checked `transition`, and the effects as outbox rows.
 */
import { createActor, type AnyActorRef, type AnyActorScope, type SnapshotFrom } from 'xstate';
import type { Duration, PermitType } from '@rl/permits-catalog';
import { EventNotAllowedError } from './errors';
import { permitMachine } from './permit.machine';
import {
  PERMIT_EVENT_TYPES,
  type PermitEffect,
  type PermitEffectType,
  type PermitEvent,
  type HearingMinimumChoice,
  type PermitEventType,
  type PermitMachineInput,
} from './permit.types';
import type { Role } from './roles';

export type PermitSnapshot = SnapshotFrom<typeof permitMachine>;

/** Which roles may send which permit event. The state machine then decides whether it is
 *  accepted now. 'system' = the host (deadline jobs, dependency propagation, appeal registry). */
export const PERMIT_EVENT_ROLES: Record<PermitEventType, readonly Role[]> = {
  'prerequisites.satisfied': ['system'],
  'prerequisites.revoked': ['system'],
  'application.submitted': ['applicant'],
  'authority.completenessConfirmed': ['caseworker'],
  'authority.infoRequested': ['caseworker'],
  'applicant.infoProvided': ['applicant'],
  'authority.hearingStarted': ['caseworker'],
  'authority.hearingEnded': ['caseworker'],
  'authority.decisionIssued': ['caseworker'],
  'appeal.lodged': ['system', 'coordinator'],
  'appeal.decided': ['system', 'coordinator'],
  'appeal.periodExpired': ['system'],
  'application.withdrawn': ['applicant'],
};

/**
 * A valid example of each event type at instant `now`, used to ask `snapshot.can()`. Guards
 * that depend on time (hearing minimum period, appeal period) are therefore evaluated at `now`.
 */
export function representativePermitEvent(type: PermitEventType, snapshot: PermitSnapshot, now: string): PermitEvent {
  switch (type) {
    case 'prerequisites.satisfied':
      return { type, at: now, codes: [...snapshot.context.prerequisitesOpen] };
    case 'prerequisites.revoked':
      return { type, at: now, codes: ['*'] };
    case 'authority.infoRequested':
      return { type, at: now, question: '?' };
    case 'authority.hearingStarted':
      return { type, at: now, earliestEndAt: now };
    case 'authority.decisionIssued':
      return { type, at: now, outcome: 'granted', reason: '-' };
    case 'appeal.decided':
      return { type, at: now, outcome: 'upheld' };
    default:
      return { type, at: now } as PermitEvent;
  }
}

/** Event types `role` may send AND the machine accepts now (guards evaluated at `now`). */
export function allowedEvents(snapshot: PermitSnapshot, role: Role, now: string): PermitEventType[] {
  if (snapshot.status !== 'active') return [];
  return PERMIT_EVENT_TYPES.filter(
    (type) => PERMIT_EVENT_ROLES[type].includes(role) && snapshot.can(representativePermitEvent(type, snapshot, now)),
  );
}

/**
 * Serialisable effects from the actions `transition()` returned. Built-in XState actions
 * (assign, enqueue bookkeeping) are applied inside `transition` and dropped here; what remains
 * are the named actions declared in `setup`, as `{type, params}` — one outbox row each.
 */
export function toPermitEffects(actions: readonly { type: string; params?: unknown }[]): PermitEffect[] {
  return actions
    .filter((a) => EFFECT_TYPES.has(a.type as PermitEffectType))
    .map((a) => JSON.parse(JSON.stringify({ type: a.type, params: a.params ?? {} })) as PermitEffect);
}

const EFFECT_TYPES = new Set<PermitEffectType>([
  'clock.start',
  'clock.stop',
  'clock.resume',
  'clock.finish',
  'notify',
  'route.task',
  'dependants.release',
  'deadline.schedule',
  'deadline.cancel',
]);

export interface AppliedPermitEvent {
  snapshot: PermitSnapshot;
  effects: PermitEffect[];
}

/**
 * The host loop's single step: checks the role and that the machine accepts the event now,
 * then runs the pure `transition`. Throws EventNotAllowedError (PERMIT.EVENT_NOT_ALLOWED,
 * listing what the role may send now) otherwise.
 */
export function applyPermitEvent(snapshot: PermitSnapshot, event: PermitEvent, role: Role): AppliedPermitEvent {
  const roleMaySend = PERMIT_EVENT_ROLES[event.type]?.includes(role) ?? false;
  if (!roleMaySend || snapshot.status !== 'active' || !snapshot.can(event)) {
    throw new EventNotAllowedError(event.type, role, snapshot.value, allowedEvents(snapshot, role, event.at));
  }
  const actions: { type: string; params?: unknown }[] = [];
  const next = permitMachine.transition(snapshot, event, inertScope(actions));
  return { snapshot: next, effects: toPermitEffects(actions) };
}

/**
 * What XState's own `transition(machine, snapshot, event)` does, without its per-call setup:
 * that helper builds a throw-away actor each time, and building it computes the machine's whole
 * initial state (context from input, the `blocked → ready` step) only to discard it — about a
 * sixth of a transition's planning in the bench profile. The permit machine spawns and invokes
 * nothing and has no delays, so one never-started actor can lend its `self` and (empty) system
 * to every call; actions are only collected, never executed (as in `transition`).
 */
let inertActor: AnyActorRef | undefined;
function inertScope(collect: { type: string; params?: unknown }[]): AnyActorScope {
  // No input, exactly as XState's own `transition` creates its throw-away actor.
  inertActor ??= createActor(permitMachine, { input: undefined as never });
  return {
    self: inertActor,
    id: '',
    sessionId: '',
    logger: () => undefined,
    defer: () => undefined,
    system: inertActor.system,
    stopChild: () => undefined,
    emit: () => undefined,
    actionExecutor: (action) => {
      collect.push(action as { type: string; params?: unknown });
    },
  } as AnyActorScope;
}

/** The catalogue's "explicitly unknown" marker, checked structurally (types-only import). */
function isUnknownValue(v: unknown): boolean {
  return typeof v === 'object' && v !== null && (v as { unknown?: unknown }).unknown === true;
}

/**
 * Derives the machine input from a catalogue entry. Unknown appeal rules are treated as
 * "appeal applies" (except for notices and opinions, which are not decisions) and unknown
 * suspension as "does not suspend": the safe default is to wait for the appeal period, and the
 * host warns about `unconfirmedFields` separately. The hearing's lawful minimums are the
 * catalogue default followed by its `minimumOptions`.
 */
export function permitInputFromCatalog(
  permitType: PermitType,
  catalogVersion: string,
  prerequisitesOpen: string[] = permitType.prerequisites.map((p) => p.code),
): PermitMachineInput {
  const hearing = isUnknownValue(permitType.hearing) ? null : (permitType.hearing as Exclude<PermitType['hearing'], { unknown: true }>);
  const appeal = isUnknownValue(permitType.appeal) ? null : (permitType.appeal as Exclude<PermitType['appeal'], { unknown: true }>);
  const minDuration = hearing && !isUnknownValue(hearing.minDuration) ? (hearing.minDuration as Duration) : null;
  const hearingMinimumOptions: HearingMinimumChoice[] = minDuration
    ? [
        { id: hearing?.minDurationBasis ?? 'CATALOGUE', minDuration },
        ...(hearing?.minimumOptions ?? []).map((o) => ({ id: o.id, minDuration: o.minDuration })),
      ]
    : [];
  const clockRules = [permitType.statutoryDeadline, permitType.serviceTarget].filter((r) => !isUnknownValue(r)) as {
    stopsWhileAwaitingApplicant: boolean;
  }[];
  return {
    permitCode: permitType.code,
    catalogVersion,
    hearingRequired: hearing !== null,
    hearingMinDuration: minDuration,
    hearingMinimumOptions,
    // A notice or an opinion is not an appealable decision: final when given (issue 13 item 3).
    appealApplies: permitType.instrument !== 'notice' && permitType.instrument !== 'opinion',
    appealSuspends: appeal !== null && appeal.suspendsPermit === true,
    clockStopsWhileAwaitingApplicant: clockRules.length === 0 ? true : clockRules.some((r) => r.stopsWhileAwaitingApplicant),
    prerequisitesOpen,
  };
}
