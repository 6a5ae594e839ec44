import type { NextFunction, Request, Response } from 'express';
import { sendProblem } from './problem';

const MAX_FORM_BYTES = 4096;

/**
 * `application/x-www-form-urlencoded` for the OAuth2 token endpoint only (RFC 6749 §4.4.2 makes
 * it the request format); every other route takes JSON. Small (4 KiB), flat (URLSearchParams:
 * no nesting), duplicate parameters refused (RFC 6749 §3.2).
 */
export function formBodyFor(path: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.path !== path || !req.is('application/x-www-form-urlencoded')) return next();
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_FORM_BYTES && !failed) {
        failed = true;
        sendProblem(res, 'REQUEST.TOO_LARGE', `The form may be at most ${MAX_FORM_BYTES} bytes.`, req.originalUrl);
        req.resume();
        return;
      }
      if (!failed) chunks.push(c);
    });
    req.on('end', () => {
      if (failed) return;
      const params = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const body: Record<string, string> = {};
      for (const [k, v] of params) {
        if (k in body) {
          sendProblem(res, 'OAUTH.INVALID_REQUEST', `The parameter ${k} is repeated.`, req.originalUrl);
          return;
        }
        body[k] = v;
      }
      (req as Request & { body: unknown }).body = body;
      next();
    });
    req.on('error', () => undefined);
  };
}
