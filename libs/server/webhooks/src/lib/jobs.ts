import type { Queue } from 'bullmq';
import { createHash } from 'node:crypto';
import { JOB_WEBHOOK_DELIVERY, JOB_WEBHOOK_DELIVERY_BATCH, jobId, removeFailedJobs } from '@rl/queues';

/** The BullMQ job of a delivery: one per delivery; a manual replay adds one numbered job. */
export function webhookJobId(deliveryId: string, replay?: number): string {
  return replay === undefined ? jobId('webhook', deliveryId) : jobId('webhook', deliveryId, 'replay', replay);
}

export interface DeliveryJobOptions {
  attempts: number;
  backoffMs: number;
  /** A manual replay: a new job (the first one may still sit in the failed set). */
  replay?: number;
}

/**
 * One job per delivery with its deterministic id (a job that still exists is not doubled), with
 * the delivery's retry policy: `attempts`, exponential backoff from `backoffMs`.
 */
export async function enqueueDeliveries(queue: Queue, deliveryIds: readonly string[], opts: DeliveryJobOptions): Promise<void> {
  if (deliveryIds.length === 0) return;
  await queue.addBulk(
    deliveryIds.map((id) => ({
      name: JOB_WEBHOOK_DELIVERY,
      data: { deliveryId: id },
      opts: { jobId: webhookJobId(id, opts.replay), attempts: opts.attempts, backoff: { type: 'exponential', delay: opts.backoffMs }, removeOnComplete: 1000, removeOnFail: 5000 },
    })),
  );
}

/**
 * The maintenance sweep's re-enqueue of deliveries still pending in PostgreSQL (the record) whose
 * job Redis lost — or whose job ended in BullMQ's failed set without the outcome being recorded:
 * a job killed mid-attempt more often than BullMQ's stalled limit allows (`maxStalledCount`) is
 * failed by BullMQ itself, and its kept id (removeOnFail) would make a plain re-add a no-op, so
 * the delivery would stay pending for ever. Such a job is removed and the delivery gets a fresh
 * one. Jobs that wait, are delayed (backoff) or run are left alone. Returns how many were revived.
 */
export async function requeuePendingDeliveries(queue: Queue, deliveryIds: readonly string[], opts: DeliveryJobOptions): Promise<number> {
  if (deliveryIds.length === 0) return 0;
  const revived = await removeFailedJobs(queue, deliveryIds.map((id) => webhookJobId(id, opts.replay)));
  await enqueueDeliveries(queue, deliveryIds, opts);
  return revived;
}

/** Deliveries per batch job: their first attempts run concurrently in one job. */
export const WEBHOOK_BATCH_SIZE = 25;

/**
 * First attempts in batches (issue 18 bench target): one `WEBHOOK_DELIVERY_BATCH` job per
 * `size` deliveries, its id derived from exactly the ids it carries (relaying the same rows
 * again adds nothing while the job exists). A failed first attempt is retried as the delivery's
 * own job (`enqueueRetries`), with the delivery's backoff and the attempts it has left.
 */
export async function enqueueDeliveryBatches(queue: Queue, deliveryIds: readonly string[], size = WEBHOOK_BATCH_SIZE): Promise<void> {
  if (deliveryIds.length === 0) return;
  const jobs = [];
  for (let i = 0; i < deliveryIds.length; i += size) {
    const ids = deliveryIds.slice(i, i + size);
    jobs.push({ name: JOB_WEBHOOK_DELIVERY_BATCH, data: { deliveryIds: ids }, opts: { jobId: jobId('webhooks', createHash('sha1').update(ids.join(',')).digest('hex')), removeOnComplete: 1000, removeOnFail: 5000 } });
  }
  await queue.addBulk(jobs);
}

/**
 * The retries of first attempts that failed in a batch: each delivery's own job (the id a sweep
 * would use, so it is not doubled), first run after `backoffMs`, then BullMQ's exponential
 * backoff; its last attempt marks the delivery dead.
 */
export async function enqueueRetries(queue: Queue, retries: readonly { id: string; attemptsLeft: number }[], backoffMs: number): Promise<void> {
  if (retries.length === 0) return;
  await queue.addBulk(
    retries.map((r) => ({
      name: JOB_WEBHOOK_DELIVERY,
      data: { deliveryId: r.id },
      opts: { jobId: webhookJobId(r.id), delay: backoffMs, attempts: r.attemptsLeft, backoff: { type: 'exponential', delay: backoffMs }, removeOnComplete: 1000, removeOnFail: 5000 },
    })),
  );
}
