/**
 * The maintenance sweep's e-mail re-enqueue against real Redis (BullMQ). An e-mail job whose
 * attempts were spent (SMTP down for longer than its backoff, or too many stalls) stays in the
 * failed set under its id (removeOnFail), and the sweep builds the same id again from the same
 * pending rows: a plain re-add did nothing, so those e-mails were never tried again while the set
 * of pending rows stayed the same. `requeueMailJobs` revives exactly such jobs and leaves
 * waiting, delayed and running ones alone.
 */
import { randomUUID } from 'node:crypto';
import { mailBatchJobs, requeueMailJobs } from '../../apps/worker/src/mail-batch';
import { suiteQueue } from './support/bull-queue';

describe('requeueMailJobs', () => {
  const suite = suiteQueue('test-mail-requeue');

  const jobOf = (ids: string[]) => mailBatchJobs(ids)[0];

  /** Pending e-mails whose batch job BullMQ failed (here: one attempt that threw, as with SMTP down). */
  async function failedBatch(): Promise<string[]> {
    const ids = [randomUUID(), randomUUID()];
    const job = jobOf(ids);
    const queue = suite.queue();
    await queue.add(job.name, job.data, { ...job.opts, attempts: 1 });
    await suite.failJob(job.opts.jobId);
    expect(await (await queue.getJob(job.opts.jobId))!.getState()).toBe('failed');
    return ids;
  }

  it('a plain re-add of a failed batch does nothing (the bug); the sweep re-enqueue revives it with the same ids', async () => {
    const queue = suite.queue();
    const ids = await failedBatch();
    const job = jobOf(ids);
    await queue.addBulk(mailBatchJobs(ids));
    expect(await (await queue.getJob(job.opts.jobId))!.getState()).toBe('failed');

    expect(await requeueMailJobs(queue, ids)).toBe(1);
    const revived = (await queue.getJob(job.opts.jobId))!;
    expect(await revived.getState()).toBe('waiting');
    expect(revived.data).toEqual({ notificationIds: ids });
  });

  it('revives a batch that completed without sending (its rows were held by another sender) while they are still pending', async () => {
    const queue = suite.queue();
    const ids = [randomUUID(), randomUUID()];
    const job = jobOf(ids);
    await queue.add(job.name, job.data, job.opts);
    await suite.completeJob(job.opts.jobId);
    expect(await (await queue.getJob(job.opts.jobId))!.getState()).toBe('completed');
    await queue.addBulk(mailBatchJobs(ids)); // the plain re-add: a no-op while the completed job is kept
    expect(await (await queue.getJob(job.opts.jobId))!.getState()).toBe('completed');
    expect(await requeueMailJobs(queue, ids)).toBe(1);
    expect(await (await queue.getJob(job.opts.jobId))!.getState()).toBe('waiting');
  });

  it('leaves a delayed (backing off) and a waiting batch alone, and adds one Redis lost', async () => {
    const queue = suite.queue();
    const delayed = [randomUUID()];
    await queue.add(jobOf(delayed).name, jobOf(delayed).data, { ...jobOf(delayed).opts, delay: 60_000 });
    const waiting = [randomUUID()];
    await queue.add(jobOf(waiting).name, jobOf(waiting).data, jobOf(waiting).opts);
    const lost = [randomUUID()];

    for (const ids of [delayed, waiting, lost]) expect(await requeueMailJobs(queue, ids)).toBe(0);
    expect(await (await queue.getJob(jobOf(delayed).opts.jobId))!.getState()).toBe('delayed');
    expect(await (await queue.getJob(jobOf(waiting).opts.jobId))!.getState()).toBe('waiting');
    expect(await (await queue.getJob(jobOf(lost).opts.jobId))!.getState()).toBe('waiting');
  });
});
