import type { NextFunction, Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { titleForStatus } from './error-status';

const BY_TYPE: Record<string, [number, string, string]> = {
  'entity.parse.failed': [400, 'REQUEST.MALFORMED_JSON', 'The request body is not valid JSON.'],
  'entity.too.large': [413, 'REQUEST.TOO_LARGE', 'The request body is too large.'],
  'encoding.unsupported': [415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Unsupported content encoding.'],
  'charset.unsupported': [415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Unsupported charset.'],
  'request.aborted': [400, 'REQUEST.ABORTED', 'The request was aborted.'],
};

/** Express error middleware for errors raised by body-parser before any route runs. */
export function bodyParserProblems(err: unknown, req: Request, res: Response, next: NextFunction): void {
  const type = (err as { type?: string })?.type;
  const known = type ? BY_TYPE[type] : undefined;
  if (!known) return next(err);
  const [status, code, detail] = known;
  res.status(status).type(PROBLEM_CONTENT_TYPE).send(
    JSON.stringify({ type: `urn:rod-lober:problem:${code}`, title: titleForStatus(status), status, code, detail, instance: req.originalUrl }),
  );
}
