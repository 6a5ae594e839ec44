/**
 * Persistence of permit snapshots. The host stores `getPersistedSnapshot()` JSON together with
 * `PERMIT_MACHINE_VERSION`; on load it calls `restorePermitSnapshot(json, storedVersion)`, which
 * migrates known older versions step by step and refuses unknown ones, so a snapshot is never
 * silently interpreted by a machine it was not written for.
 */
import { SnapshotInvalidError, SnapshotVersionError } from './errors';
import { PERMIT_MACHINE_VERSION, permitMachine } from './permit.machine';
import type { PermitSnapshot } from './permit.host';
import { NO_DECISION_RECORD, type PermitContext } from './permit.types';

/** The JSON shape XState persists (status, value, context, historyValue, children). */
export interface PersistedMachineSnapshot {
  status: string;
  value: unknown;
  context: Record<string, unknown>;
  historyValue?: Record<string, unknown>;
  children?: Record<string, unknown>;
  [key: string]: unknown;
}

/** JSON-safe persisted form of a snapshot; store it with PERMIT_MACHINE_VERSION. */
export function persistPermitSnapshot(snapshot: PermitSnapshot): PersistedMachineSnapshot {
  const text = JSON.stringify(permitMachine.getPersistedSnapshot(snapshot));
  const persisted = JSON.parse(text) as PersistedMachineSnapshot;
  PERSISTED_TEXT.set(persisted, text);
  return persisted;
}

/**
 * The JSON text a persisted snapshot was made from, so the writer does not serialise the same
 * object a second time (the snapshot is the largest value of a transition). Keyed weakly by the
 * object persistPermitSnapshot returned; any other object is serialised.
 */
const PERSISTED_TEXT = new WeakMap<object, string>();
export function persistedSnapshotJson(persisted: object): string {
  return PERSISTED_TEXT.get(persisted) ?? JSON.stringify(persisted);
}

/**
 * v0 (pilot) used flat state names and 'inReview'; v1 nests the application phase under
 * 'submitted' and the appeal phase under 'decided', and renames 'inReview' to 'underReview'.
 */
const V0_STATE_VALUES: Record<string, unknown> = {
  blocked: 'blocked',
  ready: 'ready',
  completenessCheck: { submitted: 'completenessCheck' },
  infoRequested: { submitted: 'infoRequested' },
  inReview: { submitted: 'underReview' },
  hearing: { submitted: 'hearing' },
  appealPeriod: { decided: 'appealPeriod' },
  appealed: { decided: 'appealed' },
  final: 'final',
  withdrawn: 'withdrawn',
};

function migrateV0toV1(v0: PersistedMachineSnapshot): PersistedMachineSnapshot {
  const value = typeof v0.value === 'string' ? V0_STATE_VALUES[v0.value] : undefined;
  if (value === undefined) throw new SnapshotInvalidError(`Unknown v0 state value ${JSON.stringify(v0.value)}`);
  const c = v0.context;
  const hearingMinDays = typeof c['hearingMinDays'] === 'number' ? c['hearingMinDays'] : null;
  const completeAt = (c['completeAt'] as string | null | undefined) ?? null;
  const context: PermitContext = {
    permitCode: String(c['permitCode']),
    catalogVersion: String(c['catalogVersion']),
    hearingRequired: Boolean(c['hearingRequired']),
    hearingMinDuration: hearingMinDays === null ? null : { unit: 'calendarDays', length: hearingMinDays },
    appealApplies: c['appealApplies'] !== false,
    appealSuspends: c['appealSuspends'] === true,
    // v0 always stopped the clock while waiting for the applicant.
    clockStopsWhileAwaitingApplicant: true,
    prerequisitesOpen: (c['prerequisitesOpen'] as string[] | undefined) ?? [],
    readyAt: null,
    submittedAt: (c['submittedAt'] as string | null | undefined) ?? null,
    completeAt,
    decidedAt: (c['decidedAt'] as string | null | undefined) ?? null,
    finalAt: (c['finalAt'] as string | null | undefined) ?? null,
    withdrawnAt: (c['withdrawnAt'] as string | null | undefined) ?? null,
    withdrawalReason: null,
    // v0 counted rounds but kept no details; the count survives, the history starts at v1.
    infoRequestRounds: typeof c['infoRounds'] === 'number' ? c['infoRounds'] : 0,
    infoRequests: [],
    // v0 had no return marker: a request before the complete application came from the
    // completeness check, after it from the review.
    infoReturnTo: v0.value === 'infoRequested' ? (completeAt ? 'underReview' : 'completenessCheck') : null,
    hearingStartedAt: (c['hearingStartedAt'] as string | null | undefined) ?? null,
    hearingEarliestEndAt: (c['hearingEarliestEndAt'] as string | null | undefined) ?? null,
    hearingEndedAt: (c['hearingEndedAt'] as string | null | undefined) ?? null,
    outcome: (c['outcome'] as PermitContext['outcome'] | undefined) ?? null,
    conditions: (c['conditions'] as string[] | undefined) ?? [],
    ...NO_DECISION_RECORD,
  };
  return { ...v0, value, context: context as unknown as Record<string, unknown> };
}

