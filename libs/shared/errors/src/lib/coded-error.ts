/**
 * THE base of every error that carries a stable code (SCOPE.REASON). Libraries raise them and
 * know nothing of HTTP; the API maps each code to a status in one table
 * (apps/api/src/common/error-status.ts, typed `Record<ErrorCode, number>`, so a new code does not
 * compile until it has a status). The message is for humans and may change; the code may not.
 */
export const ERROR_CODES = [
  'REQUEST.VALIDATION_FAILED',
  'REQUEST.MALFORMED_JSON',
  'REQUEST.MALFORMED_MULTIPART',
  'REQUEST.ABORTED',
  'REQUEST.TOO_LARGE',
  'REQUEST.JSON_TOO_DEEP',
  'REQUEST.JSON_TOO_MANY_ITEMS',
  'REQUEST.INVALID_UTF8',
  'REQUEST.UNPAIRED_SURROGATE',
  'REQUEST.HEADERS_TOO_LARGE',
  'REQUEST.TIMEOUT',
  'REQUEST.MALFORMED',
  'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  'REQUEST.RATE_LIMITED',
  'REQUEST.NOT_FOUND',
  'REQUEST.METHOD_NOT_ALLOWED',
  'AUTH.UNAUTHENTICATED',
  'AUTH.INVALID_TOKEN',
  'AUTH.UNKNOWN_USER',
  'AUTH.FORBIDDEN',
  'AUTH.USER_DEACTIVATED',
  'ACCESS.APPLICANT_ACTION_FORBIDDEN',
  'AUTH.DEV_LOGIN_DISABLED',
  'CONCURRENCY.VERSION_CONFLICT',
  'CONCURRENCY.PRECONDITION_REQUIRED',
  'CONCURRENCY.IF_MATCH_INVALID',
  'CONCURRENCY.RETRY',
  'IDEMPOTENCY.KEY_INVALID',
  'IDEMPOTENCY.KEY_REUSED',
  'IDEMPOTENCY.IN_PROGRESS',
  'CATALOG.UNKNOWN_PERMIT_CODE',
  'CATALOG.UNKNOWN_VERSION',
  'CATALOG.UNKNOWN_MUNICIPALITY',
  'SCREENING.INVALID_FACTS',
  'CASE.NOT_FOUND',
  'CASE.EVENT_NOT_ALLOWED',
  'CASE.AUTHORITY_NOT_ONBOARDED',
  'CASE.NO_APPLICABLE_PERMITS',
  'CASE.UNSETTLED_FACTS',
  'PERMIT.NOT_FOUND',
  'PERMIT.EVENT_NOT_ALLOWED',
  'PERMIT.SNAPSHOT_VERSION_UNSUPPORTED',
  'PERMIT.SNAPSHOT_INVALID',
  'PERMIT.TARGET_DATE_INVALID',
  'PERMIT.REAPPLICATION_NOT_ALLOWED',
  'CLOCK.INVALID_DATE',
  'CLOCK.INVALID_INSTANT',
  'CLOCK.INVALID_STOP',
  'CLOCK.INVALID_DURATION',
  'CLOCK.INVALID_ARGUMENT',
  'PLAN.CYCLE',
  'PLAN.INVALID_INPUT',
  'DOCUMENT.NOT_FOUND',
  'DOCUMENT.TYPE_NOT_ALLOWED',
  'DOCUMENT.TOO_LARGE',
  'DOCUMENT.EMPTY',
  'DOCUMENT.MISSING_FILE',
  'TASK.NOT_FOUND',
  'TASK.ALREADY_CLAIMED',
  'TASK.ASSIGNEE_INVALID',
  'NOTIFICATION.NOT_FOUND',
  'USER.NOT_FOUND',
  'IDENTITY.NOT_FOUND',
  'IDENTITY.ALREADY_LINKED',
  'IDENTITY.ISSUER_REQUIRED',
  'ADMIN.SELF_LOCKOUT',
  'CALENDAR.RULE_NOT_FOUND',
  'CALENDAR.CLOSURE_NOT_FOUND',
  'CALENDAR.ENTRY_EXISTS',
  'CALENDAR.INVALID_RULE',
  'CONFIG.INVALID',
  'CONFIG.REDIS_EVICTION_POLICY',
  'DEPENDENCY.UNAVAILABLE',
  'INTERNAL.ERROR',
  'INTERNAL.ROW_SHAPE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

const KNOWN: ReadonlySet<string> = new Set(ERROR_CODES);

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && KNOWN.has(code);
}

export class CodedError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  /** Machine-readable facts for the client (e.g. `currentVersion`), also set as own properties. */
  readonly extra: Readonly<Record<string, unknown>>;

  constructor(code: C, message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.extra = extra;
    Object.assign(this, extra);
    // Keep `instanceof` working when compiled to ES5-style classes.
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
