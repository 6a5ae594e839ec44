import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { execute, queryRows, sql } from '@rl/db';
import type { AppConfig } from '@rl/config';
import { QUEUES } from '@rl/queues';
import { APP_CONFIG, CLOCK, type Clock, syncedNow } from '@rl/server-infra';
import { enqueueDeliveryBatches, fanOut, webhookEventOf, type WebhookEvent } from '@rl/webhooks';
import { mailBatchJobs } from './mail-batch';
import { relaySteps } from './relay-steps';

/** An unsent outbox row as the relay reads it. */
const OUTBOX_ROW = z.object({ id: z.string(), type: z.string(), payload: z.record(z.string(), z.unknown()), created_at: z.date() });
type OutboxRow = z.infer<typeof OUTBOX_ROW>;

/**
 * Transactional-outbox relay: rows written with the state change are published to BullMQ after
 * commit, then marked sent. At-least-once: a crash between publish and mark re-publishes with
 * the same deterministic job id (BullMQ drops the duplicate while the job exists) and every
 * consumer is idempotent on a PostgreSQL key. Rows are claimed with SKIP LOCKED, so several
 * workers can relay in parallel.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayService.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ds: DataSource,
    @InjectQueue(QUEUES.deadlines) private readonly deadlines: Queue,
    @InjectQueue(QUEUES.notifications) private readonly notifications: Queue,
    @InjectQueue(QUEUES.webhooks) private readonly webhooks: Queue,
  ) {}

  onApplicationBootstrap(): void {
    const tick = () => {
      if (this.stopped) return;
      this.running = this.relayAll()
        .then(() => undefined)
        .catch((e) => this.logger.error(`relay failed: ${(e as Error).message}`))
        .finally(() => {
          this.running = null;
          if (!this.stopped) this.timer = setTimeout(tick, 250);
        });
    };
    tick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Relays until the outbox is empty; returns the number of rows relayed. */
  async relayAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.relayBatch(200);
      total += n;
      if (n < 200) return total;
    }
  }

  private async relayBatch(limit: number): Promise<number> {
    const { relayed, deliveryIds } = await this.ds.transaction(async (m) => {
      const rows = await queryRows(m, OUTBOX_ROW, sql`SELECT id, type, payload, created_at FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED`);
      if (rows.length === 0) return { relayed: 0, deliveryIds: [] };
      await this.publish(rows);
      // Webhooks (issue 18): the delivery rows are written with the relay's mark, so a row is
      // fanned out exactly when it is marked sent (and once: deliveries are unique per endpoint).
      const events = rows.map((r) => webhookEventOf(r, r.created_at)).filter((e): e is WebhookEvent => e !== null);
      const deliveryIds = await fanOut(m, events, this.config.PUBLIC_API_URL);
      await execute(m, sql`UPDATE outbox SET sent_at = now(), attempts = attempts + 1 WHERE id = ANY(${rows.map((r) => r.id)}::bigint[])`);
      return { relayed: rows.length, deliveryIds };
    });
    // After commit, so a delivery job never runs before its row is visible. A crash in between
    // leaves pending rows: the maintenance sweep enqueues them (PostgreSQL is the record).
    // First attempts in batches (one job per WEBHOOK_BATCH_SIZE deliveries); retries are per delivery.
    await enqueueDeliveryBatches(this.webhooks, deliveryIds);
    return relayed;
  }

  /** Publishes a batch (./relay-steps.ts says in which order): one Redis call per step. */
  private async publish(rows: OutboxRow[]): Promise<void> {
    // An alert's delay is measured on the application clock (the test clock, when it is on), so
    // an alert due at a test-clock instant does not fire early (or late) by wall time.
    // Read only for a batch that schedules an alert (under the test clock it costs a query).
    const nowMs = rows.some((r) => r.type === 'alert.schedule') ? (await syncedNow(this.clock)).getTime() : 0;
    for (const step of relaySteps(rows, nowMs)) {
      if (step.kind === 'alerts') await this.deadlines.addBulk(step.jobs);
      else if (step.kind === 'cancel') await this.deadlines.remove(step.jobId).catch(() => 0);
      // E-mails: one job per MAIL_BATCH_SIZE notifications of the batch, not one per e-mail.
      else await this.notifications.addBulk(mailBatchJobs(step.notificationIds));
    }
  }
}
