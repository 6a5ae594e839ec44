import type { Queue } from 'bullmq';
import { JOB_WEBHOOK_DELIVERY, jobId } from '@rl/queues';

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
