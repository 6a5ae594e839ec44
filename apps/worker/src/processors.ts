import { Inject, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { type Job, Queue, UnrecoverableError } from 'bullmq';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import type { AppConfig } from '@rl/config';
import { DeadlineSweepService, ForecastService, PermitHostService, stillEntitledSql } from '@rl/case-engine';
import { execute, queryRows, sql } from '@rl/db';
import { effectiveEmailMode, EMAIL_MODES, isNotificationKind, MailerService, SMTP_POOL, type NotificationData } from '@rl/mailer';
import { JOB_DEADLINE_ALERT, JOB_DEADLINE_SWEEP, JOB_EMAIL_DIGEST, JOB_FORECAST_REFRESH, JOB_HEARTBEAT, JOB_SEND_EMAIL, JOB_SEND_EMAIL_BATCH, JOB_STATS_REFRESH, QUEUES } from '@rl/queues';
import { APP_CONFIG, CLOCK, type Clock, REDIS, SystemClock, syncedNow } from '@rl/server-infra';
import { requeuePendingDeliveries } from '@rl/webhooks';
import { EmailDigestService } from './digest';
import { requeueMailJobs } from './mail-batch';

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
  /** False for a fuldmægtig whose grant was revoked or ran out after the notification was written (issue 14 point 6). */
  entitled: z.boolean(),
  /** The account was deactivated after the notification was written (someone who left): no more e-mail. */
  deactivated: z.boolean(),
});
const ID_ROW = z.object({ id: z.string() });

/** A notification row whose kind has no template (written by a newer or older version). */
class UnknownNotificationKindError extends Error {
  constructor(kind: string) {
    super(`Unknown notification kind: ${kind}`);
  }
}

/**
 * Whether an e-mail can never be sent as it is: the server refused this message's recipient or
 * content with a 5xx reply (RFC 5321 §4.2.1: permanent negative completion) to RCPT TO or DATA,
 * or its kind has no template. A 5xx to the connection, the greeting, AUTH, STARTTLS or MAIL FROM
 * is the server's or our configuration's problem (a rotated password): retried like an outage.
 */
export function isPermanentMailFailure(e: unknown): boolean {
  if (e instanceof UnknownNotificationKindError) return true;
  const err = e as { code?: unknown; command?: unknown; responseCode?: unknown } | null;
  const aboutThisMessage = (err?.code === 'EENVELOPE' || err?.code === 'EMESSAGE') && (err.command === 'RCPT TO' || err.command === 'DATA');
  return aboutThisMessage && typeof err.responseCode === 'number' && err.responseCode >= 500 && err.responseCode < 600;
}
/** A decision letter to attach (issue 15): read from PostgreSQL, the record of the issued PDF. */
const ATTACHMENT_ROW = z.object({ id: z.string(), filename: z.string(), pdf: z.instanceof(Buffer) });
type MailRow = z.infer<typeof MAIL_ROW>;

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

/**
 * How long an e-mail job waits for the deadline alerts in Redis to be fired first (issue 20
 * item 5: an alert burst is not slowed down by the e-mails it causes). After this the e-mails go
 * anyway, so a steady stream of alerts cannot starve them.
 */
export const ALERTS_FIRST_MAX_WAIT_MS = 30_000;

/** How often the e-mail jobs of a process ask Redis whether alerts are waiting (one answer shared by all of them). */
const ALERTS_CHECK_MS = 500;

/** Rows claimed, sent and marked per transaction: two per pooled SMTP connection. */
export const MAIL_CLAIM_SIZE = 2 * SMTP_POOL.maxConnections;

/**
 * Sends e-mail for in-app notifications (issue 20 item 2: in batches). A job carries one
 * notification id (`SEND_EMAIL`, as before) or many (`SEND_EMAIL_BATCH`: one per 50 e-mails of a relay
 * batch, see `mailBatchJobs`). The job claims its rows a few at a time (MAIL_CLAIM_SIZE), each in ONE
 * transaction — `email_status = 'pending'` rows locked `FOR UPDATE` (a batch skips rows another
 * sender holds) —, applies the recipient's preference, sends the immediate ones concurrently over
 * the pooled SMTP connections (and/or the file drop), and marks them sent in one UPDATE before the
 * lock is released. A crash before the
 * commit rolls the claim back: the job (stalled → retried) or the sweep sends them again with the
 * same Message-ID (at-least-once). A failed send leaves its row pending and fails the job after
 * the others were recorded, so BullMQ retries only what is left.
 */
