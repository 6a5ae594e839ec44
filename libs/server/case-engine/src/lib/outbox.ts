import type { EntityManager } from 'typeorm';
import { execute, sql } from '@rl/db';

/** An outbox row outside a transition plan (case creation writes one per permit effect). */
export interface OutboxRow {
  aggregateType: 'permit' | 'case';
  aggregateId: string;
  type: string;
  payload: Record<string, unknown>;
}

/** One INSERT for any number of outbox rows, in order (arrays through unnest: one statement text). */
export async function outboxInsert(m: EntityManager, rows: readonly OutboxRow[]): Promise<void> {
  if (rows.length === 0) return;
  await execute(
    m,
    sql`INSERT INTO outbox (aggregate_type, aggregate_id, type, payload)
        SELECT v.aggregate_type, v.aggregate_id, v.type, v.payload
          FROM unnest(${rows.map((r) => r.aggregateType)}::text[], ${rows.map((r) => r.aggregateId)}::uuid[], ${rows.map((r) => r.type)}::text[],
                      ${rows.map((r) => JSON.stringify(r.payload))}::jsonb[]) WITH ORDINALITY v(aggregate_type, aggregate_id, type, payload, ord)
         ORDER BY v.ord`,
  );
}
