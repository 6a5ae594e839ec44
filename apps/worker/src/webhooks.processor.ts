import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { DelayedError, type Job, type Queue, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@rl/config';
import { JOB_WEBHOOK_DELIVERY, JOB_WEBHOOK_DELIVERY_BATCH, QUEUES } from '@rl/queues';
import { APP_CONFIG } from '@rl/server-infra';
import { attemptDeliveries, attemptDelivery, enqueueRetries } from '@rl/webhooks';

/**
 * Delivers webhooks (issue 18). Each attempt is recorded in PostgreSQL before the job settles;
 * a failed attempt throws, so BullMQ retries it with exponential backoff (the job's `attempts`
 * and `backoff`), and the last failed attempt marks the delivery dead. A worker killed mid-send
 * leaves the job active: BullMQ's stalled-job check hands it to another worker, and the
 * receiver sees the same `webhook-id` again (at-least-once; receivers deduplicate on it) once the
 * delivery's lease has run out (`claimed_until`: two live jobs never POST the same delivery at once).
 */
@Processor(QUEUES.webhooks)
export class WebhooksProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(WebhooksProcessor.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ds: DataSource,
    @InjectQueue(QUEUES.webhooks) private readonly queue: Queue,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    // Deliveries wait on the network, not the CPU: more of them run in parallel than other jobs.
    this.worker.concurrency = this.config.WEBHOOK_CONCURRENCY;
  }

  async process(job: Job<{ deliveryId?: string; deliveryIds?: string[] }>, token?: string): Promise<unknown> {
    if (job.name === JOB_WEBHOOK_DELIVERY_BATCH && Array.isArray(job.data?.deliveryIds)) return this.processBatch(job.data.deliveryIds.map(String));
    if (job.name !== JOB_WEBHOOK_DELIVERY || !job.data?.deliveryId) throw new UnrecoverableError(`bad webhook job ${job.name}`);
    const attempts = job.opts.attempts ?? 1;
    const outcome = await attemptDelivery(this.ds, job.data.deliveryId, {
      now: new Date(),
      lastAttempt: job.attemptsMade + 1 >= attempts,
      production: this.config.NODE_ENV === 'production',
      timeoutMs: this.config.WEBHOOK_TIMEOUT_MS,
      maxResponseBytes: this.config.WEBHOOK_MAX_RESPONSE_BYTES,
    });
    if (outcome.kind === 'busy') {
      // Another job's POST of this delivery is in flight: come back when its lease ends instead of
      // sending it twice, without spending one of this job's attempts (a thrown error would, and
      // could mark the delivery dead after fewer real attempts). By then it is settled (this job
      // skips it) or pending again.
      await job.moveToDelayed(Math.max(Date.now(), outcome.until.getTime()) + 1_000, token);
      throw new DelayedError();
    }
    if (outcome.kind === 'failed') {
      if (outcome.dead) this.logger.warn(`webhook delivery ${job.data.deliveryId} is dead after ${attempts} attempts: ${outcome.error}`);
      throw new Error(`webhook delivery failed: ${outcome.error}`);
    }
    return outcome;
  }

  /**
   * First attempts of a relay batch, concurrently (`attemptDeliveries`). A failed one is not a
   * failure of the batch: it gets its own retry job with the delivery's backoff and the attempts
   * it has left (dead after the last). A crash mid-batch leaves the job stalled: BullMQ hands it
   * to another worker, which skips what was recorded and whatever the dead worker still holds a
   * lease on; the maintenance sweep re-enqueues those once their lease has run out (same `webhook-id`).
   */
  private async processBatch(ids: string[]): Promise<unknown> {
    const { outcomes, retry } = await attemptDeliveries(this.ds, ids, {
      now: new Date(),
      maxAttempts: this.config.WEBHOOK_MAX_ATTEMPTS,
      production: this.config.NODE_ENV === 'production',
      timeoutMs: this.config.WEBHOOK_TIMEOUT_MS,
      maxResponseBytes: this.config.WEBHOOK_MAX_RESPONSE_BYTES,
    });
    await enqueueRetries(this.queue, retry, this.config.WEBHOOK_BACKOFF_MS);
    for (const [id, o] of outcomes) if (o.kind === 'failed' && o.dead) this.logger.warn(`webhook delivery ${id} is dead after ${this.config.WEBHOOK_MAX_ATTEMPTS} attempts: ${o.error}`);
    let delivered = 0;
    for (const o of outcomes.values()) if (o.kind === 'delivered') delivered++;
    return { deliveries: ids.length, delivered, retries: retry.length };
  }
}
