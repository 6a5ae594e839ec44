/**
 * @rl/permits-machines — the generic permit machine and the case machine (XState v5), pure:
 * no I/O, no timers. The host runs `applyPermitEvent` / `applyCaseEvent` (checked wrappers
 * around XState's pure `transition`) and persists snapshot + version + outbox effects together.
 */
export { permitMachine, PERMIT_MACHINE_ID, PERMIT_MACHINE_VERSION } from './lib/permit.machine';
export {
  PERMIT_EVENT_ROLES,
  allowedEvents,
  applyPermitEvent,
  permitInputFromCatalog,
  representativePermitEvent,
  toPermitEffects,
} from './lib/permit.host';
export type { AppliedPermitEvent, PermitSnapshot } from './lib/permit.host';
export { APPEAL_OUTCOMES, PERMIT_EVENT_TYPES } from './lib/permit.types';
export type {
  AppealOutcome,
  AuthorityTask,
  ClockStopReason,
  DeadlineKind,
  DecisionOutcome,
  HearingMinimumChoice,
  InfoRequestRound,
  NotifyTemplate,
  PermitContext,
  PermitEffect,
  PermitEffectType,
  PermitEvent,
  PermitEventType,
  PermitMachineInput,
  PermitTag,
  Recipient,
} from './lib/permit.types';
export { initialPermitState } from './lib/initial-state';
export type { InitialPermitState } from './lib/initial-state';
export { persistedSnapshotJson, persistPermitSnapshot, restorePermitSnapshot, SUPPORTED_PERMIT_SNAPSHOT_VERSIONS } from './lib/permit-snapshot';
export type { PersistedMachineSnapshot } from './lib/permit-snapshot';
export {
  caseMachine,
  CASE_MACHINE_ID,
  CASE_MACHINE_VERSION,
  CASE_EVENT_ROLES,
  allowedCaseEvents,
  applyCaseEvent,
} from './lib/case.machine';
export type { CaseContext, CaseEffect, CaseEvent, CaseEventType, CaseMachineInput, CaseSnapshot, CeilingMonths } from './lib/case.machine';
export { MachineError, EventNotAllowedError, SnapshotVersionError, SnapshotInvalidError } from './lib/errors';
export { ROLES } from './lib/roles';
export type { Role } from './lib/roles';
