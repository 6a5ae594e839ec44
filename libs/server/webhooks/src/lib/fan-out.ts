import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { queryRows, sql, type Sql } from '@rl/db';
import type { WebhookEvent } from './events';
import { cloudEventOf } from './signing';

const ID_ROW = z.object({ id: z.string() });
const TARGET_ROW = z.object({ endpoint_id: z.string(), outbox_id: z.string() });

/**
 * (endpoint, event) pairs that get a delivery: active endpoints subscribed to the type, of whoever
 * may see the event in the API — an authority's endpoints get the events of its permits (a
 * case-level event only once one of its permits in the case was filed), a company's endpoints
 * those of its organisation's cases — and registered before the event happened.
 */
function targetsSql(events: readonly WebhookEvent[], apiBaseUrl: string): Sql {
  // An event about a permit belongs to that permit's authority even when its outbox row does not
  // name the authority (a document uploaded for one permit) — once the permit has reached it
  // (filed: `received_at`; a draft is the company's alone, as the API's access rules say). Only
  // case-level events (no permit) reach every authority with a filed permit in the case — as
  // `documentFilter` shows documents.
  return sql`SELECT e.id AS endpoint_id, v.outbox_id, v.event_type, v.event
          FROM unnest(${events.map((e) => e.outboxId)}::bigint[], ${events.map((e) => e.type)}::text[], ${events.map((e) => e.caseId)}::uuid[],
                      ${events.map((e) => e.authorityId)}::uuid[], ${events.map((e) => e.permitId)}::uuid[], ${events.map((e) => JSON.stringify(cloudEventOf(e, apiBaseUrl)))}::jsonb[],
                      ${events.map((e) => e.occurredAt.toISOString())}::timestamptz[])
               v(outbox_id, event_type, case_id, authority_id, permit_id, event, occurred_at)
          JOIN cases c ON c.id = v.case_id
          CROSS JOIN LATERAL (SELECT COALESCE(v.authority_id, (SELECT p.authority_id FROM permits p WHERE p.id = v.permit_id AND p.received_at IS NOT NULL)) AS authority_id) a
          JOIN webhook_endpoints e ON e.status = 'active' AND v.event_type = ANY(e.event_types) AND e.created_at <= v.occurred_at
           AND (e.organisation_id = c.organisation_id
                OR e.authority_id = a.authority_id
                OR (v.permit_id IS NULL AND a.authority_id IS NULL AND e.authority_id IS NOT NULL
                    AND EXISTS (SELECT 1 FROM permits p WHERE p.case_id = v.case_id AND p.authority_id = e.authority_id AND p.received_at IS NOT NULL)))`;
}

/**
 * One delivery row per target, in the relay's transaction. `ON CONFLICT DO NOTHING` on
 * (endpoint, outbox row): relaying a row twice fans out once. Returns the new delivery ids
 * (their jobs are added after commit).
 */
export async function fanOut(m: EntityManager, events: readonly WebhookEvent[], apiBaseUrl: string): Promise<string[]> {
  if (events.length === 0) return [];
  const rows = await queryRows(
    m,
    ID_ROW,
    sql`INSERT INTO webhook_deliveries (endpoint_id, outbox_id, event_type, event)
        SELECT t.endpoint_id, t.outbox_id, t.event_type, t.event FROM (${targetsSql(events, apiBaseUrl)}) t
        ORDER BY t.outbox_id, t.endpoint_id
        ON CONFLICT (endpoint_id, outbox_id) DO NOTHING
        RETURNING id`,
  );
  return rows.map((r) => r.id);
}

/** The targets the fan-out would write now (the fault suite's "no lost delivery" invariant). */
export async function fanOutTargets(m: EntityManager, events: readonly WebhookEvent[]): Promise<{ endpointId: string; outboxId: string }[]> {
  if (events.length === 0) return [];
  const rows = await queryRows(m, TARGET_ROW, sql`SELECT t.endpoint_id, t.outbox_id::text AS outbox_id FROM (${targetsSql(events, 'http://x')}) t`);
  return rows.map((r) => ({ endpointId: r.endpoint_id, outboxId: r.outbox_id }));
}
