import type { NextFunction, Request, Response } from 'express';
import { sendProblem } from './problem';

const BY_TYPE: Record<string, [string, string]> = {
  'entity.parse.failed': ['REQUEST.MALFORMED_JSON', 'The request body is not valid JSON.'],
  'entity.too.large': ['REQUEST.TOO_LARGE', 'The request body is too large.'],
  'encoding.unsupported': ['REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Unsupported content encoding.'],
  'charset.unsupported': ['REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Unsupported charset.'],
  'request.aborted': ['REQUEST.ABORTED', 'The request was aborted.'],
  // Raised by verifyJsonBody (json-guard.ts) before the body is parsed.
  'json.too.deep': ['REQUEST.JSON_TOO_DEEP', ''],
  'json.too.many.items': ['REQUEST.JSON_TOO_MANY_ITEMS', ''],
  'encoding.invalid.utf8': ['REQUEST.INVALID_UTF8', ''],
};

/** Express error middleware for errors raised by body-parser before any route runs. */
export function bodyParserProblems(err: unknown, req: Request, res: Response, next: NextFunction): void {
  const type = (err as { type?: string })?.type;
  const known = type ? BY_TYPE[type] : undefined;
  if (!known) return next(err);
  const [code, detail] = known;
  sendProblem(res, code, detail || (err as Error).message, req.originalUrl);
}
