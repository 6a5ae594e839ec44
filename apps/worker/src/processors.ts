import { Inject, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { type Job, Queue, UnrecoverableError } from 'bullmq';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import type { AppConfig } from '@rl/config';
import { DeadlineSweepService, ForecastService, PermitHostService, stillEntitledSql } from '@rl/case-engine';
import { execute, queryRows, sql } from '@rl/db';
import { effectiveEmailMode, EMAIL_MODES, isNotificationKind, MailerService, type NotificationData } from '@rl/mailer';
import { JOB_DEADLINE_ALERT, JOB_DEADLINE_SWEEP, JOB_EMAIL_DIGEST, JOB_FORECAST_REFRESH, JOB_HEARTBEAT, JOB_SEND_EMAIL, JOB_STATS_REFRESH, QUEUES } from '@rl/queues';
import { APP_CONFIG, CLOCK, type Clock, REDIS, SystemClock, syncedNow } from '@rl/server-infra';
import { enqueueDeliveries } from '@rl/webhooks';
import { EmailDigestService } from './digest';

export const WORKER_HEARTBEAT_KEY = 'rl-worker-heartbeat';

/** A notification and its recipient, as the mail job reads them. */
const MAIL_ROW = z.object({
  id: z.string(),
  kind: z.string(), // free text in the table; checked below, after the already-sent short cut
  data: z.custom<NotificationData>((v) => typeof v === 'object' && v !== null),
  email_status: z.enum(['none', 'pending', 'sent', 'failed', 'digest', 'skipped']),
  email: z.string(),
  locale: z.enum(['da', 'en']),
  email_mode: z.enum(EMAIL_MODES).nullable(),
  entitled: z.boolean(),
});
const ID_ROW = z.object({ id: z.string() });
/** A decision letter to attach (issue 15): read from PostgreSQL, the record of the issued PDF. */
const ATTACHMENT_ROW = z.object({ filename: z.string(), pdf: z.instanceof(Buffer) });

/** Fires deadline alerts when their delayed job comes due. */
@Processor(QUEUES.deadlines)
export class DeadlinesProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly ds: DataSource,
    private readonly host: PermitHostService,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.WORKER_CONCURRENCY;
  }

  async process(job: Job<{ alertId?: string }>): Promise<unknown> {
    if (job.name !== JOB_DEADLINE_ALERT || !job.data?.alertId) throw new UnrecoverableError(`bad deadline job ${job.name}`);
    const alertId = job.data.alertId;
    // Under the test clock the alert is stamped (and its risk computed) at the API's test time.
    await syncedNow(this.clock);
    const fired = await this.ds.transaction((m) => this.host.fireAlert(m, alertId));
    return { fired };
  }
}

/** Sends e-mail for in-app notifications, at most once per notification row. */
@Processor(QUEUES.notifications)
export class NotificationsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(NotificationsProcessor.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ds: DataSource,
    private readonly mailer: MailerService,
    // Optional for tests that build the processor by hand (wall time then).
    @Optional() @Inject(CLOCK) private readonly clock: Clock = new SystemClock(),
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.WORKER_CONCURRENCY;
  }

  async process(job: Job<{ notificationId?: string }>): Promise<unknown> {
    if (job.name !== JOB_SEND_EMAIL || !job.data?.notificationId) throw new UnrecoverableError(`bad notification job ${job.name}`);
    const id = job.data.notificationId;
    const now = await syncedNow(this.clock);
    const [n] = await queryRows(
      this.ds,
      MAIL_ROW,
      sql`SELECT n.id, n.kind, n.data, n.email_status, u.email, u.locale, np.email_mode, ${stillEntitledSql('n', 'u', now)} AS entitled
            FROM notifications n JOIN users u ON u.id = n.user_id
            LEFT JOIN notification_preferences np ON np.user_id = n.user_id AND np.kind = n.kind
           WHERE n.id = ${id}`,
    );
    if (!n) throw new UnrecoverableError(`notification ${id} does not exist`);
    if (n.email_status === 'sent') return { skipped: 'already sent' };
    // A machine client's service user (issue 18) has no mailbox: it reads its notifications over the API.
    if (n.email === '') {
      await execute(this.ds, sql`UPDATE notifications SET email_status = 'none' WHERE id = ${id}`);
      return { skipped: 'no e-mail address' };
    }
    if (n.email_status === 'digest' || n.email_status === 'skipped') return { skipped: n.email_status };
    // A fuldmægtig whose grant was revoked or ran out after the notification was written (issue 14 point 6).
    if (!n.entitled) {
      await execute(this.ds, sql`UPDATE notifications SET email_status = 'skipped' WHERE id = ${id} AND email_status IN ('pending', 'failed')`);
      return { skipped: 'no longer entitled' };
    }
    // The recipient's choice for this kind (legally required kinds always go out at once).
    const mode = effectiveEmailMode(n.kind, n.email_mode);
    if (mode !== 'immediate') {
      const status = mode === 'digest' ? 'digest' : 'skipped';
      await execute(this.ds, sql`UPDATE notifications SET email_status = ${status} WHERE id = ${id} AND email_status IN ('pending', 'failed')`);
      return { skipped: status };
    }
    // No template for this kind: fail the attempt, as rendering it would (BullMQ retries, then keeps it failed).
    if (!isNotificationKind(n.kind)) throw new Error(`Unknown notification kind: ${n.kind}`);
    // Throws on SMTP failure: BullMQ retries with backoff (attempts/backoff in defaultJobOptions).
    const attachments = [];
    if (typeof n.data.decisionDocumentId === 'string') {
      const rows = await queryRows(this.ds, ATTACHMENT_ROW, sql`SELECT d.filename, x.pdf FROM decision_documents x JOIN documents d ON d.id = x.document_id WHERE x.id = ${n.data.decisionDocumentId}::uuid`);
      attachments.push(...rows.map((a) => ({ filename: a.filename, content: a.pdf, contentType: 'application/pdf' })));
    }
    const r = await this.mailer.send({ to: n.email, locale: n.locale, kind: n.kind, data: n.data, messageId: String(n.id), attachments });
    await execute(this.ds, sql`UPDATE notifications SET email_status = 'sent', emailed_at = now() WHERE id = ${id}`);
    this.logger.debug(`mail ${n.kind} → ${n.email} (${r.messageId})`);
    return { sent: r.messageId };
  }
}

