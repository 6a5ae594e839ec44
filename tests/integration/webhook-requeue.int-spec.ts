/**
 * The maintenance sweep's webhook re-enqueue against real Redis (BullMQ). Found by the fault
 * suite (seed 2228448824): a delivery job killed mid-attempt more often than BullMQ's stalled
 * limit allows ends in the failed set without its outcome being recorded; its id is kept there
 * (removeOnFail), so re-adding the same id did nothing and the delivery, still pending in
 * PostgreSQL, was never tried again. `requeuePendingDeliveries` revives exactly such jobs and
 * leaves waiting, delayed and running ones alone.
 */
import { randomUUID } from 'node:crypto';
import { JOB_WEBHOOK_DELIVERY } from '@rl/queues';
import { enqueueDeliveries, requeuePendingDeliveries, webhookJobId } from '@rl/webhooks';
import { suiteQueue } from './support/bull-queue';

const OPTS = { attempts: 3, backoffMs: 60_000 };

describe('requeuePendingDeliveries', () => {
  const suite = suiteQueue('test-webhook-requeue');

  /** A delivery whose job BullMQ failed (here: one attempt that threw), as after too many stalls. */
  async function failedDelivery(): Promise<string> {
    const id = randomUUID();
    const queue = suite.queue();
    await queue.add(JOB_WEBHOOK_DELIVERY, { deliveryId: id }, { jobId: webhookJobId(id), attempts: 1, removeOnFail: 5000 });
    await suite.failJob(webhookJobId(id));
    expect(await (await queue.getJob(webhookJobId(id)))!.getState()).toBe('failed');
    return id;
  }

  it('a plain re-add of a failed job id does nothing (the bug), the sweep re-enqueue revives it', async () => {
    const queue = suite.queue();
    const id = await failedDelivery();
    await enqueueDeliveries(queue, [id], OPTS);
    expect(await (await queue.getJob(webhookJobId(id)))!.getState()).toBe('failed');

    expect(await requeuePendingDeliveries(queue, [id], OPTS)).toBe(1);
    const revived = (await queue.getJob(webhookJobId(id)))!;
    expect(await revived.getState()).toBe('waiting');
    expect(revived.opts.attempts).toBe(OPTS.attempts);
    expect(revived.data).toEqual({ deliveryId: id });
  });

  it('leaves a delayed (backing off) job and a waiting job alone, and adds a job Redis lost', async () => {
    const queue = suite.queue();
    const delayed = randomUUID();
    await queue.add(JOB_WEBHOOK_DELIVERY, { deliveryId: delayed }, { jobId: webhookJobId(delayed), delay: 60_000, attempts: 7 });
    const waiting = randomUUID();
    await queue.add(JOB_WEBHOOK_DELIVERY, { deliveryId: waiting }, { jobId: webhookJobId(waiting), attempts: 7 });
    const lost = randomUUID();

    expect(await requeuePendingDeliveries(queue, [delayed, waiting, lost], OPTS)).toBe(0);
    expect(await (await queue.getJob(webhookJobId(delayed)))!.getState()).toBe('delayed');
    expect((await queue.getJob(webhookJobId(delayed)))!.opts.attempts).toBe(7);
    expect(await (await queue.getJob(webhookJobId(waiting)))!.getState()).toBe('waiting');
    expect((await queue.getJob(webhookJobId(waiting)))!.opts.attempts).toBe(7);
    expect(await (await queue.getJob(webhookJobId(lost)))!.getState()).toBe('waiting');
  });
});