/** Keys every v1 context has; a snapshot missing any was not written by this version. */
const CONTEXT_KEYS: (keyof PermitContext)[] = ['permitCode', 'catalogVersion', 'prerequisitesOpen', 'infoRequests', 'conditions', 'hearingRequired', 'appealApplies'];

/** Migration from version N to N+1, keyed by N. */
const MIGRATIONS: Record<number, (s: PersistedMachineSnapshot) => PersistedMachineSnapshot> = {
  0: migrateV0toV1,
};

export const SUPPORTED_PERMIT_SNAPSHOT_VERSIONS: number[] = [...Object.keys(MIGRATIONS).map(Number), PERMIT_MACHINE_VERSION];

/**
 * Restores a persisted permit snapshot (JSON string or parsed object) written by machine
 * version `storedVersion`, migrating older known versions. Throws SnapshotVersionError
 * (PERMIT.SNAPSHOT_VERSION_UNSUPPORTED) for unknown versions and SnapshotInvalidError for
 * JSON that does not fit the machine.
 */
export function restorePermitSnapshot(json: string | object, storedVersion: number): PermitSnapshot {
  if (!Number.isInteger(storedVersion) || !SUPPORTED_PERMIT_SNAPSHOT_VERSIONS.includes(storedVersion)) {
    throw new SnapshotVersionError(storedVersion, SUPPORTED_PERMIT_SNAPSHOT_VERSIONS);
  }
  let persisted: PersistedMachineSnapshot;
  try {
    // A parsed object is copied one level deep (snapshot and context): restoring never writes
    // into it and XState's assign makes new context objects, so a deep clone was not needed.
    persisted = (typeof json === 'string' ? JSON.parse(json) : { ...json }) as PersistedMachineSnapshot;
  } catch (e) {
    throw new SnapshotInvalidError(`Snapshot is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof persisted !== 'object' || persisted === null || !('value' in persisted) || typeof persisted.context !== 'object' || persisted.context === null) {
    throw new SnapshotInvalidError('Snapshot lacks value/context');
  }
  if (typeof json !== 'string') persisted.context = { ...persisted.context };
  for (let v = storedVersion; v < PERMIT_MACHINE_VERSION; v++) persisted = MIGRATIONS[v](persisted);
  try {
    const c = persisted.context as unknown as PermitContext;
    const missing = CONTEXT_KEYS.filter((k) => !(k in c));
    if (missing.length) throw new Error(`context lacks ${missing.join(', ')}`);
    if (persisted.status === 'error') throw new Error(String(persisted.error));
    // resolveState throws on a state value the machine does not have, and builds the snapshot
    // XState's restore would (the permit machine has no children and no history states), so
    // no actor is created per restore (an actor costed twice the rest of the restore).
    return permitMachine.resolveState({
      value: persisted.value as never,
      context: c,
      status: persisted.status as never,
      output: persisted.output as never,
      error: persisted.error,
    }) as PermitSnapshot;
  } catch (e) {
    throw new SnapshotInvalidError(`Snapshot does not fit permit machine v${PERMIT_MACHINE_VERSION}: ${(e as Error).message}`);
  }
}
