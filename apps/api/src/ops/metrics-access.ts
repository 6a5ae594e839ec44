import { timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Same-length comparison of digests, so the time taken says nothing about the token. */
function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/**
 * Who may scrape: with METRICS_TOKEN set, only a request carrying `Authorization: Bearer <token>`
 * (Prometheus `authorization: { credentials_file: … }`); without it, anyone who can reach the
 * port — the API port only in development/test (config refuses that in production), or the
 * internal METRICS_PORT.
 */
export function scrapeAllowed(req: Pick<IncomingMessage, 'headers'>, token: string | undefined): boolean {
  if (token === undefined) return true;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return !!m && sameSecret(m[1], token);
}
