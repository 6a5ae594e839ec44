import { createHash } from 'node:crypto';
import type { Queue } from 'bullmq';
import { JOB_SEND_EMAIL_BATCH, jobId, removeFailedJobs } from '@rl/queues';

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

/**
 * The sweep's re-enqueue of e-mails still pending in PostgreSQL: their batch jobs, where a job of
 * the same id that BullMQ failed (its attempts spent while SMTP was down, or too many stalls) is
 * removed first. A failed job is kept (removeOnFail) under its id, so a plain re-add of the same
 * ids did nothing, and those e-mails waited until the set of pending rows changed — forever, if
 * nothing new arrived. Waiting, delayed and running jobs are left alone (the add is a no-op for
 * them). Returns how many failed or completed jobs were revived.
 */
export async function requeueMailJobs(queue: Pick<Queue, 'addBulk' | 'getJob'>, notificationIds: readonly string[], size = MAIL_BATCH_SIZE): Promise<number> {
  const jobs = mailBatchJobs(notificationIds, size);
  if (jobs.length === 0) return 0;
  // Completed ones too: a batch job that ran while another sender held its rows (SKIP LOCKED)
  // completed without sending them; kept under its id, it made the same re-add a no-op while
  // those rows stayed pending. The PostgreSQL claim still sends each e-mail once.
  const revived = await removeFailedJobs(queue, jobs.map((j) => j.opts.jobId), ['failed', 'completed']);
  await queue.addBulk(jobs);
  return revived;
}
