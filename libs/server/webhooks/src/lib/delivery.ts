import type { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { execute, queryRows, sql } from '@rl/db';
import { postOnce, type PostOptions, type PostResult } from './http-post';
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
  /** Another job holds the delivery's lease (its POST is in flight) until `until`: this one sends nothing. */
  | { kind: 'busy'; until: Date }
  | { kind: 'delivered'; statusCode: number; latencyMs: number }
  | { kind: 'gone'; statusCode: 410 }
  | { kind: 'failed'; statusCode: number | null; error: string; dead: boolean };

type DeliveryRow = z.infer<typeof DELIVERY_ROW>;

/**
 * How long a claim on a delivery lasts (`webhook_deliveries.claimed_until`): the POST is bounded
 * by `timeoutMs` from its start (agent queueing included, `postOnce`), and the attempt is recorded
 * right after; the margin covers that write and a slow event loop. A worker killed mid-send holds
 * the delivery at most this long.
 */
export const leaseSeconds = (timeoutMs: number): number => Math.ceil(timeoutMs / 1000) + 30;

/**
 * Claims the pending, unclaimed deliveries among `ids` and reads them with their endpoints, in ONE
 * statement: a claimed delivery is not sent by anyone else until its attempt is recorded (which
 * clears the claim) or the lease runs out. Rows another job holds, or that are no longer pending,
 * are not returned.
 */
function claimDeliveries(ds: DataSource, ids: readonly string[], timeoutMs: number): Promise<DeliveryRow[]> {
  return queryRows(
    ds,
    DELIVERY_ROW,
    sql`WITH d AS (UPDATE webhook_deliveries SET claimed_until = now() + make_interval(secs => ${leaseSeconds(timeoutMs)})
                    WHERE id = ANY(${ids}::uuid[]) AND status = 'pending' AND (claimed_until IS NULL OR claimed_until < now())
                    RETURNING id, status, attempts, event, endpoint_id)
        SELECT d.id, d.status, d.attempts, d.event, d.endpoint_id, e.url, e.status AS endpoint_status, e.secret, e.previous_secret, e.previous_secret_expires_at
          FROM d JOIN webhook_endpoints e ON e.id = d.endpoint_id`,
  );
}

/**
 * Signs the delivery with its endpoint's secret (and the previous one while it has not expired),
 * POSTs it once and reads the answer: `ok` for 2xx, else the error the attempt records.
 */
async function postSigned(d: DeliveryRow, opts: PostOptions & { now: Date }): Promise<{ r: PostResult; ok: boolean; error: string | null }> {
  const secrets = [d.secret];
  if (d.previous_secret && d.previous_secret_expires_at && d.previous_secret_expires_at > opts.now) secrets.push(d.previous_secret);
  const req = signDelivery(d.id, d.event, secrets, opts.now);
  const r = await postOnce(new URL(d.url), req.headers, req.body, opts);
  const ok = r.statusCode !== null && r.statusCode >= 200 && r.statusCode < 300;
  const error = ok ? null : (r.error ?? `HTTP ${r.statusCode}${r.statusCode && r.statusCode >= 300 && r.statusCode < 400 ? ' (redirects are not followed)' : ''}`);
  return { r, ok, error };
}

/** A delivery the claim did not return: gone, settled, or in flight in another job (`busy`). */
async function whyNotClaimed(ds: DataSource, deliveryId: string): Promise<AttemptOutcome> {
  const [row] = await queryRows(
    ds,
    z.object({ status: z.string(), claimed_until: z.date().nullable(), now: z.date() }),
    sql`SELECT status, claimed_until, now() AS now FROM webhook_deliveries WHERE id = ${deliveryId}`,
  );
  if (!row) return { kind: 'skipped', reason: 'no such delivery' };
  if (row.status !== 'pending') return { kind: 'skipped', reason: `already ${row.status}` };
  // Released between the claim and this read: free again now.
  return { kind: 'busy', until: row.claimed_until ?? row.now };
}

/** A claimed delivery whose endpoint was disabled meanwhile: cancelled, no request sent. */
async function cancelForDisabledEndpoint(ds: DataSource, deliveryId: string): Promise<AttemptOutcome> {
  await execute(ds, sql`UPDATE webhook_deliveries SET status = 'cancelled', updated_at = now(), claimed_until = NULL WHERE id = ${deliveryId} AND status = 'pending'`);
  return { kind: 'skipped', reason: 'endpoint disabled' };
}

/** 410 Gone: the endpoint is disabled and its pending deliveries cancelled (in the caller's transaction). */
async function disableGoneEndpoint(m: EntityManager, endpointId: string): Promise<void> {
  await execute(m, sql`UPDATE webhook_endpoints SET status = 'disabled', disabled_reason = 'receiver answered 410 Gone', updated_at = now(), version = version + 1 WHERE id = ${endpointId} AND status = 'active'`);
  await execute(m, sql`UPDATE webhook_deliveries SET status = 'cancelled', updated_at = now() WHERE endpoint_id = ${endpointId} AND status = 'pending'`);
}

/**
 * One delivery attempt, recorded in PostgreSQL whatever happens: an attempt row (the endpoint's
 * delivery log) and the delivery's counters. 2xx → delivered. 410 Gone → the receiver says the
 * endpoint is no more: the endpoint is disabled and its pending deliveries cancelled. Anything
 * else (3xx — redirects are not followed —, 4xx, 5xx, timeout, refused target) fails the attempt;
 * the caller retries with backoff, and `lastAttempt` marks the delivery dead (dead-letter, replayable).
 * The delivery is claimed first: `busy` when another job holds it (its POST is in flight; the
 * caller tries again later, and finds it settled or still pending).
 */
export async function attemptDelivery(ds: DataSource, deliveryId: string, opts: PostOptions & { now: Date; lastAttempt: boolean }): Promise<AttemptOutcome> {
  const [d] = await claimDeliveries(ds, [deliveryId], opts.timeoutMs);
  if (!d) return whyNotClaimed(ds, deliveryId);
  if (d.endpoint_status !== 'active') return cancelForDisabledEndpoint(ds, deliveryId);
  const { r, ok, error } = await postSigned(d, opts);
  const gone = r.statusCode === 410;
  const status = ok ? 'delivered' : gone ? 'cancelled' : opts.lastAttempt ? 'dead' : 'pending';
  // The attempt and the delivery's counters in ONE statement (one round trip per attempt).
  const record = sql`WITH at AS (INSERT INTO webhook_attempts (delivery_id, attempt, status_code, latency_ms, error)
                                 VALUES (${d.id}, ${d.attempts + 1}, ${r.statusCode}, ${r.latencyMs}, ${error}))
      UPDATE webhook_deliveries SET attempts = attempts + 1, status = ${status}, last_status_code = ${r.statusCode}, last_latency_ms = ${r.latencyMs},
             last_error = ${error}, updated_at = now(), delivered_at = CASE WHEN ${ok}::boolean THEN now() ELSE delivered_at END, claimed_until = NULL
       WHERE id = ${d.id}`;
  if (!gone) await execute(ds, record);
  else {
    await ds.transaction(async (m) => {
      await execute(m, record);
      await disableGoneEndpoint(m, d.endpoint_id);
    });
  }
  if (ok) return { kind: 'delivered', statusCode: r.statusCode as number, latencyMs: r.latencyMs };
  if (gone) return { kind: 'gone', statusCode: 410 };
  return { kind: 'failed', statusCode: r.statusCode, error: error ?? 'failed', dead: opts.lastAttempt };
}

/**
 * The first attempt of many deliveries at once (issue 18 bench target, issue 20): ONE read of
 * the rows, the POSTs concurrently (the keep-alive agent reuses a few sockets per receiver), and
 * ONE statement recording every attempt and counter — instead of two round trips and one BullMQ
 * job per delivery. Each delivery keeps its semantics: signed with its own stable `webhook-id`;
 * 2xx delivered; 410 disables the endpoint (its own transaction, as in `attemptDelivery`);
 * anything else failed — dead when it was the delivery's last attempt (`maxAttempts`), else the
 * caller schedules a retry (`retry` in the result: the attempts left). Deliveries that are not
 * pending any more are skipped (a duplicate job or the sweep got there first), and so are those
 * another job has claimed: that job records their attempt and retries them, or — when it died
 * mid-send — the maintenance sweep re-enqueues them once the lease has run out.
 */
export async function attemptDeliveries(
  ds: DataSource,
  deliveryIds: readonly string[],
  opts: PostOptions & { now: Date; maxAttempts: number },
): Promise<{ outcomes: Map<string, AttemptOutcome>; retry: { id: string; attemptsLeft: number }[] }> {
  const outcomes = new Map<string, AttemptOutcome>();
  const retry: { id: string; attemptsLeft: number }[] = [];
  if (deliveryIds.length === 0) return { outcomes, retry };
  const rows = await claimDeliveries(ds, deliveryIds, opts.timeoutMs);
  const records: { id: string; attempt: number; code: number | null; latency: number; error: string | null; status: string; ok: boolean }[] = [];
  await Promise.all(
    rows.map(async (d) => {
      if (d.endpoint_status !== 'active') {
        outcomes.set(d.id, await cancelForDisabledEndpoint(ds, d.id));
        return;
      }
      const lastAttempt = d.attempts + 1 >= opts.maxAttempts;
      const { r, ok, error } = await postSigned(d, opts);
      if (r.statusCode === 410) {
        await ds.transaction(async (m) => {
          await execute(
            m,
            sql`WITH at AS (INSERT INTO webhook_attempts (delivery_id, attempt, status_code, latency_ms, error) VALUES (${d.id}, ${d.attempts + 1}, ${r.statusCode}, ${r.latencyMs}, ${error}))
                UPDATE webhook_deliveries SET attempts = attempts + 1, status = 'cancelled', last_status_code = 410, last_latency_ms = ${r.latencyMs}, last_error = ${error}, updated_at = now(), claimed_until = NULL WHERE id = ${d.id}`,
          );
          await disableGoneEndpoint(m, d.endpoint_id);
        });
        outcomes.set(d.id, { kind: 'gone', statusCode: 410 });
        return;
      }
      const status = ok ? 'delivered' : lastAttempt ? 'dead' : 'pending';
      records.push({ id: d.id, attempt: d.attempts + 1, code: r.statusCode, latency: r.latencyMs, error, status, ok });
      if (ok) outcomes.set(d.id, { kind: 'delivered', statusCode: r.statusCode as number, latencyMs: r.latencyMs });
      else {
        outcomes.set(d.id, { kind: 'failed', statusCode: r.statusCode, error: error ?? 'failed', dead: lastAttempt });
        if (!lastAttempt) retry.push({ id: d.id, attemptsLeft: opts.maxAttempts - (d.attempts + 1) });
      }
    }),
  );
  if (records.length) {
    // Every attempt and every delivery's counters in ONE statement.
    await execute(
      ds,
      sql`WITH r AS (SELECT * FROM unnest(${records.map((x) => x.id)}::uuid[], ${records.map((x) => x.attempt)}::int[], ${records.map((x) => x.code)}::int[],
                                          ${records.map((x) => x.latency)}::int[], ${records.map((x) => x.error)}::text[], ${records.map((x) => x.status)}::text[],
                                          ${records.map((x) => x.ok)}::boolean[]) AS r(id, attempt, code, latency, error, status, ok)),
               at AS (INSERT INTO webhook_attempts (delivery_id, attempt, status_code, latency_ms, error) SELECT id, attempt, code, latency, error FROM r ORDER BY id)
          UPDATE webhook_deliveries d SET attempts = d.attempts + 1, status = r.status, last_status_code = r.code, last_latency_ms = r.latency, last_error = r.error,
                 updated_at = now(), delivered_at = CASE WHEN r.ok THEN now() ELSE d.delivered_at END, claimed_until = NULL
            FROM r WHERE d.id = r.id`,
    );
  }
  return { outcomes, retry };
}