@Processor(QUEUES.notifications)
export class NotificationsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(NotificationsProcessor.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ds: DataSource,
    private readonly mailer: MailerService,
    @Optional() @InjectQueue(QUEUES.deadlines) private readonly deadlines?: Queue,
    // Optional for tests that build the processor by hand (wall time then).
    @Optional() @Inject(CLOCK) private readonly clock: Clock = new SystemClock(),
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.WORKER_CONCURRENCY;
  }

  async process(job: Job<{ notificationId?: string; notificationIds?: string[] }>): Promise<unknown> {
    if (job.name === JOB_SEND_EMAIL && job.data?.notificationId) return this.sendMany([job.data.notificationId], false);
    if (job.name === JOB_SEND_EMAIL_BATCH && Array.isArray(job.data?.notificationIds) && job.data.notificationIds.length > 0) return this.sendMany(job.data.notificationIds.map(String), true);
    throw new UnrecoverableError(`bad notification job ${job.name}`);
  }

  /** The deadline queue's waiting + running alerts, asked of Redis at most every ALERTS_CHECK_MS (shared by this process's e-mail jobs). */
  private alertsBusy: { at: number; busy: Promise<boolean> } | null = null;

  private deadlinesBusy(): Promise<boolean> {
    const deadlines = this.deadlines;
    if (!deadlines) return Promise.resolve(false);
    if (this.alertsBusy && Date.now() - this.alertsBusy.at < ALERTS_CHECK_MS) return this.alertsBusy.busy;
    const busy = deadlines
      .getJobCounts('active', 'wait', 'prioritized')
      .then((c) => (c.active ?? 0) + (c.wait ?? 0) + (c.prioritized ?? 0) > 0)
      .catch(() => false);
    this.alertsBusy = { at: Date.now(), busy };
    return busy;
  }

  /** Alerts first: while deadline-alert jobs wait or run, e-mail waits (at most ALERTS_FIRST_MAX_WAIT_MS). */
  private async alertsFirst(): Promise<number> {
    if (!this.deadlines) return 0;
    const started = Date.now();
    for (;;) {
      if (!(await this.deadlinesBusy())) return Date.now() - started;
      if (Date.now() - started >= ALERTS_FIRST_MAX_WAIT_MS) return Date.now() - started;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  private async sendMany(ids: string[], skipLocked: boolean): Promise<{ sent: number; skipped: number; failed: number; waitedForAlertsMs: number }> {
    const waitedForAlertsMs = await this.alertsFirst();
    const total = { sent: 0, skipped: 0, failed: 0, errors: [] as string[] };
    // One claim → send → mark transaction per MAIL_CLAIM_SIZE rows: the pooled connections are all
    // busy, and an accepted e-mail is recorded within about two sends (the SIGKILL window in which
    // an accepted e-mail can go out twice stays short, as the fault suite's check requires).
    const now = await syncedNow(this.clock);
    for (let i = 0; i < ids.length; i += MAIL_CLAIM_SIZE) {
      const o = await this.sendChunk(ids.slice(i, i + MAIL_CLAIM_SIZE), skipLocked, now);
      total.sent += o.sent;
      total.skipped += o.skipped;
      total.failed += o.failed;
      total.errors.push(...o.errors);
    }
    // Throws on a failed send (SMTP down, unknown kind …): BullMQ retries with backoff (attempts/backoff in defaultJobOptions).
    if (total.failed) throw new Error(`${total.failed} of ${ids.length} e-mails failed: ${total.errors[0]}`);
    if (total.sent) this.logger.debug(`mailed ${total.sent} notifications`);
    return { sent: total.sent, skipped: total.skipped, failed: 0, waitedForAlertsMs };
  }

  private async sendChunk(ids: string[], skipLocked: boolean, now: Date): Promise<{ sent: number; skipped: number; failed: number; errors: string[] }> {
    return this.ds.transaction(async (m) => {
      // A batch leaves rows another sender holds to it; a single job waits for them (and then
      // finds them sent, or sends what that sender could not).
      const rows = await queryRows(
        m,
        MAIL_ROW,
        sql`SELECT n.id, n.kind, n.data, n.email_status, u.email, u.locale, np.email_mode, ${stillEntitledSql('n', 'u', now)} AS entitled,
                   u.deactivated_at IS NOT NULL AS deactivated
              FROM notifications n JOIN users u ON u.id = n.user_id
              LEFT JOIN notification_preferences np ON np.user_id = n.user_id AND np.kind = n.kind
             WHERE n.id = ANY(${ids}::uuid[]) AND n.email_status IN ('pending', 'failed')
             ORDER BY n.id FOR UPDATE OF n ${skipLocked ? sql`SKIP LOCKED` : sql``}`,
      );
      const statusOf = new Map<string, 'none' | 'digest' | 'skipped' | 'failed'>();
      const toSend: MailRow[] = [];
      for (const n of rows) {
        // A machine client's service user (issue 18) has no mailbox: it reads its notifications over the API.
        if (n.email === '') statusOf.set(n.id, 'none');
        // A fuldmægtig no longer entitled to the case (grant revoked or expired since): not sent.
        else if (!n.entitled) statusOf.set(n.id, 'skipped');
        // Deactivated since (as the digest already leaves them out): e-mails still pending after an SMTP outage are not sent.
        else if (n.deactivated) statusOf.set(n.id, 'skipped');
        else {
          // The recipient's choice for this kind (legally required kinds always go out at once).
          const mode = effectiveEmailMode(n.kind, n.email_mode);
          if (mode !== 'immediate') statusOf.set(n.id, mode === 'digest' ? 'digest' : 'skipped');
          else toSend.push(n);
        }
      }
      // Decision letters to attach (issue 15), read in one query for the batch.
      const docIds = [...new Set(toSend.map((n) => n.data.decisionDocumentId).filter((d): d is string => typeof d === 'string'))];
      const attachments = new Map<string, { filename: string; content: Buffer; contentType: string }[]>();
      if (docIds.length) {
        const docs = await queryRows(m, ATTACHMENT_ROW, sql`SELECT x.id::text AS id, d.filename, x.pdf FROM decision_documents x JOIN documents d ON d.id = x.document_id WHERE x.id = ANY(${docIds}::uuid[])`);
        for (const a of docs) attachments.set(a.id, [...(attachments.get(a.id) ?? []), { filename: a.filename, content: a.pdf, contentType: 'application/pdf' }]);
      }
      // Concurrently: the pooled transport spreads them over its connections.
      const results = await Promise.allSettled(
        toSend.map(async (n) => {
          // No template for this kind: fail this e-mail for good, as rendering it would.
          if (!isNotificationKind(n.kind)) throw new UnknownNotificationKindError(n.kind);
          const docId = n.data.decisionDocumentId;
          await this.mailer.send({ to: n.email, locale: n.locale, kind: n.kind, data: n.data, messageId: String(n.id), attachments: typeof docId === 'string' ? (attachments.get(docId) ?? []) : [] });
          return n.id;
        }),
      );
      const sent = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      const errors: string[] = [];
      for (const [i, r] of results.entries()) {
        if (r.status === 'fulfilled') continue;
        // A permanent refusal (an SMTP 5xx reply: the mailbox does not exist, the message is
        // refused for good) or a kind without a template will not succeed on a retry: the row is
        // marked failed — the sweep no longer re-queues it every 30 s, and it cannot crowd out the
        // e-mails the sweep exists to recover. Everything else (SMTP down, 4xx) is retried.
        if (isPermanentMailFailure(r.reason)) {
          statusOf.set(toSend[i].id, 'failed');
          this.logger.warn(`e-mail for notification ${toSend[i].id} refused for good: ${(r.reason as Error).message}`);
        } else errors.push((r.reason as Error).message);
      }
      if (sent.length) await execute(m, sql`UPDATE notifications SET email_status = 'sent', emailed_at = now() WHERE id = ANY(${sent}::uuid[])`);
      if (statusOf.size) {
        await execute(
          m,
          sql`UPDATE notifications n SET email_status = s.status FROM unnest(${[...statusOf.keys()]}::uuid[], ${[...statusOf.values()]}::text[]) AS s(id, status)
               WHERE n.id = s.id AND n.email_status IN ('pending', 'failed')`,
        );
      }
      return { sent: sent.length, skipped: statusOf.size, failed: errors.length, errors };
    });
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

  /**
   * When this worker app was built, before its relay runs: the start-up sweep leaves webhook
   * deliveries last touched after it to this app's own relay (this host's clock against the
   * database's: a few ms apart at most, and the relay starts later than that).
   */
  private readonly startedAt = new Date();

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureSchedulers();
    // A Redis wipe also deletes the job schedulers; re-assert them (idempotent) every 30 s from a
    // plain timer, so the sweep comes back without a worker restart.
    this.schedulerTimer = setInterval(() => {
      this.ensureSchedulers().catch(() => undefined);
    }, 30_000);
    this.schedulerTimer.unref();
    // Catch up at once after a start (e.g. after a Redis wipe or downtime): every pending e-mail
    // is re-enqueued, whatever its age (same job id, so a job that still exists is not doubled),
    // and every webhook delivery left pending from before this process started. Not the ones
    // this process's own relay has fanned out since: they sit in batch jobs (other job ids), and a
    // second, per-delivery job would only find them claimed by the batch (the delivery lease keeps
    // the two from both sending: seen in CI before the lease, when the worker booted after a test
    // had written its events) and wait out its backoff for nothing.
    await this.sweep(0, this.startedAt);
  }

  onApplicationShutdown(): void {
    if (this.schedulerTimer) clearInterval(this.schedulerTimer);
  }

  private async ensureSchedulers(): Promise<void> {
    const opts = { removeOnComplete: 100, removeOnFail: 100 };
    await this.queue.upsertJobScheduler('heartbeat', { every: 15_000 }, { name: JOB_HEARTBEAT, data: {}, opts });
    await this.queue.upsertJobScheduler('deadline-sweep', { every: 30_000 }, { name: JOB_DEADLINE_SWEEP, data: {}, opts });
    // One digest a day, in the morning Danish time, for the kinds users set to "daily digest".
    await this.queue.upsertJobScheduler('email-digest', { pattern: '0 7 * * *', tz: 'Europe/Copenhagen' }, { name: JOB_EMAIL_DIGEST, data: {}, opts });
    // At 2M permits a refresh costs seconds of database time: every 5 minutes (the dashboard
    // shows `statsAsOf`; the test clock refreshes on demand).
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
  async sweep(minAgeSeconds = 30, webhooksPendingBefore?: Date) {
    // Due alerts and klagefrister are judged at the application time the API set (test clock).
    await syncedNow(this.clock);
    const report = await this.sweeper.sweep();
    // Older than the relay's normal latency = its job was probably lost (e.g. a Redis wipe).
    const pending = await queryRows(
      this.ds,
      ID_ROW,
      sql`SELECT id FROM notifications WHERE email_status = 'pending' AND created_at <= now() - make_interval(secs => ${minAgeSeconds}) ORDER BY created_at LIMIT 1000`,
    );
    // In batches (issue 20 item 2); a job with the same ids that still waits or runs is not
    // doubled, one BullMQ failed (attempts spent) is revived.
    const emailsRevived = await requeueMailJobs(this.notifications, pending.map((p) => p.id));
    // Webhook deliveries whose job Redis lost (same job id, so a job that still exists is not
    // doubled) or BullMQ failed without a recorded outcome (revived). Not those a job holds now
    // (their lease is live); a crashed holder's lease runs out and the next sweep takes them.
    const deliveries = await queryRows(
      this.ds,
      ID_ROW,
      sql`SELECT id FROM webhook_deliveries WHERE status = 'pending' AND updated_at <= now() - make_interval(secs => ${minAgeSeconds})
            AND (claimed_until IS NULL OR claimed_until < now())
            AND (${webhooksPendingBefore ?? null}::timestamptz IS NULL OR updated_at < ${webhooksPendingBefore ?? null}::timestamptz) ORDER BY updated_at LIMIT 5000`,
    );
    const webhooksRevived = await requeuePendingDeliveries(this.webhooks, deliveries.map((d) => d.id), { attempts: this.config.WEBHOOK_MAX_ATTEMPTS, backoffMs: this.config.WEBHOOK_BACKOFF_MS });
    return { ...report, emailsRequeued: pending.length, emailsRevived, webhooksRequeued: deliveries.length, webhooksRevived };
  }
}
