import type { NextFunction, Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { titleForStatus } from './error-status';

/** Media types the API accepts in a request body (multipart only on the document upload route). */
const ACCEPTED = ['application/json', 'application/*+json', 'multipart/form-data'];

/**
 * A body in any other media type (text/plain, form-urlencoded, …) is not parsed by the JSON
 * body parser, so without this check it would reach the handlers as "no body" and come back as
 * a misleading 400/422 about missing fields. Answer 415 REQUEST.UNSUPPORTED_MEDIA_TYPE instead.
 * Requests without a body pass (no Content-Length / Transfer-Encoding, or Content-Length: 0 as
 * fetch sends for a bodiless POST).
 */
export function requireJsonBody(prefix: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const empty = req.headers['transfer-encoding'] === undefined && Number(req.headers['content-length'] ?? 0) === 0;
    if (!req.path.startsWith(prefix) || empty || req.is(ACCEPTED) !== false) return next();
    const status = 415;
    const code = 'REQUEST.UNSUPPORTED_MEDIA_TYPE';
    res.status(status).type(PROBLEM_CONTENT_TYPE).send(
      JSON.stringify({
        type: `urn:rod-lober:problem:${code}`,
        title: titleForStatus(status),
        status,
        code,
        detail: `Send the request body as application/json (documents as multipart/form-data), not ${req.headers['content-type'] ?? 'an unspecified type'}.`,
        instance: req.originalUrl,
      }),
    );
  };
}
