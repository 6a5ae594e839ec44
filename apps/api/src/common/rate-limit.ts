import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { sendProblem } from './problem';

export const RATE_LIMIT_KEY_PREFIX = 'rl:ratelimit';
const WINDOW_SECONDS = 60;

export interface RateLimitOptions {
  redis: Redis;
  pointsPerMinute: number;
  /** The verified user behind the request, or undefined for an anonymous (or invalid) credential. */
  identify: (req: Request) => Promise<string | undefined>;
  /** Requests that never count (liveness probes). */
  skip?: (req: Request) => boolean;
}

/** Budget key: a hash of the verified user id, else the client IP ("trust proxy" decides which). */
export function budgetKey(user: string | undefined, ip: string | undefined): string {
  if (user !== undefined) return `user:${createHash('sha256').update(user).digest('base64url').slice(0, 32)}`;
  return `ip:${ip ?? 'unknown'}`;
}

/**
 * ONE request budget per authenticated user (per client IP for anonymous calls) across every
 * route, counted in Redis (a fixed one-minute window: INCR + PEXPIRE in rate-limiter-flexible)
 * so that every API process shares it. Mounted before body parsing and routing, so malformed
 * bodies, unknown routes and failed logins all count. If Redis is not ready, each process
 * falls back to an in-memory budget of the same size rather than letting everything through.
 */
export function rateLimit(opts: RateLimitOptions) {
  const limiter = new RateLimiterRedis({
    storeClient: opts.redis,
    keyPrefix: RATE_LIMIT_KEY_PREFIX,
    points: opts.pointsPerMinute,
    duration: WINDOW_SECONDS,
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory({ points: opts.pointsPerMinute, duration: WINDOW_SECONDS }),
  });
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    // CORS preflights carry no credentials; counting them would spend the shared IP budget of
    // every signed-in user behind one address.
    if (req.method === 'OPTIONS' || opts.skip?.(req)) return next();
    let key: string;
    try {
      key = budgetKey(await opts.identify(req), req.ip);
    } catch {
      key = budgetKey(undefined, req.ip);
    }
    try {
      const r = await limiter.consume(key);
      res.setHeader('RateLimit-Limit', String(opts.pointsPerMinute));
      res.setHeader('RateLimit-Remaining', String(r.remainingPoints));
      next();
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) return next(e);
      const retryAfter = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
      res.setHeader('Retry-After', String(retryAfter));
      res.setHeader('RateLimit-Limit', String(opts.pointsPerMinute));
      res.setHeader('RateLimit-Remaining', '0');
      sendProblem(res, 'REQUEST.RATE_LIMITED', `Too many requests: at most ${opts.pointsPerMinute} per minute. Retry in ${retryAfter} s.`, req.originalUrl, {
        retryAfterSeconds: retryAfter,
      });
    }
  };
}
