/**
 * The maintenance sweep's e-mail re-enqueue against real Redis (BullMQ). An e-mail job whose
 * attempts were spent (SMTP down for longer than its backoff, or too many stalls) stays in the
 * failed set under its id (removeOnFail), and the sweep builds the same id again from the same
 * pending rows: a plain re-add did nothing, so those e-mails were never tried again while the set
 * of pending rows stayed the same. `requeueMailJobs` revives exactly such jobs and leaves
 * waiting, delayed and running ones alone.
 */
import { randomUUID } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { mailBatchJobs, requeueMailJobs } from '../../apps/worker/src/mail-batch';

describe('requeueMailJobs', () => {
  const name = `test-mail-requeue-${process.pid}-${Date.now()}`;
  let connection: IORedis;
  let queue: Queue;

  beforeAll(() => {
    connection = new IORedis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
    queue = new Queue(name, { connection });
  });
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    await connection.quit();
  });

  const jobOf = (ids: string[]) => mailBatchJobs(ids)[0];

  /** Pending e-mails whose batch job BullMQ failed (here: one attempt that threw, as with SMTP down). */
  async function failedBatch(): Promise<string[]> {
    const ids = [randomUUID(), randomUUID()];
    const job = jobOf(ids);
    await queue.add(job.name, job.data, { ...job.opts, attempts: 1 });
    // BullMQ does not close a connection it was given: the worker's own one is quit here.
    const workerConnection = connection.duplicate();
    const worker = new Worker(name, async () => {
      throw new Error('SMTP down');
    }, { connection: workerConnection });
    try {
      for (let i = 0; i < 100 && (await queue.getJob(job.opts.jobId))?.failedReason === undefined; i++) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await worker.close();
      await workerConnection.quit();
    }
    expect(await (await queue.getJob(job.opts.jobId))!.getState()).toBe('failed');
    return ids;
  }

  it('a plain re-add of a failed batch does nothing (the bug); the sweep re-enqueue revives it with the same ids', async () => {
    const ids = await failedBatch();
    const job = jobOf(ids);
    await queue.addBulk(mailBatchJobs(ids));
    expect(await (await queue.getJob(job.opts.jobId))!.getState()).toBe('failed');

    expect(await requeueMailJobs(queue, ids)).toBe(1);
    const revived = (await queue.getJob(job.opts.jobId))!;
    expect(await revived.getState()).toBe('waiting');
    expect(revived.data).toEqual({ notificationIds: ids });
  });

  it('leaves a delayed (backing off) and a waiting batch alone, and adds one Redis lost', async () => {
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
