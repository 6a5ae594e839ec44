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
 * Points a process takes from the shared budget at once: one per request near the limit (so the
 * limit is exact where it matters), up to MAX_LEASE when the budget left is large. A lease is a
 * 1/LEASE_HEADROOM share of what was left, so leases held unused by other processes can refuse a
 * request early by at most that share, and never let the budget be exceeded.
 */
const MAX_LEASE = 32;
const LEASE_HEADROOM = 64;
const MAX_LEASE_KEYS = 10_000;

export function leaseSize(remainingAfterLastLease: number | undefined): number {
  if (remainingAfterLastLease === undefined) return 1;
  return Math.max(1, Math.min(MAX_LEASE, Math.floor(remainingAfterLastLease / LEASE_HEADROOM)));
}

interface Lease {
  /** Points taken from Redis and not yet spent by a request of this process. */
  left: number;
  /** What Redis had left after the last lease. */
  remaining: number;
  /** The end of the window the lease belongs to (epoch ms): unspent points die with it. */
  until: number;
}

/**
 * ONE request budget per authenticated user (per client IP for anonymous calls) across every
 * route, counted in Redis (a fixed one-minute window: INCR + PEXPIRE in rate-limiter-flexible)
 * so that every API process shares it. Mounted before body parsing and routing, so malformed
 * bodies, unknown routes and failed logins all count. If Redis is not ready, each process
 * falls back to an in-memory budget of the same size rather than letting everything through.
 *
 * A Redis round trip per request was 6–7 % of the API's CPU in the transition bench (issue 20),
 * so while much of the budget is left a process takes points in small leases (leaseSize) and
 * spends them locally; near the limit it asks Redis for every request, as before.
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
  const leases = new Map<string, Lease>();
  const allow = (res: Response, next: NextFunction, remaining: number) => {
    res.setHeader('RateLimit-Limit', String(opts.pointsPerMinute));
    res.setHeader('RateLimit-Remaining', String(remaining));
    next();
  };
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    // CORS preflights carry no credentials; counting them would spend the shared IP budget of
    // every signed-in user behind one address.
    if (req.method === 'OPTIONS' || opts.skip?.(req)) return next();
    let user: string | undefined;
    try {
      user = await opts.identify(req);
    } catch {
      user = undefined;
    }
    // Leases are looked up by who is asking; the hashed budget key is only needed for Redis
    // (a SHA-256 per request showed in the profile).
    const who = user === undefined ? `ip\u0000${req.ip ?? 'unknown'}` : `user\u0000${user}`;
    const lease = leases.get(who);
    if (lease && lease.left > 0 && Date.now() < lease.until) {
      lease.left--;
      return allow(res, next, lease.remaining + lease.left);
    }
    const points = leaseSize(lease && Date.now() < lease.until ? lease.remaining : undefined);
    try {
      const r = await limiter.consume(budgetKey(user, req.ip), points);
      if (leases.size >= MAX_LEASE_KEYS && !leases.has(who)) leases.clear();
      leases.set(who, { left: points - 1, remaining: r.remainingPoints, until: Date.now() + r.msBeforeNext });
      allow(res, next, r.remainingPoints + points - 1);
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) return next(e);
      leases.delete(who);
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
