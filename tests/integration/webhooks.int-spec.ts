/**
 * Issue 18 item 1 acceptance: outbound webhooks, end to end over real HTTP. The API runs in
 * process, the worker as a child process (as in production), and a real HTTP receiver in this
 * process verifies every request with the `standardwebhooks` library.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { spawnTs, waitForExit, waitUntil } from './support/env';
import { createCase, createSubmittedCase, PHARMA_FACTS, TestApi } from './support/http';
import { WebhookReceiver } from './support/webhook-receiver';

const APPLICANT = 'anna@nordlys.example';
const CW = 'cw.hillerod';
const COORD = 'coordinator';
const ALL_TYPES = ['permit.routed', 'permit.infoAnswered', 'document.added', 'permit.decisionIssued', 'deadline.warning', 'deadline.breach', 'appeal.lodged', 'appeal.decided', 'plan.changed'];

describe('webhooks (issue 18)', () => {
  const receiver = new WebhookReceiver();
  let api: TestApi;
  let worker: ReturnType<typeof spawnTs>;
  let redis: Redis;
  let queue: Queue;

  beforeAll(async () => {
    await receiver.start();
    api = await TestApi.start();
    // Other test files leave unrelayed outbox rows (no worker ran for them): not this scenario's events.
    await api.ds.query(`UPDATE outbox SET sent_at = now() WHERE sent_at IS NULL`);
    redis = new Redis(process.env.REDIS_URL as string, { maxRetriesPerRequest: null });
    queue = new Queue('webhooks', { connection: redis });
    worker = spawnTs('apps/worker/src/main.ts', {
      DATABASE_URL: process.env.DATABASE_URL,
      REDIS_URL: process.env.REDIS_URL,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      WORKER_CONCURRENCY: '2',
      WEBHOOK_BACKOFF_MS: '200',
      WEBHOOK_MAX_ATTEMPTS: '3',
    });
  }, 60_000);

  afterAll(async () => {
    worker?.kill('SIGTERM');
    if (worker) await waitForExit(worker, 20_000).catch(() => worker.kill('SIGKILL'));
    await queue?.close();
    await redis?.quit();
    await api?.stop();
    await receiver.stop();
  });

  async function register(as: string, path: string, eventTypes = ALL_TYPES) {
    const r = await api.post('/webhooks/endpoints', { url: receiver.url(path), eventTypes, description: path }, as);
    expect([r.status, r.body.code]).toEqual([201, undefined]);
    expect(r.body.secret).toMatch(/^whsec_/);
    receiver.verifyWith(path, r.body.secret);
    return r.body as { id: string; secret: string; version: number };
  }

  const deliveries = async (endpointId: string) =>
    (await api.ds.query(`SELECT id, status, attempts, event_type, last_status_code, last_error FROM webhook_deliveries WHERE endpoint_id = $1 ORDER BY created_at`, [endpointId])) as {
      id: string;
      status: string;
      attempts: number;
      event_type: string;
      last_status_code: number | null;
      last_error: string | null;
    }[];

  const settled = (endpointId: string, what: string, timeoutMs = 60_000) =>
    waitUntil(
      async () => {
        const ds = await deliveries(endpointId);
        return ds.length > 0 && ds.every((d) => d.status !== 'pending') ? ds : undefined;
      },
      timeoutMs,
      what,
    );

  it('refuses invalid and inward-pointing endpoint URLs with 422, and other owners\' endpoints are 404', async () => {
    const before = (await api.ds.query(`SELECT count(*)::int AS n FROM webhook_endpoints`))[0].n;
    for (const url of ['not a url', 'http://esdh.example.dk/hook', 'https://10.0.0.7/hook', 'https://[::1]/hook', 'https://localhost/hook', 'http://192.168.1.10/x', 'https://u:p@esdh.example.dk/x', 'ftp://esdh.example.dk/x']) {
      const r = await api.post('/webhooks/endpoints', { url, eventTypes: ['permit.routed'] }, CW);
      expect([url, r.status, r.body.code]).toEqual([url, 422, 'WEBHOOK.URL_INVALID']);
      expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
    const unknownType = await api.post('/webhooks/endpoints', { url: receiver.url('/x'), eventTypes: ['permit.exploded'] }, CW);
    expect(unknownType.status).toBe(400);
    expect((await api.ds.query(`SELECT count(*)::int AS n FROM webhook_endpoints`))[0].n).toBe(before);

    const mine = await register(CW, '/scope-check', ['permit.routed']);
    for (const other of ['cw.kalundborg', APPLICANT]) {
      expect((await api.get(`/webhooks/endpoints/${mine.id}`, other)).status).toBe(404);
      expect((await api.call('DELETE', `/webhooks/endpoints/${mine.id}`, { as: other })).status).toBe(404);
      expect((await api.get(`/webhooks/endpoints/${mine.id}/deliveries`, other)).body.code).toBe('WEBHOOK.ENDPOINT_NOT_FOUND');
    }
    expect((await api.get('/webhooks/endpoints', COORD)).status).toBe(403);
    expect((await api.call('DELETE', `/webhooks/endpoints/${mine.id}`, { as: CW })).status).toBe(204);
  }, 60_000);

  it('delivers every event type once per endpoint, signed, to the authority and the company that may see it', async () => {
    const authority = await register(CW, '/authority');
    const company = await register(APPLICANT, '/company');
    const stranger = await register('cw.kalundborg', '/stranger');

    await api.setClock('2026-03-02T09:00:00Z');
    const c = await createSubmittedCase(api, APPLICANT, { municipalityCode: '219', siteZone: 'landzone', newBuildingOrExtension: true }, `Webhook case ${Date.now()}`);
    const lz = c.permits.find((p: { code: string }) => p.code === 'LANDZONE');
    const ok = async (r: Promise<{ status: number; body: any }>) => expect((await r).status).toBe(200);
    await ok(api.permitEvent(lz.id, CW, { type: 'authority.infoRequested', question: 'Site plan, please.' }));
    await ok(api.permitEvent(lz.id, APPLICANT, { type: 'applicant.infoProvided', answer: 'Attached.' }));
    expect((await api.upload(APPLICANT, c.id)).status).toBe(201);
    await ok(api.permitEvent(lz.id, CW, { type: 'authority.completenessConfirmed' }));
    await api.setClock('2027-09-01T09:00:00Z'); // past the target: warning and breach fire
    const current = await api.get(`/permits/${lz.id}`, COORD);
    const moved = await api.call('POST', `/permits/${lz.id}/target-date`, { as: COORD, body: { dueOn: '2027-12-30', reasonCode: 'COMPLEX_CASE' }, headers: { 'if-match': `"${current.body.version}"` } });
    expect(moved.status).toBe(200);
    await ok(api.permitEvent(lz.id, CW, { type: 'authority.hearingStarted' }));
    await api.setClock('2027-10-01T09:00:00Z');
    await ok(api.permitEvent(lz.id, CW, { type: 'authority.hearingEnded' }));
    await ok(api.permitEvent(lz.id, CW, { type: 'authority.decisionIssued', outcome: 'granted', reason: 'Fits the landscape.' }));
    await ok(api.permitEvent(lz.id, COORD, { type: 'appeal.lodged' }));
    await ok(api.permitEvent(lz.id, COORD, { type: 'appeal.decided', outcome: 'upheld' }));

    for (const [endpoint, path] of [[authority, '/authority'], [company, '/company']] as const) {
      const ds = await waitUntil(
        async () => {
          const rows = await deliveries(endpoint.id);
          return rows.filter((d) => d.status === 'delivered').length >= ALL_TYPES.length && rows.every((d) => d.status === 'delivered') && new Set(rows.map((d) => d.event_type)).size === ALL_TYPES.length ? rows : undefined;
        },
        60_000,
        `every event type delivered to ${path}`,
      );
      await new Promise((r) => setTimeout(r, 500)); // anything extra would arrive now
      const got = receiver.at(path);
      // Once per delivery: every delivery id arrived exactly once, and nothing else arrived.
      expect(got.map((g) => g.webhookId).sort()).toEqual(ds.map((d) => d.id).sort());
      expect(new Set(got.map((g) => g.eventId)).size).toBe(got.length);
      // Every type about this case. The clock jump to 2027 also fires the deadline alerts of other
      // cases this authority/company may see (cases of earlier tests in the same database): those may
      // arrive too, but only as deadline events.
      const mine = got.filter((g) => g.data.caseId === c.id);
      expect(new Set(mine.map((g) => g.type))).toEqual(new Set(ALL_TYPES.map((t) => `dk.roedloeber.${t}`)));
      expect(got.filter((g) => g.data.caseId !== c.id).every((g) => g.type.startsWith('dk.roedloeber.deadline.'))).toBe(true);
      // The delivery log says how it went.
      const log = await api.get(`/webhooks/endpoints/${endpoint.id}/deliveries?pageSize=100`, path === '/authority' ? CW : APPLICANT);
      expect(log.status).toBe(200);
      expect(log.body.items.every((d: any) => d.status === 'delivered' && d.attempts === 1 && d.lastStatusCode === 204 && d.lastLatencyMs >= 0)).toBe(true);
    }
    // The same event reached both endpoints under the same CloudEvent id, with different webhook-ids.
    const routedA = receiver.at('/authority').find((g) => g.type.endsWith('permit.routed'));
    const routedB = receiver.at('/company').find((g) => g.eventId === routedA?.eventId);
    expect(routedB?.webhookId).not.toBe(routedA?.webhookId);
    // Kalundborg sees nothing of a Hillerød case.
    expect((await deliveries(stranger.id)).every((d) => d.event_type.startsWith('deadline.'))).toBe(true);
    expect(receiver.at('/stranger').filter((g) => g.data.caseId === c.id)).toEqual([]);
    expect(receiver.at('/stranger').every((g) => g.type.startsWith('dk.roedloeber.deadline.'))).toBe(true);
    expect(receiver.rejected).toEqual([]);
  }, 120_000);

  it('a document uploaded for one permit reaches that permit\'s authority, not the other authorities of the case', async () => {
    await api.setClock('2027-04-01T08:00:00Z'); // before registering: an endpoint gets only events after its registration
    const mst = await register('cw.mst', '/doc-mst', ['document.added']);
    const kalundborg = await register('cw.kalundborg', '/doc-kalundborg', ['document.added']);
    // A draft: its documents are the company's alone until it is filed.
    const draft = await createCase(api, APPLICANT, PHARMA_FACTS, `Draft documents ${Date.now()}`);
    const draftMiljo = draft.permits.find((p: { code: string }) => p.code === 'MILJOEGODKENDELSE').id as string;
    const draftDoc = await api.upload(APPLICANT, draft.id, { permitId: draftMiljo, requirementKey: 'noiseAssessment' });
    expect(draftDoc.status).toBe(201);
    // MST (environmental permit) and Kalundborg (building permit) both have a filed permit in this case.
    const c = await createSubmittedCase(api, APPLICANT, PHARMA_FACTS, `Scoped documents ${Date.now()}`);
    const miljo = c.permits.find((p: { code: string }) => p.code === 'MILJOEGODKENDELSE').id as string;
    const forMst = await api.upload(APPLICANT, c.id, { permitId: miljo, requirementKey: 'noiseAssessment' });
    expect(forMst.status).toBe(201);
    const onCase = await api.upload(APPLICANT, c.id);
    expect(onCase.status).toBe(201);

    await Promise.all([settled(mst.id, 'both documents to MST'), settled(kalundborg.id, 'the case document to Kalundborg')]);
    await waitUntil(async () => (receiver.at('/doc-mst').length >= 2 && receiver.at('/doc-kalundborg').length >= 1 ? true : undefined), 30_000, 'documents received');
    const idsAt = (path: string) => receiver.at(path).map((g) => g.data.documentId).sort();
    expect(idsAt('/doc-mst')).toEqual([forMst.body.id, onCase.body.id].sort());
    // The draft was uploaded to before it was filed: a draft is the company's alone (no delivery to MST).
    expect(receiver.at('/doc-mst').some((g) => g.data.documentId === draftDoc.body.id)).toBe(false);
    // The noise assessment for MST's permit is not Kalundborg's to see (GET /documents/:id answers it 404); the case's own document is.
    expect((await api.get(`/documents/${forMst.body.id}`, 'cw.kalundborg')).status).toBe(404);
    expect(idsAt('/doc-kalundborg')).toEqual([onCase.body.id]);
  }, 90_000);

  /** An endpoint of the company subscribed to document uploads; one upload = one delivery. */
  async function uploadTo(path: string) {
    const ep = await register(APPLICANT, path, ['document.added']);
    const c = await createCase(api, APPLICANT, { municipalityCode: '219', siteZone: 'byzone', inIndustrialPark: true, fitsMunicipalPlanFrame: true, newBuildingOrExtension: true }, `Upload ${path}`);
    expect((await api.upload(APPLICANT, c.id)).status).toBe(201);
    return ep;
  }

  it('500: retried with backoff, dead after the last attempt, replayed by hand with the same webhook-id', async () => {
    let failing = true;
    receiver.on('/fails', (_q, s) => void s.writeHead(failing ? 500 : 200).end(failing ? 'boom' : 'ok'));
    const ep = await uploadTo('/fails');
    const [dead] = await settled(ep.id, 'delivery dead');
    expect(dead).toMatchObject({ status: 'dead', attempts: 3, last_status_code: 500 });
    const attempts = await api.get(`/webhooks/endpoints/${ep.id}/deliveries/${dead.id}/attempts`, APPLICANT);
    expect(attempts.body.items.map((a: any) => a.statusCode)).toEqual([500, 500, 500]);
    expect(receiver.hits.filter((h) => h.path === '/fails').map((h) => h.webhookId)).toEqual([dead.id, dead.id, dead.id]);

    failing = false;
    const replay = await api.post(`/webhooks/endpoints/${ep.id}/deliveries/${dead.id}/replay`, {}, APPLICANT);
    expect(replay.status).toBe(202);
    const [done] = await settled(ep.id, 'replayed delivery');
    expect(done).toMatchObject({ id: dead.id, status: 'delivered', attempts: 4, last_status_code: 200 });
    expect(receiver.at('/fails').map((r) => r.webhookId)).toEqual([dead.id]);
    expect((await api.post(`/webhooks/endpoints/${ep.id}/deliveries/00000000-0000-4000-8000-000000000000/replay`, {}, APPLICANT)).body.code).toBe('WEBHOOK.DELIVERY_NOT_FOUND');
  }, 60_000);

  it('410 Gone disables the endpoint after one attempt', async () => {
    receiver.on('/gone', (_q, s) => void s.writeHead(410).end());
    const ep = await uploadTo('/gone');
    const [d] = await settled(ep.id, '410 handled');
    expect(d).toMatchObject({ status: 'cancelled', attempts: 1, last_status_code: 410 });
    const after = await api.get(`/webhooks/endpoints/${ep.id}`, APPLICANT);
    expect(after.body).toMatchObject({ status: 'disabled', disabledReason: expect.stringMatching(/410/) });
  }, 60_000);

  it('a redirect is not followed (the attempt fails with the 3xx code)', async () => {
    receiver.on('/redirect', (_q, s) => void s.writeHead(302, { location: receiver.url('/redirect-target') }).end());
    const ep = await uploadTo('/redirect');
    const [d] = await settled(ep.id, 'redirect handled');
    expect(d).toMatchObject({ status: 'dead', last_status_code: 302, last_error: expect.stringMatching(/redirects are not followed/) });
    expect(receiver.hits.filter((h) => h.path === '/redirect-target')).toEqual([]);
  }, 60_000);

  it('a huge answer is cut off (the status counts) and a slow one (> 10 s) times out and is retried with the same webhook-id', async () => {
    receiver.on('/huge', (_q, s) => {
      s.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(1 << 20, 120);
      let sent = 0;
      const pump = () => {
        while (sent < 512 && !s.destroyed && s.write(chunk)) sent++;
        if (sent < 512 && !s.destroyed) s.once('drain', pump);
        else s.end();
      };
      pump();
    });
    let slowCalls = 0;
    receiver.on('/slow', (_q, s) => {
      slowCalls++;
      if (slowCalls === 1) return new Promise<void>((r) => setTimeout(() => (s.destroyed ? r() : (s.writeHead(200).end(), r())), 11_000));
      s.writeHead(200).end();
    });
    const huge = await uploadTo('/huge');
    const slow = await uploadTo('/slow');
    const [h] = await settled(huge.id, 'huge answer handled');
    expect(h).toMatchObject({ status: 'delivered', attempts: 1, last_status_code: 200 });
    const [s] = await settled(slow.id, 'slow answer handled', 40_000);
    expect(s).toMatchObject({ status: 'delivered', attempts: 2 });
    const attempts = (await api.get(`/webhooks/endpoints/${slow.id}/deliveries/${s.id}/attempts`, APPLICANT)).body.items;
    expect(attempts[0]).toMatchObject({ statusCode: null, error: expect.stringMatching(/timeout after 10000 ms/) });
    expect(attempts[0].latencyMs).toBeGreaterThanOrEqual(10_000);
    expect(new Set(receiver.hits.filter((x) => x.path === '/slow').map((x) => x.webhookId))).toEqual(new Set([s.id]));
    // The API stayed responsive meanwhile.
    expect((await api.get('/health')).status).toBeLessThan(500);
  }, 90_000);

  it('secret rotation: during the grace period a receiver holding the old or the new secret verifies; after it only the new', async () => {
    const ep = await uploadTo('/rotate');
    await settled(ep.id, 'first delivery');
    const rotated = await api.post(`/webhooks/endpoints/${ep.id}/rotate-secret`, { graceSeconds: 3600 }, APPLICANT);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(ep.secret);
    expect(rotated.body.previousSecretExpiresAt).toEqual(expect.any(String));
    const newSecret = rotated.body.secret as string;
    const c = await createCase(api, APPLICANT, { municipalityCode: '219', siteZone: 'byzone', inIndustrialPark: true, fitsMunicipalPlanFrame: true, newBuildingOrExtension: true }, 'Rotation');
    for (const secrets of [[ep.secret], [newSecret]]) {
      receiver.verifyWith('/rotate', ...secrets);
      const n = receiver.at('/rotate').length;
      expect((await api.upload(APPLICANT, c.id)).status).toBe(201);
      await waitUntil(async () => (receiver.at('/rotate').length === n + 1 ? true : undefined), 20_000, `verified with ${secrets[0].slice(0, 10)}`);
    }
    // Grace over at once: the old secret no longer verifies.
    await api.post(`/webhooks/endpoints/${ep.id}/rotate-secret`, { graceSeconds: 0 }, APPLICANT);
    receiver.verifyWith('/rotate', newSecret); // the secret before this rotation
    const rejectedBefore = receiver.rejected.length;
    expect((await api.upload(APPLICANT, c.id)).status).toBe(201);
    await waitUntil(async () => (receiver.rejected.length > rejectedBefore ? true : undefined), 20_000, 'old secret refused');
    expect(receiver.rejected.at(-1)).toMatchObject({ path: '/rotate' });
  }, 60_000);
});
