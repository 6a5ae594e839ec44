/**
 * Errors of the permit/case machines, each with a stable `code` the API maps to an RFC 9457
 * problem `code` (e.g. 422 PERMIT.EVENT_NOT_ALLOWED).
 */
import { DomainError } from '@rl/permits-catalog';

type MachineErrorCode = 'PERMIT.EVENT_NOT_ALLOWED' | 'CASE.EVENT_NOT_ALLOWED' | 'PERMIT.SNAPSHOT_VERSION_UNSUPPORTED' | 'PERMIT.SNAPSHOT_INVALID';

export abstract class MachineError<C extends MachineErrorCode = MachineErrorCode> extends DomainError<C> {}

/** The event is not allowed now for this role (wrong state, failed guard, or wrong role). */
export class EventNotAllowedError extends MachineError<'PERMIT.EVENT_NOT_ALLOWED' | 'CASE.EVENT_NOT_ALLOWED'> {
  constructor(
    readonly eventType: string,
    readonly role: string,
    readonly state: unknown,
    /** Event types this role may send now, so the client can offer them instead. */
    readonly allowedEvents: string[],
    code: 'PERMIT.EVENT_NOT_ALLOWED' | 'CASE.EVENT_NOT_ALLOWED' = 'PERMIT.EVENT_NOT_ALLOWED',
  ) {
    super(code, `Event '${eventType}' is not allowed for role '${role}' in state ${JSON.stringify(state)}; allowed: [${allowedEvents.join(', ')}]`);
  }
}

/** A persisted snapshot carries a machine version this code cannot read or migrate. */
export class SnapshotVersionError extends MachineError<'PERMIT.SNAPSHOT_VERSION_UNSUPPORTED'> {
  constructor(
    readonly storedVersion: unknown,
    readonly supportedVersions: number[],
  ) {
    super('PERMIT.SNAPSHOT_VERSION_UNSUPPORTED', `Snapshot machine version ${String(storedVersion)} is not supported (supported: ${supportedVersions.join(', ')})`);
  }
}

/** The persisted JSON is not a snapshot of this machine. */
export class SnapshotInvalidError extends MachineError<'PERMIT.SNAPSHOT_INVALID'> {
  constructor(message: string) {
    super('PERMIT.SNAPSHOT_INVALID', message);
  }
}
