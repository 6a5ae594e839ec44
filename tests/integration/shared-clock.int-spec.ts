import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { JOB_DEADLINE_SWEEP, QUEUES } from '@rl/queues';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { testConfig, waitUntil } from './support/env';
import { createConfirmedSimpleCase, SIMPLE_FACTS, TestApi } from './support/http';

const DAY = 86_400_000;

/**
 * Issue 12 point 19: the test clock moves the worker too. The API sets it (POST /test/clock);
 * the worker's sweep and deadline-alert jobs read the same application clock from PostgreSQL,
 * so a permit decided at a test-clock date is finalised by the worker when the TEST clock says
 * its klagefrist has run out — not when wall time does.
 */
describe('the application clock is shared by the API and the worker', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let redis: Redis;
  let maintenance: Queue;
  let deadlines: Queue;
  let events: QueueEvents;
  let eventsConnection: Redis;

  beforeAll(async () => {
    api = await TestApi.start();
    redis = new Redis(process.env.REDIS_URL as string, { maxRetriesPerRequest: null });
    maintenance = new Queue(QUEUES.maintenance, { connection: redis });
    deadlines = new Queue(QUEUES.deadlines, { connection: redis });
    eventsConnection = redis.duplicate();
    events = new QueueEvents(QUEUES.maintenance, { connection: eventsConnection });
    await events.waitUntilReady();
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(testConfig()), { logger: false });
    await worker.init();
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await events?.close();
    await eventsConnection?.quit();
    await maintenance?.close();
    await deadlines?.close();
    await redis?.quit();
    // Later test files start from wall time (TestApi.start resets the shared clock too).
    await api?.stop();
  });

  /** Runs the worker's deadline sweep job (as its scheduler does every 30 s) and waits for it. */
  async function workerSweep(): Promise<{ now: string; appealPeriodsExpired: number }> {
    const job = await maintenance.add(JOB_DEADLINE_SWEEP, {}, { removeOnComplete: 100, removeOnFail: 100 });
    return job.waitUntilFinished(events, 30_000);
  }

  async function decidedBuildingPermit(decideAt: string) {
    const { created: c, permit } = await createConfirmedSimpleCase(api, decideAt, `Shared clock ${decideAt}`);
    const permitId = permit.id as string;
    const decided = await api.permitEvent(permitId, 'cw.hillerod', { type: 'authority.decisionIssued', outcome: 'granted', reason: 'Meets the local plan' });
    expect([decided.status, decided.body.state]).toEqual([200, 'decided.appealPeriod']);
    return { caseId: c.id as string, permitId, appealDeadlineOn: decided.body.clocks.appealDeadlineOn as string };
  }

  const stateOf = async (permitId: string) => (await api.ds.query(`SELECT state FROM permits WHERE id = $1`, [permitId]))[0].state as string;

  it('a permit decided at a past test-clock date is finalised by the worker when the test clock passes its klagefrist, not before', async () => {
    // Decided in September 2025 (catalogue 2025.1 is valid from 2025-06-21; wall time is later):
    // by wall time the klagefrist has long run out.
    const { permitId, appealDeadlineOn } = await decidedBuildingPermit('2025-09-01T09:00:00Z');
    expect(appealDeadlineOn > '2025-09-01').toBe(true);
    expect(Date.parse(`${appealDeadlineOn}T23:59:59Z`)).toBeLessThan(Date.now());
    const dayAfter = new Date(Date.parse(`${appealDeadlineOn}T08:00:00Z`) + DAY).toISOString();

    // The worker's sweep runs at the test clock's "now" (the decision day): nothing expires.
    const early = await workerSweep();
    expect(early.now.slice(0, 10)).toBe('2025-09-01');
    expect(await stateOf(permitId)).toBe('decided.appealPeriod');

    // Move the test clock past the klagefrist WITHOUT the API's own sweep: only the worker can act.
    const moved = await api.post('/test/clock', { now: dayAfter, sweep: false });
    expect([moved.status, moved.body.sweep]).toEqual([200, null]);
    expect(await stateOf(permitId)).toBe('decided.appealPeriod');

    const late = await workerSweep();
    expect(late.now.slice(0, 10)).toBe(dayAfter.slice(0, 10));
    // This sweep, or the worker's own scheduled one (every 30 s) when it ran in between, expired
    // it: counting only this job's expiries failed in CI when the scheduled sweep got there first.
    // Either way the worker did, at the test clock (the audit row below).
    expect(await stateOf(permitId)).toBe('final');
    // The transition is stamped with the test clock, not wall time.
    const [audit] = await api.ds.query(`SELECT actor_role, occurred_at FROM audit_events WHERE permit_id = $1 AND event_type = 'appeal.periodExpired'`, [permitId]);
    expect(audit.actor_role).toBe('system');
    expect(new Date(audit.occurred_at).toISOString().slice(0, 10)).toBe(dayAfter.slice(0, 10));
  }, 90_000);

  it('deadline-alert jobs are delayed by test-clock time, so an alert due at a past test-clock date does not fire at once', async () => {
    const { permit } = await createConfirmedSimpleCase(api, '2025-10-06T09:00:00Z', 'Shared clock alerts'); // Monday
    const permitId = permit.id as string;
    const [warning] = await api.ds.query(`SELECT due_at FROM deadline_alerts WHERE permit_id = $1 AND threshold = 'warning'`, [permitId]);
    const dueMs = new Date(warning.due_at).getTime();
    expect(dueMs).toBeLessThan(Date.now()); // in the past by wall time

    // The worker's outbox relay schedules the delayed job relative to the shared clock.
    const jobId = `alert-${permitId}-target-warning-${dueMs}`;
    const job = await waitUntil(async () => (await deadlines.getJob(jobId)) ?? undefined, 20_000, 'alert job');
    const expectedDelay = dueMs - Date.parse('2025-10-06T09:00:00Z');
    expect(job.opts.delay).toBeGreaterThan(expectedDelay - 60_000);
    expect(job.opts.delay).toBeLessThanOrEqual(expectedDelay);
    expect(expectedDelay).toBeGreaterThan(30 * DAY);
    // Give a wrongly-immediate job the time it would need to fire: no warning yet.
    await new Promise((r) => setTimeout(r, 1500));
    const fired = await api.ds.query(`SELECT count(*)::int AS n FROM deadline_alerts WHERE permit_id = $1 AND fired_at IS NOT NULL`, [permitId]);
    expect(fired[0].n).toBe(0);

    // Past the warning instant on the test clock, the worker's sweep fires it, stamped with that instant.
    await api.post('/test/clock', { now: new Date(dueMs + 3_600_000).toISOString(), sweep: false });
    await workerSweep();
    const [row] = await api.ds.query(`SELECT fired_at FROM deadline_alerts WHERE permit_id = $1 AND threshold = 'warning'`, [permitId]);
    expect(row.fired_at).not.toBeNull();
    expect(Math.abs(new Date(row.fired_at).getTime() - (dueMs + 3_600_000))).toBeLessThan(60_000);
  }, 90_000);

  // The ceiling date probes the clock; only an L 206-eligible project has one (issue 13 item 16):
  // a listed activity (L 206 §2) and an investment ≥ DKK 100 million.
  const L206_FACTS = { ...SIMPLE_FACTS, listedActivity: { annex: 'annex2', sMarked: false }, investmentDkk: 150_000_000 };

  it('a second API process sees the clock the first one set (cached briefly, then re-read)', async () => {
    await api.setClock('2028-01-03T09:00:00Z');
    const other = await TestApi.start({}, { keepClock: true });
    try {
      const screened = await waitUntil(async () => {
        const r = await other.post('/screening', L206_FACTS);
        return r.body?.caseCeiling?.dueOnIfStartedToday?.startsWith('2029') ? r.body : undefined;
      }, 10_000, 'the other API on the shared clock');
      expect(screened.caseCeiling.dueOnIfStartedToday.slice(0, 4)).toBe('2029');
    } finally {
      await other.stop();
    }
  }, 60_000);

  it('refuses a time the calendar cannot count from (year 9999) with 400 CLOCK.INVALID_DATE before the clock moves', async () => {
    await api.setClock('2027-05-03T08:00:00Z');
    const [before] = await api.ds.query('SELECT * FROM app_clock');
    const r = await api.post('/test/clock', { now: '9999-12-31T23:59:59Z' });
    expect([r.status, r.body.code]).toEqual([400, 'CLOCK.INVALID_DATE']);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect((await api.ds.query('SELECT * FROM app_clock'))[0]).toEqual(before);
    const screened = await api.post('/screening', L206_FACTS);
    expect(screened.body.caseCeiling.dueOnIfStartedToday.slice(0, 4)).toBe('2028');
  });
});
