/**
 * The workload the faults hit: ACTORS applicant workflows (create, submit, caseworkers acting on
 * each permit with If-Match), racing writers, and a test-clock driver that jumps forward so
 * warnings, breaches, hearing ends and appeal expiries come due. Every acknowledged transition is
 * recorded in `work.acked`; connection errors and 5xx are counted as unknown outcomes.
 */
'use strict';

const crypto = require('node:crypto');
const { PHARMA_FACTS: PHARMA, SIMPLE_FACTS: SIMPLE, CASEWORKER_FOR: CW } = require('../lib/demo-fixtures');
const { DAY, SEED, ACTORS, log, sleep, mulberry32, rnd, pick, weighted } = require('./common');

function createWorkload(ctx) {
  const { client } = ctx;
  const work = { stopped: false };
  const acked = []; // { kind: 'permit'|'case', id, type, expectedVersion, version }
  const unknown = { permit: 0, case: 0, create: 0 };
  const conflicts = { race409: 0, raceBoth200: 0, races: 0, other409: 0, r422: 0 };
  const raceViolations = [];
  const cases = new Map(); // caseId -> { applicant, permits: [{id, caseworker}] }
  const infoRequests = new Map(); // permitId -> count

  const APPLICANTS = ['anna@nordlys.example', 'bo@bolge.example'];

  const payloadFor = (type, rng) => {
    switch (type) {
      case 'authority.infoRequested':
        return { question: 'Please send the updated noise report' };
      case 'applicant.infoProvided':
        return { answer: 'Attached as requested' };
      case 'authority.decisionIssued': {
        const outcome = weighted(rng, [['granted', 5], ['grantedWithConditions', 3], ['refused', 1]]);
        return outcome === 'grantedWithConditions' ? { outcome, conditions: ['Noise ≤ 45 dB(A) at night'], reason: 'Meets BAT' } : { outcome, reason: 'Assessed' };
      }
      case 'authority.hearingStarted':
        return { audience: 'Neighbours' };
      default:
        return {};
    }
  };
  const CW_WEIGHTS = { 'authority.completenessConfirmed': 4, 'authority.infoRequested': 1, 'authority.hearingStarted': 3, 'authority.hearingEnded': 6, 'authority.decisionIssued': 2 };

  /** One permit event with If-Match; connection errors / 5xx are "unknown outcome": re-read, never assume. */
  const permitEvent = async (permitId, as, type, expectedVersion, payload) => {
    const r = await client.call('POST', `/permits/${permitId}/events`, as, { body: { type, ...payload }, headers: { 'if-match': `"${expectedVersion}"` } });
    if (r.status === 200) acked.push({ kind: 'permit', id: permitId, type, expectedVersion, version: r.body.version });
    else if (r.status === 0 || r.status >= 500) unknown.permit++;
    else if (r.status === 422) conflicts.r422++;
    return r;
  };

  const createCase = async (applicant, rng) => {
    const facts = rng() < 0.5 ? SIMPLE : PHARMA;
    const key = crypto.randomUUID();
    const body = { title: `Fault run case ${crypto.randomBytes(3).toString('hex')}`, facts };
    for (let i = 0; i < 100 && !work.stopped; i++) {
      // Same Idempotency-Key on every retry: an unknown outcome can be retried safely.
      const r = await client.call('POST', '/cases', applicant, { body, headers: { 'idempotency-key': key } });
      if (r.status === 201 || r.status === 200) return r.body;
      if (r.status === 0 || r.status >= 500) unknown.create++;
      else if (r.status !== 429 && r.status !== 409) throw new Error(`create case: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
      await sleep(300);
    }
    return null;
  };

  const submitCase = async (caseId, applicant) => {
    for (let i = 0; i < 100 && !work.stopped; i++) {
      const cur = await client.read(`/cases/${caseId}`, applicant);
      if (cur.body.state !== 'draft') return true;
      const r = await client.call('POST', `/cases/${caseId}/events`, applicant, { body: { type: 'case.submitted' }, headers: { 'if-match': `"${cur.body.version}"` } });
      if (r.status === 200) {
        acked.push({ kind: 'case', id: caseId, type: 'case.submitted', expectedVersion: cur.body.version, version: r.body.version });
        return true;
      }
      if (r.status === 0 || r.status >= 500) unknown.case++;
      await sleep(200);
    }
    return false;
  };

  const actor = async (n) => {
    const rng = mulberry32((SEED + n * 7919) >>> 0);
    const applicant = APPLICANTS[n % APPLICANTS.length];
    while (!work.stopped) {
      const c = await createCase(applicant, rng);
      if (!c) return;
      // About half the permits get a slow caseworker, so their clocks run into warnings and breaches.
      const entry = { applicant, permits: c.permits.map((p) => ({ id: p.id, caseworker: CW[p.authority.code], attention: rng() < 0.5 ? 0.06 : 0.6 })) };
      cases.set(c.id, entry);
      if (!(await submitCase(c.id, applicant))) return;
      let idleRounds = 0;
      while (!work.stopped) {
        let acted = false;
        let open = 0;
        for (const p of entry.permits) {
          if (work.stopped) break;
          const checking = (await client.read(`/permits/${p.id}`, p.caseworker)).body.state === 'submitted.completenessCheck';
          if (rng() > (checking ? 0.8 : p.attention)) {
            open++;
            continue; // the caseworker is busy elsewhere: lets clocks run towards alerts
          }
          const cur = await client.read(`/permits/${p.id}`, p.caseworker);
          const st = cur.body.state;
          if (st === 'final' || st === 'withdrawn' || st.startsWith('decided.refused')) continue;
          open++;
          let as = p.caseworker;
          let allowed = (cur.body.allowedEvents || []).filter((e) => CW_WEIGHTS[e]);
          if ((infoRequests.get(p.id) || 0) >= 2) allowed = allowed.filter((e) => e !== 'authority.infoRequested');
          let type = null;
          if (allowed.length) type = weighted(rng, allowed.map((e) => [e, CW_WEIGHTS[e]]));
          else if (cur.body.awaiting === 'applicant') {
            const a = await client.read(`/permits/${p.id}`, applicant);
            if ((a.body.allowedEvents || []).includes('applicant.infoProvided')) {
              as = applicant;
              type = 'applicant.infoProvided';
            }
          }
          if (!type) continue;
          const r = await permitEvent(p.id, as, type, cur.body.version, payloadFor(type, rng));
          if (r.status === 200) {
            acted = true;
            if (type === 'authority.infoRequested') infoRequests.set(p.id, (infoRequests.get(p.id) || 0) + 1);
          } else if (r.status === 409) conflicts.other409++;
          await sleep(rnd(rng, 30, 120));
        }
        if (open === 0) break; // every permit decided/final: next case
        idleRounds = acted ? 0 : idleRounds + 1;
        await sleep(acted ? 150 : Math.min(1500, 250 * idleRounds));
      }
    }
  };

  /** Racing writers: two caseworker events with the same If-Match; at most one may win. */
  const race = async (rng) => {
    const ids = [...cases.values()].flatMap((c) => c.permits);
    for (let attempt = 0; attempt < 8 && ids.length; attempt++) {
      const p = pick(rng, ids);
      const cur = await client.read(`/permits/${p.id}`, p.caseworker);
      const allowed = (cur.body.allowedEvents || []).filter((e) => CW_WEIGHTS[e]);
      if (!allowed.length) continue;
      const a = pick(rng, allowed);
      const b = pick(rng, allowed);
      const [ra, rb] = await Promise.all([
        permitEvent(p.id, p.caseworker, a, cur.body.version, payloadFor(a, rng)),
        permitEvent(p.id, p.caseworker, b, cur.body.version, payloadFor(b, rng)),
      ]);
      conflicts.races++;
      if (ra.status === 200 && rb.status === 200) {
        conflicts.raceBoth200++;
        raceViolations.push(`${p.id} v${cur.body.version}: ${a} and ${b} both acknowledged`);
      }
      if (ra.status === 409 || rb.status === 409) conflicts.race409++;
      return `${a.split('.')[1]}×${b.split('.')[1]} on v${cur.body.version} → ${ra.status}/${rb.status}`;
    }
    return 'no permit with an open caseworker event (skipped race, counted as a no-op)';
  };

  // Test-clock driver: jumps forward so warnings, breaches, hearing ends and appeal expiries come due.
  const clockJumps = { n: 0, fired: 0, expired: 0, failed: 0 };
  const clockDriver = async () => {
    const rng = mulberry32((SEED ^ 0x5bd1e995) >>> 0);
    while (!work.stopped) {
      await sleep(rnd(rng, 3000, 6000));
      if (work.stopped) break;
      ctx.clock.now += Math.round(rnd(rng, 5, 20)) * DAY + Math.round(rnd(rng, 0, 8)) * 3_600_000;
      const r = await client.raw('POST', '/test/clock', { body: { now: new Date(ctx.clock.now).toISOString() }, timeoutMs: 60_000 });
      clockJumps.n++;
      if (r.status === 200) {
        clockJumps.fired += r.body.sweep.alertsFired;
        clockJumps.expired += r.body.sweep.appealPeriodsExpired;
      } else clockJumps.failed++;
    }
  };
  Object.assign(work, { acked, unknown, conflicts, raceViolations, cases, clockJumps, race });
  /** Starts the actors and the clock driver; resolves when they have stopped (after `work.stopped = true`). */
  work.start = () => {
    const actors = Array.from({ length: ACTORS }, (_, i) => actor(i).catch((e) => log(`actor ${i} stopped: ${e.message}`)));
    const driver = clockDriver().catch((e) => log(`clock driver stopped: ${e.message}`));
    return Promise.all([...actors, driver]);
  };
  return work;
}

module.exports = { createWorkload };
