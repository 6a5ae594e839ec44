/** Errors of the case engine: coded errors (one base, `@rl/errors`); the API maps codes to HTTP in one place. */
import { CodedError } from '@rl/errors';

export class VersionConflictError extends CodedError<'CONCURRENCY.VERSION_CONFLICT'> {
  constructor(currentVersion: number) {
    super('CONCURRENCY.VERSION_CONFLICT', `The resource was changed by someone else (current version ${currentVersion}). Reload and try again.`, {
      currentVersion,
    });
  }
}

export class PreconditionRequiredError extends CodedError<'CONCURRENCY.PRECONDITION_REQUIRED'> {
  constructor() {
    super('CONCURRENCY.PRECONDITION_REQUIRED', 'Send If-Match with the version you last read (e.g. If-Match: "3").');
  }
}

export class InvalidIfMatchError extends CodedError<'CONCURRENCY.IF_MATCH_INVALID'> {
  constructor() {
    super('CONCURRENCY.IF_MATCH_INVALID', 'If-Match must be a version number, e.g. "3".');
  }
}

export class InvalidEventError extends CodedError<'REQUEST.VALIDATION_FAILED'> {
  constructor(errors: { field: string; code: string; message: string }[]) {
    super('REQUEST.VALIDATION_FAILED', 'The event is invalid.', { errors });
  }
}

/** A new application is possible only for a refused (or overturned) final permit not yet replaced (issue 13 item 1). */
export class ReapplicationNotAllowedError extends CodedError<'PERMIT.REAPPLICATION_NOT_ALLOWED'> {
  constructor(state: string, outcome: string | null, supersededBy: string | null) {
    super(
      'PERMIT.REAPPLICATION_NOT_ALLOWED',
      supersededBy
        ? `A new application was already filed for this permit (${supersededBy}).`
        : `A new application is possible after a final refusal or an overturn on appeal; this permit is ${state}${outcome ? ` (${outcome})` : ''}.`,
      { state, outcome, supersededBy },
    );
  }
}

/** Parses If-Match: `3`, `"3"` or `W/"3"`. */
export function parseIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') throw new PreconditionRequiredError();
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!m) throw new InvalidIfMatchError();
  return Number(m[1]);
}
