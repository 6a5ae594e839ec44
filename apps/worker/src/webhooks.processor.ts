import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { type Job, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@rl/config';
import { JOB_WEBHOOK_DELIVERY, QUEUES } from '@rl/queues';
import { APP_CONFIG } from '@rl/server-infra';
import { attemptDelivery } from '@rl/webhooks';

/**
 * Delivers webhooks (issue 18). Each attempt is recorded in PostgreSQL before the job settles;
 * a failed attempt throws, so BullMQ retries it with exponential backoff (the job's `attempts`
 * and `backoff`), and the last failed attempt marks the delivery dead. A worker killed mid-send
 * leaves the job active: BullMQ's stalled-job check hands it to another worker, and the
 * receiver sees the same `webhook-id` again (at-least-once; receivers deduplicate on it).
 */
@Processor(QUEUES.webhooks)
export class WebhooksProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(WebhooksProcessor.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ds: DataSource,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    // Deliveries wait on the network, not the CPU: more of them run in parallel than other jobs.
    this.worker.concurrency = this.config.WEBHOOK_CONCURRENCY;
  }

  async process(job: Job<{ deliveryId?: string }>): Promise<unknown> {
    if (job.name !== JOB_WEBHOOK_DELIVERY || !job.data?.deliveryId) throw new UnrecoverableError(`bad webhook job ${job.name}`);
    const attempts = job.opts.attempts ?? 1;
    const outcome = await attemptDelivery(this.ds, job.data.deliveryId, {
      now: new Date(),
      lastAttempt: job.attemptsMade + 1 >= attempts,
      production: this.config.NODE_ENV === 'production',
      timeoutMs: this.config.WEBHOOK_TIMEOUT_MS,
      maxResponseBytes: this.config.WEBHOOK_MAX_RESPONSE_BYTES,
    });
    if (outcome.kind === 'failed') {
      if (outcome.dead) this.logger.warn(`webhook delivery ${job.data.deliveryId} is dead after ${attempts} attempts: ${outcome.error}`);
      throw new Error(`webhook delivery failed: ${outcome.error}`);
    }
    return outcome;
  }
}
