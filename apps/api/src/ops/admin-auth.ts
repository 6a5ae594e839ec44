import type { NextFunction, Request, Response } from 'express';
import { ApiError, PROBLEM_CONTENT_TYPE, type Problem } from '../common/problem';
import { statusForCode, titleForStatus } from '../common/error-status';
import { assertRole, authenticateBearer, bearerToken } from '../auth/auth.guard';
import type { TokenService } from '../auth/token.service';
import type { UserDirectory } from '../auth/user-directory.service';
import type { Principal } from '../auth/principal';

export const ADMIN_COOKIE = 'rl_admin_token';
const JWT_SHAPE = /^[A-Za-z0-9\-._~+/]+=*$/;

/** Value of one cookie from a Cookie header (no dependency on cookie-parser). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      return decodeURIComponent(value);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function sendProblem(req: Request, res: Response, code: string, detail: string, extra: Record<string, unknown> = {}): void {
  const status = statusForCode(code);
  const problem: Problem = { type: `urn:rod-lober:problem:${code}`, title: titleForStatus(status), status, code, detail, instance: req.originalUrl, ...extra };
  res.status(status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

function cookieHeader(req: Request, value: string, maxAgeSeconds: number): string {
  const attrs = [`${ADMIN_COOKIE}=${encodeURIComponent(value)}`, `Path=${req.baseUrl || '/'}`, 'HttpOnly', 'SameSite=Strict', `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`];
  if (req.secure) attrs.push('Secure');
  return attrs.join('; ');
}

/**
 * Guards Bull Board, which is mounted as plain Express middleware outside Nest routing (the
 * global AuthGuard never sees it). Same checks as the AuthGuard (token → directory user →
 * binding claims agree) plus role admin. The token comes from `Authorization: Bearer`, or the
 * HttpOnly `rl_admin_token` cookie a browser gets by opening `<base>?token=<jwt>` once (the
 * token is moved into the cookie and the URL without it is loaded, so it does not linger in
 * the address bar or history).
 */
export function adminOnly(tokens: TokenService, directory: UserDirectory) {
  async function authenticate(token: string): Promise<{ principal: Principal; exp?: number }> {
    const { claims, user } = await authenticateBearer(tokens, directory, token);
    assertRole(['admin'], user.principal);
    return { principal: user.principal, exp: claims.exp };
  }

  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    res.setHeader('Cache-Control', 'no-store');
    const queryToken = req.method === 'GET' && req.path === '/' ? (req.query as Record<string, unknown>).token : undefined;
    const header = req.headers.authorization;
    const fromHeader = bearerToken(header);
    const fromCookie = readCookie(req.headers.cookie, ADMIN_COOKIE);
    const source = typeof queryToken === 'string' ? 'query' : fromHeader ? 'header' : fromCookie ? 'cookie' : undefined;
    const token = source === 'query' ? (queryToken as string) : source === 'header' ? fromHeader : fromCookie;

    if (!token || (source === 'query' && !JWT_SHAPE.test(token))) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="rod-lober"');
      if (header !== undefined && !fromHeader && !fromCookie) {
        return sendProblem(req, res, 'AUTH.UNAUTHENTICATED', 'The Authorization header is not a well-formed Bearer token.');
      }
      return sendProblem(req, res, 'AUTH.UNAUTHENTICATED', `The queue dashboard needs an admin token: Authorization: Bearer <token>, or open ${req.baseUrl}?token=<token> once.`);
    }
    try {
      const { exp } = await authenticate(token);
      if (source === 'query') {
        const ttl = exp ? exp - Math.floor(Date.now() / 1000) : 8 * 3600;
        res.setHeader('Set-Cookie', cookieHeader(req, token, ttl));
        res.setHeader('Referrer-Policy', 'no-referrer');
        return res.redirect(303, req.baseUrl || '/');
      }
      next();
    } catch (e) {
      const code = e instanceof ApiError ? e.code : typeof (e as { code?: unknown })?.code === 'string' ? (e as { code: string }).code : 'INTERNAL.ERROR';
      if (!code.includes('.') || statusForCode(code) >= 500) {
        if (code === 'DEPENDENCY.UNAVAILABLE') return sendProblem(req, res, code, (e as Error).message);
        return next(e);
      }
      if (code.startsWith('AUTH.') && code !== 'AUTH.FORBIDDEN') {
        res.setHeader('WWW-Authenticate', 'Bearer realm="rod-lober", error="invalid_token"');
        // A stale cookie would fail every time: drop it.
        if (source === 'cookie') res.setHeader('Set-Cookie', cookieHeader(req, '', 0));
      }
      return sendProblem(req, res, code, (e as Error).message, e instanceof ApiError ? e.extra : {});
    }
  };
}
