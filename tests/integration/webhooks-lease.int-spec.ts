/**
 * The webhook delivery lease (issue 18, at-least-once without needless doubles): two jobs that
 * hold the same pending delivery at once — a relay batch and the sweep's per-delivery job, or a
 * batch job a previous worker left in Redis — POST it once, not twice. The jobs are played by
 * direct calls of the worker's own functions against PostgreSQL and a real, slow HTTP receiver,
 * so the second call starts while the first one's POST is in flight.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { attemptDeliveries, attemptDelivery, enqueueDeliveries } from '@rl/webhooks';
import { spawnTs, waitForExit, waitUntil } from './support/env';
import { TestApi } from './support/http';
import { WebhookReceiver } from './support/webhook-receiver';

const APPLICANT = 'anna@nordlys.example';
const SLOW_MS = 400;

describe('webhook delivery lease', () => {
  const receiver = new WebhookReceiver();
  let endpointId: string;
  // Before forSuite's own afterAll (hooks run in the order declared), so the API is still up.
  afterAll(async () => {
    if (endpointId) await api.ds.query(`DELETE FROM webhook_endpoints WHERE id = $1`, [endpointId]);
    await receiver.stop();
  });
  const api = TestApi.forSuite();
  const opts = { now: new Date(), production: false, timeoutMs: 5_000, maxResponseBytes: 1024 };

  beforeAll(async () => {
    await receiver.start();
    receiver.on('/slow', async (_q, res) => {
      await new Promise((r) => setTimeout(r, SLOW_MS));
      res.writeHead(204).end();
    });
    const created = await api.post('/webhooks/endpoints', { url: receiver.url('/slow'), eventTypes: ['document.added'] }, APPLICANT);
    expect(created.status).toBe(201);
    receiver.verifyWith('/slow', created.body.secret);
    endpointId = created.body.id;
  });

  /** Pending deliveries of a made-up event each, as the relay's fan-out writes them. */
  async function pendingDeliveries(n: number): Promise<string[]> {
    const rows: { id: string }[] = await api.ds.query(
      `INSERT INTO webhook_deliveries (endpoint_id, outbox_id, event_type, event)
       SELECT $1, -(extract(epoch FROM clock_timestamp()) * 1000000)::bigint - g, 'document.added',
              jsonb_build_object('specversion', '1.0', 'id', gen_random_uuid(), 'type', 'document.added', 'source', 'test', 'data', jsonb_build_object('n', g))
         FROM generate_series(1, $2::int) g RETURNING id`,
      [endpointId, n],
    );
    return rows.map((r) => r.id);
  }
  const hitsOf = (ids: string[]) => receiver.hits.filter((h) => ids.includes(h.webhookId)).length;
  const rowsOf = async (ids: string[]) =>
    (await api.ds.query(`SELECT id, status, attempts, claimed_until FROM webhook_deliveries WHERE id = ANY($1::uuid[]) ORDER BY id`, [ids])) as {
      id: string;
      status: string;
      attempts: number;
      claimed_until: Date | null;
    }[];

  it('a batch and a per-delivery job at the same time: each delivery is POSTed once, the late job is told it is busy', async () => {
    const ids = await pendingDeliveries(3);
    const batch = attemptDeliveries(api.ds, ids, { ...opts, maxAttempts: 3 });
    // The batch has claimed its rows and its POSTs are in flight.
    await new Promise((r) => setTimeout(r, SLOW_MS / 2));
    expect((await rowsOf(ids)).every((r) => r.claimed_until !== null)).toBe(true);
    const single = await attemptDelivery(api.ds, ids[0], { ...opts, lastAttempt: false });
    expect(single).toMatchObject({ kind: 'busy' });
    // Told until when: the lease (the POST timeout + 30 s) the batch took.
    const [{ claimed_until }] = await rowsOf([ids[0]]);
    expect(single.kind === 'busy' && single.until.getTime()).toBe(claimed_until?.getTime());
    const { outcomes, retry } = await batch;
    expect([...outcomes.values()].map((o) => o.kind)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(retry).toEqual([]);
    expect(hitsOf(ids)).toBe(3);
    // Recorded once each, and the claim is released with the record.
    expect((await rowsOf(ids)).map((r) => [r.status, r.attempts, r.claimed_until])).toEqual(ids.map(() => ['delivered', 1, null]));
    // The busy job's retry finds the delivery settled and sends nothing.
    expect(await attemptDelivery(api.ds, ids[0], { ...opts, lastAttempt: false })).toEqual({ kind: 'skipped', reason: 'already delivered' });
    expect(hitsOf(ids)).toBe(3);
  });

  it('two batches with the same deliveries (a previous worker left one in Redis): one POST each', async () => {
    const ids = await pendingDeliveries(4);
    const [a, b] = await Promise.all([attemptDeliveries(api.ds, ids, { ...opts, maxAttempts: 3 }), attemptDeliveries(api.ds, ids, { ...opts, maxAttempts: 3 })]);
    expect(a.outcomes.size + b.outcomes.size).toBe(4);
    expect(hitsOf(ids)).toBe(4);
    expect((await rowsOf(ids)).map((r) => [r.status, r.attempts])).toEqual(ids.map(() => ['delivered', 1]));
  });

  it('a holder that died mid-send: its lease runs out, then the delivery is sent again (at-least-once)', async () => {
    const [id] = await pendingDeliveries(1);
    // A claim as a killed worker leaves it: live, then expired.
    await api.ds.query(`UPDATE webhook_deliveries SET claimed_until = now() + interval '1 minute' WHERE id = $1`, [id]);
    expect(await attemptDelivery(api.ds, id, { ...opts, lastAttempt: false })).toMatchObject({ kind: 'busy' });
    expect((await attemptDeliveries(api.ds, [id], { ...opts, maxAttempts: 3 })).outcomes.size).toBe(0);
    expect(hitsOf([id])).toBe(0);
    await api.ds.query(`UPDATE webhook_deliveries SET claimed_until = now() - interval '1 second' WHERE id = $1`, [id]);
    expect(await attemptDelivery(api.ds, id, { ...opts, lastAttempt: false })).toMatchObject({ kind: 'delivered', statusCode: 204 });
    expect(hitsOf([id])).toBe(1);
    expect((await rowsOf([id]))[0]).toMatchObject({ status: 'delivered', attempts: 1, claimed_until: null });
  });

  it('the worker: a job that finds its delivery claimed waits for the lease without spending an attempt', async () => {
    await api.ds.query(`UPDATE outbox SET sent_at = now() WHERE sent_at IS NULL`);
    const redis = new Redis(process.env.REDIS_URL as string, { maxRetriesPerRequest: null });
    const queue = new Queue('webhooks', { connection: redis });
    const worker = spawnTs('apps/worker/src/main.ts', { DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: process.env.REDIS_URL, LOG_LEVEL: 'warn', NODE_ENV: 'test', WORKER_CONCURRENCY: '2' });
    try {
      await waitUntil(async () => ((await queue.getWorkersCount()) > 0 ? true : undefined), 30_000, 'the worker took the webhooks queue');
      const [id] = await pendingDeliveries(1);
      // Held by another job for 3 more seconds; this job has ONE attempt. Had the wait cost it
      // that attempt, the job would fail and the delivery stay pending (the sweep revives it
      // only after 30 s, past this test's wait).
      await api.ds.query(`UPDATE webhook_deliveries SET claimed_until = now() + interval '3 seconds' WHERE id = $1`, [id]);
      await enqueueDeliveries(queue, [id], { attempts: 1, backoffMs: 100 });
      const row = await waitUntil(async () => (await rowsOf([id])).find((r) => r.status !== 'pending'), 15_000, 'the delivery settled');
      expect(row).toMatchObject({ status: 'delivered', attempts: 1, claimed_until: null });
      expect(hitsOf([id])).toBe(1);
    } finally {
      worker.kill('SIGTERM');
      await waitForExit(worker, 20_000).catch(() => worker.kill('SIGKILL'));
      await queue.close();
      await redis.quit();
    }
  }, 60_000);

  it('a failed attempt releases the claim, so its retry can send', async () => {
    receiver.on('/slow', (_q, res) => void res.writeHead(503).end());
    try {
      const [id] = await pendingDeliveries(1);
      expect(await attemptDelivery(api.ds, id, { ...opts, lastAttempt: false })).toMatchObject({ kind: 'failed', statusCode: 503, dead: false });
      expect((await rowsOf([id]))[0]).toMatchObject({ status: 'pending', attempts: 1, claimed_until: null });
      expect(await attemptDelivery(api.ds, id, { ...opts, lastAttempt: true })).toMatchObject({ kind: 'failed', dead: true });
      expect(receiver.hits.filter((h) => h.webhookId === id)).toHaveLength(2);
    } finally {
      receiver.on('/slow', (_q, res) => void res.writeHead(204).end());
    }
  });
});
