import type { Queue } from 'bullmq';
import { JOB_WEBHOOK_DELIVERY, JOB_WEBHOOK_DELIVERY_BATCH } from '@rl/queues';
import { enqueueDeliveryBatches, enqueueRetries, webhookJobId } from './jobs';

/** Records what would be added (the job specs are the unit under test, not BullMQ). */
function recordingQueue() {
  const added: { name: string; data: Record<string, unknown>; opts: Record<string, unknown> }[] = [];
  const queue = { addBulk: async (jobs: typeof added) => void added.push(...jobs) } as unknown as Queue;
  return { queue, added };
}

describe('webhook delivery jobs', () => {
  const ids = Array.from({ length: 7 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`);

  it('batches first attempts, each job carrying its ids and named after exactly them', async () => {
    const { queue, added } = recordingQueue();
    await enqueueDeliveryBatches(queue, ids, 3);
    expect(added.map((j) => j.data.deliveryIds)).toEqual([ids.slice(0, 3), ids.slice(3, 6), ids.slice(6)]);
    expect(added.every((j) => j.name === JOB_WEBHOOK_DELIVERY_BATCH)).toBe(true);
    const again = recordingQueue();
    await enqueueDeliveryBatches(again.queue, ids, 3);
    expect(again.added.map((j) => j.opts.jobId)).toEqual(added.map((j) => j.opts.jobId));
    const other = recordingQueue();
    await enqueueDeliveryBatches(other.queue, ids.slice(0, 4), 3);
    expect(other.added[0].opts.jobId).toBe(added[0].opts.jobId);
    expect(other.added[1].opts.jobId).not.toBe(added[1].opts.jobId);
  });

  it("retries a failed first attempt as the delivery's own job, after the backoff, with the attempts it has left", async () => {
    const { queue, added } = recordingQueue();
    await enqueueRetries(queue, [{ id: ids[0], attemptsLeft: 9 }], 250);
    expect(added).toEqual([
      {
        name: JOB_WEBHOOK_DELIVERY,
        data: { deliveryId: ids[0] },
        opts: expect.objectContaining({ jobId: webhookJobId(ids[0]), delay: 250, attempts: 9, backoff: { type: 'exponential', delay: 250 } }),
      },
    ]);
  });

  it('adds nothing for no deliveries', async () => {
    const { queue, added } = recordingQueue();
    await enqueueDeliveryBatches(queue, []);
    await enqueueRetries(queue, [], 250);
    expect(added).toEqual([]);
  });
});
