import type { NextFunction, Request, Response } from 'express';
import { sendProblem } from './problem';

/** Path of the first string (value or key) that `bad` refuses, or undefined. */
export function findString(value: unknown, bad: (s: string) => boolean, path = '', depth = 0): string | undefined {
  if (typeof value === 'string') return bad(value) ? path || '(body)' : undefined;
  if (depth > 64 || value === null || typeof value !== 'object') return undefined;
  for (const [k, v] of Object.entries(value)) {
    const p = path ? `${path}.${k}` : k;
    if (bad(k)) return p;
    const found = findString(v, bad, p, depth + 1);
    if (found) return found;
  }
  return undefined;
}

const hasNul = (s: string) => s.includes('\u0000');

/** Path of the first string (value or key) containing U+0000, or undefined. */
export const findNul = (value: unknown): string | undefined => findString(value, hasNul);

/**
 * PostgreSQL cannot store U+0000 in text or jsonb: a NUL anywhere in the JSON body or the query
 * string would fail deep inside a transaction as a 500. Refuse it up front as a validation error.
 * (Multipart fields are covered by the problem filter, which maps the database's refusal to 400.)
 */
export function rejectNul(prefix: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!req.path.startsWith(prefix)) return next();
    const field = findNul(req.body) ?? findNul(req.query);
    if (!field) return next();
    sendProblem(res, 'REQUEST.VALIDATION_FAILED', 'The request is invalid.', req.originalUrl, {
      errors: [{ field, code: 'NUL_CHARACTER', message: 'must not contain the NUL character (U+0000)' }],
    });
  };
}
