/**
 * Which outbox rows are webhook events (issue 18 item 1). The outbox is the engine's event log:
 * one row per machine effect of a transition. Exactly one row of a transition marks each webhook
 * event (matched on the effect and the command that caused it), so an event is fanned out once.
 */

/** The event types an endpoint may subscribe to (CloudEvents `type` is `dk.roedloeber.<type>`). */
export const WEBHOOK_EVENT_TYPES = [
  'permit.routed',
  'permit.infoAnswered',
  'document.added',
  'permit.decisionIssued',
  'deadline.warning',
  'deadline.breach',
  'appeal.lodged',
  'appeal.decided',
  'plan.changed',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const CLOUDEVENT_TYPE_PREFIX = 'dk.roedloeber.';

export function isWebhookEventType(v: unknown): v is WebhookEventType {
  return typeof v === 'string' && (WEBHOOK_EVENT_TYPES as readonly string[]).includes(v);
}

/** An outbox row as the relay reads it. */
export interface OutboxEventRow {
  id: string;
  type: string;
  payload: Record<string, unknown>;
}

/** A webhook event: who may hear it (authority of the permit, organisation of the case) and its data. */
export interface WebhookEvent {
  outboxId: string;
  type: WebhookEventType;
  caseId: string;
  /** The permit's deciding authority as the outbox row names it; null for case-level events
   *  (document on the case) and for permit events whose row does not name it (the fan-out then
   *  takes the permit's authority). */
  authorityId: string | null;
  permitId: string | null;
  at: string;
  /** When the event was written (the outbox row): endpoints registered later do not get it. */
  occurredAt: Date;
  data: Record<string, unknown>;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const template = (p: Record<string, unknown>): string | null => {
  const params = p.params;
  return params && typeof params === 'object' ? str((params as Record<string, unknown>).template) : null;
};

/** The webhook event type an outbox row marks, or null (most rows mark none). */
export function webhookTypeOf(row: OutboxEventRow): WebhookEventType | null {
  const p = row.payload;
  switch (row.type) {
    case 'route.task':
      // Filing routes the completeness check to the authority (also when filed on the company's behalf).
      return p.eventType === 'application.submitted' ? 'permit.routed' : null;
    case 'notify':
      switch (template(p)) {
        case 'infoProvided':
          return 'permit.infoAnswered';
        case 'appealLodged':
          return 'appeal.lodged';
        case 'appealDecided':
          return 'appeal.decided';
        default:
          return null;
      }
    case 'clock.finish':
      return p.eventType === 'authority.decisionIssued' ? 'permit.decisionIssued' : null;
    case 'deadline.warning':
    case 'deadline.breach':
    case 'document.added':
      return row.type;
    case 'target.changed':
    case 'plan.changed':
      // A moved target date changes the case plan (critical path) — (inference: the plan-level
      // event the issue names; the critical path itself is computed on read, not stored). A change
      // of the agreed plan (coordination) moves the same target and is written as `plan.changed`.
      return 'plan.changed';
    default:
      return null;
  }
}

/** Fields of the outbox payload a receiver may see (no free text beyond what the authority's caseworkers see). */
const DATA_FIELDS = ['permitCode', 'eventType', 'fromState', 'toState', 'clock', 'threshold', 'dueAt', 'dueOn', 'documentId', 'filename', 'sha256', 'sizeBytes', 'reasonCode', 'from', 'to', 'fromDueOn', 'toDueOn'];

/** The webhook event an outbox row marks, or null. */
export function webhookEventOf(row: OutboxEventRow, writtenAt: Date): WebhookEvent | null {
  const type = webhookTypeOf(row);
  const caseId = str(row.payload.caseId);
  if (!type || !caseId) return null;
  const data: Record<string, unknown> = { caseId, permitId: str(row.payload.permitId) };
  for (const k of DATA_FIELDS) if (row.payload[k] !== undefined) data[k] = row.payload[k];
  return {
    outboxId: row.id,
    type,
    caseId,
    authorityId: str(row.payload.authorityId),
    permitId: str(row.payload.permitId),
    at: str(row.payload.at) ?? writtenAt.toISOString(),
    occurredAt: writtenAt,
    data,
  };
}
