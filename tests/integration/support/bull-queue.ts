import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';

/**
 * A BullMQ queue of this suite's own (a unique name on the test Redis), obliterated after the
 * suite, and a way to make a job end in the failed set as after spent attempts or too many stalls.
 */
export function suiteQueue(prefix: string): { queue: () => Queue; failJob: (jobId: string) => Promise<void>; completeJob: (jobId: string) => Promise<void> } {
  const name = `${prefix}-${process.pid}-${Date.now()}`;
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
  /** Runs the queue's waiting jobs with a worker that throws, until `jobId` has failed. */
  /** Runs the queue's jobs with `processor` until `jobId` is `until` (failed or completed). */
  async function runJob(jobId: string, processor: () => Promise<unknown>, until: 'failed' | 'completed'): Promise<void> {
    // BullMQ does not close a connection it was given: the worker's own one is quit here.
    const workerConnection = connection.duplicate();
    const worker = new Worker(name, processor, { connection: workerConnection });
    try {
      for (let i = 0; i < 100 && (await (await queue.getJob(jobId))?.getState()) !== until; i++) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await worker.close();
      await workerConnection.quit();
    }
  }
  const failJob = (jobId: string) =>
    runJob(
      jobId,
      async () => {
        throw new Error('attempt failed');
      },
      'failed',
    );
  const completeJob = (jobId: string) => runJob(jobId, async () => ({ sent: 0 }), 'completed');
  return { queue: () => queue, failJob, completeJob };
}
