import type { EntityManager } from 'typeorm';
import { execute, sql } from '@rl/db';
import { webhookTypeOf } from '@rl/webhooks';

/** An outbox row outside a transition plan (case creation writes one per permit effect). */
export interface OutboxRow {
  aggregateType: 'permit' | 'case';
  aggregateId: string;
  type: string;
  payload: Record<string, unknown>;
}

/** Outbox row types the worker's relay turns into a BullMQ job (apps/worker/src/outbox-relay.service.ts). */
export const RELAYED_OUTBOX_TYPES: readonly string[] = ['email.send', 'alert.schedule', 'alert.cancel'];

/**
 * Whether the relay has anything to do with an outbox row: a job to enqueue, or a webhook event
 * to fan out (`webhookTypeOf`). Every other row (clock.*, the notify and route.task rows that mark
 * no webhook event, decision.published, case.* …) was handled by the transaction that wrote it and
 * stays as the event log; such rows are written as relayed (`sent_at` set), so the relay neither
 * locks, reads nor re-writes them. Each relayed row costs PostgreSQL an entry in the unsent index,
 * a row lock and a non-HOT update (issue 20; bench step (a): 1.07× transitions/s, bench/README).
 */
export function outboxNeedsRelay(type: string, payload: Record<string, unknown>): boolean {
  return RELAYED_OUTBOX_TYPES.includes(type) || webhookTypeOf({ id: '', type, payload }) !== null;
}

/** One INSERT for any number of outbox rows, in order (arrays through unnest: one statement text). */
export async function outboxInsert(m: EntityManager, rows: readonly OutboxRow[]): Promise<void> {
  if (rows.length === 0) return;
  await execute(
    m,
    sql`INSERT INTO outbox (aggregate_type, aggregate_id, type, payload, sent_at)
        SELECT v.aggregate_type, v.aggregate_id, v.type, v.payload, CASE WHEN v.relay THEN NULL ELSE now() END
          FROM unnest(${rows.map((r) => r.aggregateType)}::text[], ${rows.map((r) => r.aggregateId)}::uuid[], ${rows.map((r) => r.type)}::text[],
                      ${rows.map((r) => JSON.stringify(r.payload))}::jsonb[], ${rows.map((r) => outboxNeedsRelay(r.type, r.payload))}::boolean[])
               WITH ORDINALITY v(aggregate_type, aggregate_id, type, payload, relay, ord)
         ORDER BY v.ord`,
  );
}