/** Heartbeat and the periodic deadline sweep (BullMQ job schedulers). */
@Processor(QUEUES.maintenance)
export class MaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly ds: DataSource,
    @InjectQueue(QUEUES.maintenance) private readonly queue: Queue,
    @InjectQueue(QUEUES.notifications) private readonly notifications: Queue,
    @InjectQueue(QUEUES.webhooks) private readonly webhooks: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly sweeper: DeadlineSweepService,
    private readonly digests: EmailDigestService,
    private readonly forecasts: ForecastService,
  ) {
    super();
  }

  private schedulerTimer: NodeJS.Timeout | null = null;

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureSchedulers();
    // A Redis wipe also deletes the job schedulers; re-assert them (idempotent) every 30 s from a
    // plain timer, so the sweep comes back without a worker restart.
    this.schedulerTimer = setInterval(() => {
      this.ensureSchedulers().catch(() => undefined);
    }, 30_000);
    this.schedulerTimer.unref();
    // Catch up at once after a start (e.g. after a Redis wipe or downtime): every pending e-mail
    // is re-enqueued, whatever its age (same job id, so a job that still exists is not doubled).
    await this.sweep(0);
  }

  onApplicationShutdown(): void {
    if (this.schedulerTimer) clearInterval(this.schedulerTimer);
  }

  private async ensureSchedulers(): Promise<void> {
    const opts = { removeOnComplete: 100, removeOnFail: 100 };
    await this.queue.upsertJobScheduler('heartbeat', { every: 15_000 }, { name: JOB_HEARTBEAT, data: {}, opts });
    await this.queue.upsertJobScheduler('deadline-sweep', { every: 30_000 }, { name: JOB_DEADLINE_SWEEP, data: {}, opts });
    // At 2M permits a refresh costs seconds of database time: every 5 minutes (the dashboard
    // shows `statsAsOf`; the test clock refreshes on demand).
    // One digest a day, in the morning Danish time, for the kinds users set to "daily digest".
    await this.queue.upsertJobScheduler('email-digest', { pattern: '0 7 * * *', tz: 'Europe/Copenhagen' }, { name: JOB_EMAIL_DIGEST, data: {}, opts });
    await this.queue.upsertJobScheduler('stats-refresh', { every: 300_000 }, { name: JOB_STATS_REFRESH, data: {}, opts });
    // Forecasts follow changes within ~10 s; a forecast from an earlier day is stale too, so every
    // open case is recomputed once a day (the nightly run) without a separate cron.
    await this.queue.upsertJobScheduler('forecast-refresh', { every: 10_000 }, { name: JOB_FORECAST_REFRESH, data: {}, opts });
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JOB_HEARTBEAT: {
        const at = this.clock.now().toISOString();
        await this.redis.set(WORKER_HEARTBEAT_KEY, JSON.stringify({ at, pid: process.pid }), 'EX', 120);
        return { at };
      }
      case JOB_DEADLINE_SWEEP:
        return this.sweep(30);
      case JOB_STATS_REFRESH:
        await this.sweeper.refreshStats();
        return { refreshed: true };
      case JOB_EMAIL_DIGEST:
        return this.digests.sendAll();
      case JOB_FORECAST_REFRESH:
        await syncedNow(this.clock);
        return this.forecasts.refreshStale();
      default:
        throw new UnrecoverableError(`unknown job ${job.name}`);
    }
  }

  /** Re-derives from PostgreSQL what Redis may have lost: due alerts, appeal expiries, e-mails. */
  async sweep(minAgeSeconds = 30) {
    // Due alerts and klagefrister are judged at the application time the API set (test clock).
    await syncedNow(this.clock);
    const report = await this.sweeper.sweep();
    // Older than the relay's normal latency = its job was probably lost (e.g. a Redis wipe).
    const pending = await queryRows(
      this.ds,
      ID_ROW,
      sql`SELECT id FROM notifications WHERE email_status = 'pending' AND created_at <= now() - make_interval(secs => ${minAgeSeconds}) ORDER BY created_at LIMIT 1000`,
    );
    for (const p of pending) {
      await this.notifications.add(JOB_SEND_EMAIL, { notificationId: p.id }, { jobId: `mail-${p.id}`, removeOnComplete: 1000, removeOnFail: 5000 });
    }
    // Webhook deliveries whose job Redis lost: same job id, so a job that still exists is not doubled.
    const deliveries = await queryRows(
      this.ds,
      ID_ROW,
      sql`SELECT id FROM webhook_deliveries WHERE status = 'pending' AND updated_at <= now() - make_interval(secs => ${minAgeSeconds}) ORDER BY updated_at LIMIT 5000`,
    );
    await enqueueDeliveries(this.webhooks, deliveries.map((d) => d.id), { attempts: this.config.WEBHOOK_MAX_ATTEMPTS, backoffMs: this.config.WEBHOOK_BACKOFF_MS });
    return { ...report, emailsRequeued: pending.length, webhooksRequeued: deliveries.length };
  }
}
