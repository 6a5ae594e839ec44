import type { NextFunction, Request, Response } from 'express';
import { sendProblem } from './problem';

/** Media types the API accepts in a request body (multipart only on the document upload route). */
const ACCEPTED = ['application/json', 'application/*+json', 'multipart/form-data'];

/**
 * A body in any other media type (text/plain, form-urlencoded, …) is not parsed by the JSON
 * body parser, so without this check it would reach the handlers as "no body" and come back as
 * a misleading 400/422 about missing fields. Answer 415 REQUEST.UNSUPPORTED_MEDIA_TYPE instead.
 * Requests without a body pass (no Content-Length / Transfer-Encoding, or Content-Length: 0 as
 * fetch sends for a bodiless POST).
 */
export function requireJsonBody(prefix: string, formPaths: readonly string[] = []) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const empty = req.headers['transfer-encoding'] === undefined && Number(req.headers['content-length'] ?? 0) === 0;
    if (!req.path.startsWith(prefix) || empty || req.is(ACCEPTED) !== false) return next();
    if (formPaths.includes(req.path) && req.is('application/x-www-form-urlencoded')) return next();
    sendProblem(
      res,
      'REQUEST.UNSUPPORTED_MEDIA_TYPE',
      `Send the request body as application/json (documents as multipart/form-data), not ${req.headers['content-type'] ?? 'an unspecified type'}.`,
      req.originalUrl,
    );
  };
}
