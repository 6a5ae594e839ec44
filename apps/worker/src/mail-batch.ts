import { createHash } from 'node:crypto';
import { JOB_SEND_EMAIL_BATCH, jobId } from '@rl/queues';

/** Notifications per e-mail job (issue 20 item 2): one job, one claim and one mark for up to this many e-mails. */
export const MAIL_BATCH_SIZE = 50;

/** The options every e-mail job gets (retries with backoff come from the queue's default job options). */
export const MAIL_JOB_OPTS = { removeOnComplete: 1000, removeOnFail: 5000 } as const;

/**
 * The e-mail jobs for a list of notification ids: one `SEND_EMAIL_BATCH` job per `size` ids, in
 * order. A job's id is derived from exactly the ids it carries (`mails-<sha1 of the ids>`), so
 * relaying or sweeping the same rows again adds nothing while that job exists, and a different
 * composition (a relay batch re-read after a crash with more rows) is a different job: the
 * sender's claim in PostgreSQL (`FOR UPDATE … SKIP LOCKED` on `email_status = 'pending'`)
 * makes sure each e-mail is still sent once in normal operation.
 */
export function mailBatchJobs(notificationIds: readonly string[], size = MAIL_BATCH_SIZE): { name: string; data: { notificationIds: string[] }; opts: { jobId: string } & typeof MAIL_JOB_OPTS }[] {
  if (!Number.isInteger(size) || size < 1) throw new Error(`bad mail batch size ${size}`);
  const jobs = [];
  for (let i = 0; i < notificationIds.length; i += size) {
    const ids = notificationIds.slice(i, i + size);
    const digest = createHash('sha1').update(ids.join(',')).digest('hex');
    jobs.push({ name: JOB_SEND_EMAIL_BATCH, data: { notificationIds: ids }, opts: { jobId: jobId('mails', digest), ...MAIL_JOB_OPTS } });
  }
  return jobs;
}
