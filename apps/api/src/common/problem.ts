import { CodedError, type ErrorCode } from '@rl/errors';
import { statusForCode, titleForStatus } from './error-status';
import type { ProblemDto } from './problem.dto';

/**
 * RFC 9457 problem details. Every error the API returns has this shape and a stable `code`
 * (SCOPE.REASON) that clients and tests can rely on: the members documented as {@link ProblemDto}
 * (`errors`: field-level problems of validation errors), plus any extension members.
 */
export type Problem = ProblemDto & { [extra: string]: unknown };

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Errors raised by the API layer itself (not the domain libraries): coded errors like all others. */
export class ApiError<C extends ErrorCode = ErrorCode> extends CodedError<C> {}

/**
 * Writes a problem+json response directly, for Express middleware that runs before Nest's
 * exception filter (body parsing, media-type and NUL checks). The status still comes from the
 * one code → status table.
 */
export function sendProblem(
  res: { status(n: number): { type(t: string): { send(b: string): unknown } } },
  code: string,
  detail: string,
  instance: string,
  extra: Record<string, unknown> = {},
): void {
  const status = statusForCode(code);
  res.status(status).type(PROBLEM_CONTENT_TYPE).send(
    JSON.stringify({ type: `urn:rod-lober:problem:${code}`, title: titleForStatus(status), status, code, detail, instance, ...extra }),
  );
}
