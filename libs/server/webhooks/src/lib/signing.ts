import { randomBytes } from 'node:crypto';
import { CloudEvent, HTTP } from 'cloudevents';
import { Webhook } from 'standardwebhooks';
import { CLOUDEVENT_TYPE_PREFIX, type WebhookEvent } from './events';

/** A new endpoint secret in the Standard Webhooks format: `whsec_` + base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/**
 * The CloudEvent (structured mode, JSON) of a webhook event. Its `id` is the outbox row's, so
 * every endpoint sees the same event id; the `webhook-id` header is the delivery's.
 */
export function cloudEventOf(e: WebhookEvent, apiBaseUrl: string): Record<string, unknown> {
  const ce = new CloudEvent({
    id: `rl-${e.outboxId}`,
    source: `${apiBaseUrl.replace(/\/$/, '')}/cases/${e.caseId}`,
    type: `${CLOUDEVENT_TYPE_PREFIX}${e.type}`,
    subject: e.permitId ? `permits/${e.permitId}` : `cases/${e.caseId}`,
    time: e.at,
    datacontenttype: 'application/json',
    dataschema: `${apiBaseUrl.replace(/\/$/, '')}/schemas/v1/event.json`,
    data: e.data,
  });
  return ce.toJSON() as Record<string, unknown>;
}

export interface SignedRequest {
  headers: Record<string, string>;
  body: string;
}

/**
 * The HTTP request of one delivery attempt: the CloudEvent in structured mode, signed with the
 * Standard Webhooks scheme by every secret that is currently valid (during a rotation the old
 * and the new one: `webhook-signature` carries both, space-separated, and a receiver holding
 * either verifies). `webhook-id` is the delivery id, the same on every retry.
 */
export function signDelivery(deliveryId: string, event: Record<string, unknown>, secrets: readonly string[], at: Date): SignedRequest {
  const message = HTTP.structured(new CloudEvent(event as ConstructorParameters<typeof CloudEvent>[0]));
  const body = typeof message.body === 'string' ? message.body : JSON.stringify(message.body);
  const signatures = secrets.map((s) => new Webhook(s).sign(deliveryId, at, body));
  return {
    body,
    headers: {
      'content-type': 'application/cloudevents+json; charset=utf-8',
      'user-agent': 'RodLober-Webhooks/1',
      'webhook-id': deliveryId,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signatures.join(' '),
    },
  };
}
