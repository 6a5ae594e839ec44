import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { execute, queryRows, sql } from '@rl/db';
import { postOnce, type PostOptions } from './http-post';
import { signDelivery } from './signing';

const DELIVERY_ROW = z.object({
  id: z.string(),
  status: z.enum(['pending', 'delivered', 'dead', 'cancelled']),
  attempts: z.number().int(),
  event: z.record(z.string(), z.unknown()),
  endpoint_id: z.string(),
  url: z.string(),
  endpoint_status: z.enum(['active', 'disabled']),
  secret: z.string(),
  previous_secret: z.string().nullable(),
  previous_secret_expires_at: z.coerce.date().nullable(),
});

export type AttemptOutcome =
  | { kind: 'skipped'; reason: string }
  | { kind: 'delivered'; statusCode: number; latencyMs: number }
  | { kind: 'gone'; statusCode: 410 }
  | { kind: 'failed'; statusCode: number | null; error: string; dead: boolean };

/**
 * One delivery attempt, recorded in PostgreSQL whatever happens: an attempt row (the endpoint's
 * delivery log) and the delivery's counters. 2xx → delivered. 410 Gone → the receiver says the
 * endpoint is no more: the endpoint is disabled and its pending deliveries cancelled. Anything
 * else (3xx — redirects are not followed —, 4xx, 5xx, timeout, refused target) fails the attempt;
 * the caller retries with backoff, and `lastAttempt` marks the delivery dead (dead-letter, replayable).
 */
export async function attemptDelivery(ds: DataSource, deliveryId: string, opts: PostOptions & { now: Date; lastAttempt: boolean }): Promise<AttemptOutcome> {
  const [d] = await queryRows(
    ds,
    DELIVERY_ROW,
    sql`SELECT d.id, d.status, d.attempts, d.event, d.endpoint_id, e.url, e.status AS endpoint_status, e.secret, e.previous_secret, e.previous_secret_expires_at
          FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE d.id = ${deliveryId}`,
  );
  if (!d) return { kind: 'skipped', reason: 'no such delivery' };
  if (d.status !== 'pending') return { kind: 'skipped', reason: `already ${d.status}` };
  if (d.endpoint_status !== 'active') {
    await execute(ds, sql`UPDATE webhook_deliveries SET status = 'cancelled', updated_at = now() WHERE id = ${deliveryId} AND status = 'pending'`);
    return { kind: 'skipped', reason: 'endpoint disabled' };
  }
  const secrets = [d.secret];
  if (d.previous_secret && d.previous_secret_expires_at && d.previous_secret_expires_at > opts.now) secrets.push(d.previous_secret);
  const req = signDelivery(d.id, d.event, secrets, opts.now);
  const r = await postOnce(new URL(d.url), req.headers, req.body, opts);
  const ok = r.statusCode !== null && r.statusCode >= 200 && r.statusCode < 300;
  const error = ok ? null : (r.error ?? `HTTP ${r.statusCode}${r.statusCode && r.statusCode >= 300 && r.statusCode < 400 ? ' (redirects are not followed)' : ''}`);
  const gone = r.statusCode === 410;
  const status = ok ? 'delivered' : gone ? 'cancelled' : opts.lastAttempt ? 'dead' : 'pending';
  // The attempt and the delivery's counters in ONE statement (one round trip per attempt).
  const record = sql`WITH at AS (INSERT INTO webhook_attempts (delivery_id, attempt, status_code, latency_ms, error)
                                 VALUES (${d.id}, ${d.attempts + 1}, ${r.statusCode}, ${r.latencyMs}, ${error}))
      UPDATE webhook_deliveries SET attempts = attempts + 1, status = ${status}, last_status_code = ${r.statusCode}, last_latency_ms = ${r.latencyMs},
             last_error = ${error}, updated_at = now(), delivered_at = CASE WHEN ${ok}::boolean THEN now() ELSE delivered_at END
       WHERE id = ${d.id}`;
  if (!gone) await execute(ds, record);
  else {
    await ds.transaction(async (m) => {
      await execute(m, record);
      await execute(m, sql`UPDATE webhook_endpoints SET status = 'disabled', disabled_reason = 'receiver answered 410 Gone', updated_at = now(), version = version + 1 WHERE id = ${d.endpoint_id} AND status = 'active'`);
      await execute(m, sql`UPDATE webhook_deliveries SET status = 'cancelled', updated_at = now() WHERE endpoint_id = ${d.endpoint_id} AND status = 'pending'`);
    });
  }
  if (ok) return { kind: 'delivered', statusCode: r.statusCode as number, latencyMs: r.latencyMs };
  if (gone) return { kind: 'gone', statusCode: 410 };
  return { kind: 'failed', statusCode: r.statusCode, error: error ?? 'failed', dead: opts.lastAttempt };
}
