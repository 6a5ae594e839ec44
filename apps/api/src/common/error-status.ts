import { isErrorCode, type ErrorCode } from '@rl/errors';

/**
 * THE mapping from stable error codes to HTTP status, in one place. Typed over the union of
 * codes (`@rl/errors`): a new code does not compile until it has a status here. Domain libraries raise
 * errors with codes and know nothing of HTTP; this table decides what a client sees.
 */
const EXACT: Record<ErrorCode, number> = {
  'REQUEST.VALIDATION_FAILED': 400,
  'REQUEST.MALFORMED_JSON': 400,
  'REQUEST.ABORTED': 400,
  'REQUEST.TOO_LARGE': 413,
  'REQUEST.JSON_TOO_DEEP': 400,
  'REQUEST.JSON_TOO_MANY_ITEMS': 400,
  'REQUEST.INVALID_UTF8': 400,
  'REQUEST.UNPAIRED_SURROGATE': 422,
  'REQUEST.HEADERS_TOO_LARGE': 431,
  'REQUEST.TIMEOUT': 408,
  'REQUEST.MALFORMED': 400,
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': 415,
  'REQUEST.RATE_LIMITED': 429,
  'REQUEST.NOT_FOUND': 404,
  'REQUEST.METHOD_NOT_ALLOWED': 405,
  'REQUEST.MALFORMED_MULTIPART': 400,
  'AUTH.UNAUTHENTICATED': 401,
  'AUTH.INVALID_TOKEN': 401,
  'AUTH.UNKNOWN_USER': 401,
  'AUTH.FORBIDDEN': 403,
  'AUTH.USER_DEACTIVATED': 403,
  'ACCESS.APPLICANT_ACTION_FORBIDDEN': 403,
  'ACCESS.PROXY_ROLE_INSUFFICIENT': 403,
  'AUTH.DEV_LOGIN_DISABLED': 404,
  'CONCURRENCY.VERSION_CONFLICT': 409,
  'CONCURRENCY.PRECONDITION_REQUIRED': 428,
  'CONCURRENCY.IF_MATCH_INVALID': 400,
  'CONCURRENCY.RETRY': 503,
  'IDEMPOTENCY.KEY_INVALID': 400,
  'IDEMPOTENCY.KEY_REUSED': 422,
  'IDEMPOTENCY.IN_PROGRESS': 409,
  'CATALOG.UNKNOWN_PERMIT_CODE': 422,
  'CATALOG.UNKNOWN_VERSION': 422,
  'CATALOG.UNKNOWN_MUNICIPALITY': 422,
  'SCREENING.INVALID_FACTS': 422,
  'CASE.NOT_FOUND': 404,
  'CASE.EVENT_NOT_ALLOWED': 422,
  'CASE.AUTHORITY_NOT_ONBOARDED': 422,
  'CASE.NO_APPLICABLE_PERMITS': 422,
  'PERMIT.NOT_FOUND': 404,
  'PERMIT.EVENT_NOT_ALLOWED': 422,
  'PERMIT.SNAPSHOT_VERSION_UNSUPPORTED': 409,
  'PERMIT.SNAPSHOT_INVALID': 400,
  'PERMIT.TARGET_DATE_INVALID': 422,
  'PERMIT.REAPPLICATION_NOT_ALLOWED': 422,
  'CLOCK.INVALID_DATE': 400,
  'CLOCK.INVALID_INSTANT': 400,
  'CLOCK.INVALID_STOP': 400,
  'CLOCK.INVALID_DURATION': 400,
  'CLOCK.INVALID_ARGUMENT': 400,
  'PLAN.CYCLE': 422,
  'PLAN.INVALID_INPUT': 400,
  'DECISION.TEMPLATE_INCOMPLETE': 422,
  'DECISION.NOT_FOUND': 404,
  'DECISION.PARTY_HEARING_PENDING': 422,
  'DECISION.DRAFT_NOT_FOUND': 404,
  'HEARING.NOT_FOUND': 404,
  'HEARING.COMMENT_REFUSED': 422,
  'HEARING.COMMENT_TOO_LARGE': 413,
  'HEARING.COMMENT_RATE_LIMITED': 429,
  'HEARING.COMMENT_NOT_FOUND': 404,
  'DOCUMENT.NOT_FOUND': 404,
  'DOCUMENT.TYPE_NOT_ALLOWED': 415,
  'DOCUMENT.TOO_LARGE': 413,
  'DOCUMENT.EMPTY': 400,
  'DOCUMENT.MISSING_FILE': 400,
  // A requirement key or document type the permit's catalogue section does not name (issue 14).
  'DOCUMENT.UNKNOWN_REQUIREMENT': 422,
  // The application breaks its JSON Schema: `errors[]` lists every failing field (JSON Pointer, da + en); nothing saved.
  'APPLICATION.INVALID': 422,
  // Edited facts change the permit set: send again with `confirm` naming the added and dropped permits.
  'APPLICATION.PERMIT_SET_CHANGE_UNCONFIRMED': 409,
  'TASK.NOT_FOUND': 404,
  'TASK.ALREADY_CLAIMED': 409,
  'TASK.ASSIGNEE_INVALID': 422,
  'NOTIFICATION.NOT_FOUND': 404,
  'USER.NOT_FOUND': 404,
  'IDENTITY.NOT_FOUND': 404,
  'IDENTITY.ALREADY_LINKED': 409,
  'IDENTITY.ISSUER_REQUIRED': 400,
  'ADMIN.SELF_LOCKOUT': 422,
  'CALENDAR.RULE_NOT_FOUND': 404,
  'CALENDAR.CLOSURE_NOT_FOUND': 404,
  'CALENDAR.ENTRY_EXISTS': 409,
  'CALENDAR.INVALID_RULE': 422,
  'PROXY.GRANT_NOT_FOUND': 404,
  'PROXY.INVITATION_NOT_FOUND': 404,
  'PROXY.INVITATION_USED': 409,
  'PROXY.INVALID_GRANT': 422,
  'WEBHOOK.URL_INVALID': 422,
  'AUTH.INSUFFICIENT_SCOPE': 403,
  // RFC 6749 §5.2: invalid_client is 401, the other token-endpoint errors 400.
  'OAUTH.INVALID_REQUEST': 400,
  'OAUTH.INVALID_CLIENT': 401,
  'OAUTH.INVALID_SCOPE': 400,
  'OAUTH.UNSUPPORTED_GRANT_TYPE': 400,
  'CLIENT.NOT_FOUND': 404,
  'WEBHOOK.TARGET_REFUSED': 422,
  'WEBHOOK.OWNER_INVALID': 422,
  'WEBHOOK.ENDPOINT_NOT_FOUND': 404,
  'WEBHOOK.DELIVERY_NOT_FOUND': 404,
  // Boot and internal faults: never the client's doing.
  'CONFIG.INVALID': 500,
  'CONFIG.REDIS_EVICTION_POLICY': 500,
  'DEPENDENCY.UNAVAILABLE': 503,
  'INTERNAL.ERROR': 500,
  'INTERNAL.ROW_SHAPE': 500,
};

/** Fallbacks by reason, for codes outside the union (e.g. from an HttpException body). */
const BY_SUFFIX: [RegExp, number][] = [
  [/\.NOT_FOUND$/, 404],
  [/\.(CONFLICT|ALREADY_EXISTS)$/, 409],
  [/\.(FORBIDDEN|NOT_PERMITTED)$/, 403],
  [/\.(INVALID[A-Z_]*|[A-Z_]*_INVALID)$/, 400],
];

export function statusForCode(code: string): number {
  if (isErrorCode(code)) return EXACT[code];
  for (const [re, status] of BY_SUFFIX) if (re.test(code)) return status;
  // A domain error we did not classify is still the client's doing (a rule was broken):
  // 422, never 500.
  return 422;
}

export function titleForStatus(status: number): string {
  const titles: Record<number, string> = {
    400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
    408: 'Request Timeout', 409: 'Conflict', 413: 'Payload Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Content',
    428: 'Precondition Required', 429: 'Too Many Requests', 431: 'Request Header Fields Too Large', 500: 'Internal Server Error',
    503: 'Service Unavailable',
  };
  return titles[status] ?? 'Error';
}
