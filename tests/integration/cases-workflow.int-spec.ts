import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { alertJobId } from '../../libs/server/case-engine/src/lib/alerts';
import { CASEWORKER_FOR, createCase, createSubmittedCase, PHARMA_FACTS, SIMPLE_FACTS, TestApi } from './support/http';

const DAY_MS = 86_400_000;

describe('Cases and permits over HTTP (real PostgreSQL + Redis)', () => {
  const api = TestApi.forSuite();

  it('answers a case creation with exactly what GET /cases/:id then shows (the answer is built from the inserted rows, not re-read)', async () => {
    await api.setClock('2027-02-01T08:00:00Z');
    // The detail read as the creator (the same principal), for a plain case and one with a "don't know" answer (settlement).
    const { groundwaterAbstraction: _answered, ...withoutGroundwater } = PHARMA_FACTS as Record<string, unknown>;
    for (const facts of [PHARMA_FACTS, { ...withoutGroundwater, unknownFacts: ['groundwaterAbstraction'] }]) {
      const created = await createCase(api, 'anna@nordlys.example', facts, 'Created equals read');
      const read = await api.get(`/cases/${created.id}`, 'anna@nordlys.example');
      expect(read.status).toBe(200);
      expect(created).toEqual(read.body);
      expect(created.permits.length).toBeGreaterThanOrEqual(3);
      if ('unknownFacts' in facts) expect(created.settlement.unsettledFacts).toEqual(['groundwaterAbstraction']);
    }
  });

  it('runs a pharma case from creation to every permit final, only through HTTP as the demo users', async () => {
    let now = Date.parse('2027-03-01T08:00:00Z');
    await api.setClock(new Date(now).toISOString());
    const created = await createCase(api, 'anna@nordlys.example', PHARMA_FACTS, 'Nordlys API plant, Kalundborg');
    expect(created.state).toBe('draft');
    const codes = created.permits.map((p: any) => p.code).sort();
    expect(codes).toEqual(['BUILDING_PERMIT', 'GMP_MANUFACTURING', 'MILJOEGODKENDELSE', 'VANDINDVINDING']);
    for (const p of created.permits) expect(Object.keys(CASEWORKER_FOR)).toContain(p.authority.code);
    const gmp = created.permits.find((p: any) => p.code === 'GMP_MANUFACTURING');
    expect(gmp.state).toBe('blocked');

    const submitted = await api.caseEvent(created.id, 'anna@nordlys.example', { type: 'case.submitted' });
    expect(submitted.status).toBe(200);
    expect(submitted.body.state).toBe('inProgress');
    expect(submitted.body.ceilingDueOn).toBe('2028-09-01'); // 18 months, 2028-09-01 is a Friday
    for (const p of submitted.body.permits) {
      expect(p.state).toBe(p.code === 'GMP_MANUFACTURING' ? 'blocked' : 'submitted.completenessCheck');
    }

    const transitionsBefore = (await api.ds.query(`SELECT count(*)::int AS n FROM audit_events WHERE case_id = $1`, [created.id]))[0].n;
    let sent = 0;
    let finalCase: any;
    for (let round = 0; round < 80; round++) {
      const c = await api.get(`/cases/${created.id}`, 'coordinator');
      expect(c.status).toBe(200);
      if (c.body.state === 'completed') {
        finalCase = c.body;
        break;
      }
      let acted = false;
      for (const p of c.body.permits) {
        const cw = CASEWORKER_FOR[p.authority.code];
        const detail = await api.get(`/permits/${p.id}`, cw);
        expect(detail.status).toBe(200);
        const allowed: string[] = detail.body.allowedEvents;
        let event: Record<string, unknown> | undefined;
        if (allowed.includes('authority.completenessConfirmed')) event = { type: 'authority.completenessConfirmed' };
        else if (allowed.includes('authority.hearingStarted') && !detail.body.hearing) event = { type: 'authority.hearingStarted' };
        else if (allowed.includes('authority.hearingEnded')) event = { type: 'authority.hearingEnded' };
        else if (allowed.includes('authority.decisionIssued')) event = { type: 'authority.decisionIssued', outcome: 'granted', reason: 'The application meets the requirements.' };
        if (event) {
          const r = await api.permitEvent(p.id, cw, event);
          expect([p.code, r.status, r.status === 200 ? null : r.body]).toEqual([p.code, 200, null]);
          sent++;
          acted = true;
        }
      }
      if (!acted) {
        // Nothing to do for any caseworker: let time pass (hearing minimum, appeal periods).
        now += 14 * DAY_MS;
        await api.setClock(new Date(now).toISOString());
      }
    }
    expect(finalCase).toBeDefined();
    expect(finalCase.completedAt).not.toBeNull();
    for (const p of finalCase.permits) {
      expect([p.code, p.state, p.outcome]).toEqual([p.code, 'final', 'granted']);
      expect(p.clocks.usableFrom).not.toBeNull();
      expect(p.clocks.finalAt).not.toBeNull();
    }
    // GMP was filed automatically once its prerequisites were decided (the one application).
    const timeline = await api.get(`/cases/${created.id}/timeline?pageSize=100`, 'anna@nordlys.example');
    expect(timeline.status).toBe(200);
    const types = timeline.body.items.map((e: any) => `${e.permitCode ?? 'case'}:${e.eventType}:${e.actorRole}`);
    expect(types).toContain('GMP_MANUFACTURING:prerequisites.satisfied:system');
    expect(types).toContain('GMP_MANUFACTURING:application.submitted:system');
    expect(types).toContain('case:case.permitsAllFinal:system');
    // Every accepted client event left exactly one audit row (plus system rows).
    const transitionsAfter = (await api.ds.query(`SELECT count(*)::int AS n FROM audit_events WHERE case_id = $1 AND actor_role = 'caseworker'`, [created.id]))[0].n;
    expect(transitionsAfter).toBe(sent);
    expect(timeline.body.total).toBeGreaterThan(transitionsBefore);
  }, 120_000);

  it('stops the clock on an info request and moves the due date by the stopped days when the answer comes', async () => {
    await api.setClock('2027-03-01T08:00:00Z'); // Monday
    const c = await createSubmittedCase(api, 'anna@nordlys.example', PHARMA_FACTS, 'Info request case');
    const permit = c.permits.find((p: any) => p.code === 'MILJOEGODKENDELSE');
    const confirmed = await api.permitEvent(permit.id, 'cw.mst', { type: 'authority.completenessConfirmed' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.clocks.completeOn).toBe('2027-03-01');
    const dueBefore = confirmed.body.clocks.dueOn;
    expect(dueBefore).toBe('2027-09-17'); // 200 calendar days (servicemål, annex 1)
    expect(confirmed.body.clocks.target.running).toBe(true);

    await api.setClock('2027-03-08T09:00:00Z'); // Monday
    const asked = await api.permitEvent(permit.id, 'cw.mst', { type: 'authority.infoRequested', question: 'Send the noise assessment.', dueOn: '2027-03-19' });
    expect(asked.status).toBe(200);
    expect(asked.body.state).toBe('submitted.infoRequested');
    expect(asked.body.awaiting).toBe('applicant');
    expect(asked.body.clocks.target.running).toBe(false);
    expect(asked.body.clocks.target.pausedBy).toEqual(['awaitingApplicant']);

    await api.setClock('2027-03-15T10:00:00Z'); // Monday, one week later
    const frozen = await api.get(`/permits/${permit.id}`, 'anna@nordlys.example');
    expect(frozen.body.clocks.target.elapsed).toBe(7); // Mar 1..7 counted, the stop days not
    const answered = await api.permitEvent(permit.id, 'anna@nordlys.example', { type: 'applicant.infoProvided', answer: 'Attached.' });
    expect(answered.status).toBe(200);
    expect(answered.body.state).toBe('submitted.underReview'); // back where the request interrupted
    expect(answered.body.clocks.target.running).toBe(true);
    expect(answered.body.clocks.stops).toEqual([{ reason: 'awaitingApplicant', from: '2027-03-08', to: '2027-03-15' }]);
    // The clock counts calendar days, so the 7 stopped calendar days move the due date 7 days.
    expect(answered.body.clocks.dueOn).toBe('2027-09-24');

    // The transition writes alert.schedule payloads in SQL and alert.cancel job ids in Node: both
    // must name the delayed job exactly as alertJobId() does, or a cancel would miss its job.
    const outbox: { type: string; payload: any }[] = await api.ds.query(
      `SELECT type, payload FROM outbox WHERE aggregate_id = $1 AND type IN ('alert.schedule', 'alert.cancel') ORDER BY id`,
      [permit.id],
    );
    const scheduled = outbox.filter((o) => o.type === 'alert.schedule');
    const cancelled = outbox.filter((o) => o.type === 'alert.cancel');
    expect(scheduled.length).toBeGreaterThan(0);
    expect(cancelled.length).toBeGreaterThan(0); // the info request stopped the clock
    const alerts: { id: string; clock: string; threshold: string; due_at: Date }[] = await api.ds.query(`SELECT id, clock, threshold, due_at FROM deadline_alerts WHERE permit_id = $1`, [permit.id]);
    for (const o of scheduled) {
      const row = alerts.find((a) => String(a.id) === o.payload.alertId);
      if (!row) continue; // deleted again by a later reschedule (then it must have been cancelled)
      expect(o.payload).toEqual({
        caseId: c.id,
        permitId: permit.id,
        alertId: String(row.id),
        jobId: alertJobId(permit.id, row.clock, row.threshold, new Date(row.due_at)),
        dueAt: new Date(row.due_at).toISOString(),
      });
    }
    const scheduledJobs = new Set(scheduled.map((o) => o.payload.jobId));
    for (const o of cancelled) expect(scheduledJobs.has(o.payload.jobId)).toBe(true);
  });

  it('lets exactly one of two racing If-Match writers win; the other gets 409 and no audit row is lost', async () => {
    await api.setClock('2027-04-01T08:00:00Z');
    const c = await createSubmittedCase(api, 'anna@nordlys.example', PHARMA_FACTS, 'Race case');
    const permit = c.permits.find((p: any) => p.code === 'VANDINDVINDING');
    const current = await api.get(`/permits/${permit.id}`, 'cw.kalundborg');
    const version = current.body.version;
    const auditBefore = (await api.ds.query(`SELECT count(*)::int AS n FROM audit_events WHERE permit_id = $1`, [permit.id]))[0].n;
    const send = (event: object) =>
      api.call('POST', `/permits/${permit.id}/events`, { as: 'cw.kalundborg', body: event, headers: { 'if-match': `"${version}"` } });
    const [a, b] = await Promise.all([
      send({ type: 'authority.completenessConfirmed' }),
      send({ type: 'authority.infoRequested', question: 'Which wells?' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.headers.get('content-type')).toContain('application/problem+json');
    expect(loser.body.code).toBe('CONCURRENCY.VERSION_CONFLICT');
    const after = await api.get(`/permits/${permit.id}`, 'cw.kalundborg');
    expect(after.body.version).toBe(version + 1);
    const audit = await api.ds.query(`SELECT event_type FROM audit_events WHERE permit_id = $1 ORDER BY id`, [permit.id]);
    expect(audit.length).toBe(auditBefore + 1);
    const winner = a.status === 200 ? 'authority.completenessConfirmed' : 'authority.infoRequested';
    expect(audit[audit.length - 1].event_type).toBe(winner);
  });

  it('answers an event that is not allowed now with 422 and the allowed events', async () => {
    const c = await createSubmittedCase(api, 'anna@nordlys.example', SIMPLE_FACTS.municipalityCode === '219' ? { ...SIMPLE_FACTS, municipalityCode: '326' } : SIMPLE_FACTS, 'Wrong event case');
    const permit = c.permits[0];
    const r = await api.permitEvent(permit.id, 'cw.kalundborg', { type: 'authority.decisionIssued', outcome: 'granted', reason: 'x' });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('PERMIT.EVENT_NOT_ALLOWED');
    expect(r.body.allowedEvents).toEqual(expect.arrayContaining(['authority.completenessConfirmed', 'authority.infoRequested']));
  });

  it('replays POST /cases with the same Idempotency-Key and refuses the key with another body', async () => {
    const key = `idem-${Date.now()}`;
    const body = { title: 'Idempotent case', facts: SIMPLE_FACTS };
    const before = await api.counts();
    const first = await api.post('/cases', body, 'bo@bolge.example', { 'idempotency-key': key });
    const second = await api.post('/cases', body, 'bo@bolge.example', { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const mid = await api.counts();
    expect(mid.cases).toBe(before.cases + 1);
    const third = await api.post('/cases', { ...body, title: 'Another title' }, 'bo@bolge.example', { 'idempotency-key': key });
    expect(third.status).toBe(422);
    expect(third.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    expect((await api.counts()).cases).toBe(before.cases + 1);
  });

  it('migrates a stored v0 permit snapshot explicitly and rejects an unknown machine version', async () => {
    const c = await createCase(api, 'anna@nordlys.example', SIMPLE_FACTS, 'Old snapshot case');
    // Submitted, so the permit has reached the caseworker's authority (a draft is not theirs to read).
    expect((await api.caseEvent(c.id, 'anna@nordlys.example', { type: 'case.submitted' })).status).toBe(200);
    const permit = c.permits[0];
    const v0 = JSON.parse(readFileSync(join(__dirname, '../../libs/permits/machines/src/fixtures/permit-snapshot.v0.json'), 'utf8'));
    v0.context.permitCode = permit.code;
    await api.ds.query(`UPDATE permits SET snapshot = $2, machine_version = 0, state = 'inReview' WHERE id = $1`, [permit.id, JSON.stringify(v0)]);
    const read = await api.get(`/permits/${permit.id}`, 'cw.hillerod');
    expect(read.status).toBe(200);
    // v0 'inReview' is v1 'submitted.underReview': the caseworker's review actions are offered.
    expect(read.body.allowedEvents).toEqual(expect.arrayContaining(['authority.infoRequested']));

    await api.ds.query(`UPDATE permits SET machine_version = 99 WHERE id = $1`, [permit.id]);
    const before = await api.versionSum();
    const r = await api.call('POST', `/permits/${permit.id}/events`, { as: 'cw.hillerod', body: { type: 'authority.hearingEnded' }, headers: { 'if-match': `"${read.body.version}"` } });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('PERMIT.SNAPSHOT_VERSION_UNSUPPORTED');
    expect(await api.versionSum()).toBe(before);
  });
});
