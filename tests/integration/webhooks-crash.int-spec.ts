/**
 * Issue 18 acceptance: a receiver outage of 60 s and a worker SIGKILL lose no webhook. The
 * deliveries are rows in PostgreSQL and their retry jobs live in Redis; after the worker is
 * killed and restarted and the receiver is back, every event arrives, each under the
 * `webhook-id` it had before the crash, so the receiver's dedupe gives exactly-once processing.
 */
import { spawnTs, waitForExit, waitUntil } from './support/env';
import { createSubmittedCase, TestApi } from './support/http';
import { WebhookReceiver } from './support/webhook-receiver';

const APPLICANT = 'anna@nordlys.example';
const OUTAGE_MS = 60_000;

describe('webhooks survive a receiver outage and a worker SIGKILL', () => {
  const receiver = new WebhookReceiver();
  let api: TestApi;
  const env = () => ({
    DATABASE_URL: process.env.DATABASE_URL,
    REDIS_URL: process.env.REDIS_URL,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
    WORKER_CONCURRENCY: '2',
    WEBHOOK_BACKOFF_MS: '1000',
    WEBHOOK_MAX_ATTEMPTS: '12',
  });

  beforeAll(async () => {
    await receiver.start();
    api = await TestApi.start();
    await api.ds.query(`UPDATE outbox SET sent_at = now() WHERE sent_at IS NULL`);
    // The suites share one database: endpoints of earlier suites (their receivers gone) would get
    // this case's events and retry them, and the OS may give this receiver one of their old ports
    // (it did in CI: 214 of their deliveries reached it). Only this suite's endpoint is active.
    await api.ds.query(`UPDATE webhook_endpoints SET status = 'disabled', disabled_reason = 'webhooks-crash: earlier suites' WHERE status = 'active'`);
    await api.ds.query(`UPDATE webhook_deliveries SET status = 'cancelled', updated_at = now() WHERE status = 'pending'`);
  });
  afterAll(async () => {
    await api?.stop();
    await receiver.stop();
  });

  it('delivers every event after recovery, with the webhook-id it had before the crash', async () => {
    const created = await api.post('/webhooks/endpoints', { url: receiver.url('/hook'), eventTypes: ['document.added', 'permit.routed'] }, APPLICANT);
    expect(created.status).toBe(201);
    receiver.verifyWith('/hook', created.body.secret);
    const endpointId = created.body.id as string;
    await receiver.stop(); // the receiver's outage begins
    const outageStarted = Date.now();

    let worker = spawnTs('apps/worker/src/main.ts', env());
    const c = await createSubmittedCase(api, APPLICANT, { municipalityCode: '219', siteZone: 'byzone', inIndustrialPark: true, fitsMunicipalPlanFrame: true, newBuildingOrExtension: true }, `Outage ${Date.now()}`);
    for (let i = 0; i < 4; i++) expect((await api.upload(APPLICANT, c.id)).status).toBe(201);

    // Every delivery tried and failed at least once (connection refused), then the worker dies.
    const before = await waitUntil(
      async () => {
        const rows: { id: string; attempts: number; status: string }[] = await api.ds.query(`SELECT id, attempts, status FROM webhook_deliveries WHERE endpoint_id = $1`, [endpointId]);
        return rows.length >= 5 && rows.every((r) => r.attempts >= 1 && r.status === 'pending') ? rows : undefined;
      },
      60_000,
      'every delivery failed once during the outage',
    );
    worker.kill('SIGKILL');
    await waitForExit(worker, 10_000);
    worker = spawnTs('apps/worker/src/main.ts', env());
    try {
      await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - outageStarted))));
      await receiver.start(); // back on the same port
      const after = await waitUntil(
        async () => {
          const rows: { id: string; status: string }[] = await api.ds.query(`SELECT id, status FROM webhook_deliveries WHERE endpoint_id = $1`, [endpointId]);
          return rows.every((r) => r.status === 'delivered') ? rows : undefined;
        },
        150_000,
        'every delivery delivered after recovery',
      );
      // No delivery was lost or added, and each arrived under its own, unchanged webhook-id.
      expect(after.map((r) => r.id).sort()).toEqual(before.map((r) => r.id).sort());
      const processed = new Set(receiver.at('/hook').map((r) => r.webhookId)); // the receiver's dedupe
      expect([...processed].sort()).toEqual(before.map((r) => r.id).sort());
      expect(new Set(receiver.at('/hook').map((r) => r.eventId)).size).toBe(before.length);
      expect(receiver.rejected).toEqual([]);
    } finally {
      worker.kill('SIGTERM');
      await waitForExit(worker, 20_000).catch(() => worker.kill('SIGKILL'));
    }
  }, 300_000);
});
