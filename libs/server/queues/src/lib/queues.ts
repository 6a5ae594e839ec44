/**
 * Names shared by producers (api) and consumers (worker). Changing a value renames a queue in
 * Redis: jobs left in the old queue are no longer processed.
 */
export const QUEUES = {
  outbox: 'outbox-events',
  tasks: 'authority-tasks',
  deadlines: 'deadlines',
  notifications: 'notifications',
  maintenance: 'maintenance',
  webhooks: 'webhooks',
} as const;

export type QueueKey = keyof typeof QUEUES;
export type QueueName = (typeof QUEUES)[QueueKey];

/** Every queue name, in declaration order. */
export const QUEUE_NAMES: readonly QueueName[] = Object.values(QUEUES);

export const JOB_RELAY_EVENT = 'RELAY_EVENT';
export const JOB_ROUTE_TASK = 'ROUTE_TASK';
export const JOB_DEADLINE_ALERT = 'DEADLINE_ALERT';
export const JOB_DEADLINE_SWEEP = 'DEADLINE_SWEEP';
export const JOB_SEND_EMAIL = 'SEND_EMAIL';
/**
 * Sends the e-mails of many notifications in one job (issue 20 item 2): the relay publishes one
 * per relay batch, the sweep one per 50 pending rows. `data.notificationIds`.
 */
export const JOB_SEND_EMAIL_BATCH = 'SEND_EMAIL_BATCH';
export const JOB_HEARTBEAT = 'HEARTBEAT';
/** Refreshes the dashboard's KPI materialized view. */
export const JOB_STATS_REFRESH = 'STATS_REFRESH';
/** Delivers one webhook (a `webhook_deliveries` row). */
export const JOB_WEBHOOK_DELIVERY = 'WEBHOOK_DELIVERY';
/** First attempts of many webhook deliveries (`data.deliveryIds`), run concurrently in one job. */
export const JOB_WEBHOOK_DELIVERY_BATCH = 'WEBHOOK_DELIVERY_BATCH';
/** Sends the daily e-mail digests (notifications whose kind the user set to `digest`). */
export const JOB_EMAIL_DIGEST = 'EMAIL_DIGEST';
/** Recomputes the Monte Carlo forecasts of cases that changed (and, once a day, of every open case). */
export const JOB_FORECAST_REFRESH = 'FORECAST_REFRESH';

/**
 * Deterministic custom job id: the parts joined with '-'. BullMQ refuses ':' in custom ids
 * (it is the Redis key separator), so a part containing ':' is a programming error. Empty
 * ids and empty parts are refused too (they would make different jobs collide).
 */
export function jobId(...parts: (string | number)[]): string {
  if (parts.length === 0) throw new Error('jobId needs at least one part');
  return parts
    .map((p, i) => {
      if (typeof p === 'number' && !Number.isFinite(p)) throw new Error(`jobId part ${i} is not a finite number: ${p}`);
      const s = String(p);
      if (s === '') throw new Error(`jobId part ${i} is empty`);
      if (s.includes(':')) throw new Error(`jobId part ${i} contains ':' (not allowed in BullMQ custom job ids): ${s}`);
      return s;
    })
    .join('-');
}
