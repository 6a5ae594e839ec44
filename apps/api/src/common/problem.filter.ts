import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiError, type Problem, PROBLEM_CONTENT_TYPE } from './problem';
import { redactUrl } from '@rl/server-infra';
import { statusForCode, titleForStatus } from './error-status';

/** Domain errors from the pure libraries carry a stable `code` like `PERMIT.EVENT_NOT_ALLOWED`. */
function domainCode(e: unknown): string | undefined {
  if (e instanceof Error && typeof (e as { code?: unknown }).code === 'string') {
    const code = (e as unknown as { code: string }).code;
    if (/^[A-Z][A-Z0-9_]*\.[A-Z][A-Z0-9_]*$/.test(code)) return code;
  }
  return undefined;
}

const HTTP_CODES: Record<number, string> = {
  400: 'REQUEST.VALIDATION_FAILED', 401: 'AUTH.UNAUTHENTICATED', 403: 'AUTH.FORBIDDEN', 404: 'REQUEST.NOT_FOUND',
  405: 'REQUEST.METHOD_NOT_ALLOWED', 409: 'CONCURRENCY.VERSION_CONFLICT', 413: 'REQUEST.TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE', 429: 'REQUEST.RATE_LIMITED', 503: 'DEPENDENCY.UNAVAILABLE',
};

/**
 * Turns every error into application/problem+json. Unknown errors become a 500 with no
 * internals in the body (they are logged with the request id instead).
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    const problem = this.toProblem(exception, req);
    if (problem.status >= 500) {
      this.logger.error(`${req.method} ${redactUrl(req.originalUrl)} failed: ${(exception as Error)?.stack ?? String(exception)}`);
    }
    if (res.headersSent) return;
    res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  toProblem(e: unknown, req: Request): Problem {
    const instance = req.originalUrl;
    const code = domainCode(e);
    if (code) {
      const status = statusForCode(code);
      // A 500 is never the client's doing, and its message names internals (e.g. INTERNAL.ROW_SHAPE:
      // a table, a column, a stored value): logged in catch() with the stack, never sent.
      if (status === HttpStatus.INTERNAL_SERVER_ERROR) return this.simple(status, code, 'An unexpected error occurred.', instance);
      const extra = e instanceof ApiError ? e.extra : pickExtra(e as unknown as Record<string, unknown>);
      return { type: `urn:rod-lober:problem:${code}`, title: titleForStatus(status), status, code, detail: (e as Error).message, instance, ...extra };
    }
    // body-parser failures are answered before Nest by common/body-parser-problems.ts.
    // Text PostgreSQL cannot store (U+0000 in text/jsonb, e.g. in a multipart field) is bad input, not a 500.
    const pg = (e as { driverError?: { code?: unknown }; code?: unknown } | null)?.driverError?.code ?? (e as { code?: unknown } | null)?.code;
    if (pg === '22021' || pg === '22P05') {
      const p = this.simple(400, 'REQUEST.VALIDATION_FAILED', 'The request is invalid.', instance);
      p.errors = [{ field: '(text)', code: 'NUL_CHARACTER', message: 'text must not contain the NUL character (U+0000)' }];
      return p;
    }
    // Deadlock / serialization failure: the transaction was rolled back whole, nothing changed;
    // the client may simply retry.
    if (pg === '40P01' || pg === '40001') {
      return this.simple(503, 'CONCURRENCY.RETRY', 'A concurrent change interfered; nothing was saved. Please retry.', instance);
    }
    if (e instanceof HttpException) {
      const status = e.getStatus();
      const body = e.getResponse() as string | { message?: unknown; code?: string; errors?: Problem['errors'] };
      const code = typeof body === 'object' && body.code ? body.code : HTTP_CODES[status] ?? `HTTP.${status}`;
      const message = typeof body === 'string' ? body : Array.isArray(body.message) ? body.message.join('; ') : String(body.message ?? e.message);
      const p = this.simple(status, code, message, instance);
      if (typeof body === 'object' && body.errors) p.errors = body.errors;
      return p;
    }
    return this.simple(HttpStatus.INTERNAL_SERVER_ERROR, 'INTERNAL.ERROR', 'An unexpected error occurred.', instance);
  }

  private simple(status: number, code: string, detail: string, instance: string): Problem {
    return { type: `urn:rod-lober:problem:${code}`, title: titleForStatus(status), status, code, detail, instance };
  }
}

/** Copies well-known, safe extension members from a domain error (e.g. allowedEvents, issues). */
function pickExtra(e: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['allowedEvents', 'issues', 'errors', 'currentVersion', 'cycle', 'field']) {
    if (e[key] !== undefined) out[key] = e[key];
  }
  return out;
}
