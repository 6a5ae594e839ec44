#!/usr/bin/env node
/**
 * `npm run bench` — throughput/latency benchmark of the real stack (not part of `npm test`).
 * See bench/README.md. All traffic goes to 127.0.0.1; every loop is bounded in count and time.
 *
 *   BENCH_QUICK=1        small smoke run (~3 min)
 *   BENCH_CASES=100000   cases bulk-seeded for the dashboard/inbox step (d)
 *   BENCH_CLIENTS=16     connections for the transition test and pgbench
 *   BENCH_API_PROCS=1 BENCH_WORKERS=1   API processes (node cluster) × worker processes (issue 20 item 4)
 *   BENCH_REDIS_URL      Redis URL (default redis://127.0.0.1:6379/9 on the shared server; FLUSHDB'd)
 *   BENCH_SKIP=a,b,c,d,e,f,w   skip steps (e: forecast of a 24-permit case; f: statistics export, after d's seed; w: webhooks, scripts/bench/webhooks.js)
 */
'use strict';

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { resolveRuntime, createTestDatabase, dropDatabase } = require('../lib/runtime');
const { ROOT, sleep, freePort, runTs, spawnTs, waitHttpOk, stopChildren, startSmtpSink, withRedis } = require('../lib/harness');
const { percentile, round, httpClient, pool, cannon, cpuSnapshot, cpuDelta } = require('./lib');
const { prepareTemplate, bulkSeed } = require('./bulk-seed');
const { benchFloor, floorRows } = require('./floor-step');
const { PHARMA_FACTS, CASEWORKER_FOR, PHARMA_APPLICATION } = require('../lib/demo-fixtures');

const QUICK = process.env.BENCH_QUICK === '1';
const num = (name, full, quick) => {
  const v = process.env[name];
  return v !== undefined && v !== '' ? Number(v) : QUICK ? quick : full;
};
const CFG = {
  quick: QUICK,
  clients: num('BENCH_CLIENTS', 16, 16),
  pgbenchSeconds: num('BENCH_PGBENCH_SECONDS', 15, 5),
  transitionSeconds: num('BENCH_TRANSITION_SECONDS', 20, 6),
  transitionCases: num('BENCH_TRANSITION_CASES', 48, 32),
  createConnections: 10,
  createRequests: num('BENCH_CREATE_REQUESTS', 300, 40),
  trickleAlerts: num('BENCH_TRICKLE_ALERTS', 500, 100),
  trickleSeconds: num('BENCH_TRICKLE_SECONDS', 20, 8),
  burstAlerts: num('BENCH_BURST_ALERTS', 10000, 1500),
  cases: num('BENCH_CASES', 100000, 2000),
  seedBatch: num('BENCH_SEED_BATCH', 5000, 1000),
  readRequests: num('BENCH_READ_REQUESTS', 200, 40),
  readConnections: 4,
  readMaxSeconds: num('BENCH_READ_MAX_SECONDS', 90, 30),
  // Issue 20 item 4: API processes (a node cluster on one port) × worker processes.
  apiProcs: num('BENCH_API_PROCS', 1, 1),
  workers: num('BENCH_WORKERS', 1, 1),
};
const SKIP = new Set((process.env.BENCH_SKIP || '').split(',').filter(Boolean));
const TARGETS = { transitionsRatio: 0.3, createP99Ms: 300, trickleP99S: 5, burstAllFiredS: 60, readP95Ms: 200, forecastP95Ms: 150, statisticsExportS: 5, webhookFanOutS: 60, webhookTransitionRatio: 0.9 };

const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);

/** A greenfield landzone pharma/biotech plant that needs nearly everything (24 permits). */
const BIG_FACTS = {
  municipalityCode: '326',
  siteZone: 'landzone',
  inIndustrialPark: false,
  fitsMunicipalPlanFrame: false,
  needsNewLocalPlan: true,
  medicinalProductManufacture: true,
  newBuildingOrExtension: true,
  buildingUse: 'industryOrStorage',
  listedActivity: { annex: 'annex1', listItem: '4.5', sMarked: true },
  eiaAnnex: 'annex1',
  groundwaterAbstraction: true,
  dewateringDuringConstruction: true,
  dewateringVolumeM3PerYear: 500000,
  dewateringDurationMonths: 6,
  abstractionWellWithin300m: true,
  dischargeToRecipient: true,
  industrialWastewaterToSewer: true,
  dewateringWaterToSewer: true,
  contaminatedSoil: 'V2',
  protectedHabitatOnSite: true,
  protectionLines: ['forest', 'stream'],
  natura2000Nearby: true,
  sevesoTier: 'upper',
  flammableLiquidsStorageUnits: 30,
  processesFlammableSolvents: true,
  combustionThermalInputMW: 25,
  gmoClass: 2,
  gmoCommercialProduction: true,
  newOrWidenedRoadAccess: true,
  roadType: 'state',
  withinStateRoadZone: true,
  groundWorks: true,
  greenfield: true,
  heatSupply: 'newCollectivePlant',
  constructionSite: { durationDays: 200, peakWorkers: 40, personDays: 3000 },
  largeNewGridLoadMW: 15,
};
const APPLICANT = 'anna@nordlys.example';

// ------------------------------------------------------------------ lifecycle
const state = { rt: null, admin: null, dbName: null, children: [], smtp: null, pg: null, redisUrl: null, cleaning: null };

function flushRedisDb(url) {
  return withRedis(url, (r) => r.flushdb(), 10_000); // only this bench's own DB index, never FLUSHALL
}

function cleanup() {
  if (state.cleaning) return state.cleaning;
  state.cleaning = (async () => {
    await stopChildren(state.children, 10_000);
    if (state.pg) await state.pg.end().catch(() => {});
    if (state.smtp) await state.smtp.close().catch(() => {});
    if (state.dbName && state.admin && process.env.BENCH_KEEP_DB) {
      log(`kept database ${state.dbName} (BENCH_KEEP_DB); drop it with: psql -c 'DROP DATABASE ${state.dbName}'`);
    } else if (state.dbName && state.admin) {
      await dropDatabase(state.admin, state.dbName).then(
        () => log(`dropped database ${state.dbName}`),
        (e) => log(`could not drop ${state.dbName}: ${e.message}`),
      );
    }
    if (state.redisUrl) await flushRedisDb(state.redisUrl).catch(() => {});
    if (state.rt) await state.rt.stop();
  })();
  return state.cleaning;
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    log(`${sig}: cleaning up…`);
    cleanup().finally(() => process.exit(130));
  });
}

function dbCommand(cmd, env) {
  const out = runTs(['scripts/db.ts', cmd], env, `db ${cmd}`, { stdio: ['ignore', 'pipe', 'inherit'], timeout: 300_000 });
  log(out.trim().split('\n').slice(-2).join(' | '));
}

function startChild(name, script, env) {
  // BENCH_PROFILE=api|worker writes a V8 CPU profile of that process to bench/profiles/ on exit.
  const prof = process.env.BENCH_PROFILE === name ? ['--cpu-prof', `--cpu-prof-dir=${path.join(ROOT, 'bench', 'profiles')}`] : [];
  const child = spawnTs(script, { env, nodeArgs: prof });
  const tail = [];
  const keep = (d) => {
    for (const l of String(d).split('\n')) if (l.trim()) tail.push(l);
    if (tail.length > 40) tail.splice(0, tail.length - 40);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', (d) => {
    keep(d);
    if (process.env.BENCH_DEBUG) process.stderr.write(`[${name}] ${d}`);
  });
  child.on('exit', (code, sig) => {
    if (!state.cleaning) log(`${name} exited unexpectedly (${code ?? sig}): ${tail.slice(-10).join(' | ')}`);
  });
  child.tail = tail;
  child.benchName = name;
  state.children.push(child);
  return child;
}

async function waitHealthy(url, child, ms) {
  if (await waitHttpOk(url, { timeoutMs: ms, isDead: () => child.exitCode !== null })) return;
  if (child.exitCode !== null) throw new Error(`API exited during start: ${child.tail.slice(-10).join(' | ')}`);
  throw new Error(`API not healthy after ${ms} ms: ${child.tail.slice(-10).join(' | ')}`);
}

// ------------------------------------------------------------------ baseline
async function pgbenchBaseline(dbUrl, clients) {
  const pg = state.pg;
  await pg.query(`DROP TABLE IF EXISTS bench_rows, bench_log`);
  await pg.query(`CREATE TABLE bench_rows (id int PRIMARY KEY, version int NOT NULL, payload jsonb NOT NULL)`);
  await pg.query(`CREATE TABLE bench_log (id bigserial PRIMARY KEY, row_id int NOT NULL, at timestamptz NOT NULL)`);
  const ROWS = 10000;
  await pg.query(`INSERT INTO bench_rows SELECT g, 1, jsonb_build_object('state', 'submitted.underReview', 'n', g) FROM generate_series(1, ${ROWS}) g`);
  await pg.query(`ANALYZE bench_rows`);
  const script = path.join(os.tmpdir(), `rodlober-bench-${process.pid}.sql`);
  fs.writeFileSync(
    script,
    [
      `\\set id random(1, ${ROWS})`,
      'BEGIN;',
      `UPDATE bench_rows SET version = version + 1, payload = jsonb_build_object('state', 'submitted.underReview', 'v', version + 1, 'at', now()) WHERE id = :id AND version >= 0;`,
      'INSERT INTO bench_log(row_id, at) VALUES (:id, now());',
      'END;',
      '',
    ].join('\n'),
  );
  const u = new URL(dbUrl);
  const args = ['-n', '-f', script, '-c', String(clients), '-j', '2', '-T', String(CFG.pgbenchSeconds), '-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres'), decodeURIComponent(u.pathname.slice(1))];
  log(`pgbench ${args.join(' ')}`);
  const out = execFileSync('/usr/bin/pgbench', args, {
    encoding: 'utf8',
    env: { ...process.env, PGPASSWORD: decodeURIComponent(u.password || '') || process.env.PGPASSWORD || '' },
    timeout: (CFG.pgbenchSeconds + 60) * 1000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  fs.rmSync(script, { force: true });
  const tps = Number((/tps = ([\d.]+) \(without initial connection time\)/.exec(out) || /tps = ([\d.]+)/.exec(out) || [])[1]);
  const lat = Number((/latency average = ([\d.]+) ms/.exec(out) || [])[1]);
  const tx = Number((/number of transactions actually processed: (\d+)/.exec(out) || [])[1]);
  if (!Number.isFinite(tps)) throw new Error(`could not parse pgbench output:\n${out}`);
  return { tps: round(tps), latencyAvgMs: round(lat, 2), transactions: tx, clients, threads: 2, seconds: CFG.pgbenchSeconds, rows: ROWS };
}

// ------------------------------------------------------------------ (a) transitions
async function prepareReviewPermits(api, nCases) {
  const applicant = await api.login(APPLICANT);
  const cw = {};
  for (const [code, user] of Object.entries(CASEWORKER_FOR)) cw[code] = await api.login(user);
  const cases = await pool(
    Array.from({ length: nCases }, (_, i) => i),
    8,
    async (i) => {
      const created = await api.expectOk('POST', '/cases', { token: applicant, body: { title: `Bench transitions ${i}`, facts: PHARMA_FACTS } }, 'create case');
      await api.expectOk('POST', `/cases/${created.id}/events`, { token: applicant, body: { type: 'case.submitted' }, headers: { 'if-match': `"${created.version}"` } }, 'submit case');
      const detail = await api.expectOk('GET', `/cases/${created.id}`, { token: applicant });
      const permits = [];
      for (const p of detail.permits) {
        const token = cw[p.authority.code];
        if (!token || p.state !== 'submitted.completenessCheck') continue;
        const confirmed = await api.expectOk('POST', `/permits/${p.id}/events`, { token, body: { type: 'authority.completenessConfirmed' }, headers: { 'if-match': `"${p.version}"` } }, 'confirm completeness');
        if (confirmed.state === 'submitted.underReview') permits.push({ id: p.id, version: confirmed.version, state: confirmed.state, cwToken: token });
      }
      return { caseId: created.id, permits, next: 0, busy: false };
    },
  );
  return { applicant, cases: cases.filter((c) => c.permits.length > 0) };
}

/**
 * The tables a step (a) transition writes. This machine's PostgreSQL runs without autovacuum, and
 * a run updates the same 144 permits thousands of times (each update a new row version and new
 * entries in every index the update touches), so each run of step (a) — the product's and each
 * floor's — starts on these tables vacuumed: the same footing whatever ran before. (The large
 * order effect found on 2026-12-01 — the second floor 15–25 % slower — had another cause, a worker
 * paused inside a transaction: floor-step.js, pauseOutsideTransactions; this VACUUM alone did not
 * remove it.)
 */
const TRANSITION_TABLES = ['permits', 'cases', 'tasks', 'audit_events', 'notifications', 'deadline_alerts', 'outbox'];

async function vacuumTransitionTables(pg) {
  const t0 = Date.now();
  await pg.query(`VACUUM (ANALYZE) ${TRANSITION_TABLES.join(', ')}`);
  return round((Date.now() - t0) / 1000, 1);
}

/** Step (a) (and (w1)'s runs, without `vacuum`: they compare runs made one after the other on purpose). */
async function benchTransitions(api, pg, baseline, { vacuum = false } = {}) {
  const nCases = Math.max(CFG.transitionCases, 2 * CFG.clients);
  log(`(a) preparing ${nCases} pharma cases (submitted, completeness confirmed) …`);
  const prepared = await prepareReviewPermits(api, nCases);
  const permitCount = prepared.cases.reduce((s, c) => s + c.permits.length, 0);
  log(`(a) ${permitCount} permits in submitted.underReview across ${prepared.cases.length} cases; ${CFG.clients} connections for ${CFG.transitionSeconds}s`);
  const vacuumSeconds = vacuum ? await vacuumTransitionTables(pg) : null;
  const result = await measureTransitions(api.base.replace(/\/api\/v1$/, ''), prepared, pg, baseline);
  return { prepared, result: vacuum ? { ...result, vacuumSeconds } : result };
}

/**
 * The load of step (a) against `baseUrl` (the product's API, or the floor: scripts/bench/floor.js),
 * on the prepared cases; the permits' versions and states carry over from run to run.
 */
async function measureTransitions(baseUrl, { applicant, cases }, pg, baseline) {
  const permitCount = cases.reduce((s, c) => s + c.permits.length, 0);
  const [{ n: auditBefore }] = (await pg.query(`SELECT count(*)::int AS n FROM audit_events`)).rows;
  const [{ n: outboxBefore }] = (await pg.query(`SELECT count(*)::int AS n FROM outbox`)).rows;
  // Each in-flight request holds a whole case (transitions of one case are serialised by the API
  // anyway); a connection takes an idle case, sends the next event of one of its permits with
  // If-Match = the version it last saw, and hands the case back when the answer arrives. So no
  // two connections ever race for the same permit or case: the slices are disjoint at every instant.
  const idle = [...cases];
  const counts = { ok: 0, resync: 0, non2xx: 0, byType: {} };
  const request = {
    method: 'POST',
    setupRequest(req, ctx) {
      const c = idle.shift();
      if (!c) {
        ctx.c = null;
        return { ...req, method: 'GET', path: '/api/v1/health', body: undefined, headers: {} };
      }
      const p = c.permits[c.next % c.permits.length];
      c.next++;
      ctx.c = c;
      ctx.p = p;
      if (p.needsResync) {
        ctx.kind = 'resync';
        return { ...req, method: 'GET', path: `/api/v1/permits/${p.id}`, body: undefined, headers: { authorization: `Bearer ${p.cwToken}` } };
      }
      const ask = p.state === 'submitted.underReview';
      ctx.kind = ask ? 'authority.infoRequested' : 'applicant.infoProvided';
      const body = ask ? { type: 'authority.infoRequested', question: 'Please send the updated noise and odour assessment.', dueOn: '2030-01-15' } : { type: 'applicant.infoProvided', answer: 'Attached as requested.' };
      return {
        ...req,
        method: 'POST',
        path: `/api/v1/permits/${p.id}/events`,
        headers: { 'content-type': 'application/json', 'if-match': `"${p.version}"`, authorization: `Bearer ${ask ? p.cwToken : applicant}` },
        body: JSON.stringify(body),
      };
    },
    onResponse(status, body, ctx) {
      const c = ctx.c;
      if (!c) return;
      const p = ctx.p;
      let parsed = null;
      try {
        parsed = JSON.parse(body);
      } catch {
        /* not JSON */
      }
      if (status >= 200 && status < 300 && parsed && Number.isInteger(parsed.version)) {
        p.version = parsed.version;
        p.state = parsed.state;
        p.needsResync = false;
        if (ctx.kind === 'resync') counts.resync++;
        else {
          counts.ok++;
          counts.byType[ctx.kind] = (counts.byType[ctx.kind] || 0) + 1;
        }
      } else {
        counts.non2xx++;
        p.needsResync = true;
      }
      idle.push(c);
    },
  };
  const t0 = Date.now();
  const cpuBefore = cpuSnapshot();
  const r = await cannon({ url: baseUrl, connections: CFG.clients, pipelining: 1, duration: CFG.transitionSeconds, requests: [request] }, { maxSeconds: CFG.transitionSeconds + 15 });
  const cpu = cpuDelta(cpuBefore, cpuSnapshot(), cpuGroupOf);
  const seconds = (Date.now() - t0) / 1000;
  const [{ n: auditAfter }] = (await pg.query(`SELECT count(*)::int AS n FROM audit_events`)).rows;
  const [{ n: outboxAfter }] = (await pg.query(`SELECT count(*)::int AS n FROM outbox`)).rows;
  const tps = counts.ok / seconds;
  return {
    connections: CFG.clients,
    seconds: round(seconds, 2),
    cases: cases.length,
    permits: permitCount,
    transitions: counts.ok,
    transitionsPerSecond: round(tps),
    byType: counts.byType,
    p50Ms: round(percentile(r.ok, 50)),
    p99Ms: round(percentile(r.ok, 99)),
    non2xx: counts.non2xx,
    statuses: r.statuses,
    resyncReads: counts.resync,
    auditRowsWritten: auditAfter - auditBefore,
    outboxRowsWritten: outboxAfter - outboxBefore,
    ratioToBaseline: baseline ? round(tps / baseline.tps, 3) : null,
    // Where the 2 cores went during the run: CPU ms per acknowledged transition, per process group
    // (PostgreSQL = every postgres process of the shared server; "other" = everything else).
    cpuMsPerTransition: Object.fromEntries(Object.entries(cpu).map(([g, ms]) => [g, counts.ok ? round(ms / counts.ok, 2) : null])),
    cpuCoresBusy: round(Object.values(cpu).reduce((x, y) => x + y, 0) / 1000 / seconds, 2),
  };
}

/** Process group of a pid for the CPU breakdown of step (a). */
function cpuGroupOf(pid, comm) {
  const child = state.children.find((c) => c.pid === pid);
  if (child) return child.benchName;
  // An API cluster's processes (BENCH_API_PROCS > 1) are children of the API's primary.
  if (comm.startsWith('node')) {
    try {
      const stat = require('node:fs').readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const parent = state.children.find((c) => c.pid === ppid);
      if (parent) return parent.benchName;
    } catch {
      /* exited meanwhile */
    }
  }
  if (pid === process.pid) return 'bench (autocannon + SMTP sink)';
  if (comm === 'postgres') return 'postgres';
  if (comm.startsWith('redis-server')) return 'redis';
  return 'other';
}

// ------------------------------------------------------------------ (b) case creation
async function benchCreate(api) {
  const screening = await api.expectOk('POST', '/screening', { body: BIG_FACTS }, 'screening');
  const permitCount = screening.permits.length;
  log(`(b) screening of the big facts set: ${permitCount} permits (${screening.permits.map((p) => p.code).join(', ')})`);
  if (permitCount < 18) throw new Error(`the big facts set screens to only ${permitCount} permits`);
  const applicant = await api.login(APPLICANT);
  let i = 0;
  const create = (amount) =>
    cannon(
      {
        url: api.base.replace(/\/api\/v1$/, ''),
        connections: CFG.createConnections,
        pipelining: 1,
        amount,
        requests: [
          {
            method: 'POST',
            path: '/api/v1/cases',
            setupRequest: (req) => ({ ...req, headers: { 'content-type': 'application/json', authorization: `Bearer ${applicant}` }, body: JSON.stringify({ title: `Bench big plant ${++i}`, facts: BIG_FACTS, application: PHARMA_APPLICATION }) }),
          },
        ],
      },
      { maxSeconds: 240 },
    );
  // Warm-up, as (d) warms its reads: one creation per connection, all at once, reported on its
  // own and not in the percentiles. The first creations of a process run on pooled PostgreSQL
  // connections that have not yet written a case (each backend's first case cost ~44 ms of
  // PostgreSQL CPU instead of ~6: catalog caches, foreign-key check plans, trigger functions):
  // measured on a fresh API, 2026-12-01, those first ten took 325–402 ms (265–374 ms after three
  // sequential creations, so it is per connection, not the code path) and were always the three
  // slowest of the 300, i.e. the p99 measured one start-up, not the steady latency.
  const warm = await create(CFG.createConnections);
  const cpuBefore = cpuSnapshot();
  const r = await create(CFG.createRequests);
  const cpu = cpuDelta(cpuBefore, cpuSnapshot(), cpuGroupOf);
  const created = r.statuses['201'] || 0;
  return {
    connections: CFG.createConnections,
    requests: CFG.createRequests,
    warmUp: { requests: CFG.createConnections, created: warm.statuses['201'] || 0, maxMs: round(percentile(warm.ok, 100)) },
    permitsPerCase: permitCount,
    // A realistic application with every case (issue 14): the shared part and the permit sections, validated with Ajv.
    sections: Object.keys(PHARMA_APPLICATION.sections).length,
    created: r.statuses['201'] || 0,
    non2xx: Object.entries(r.statuses).filter(([s]) => !s.startsWith('2')).reduce((a, [, n]) => a + n, 0),
    statuses: r.statuses,
    seconds: round(r.seconds, 2),
    casesPerSecond: round((r.statuses['201'] || 0) / r.seconds),
    p50Ms: round(percentile(r.ok, 50)),
    p99Ms: round(percentile(r.ok, 99)),
    maxMs: round(percentile(r.ok, 100)),
    // CPU ms per created case, per process group (as in step a): the latency targets depend on the
    // machine's load, this much less so (the API's share is its own process).
    cpuMsPerCase: Object.fromEntries(Object.entries(cpu).map(([g, ms]) => [g, created ? round(ms / created, 2) : null])),
  };
}

// ------------------------------------------------------------------ (c) deadline alerts
/** Inserts alerts + their 'alert.schedule' outbox rows exactly like alerts.ts (one statement). */
async function scheduleAlerts(pg, { count, firstDueMs, spreadMs, tag }) {
  // (permit, clock, threshold) combinations, 4 per permit; due instants in ms (like JS Dates).
  const sql = `
    WITH combos AS (
      SELECT p.id AS permit_id, p.case_id, c.clock, t.threshold,
             row_number() OVER (ORDER BY p.id, c.clock, t.threshold) - 1 AS i
        FROM (SELECT id, case_id FROM permits ORDER BY id LIMIT ($1::int + 3) / 4) p
        CROSS JOIN (VALUES ('target'), ('statutory')) c(clock)
        CROSS JOIN (VALUES ('warning'), ('breach')) t(threshold)
    ), ins AS (
      INSERT INTO deadline_alerts (permit_id, case_id, clock, threshold, due_at)
      SELECT permit_id, case_id, clock, threshold,
             to_timestamp(($2::bigint + CASE WHEN $1::int > 1 THEN floor(i * $3::float8 / ($1::int - 1))::bigint ELSE 0 END) / 1000.0)
        FROM combos WHERE i < $1::int
      ON CONFLICT (permit_id, clock, threshold, due_at) DO NOTHING
      RETURNING id, permit_id, case_id, clock, threshold, due_at
    )
    INSERT INTO outbox (aggregate_type, aggregate_id, type, payload)
    SELECT 'permit', permit_id, 'alert.schedule',
           jsonb_build_object('caseId', case_id, 'permitId', permit_id, 'alertId', id::text,
             'jobId', 'alert-' || permit_id || '-' || clock || '-' || threshold || '-' || round(extract(epoch FROM due_at) * 1000)::bigint,
             'dueAt', to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'bench', $4::text)
      FROM ins ORDER BY due_at, id
    RETURNING (payload->>'alertId')::bigint AS id`;
  const r = await pg.query(sql, [count, firstDueMs, spreadMs, tag]);
  return r.rows.map((x) => String(x.id));
}

async function latenessOf(pg, ids) {
  const r = await pg.query(
    `SELECT count(*)::int AS total, count(fired_at)::int AS fired,
            percentile_disc(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM fired_at - due_at)) AS p50,
            percentile_disc(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM fired_at - due_at)) AS p99,
            max(extract(epoch FROM fired_at - due_at)) AS max, min(extract(epoch FROM fired_at - due_at)) AS min,
            min(due_at) AS first_due, max(fired_at) AS last_fired
       FROM deadline_alerts WHERE id = ANY($1::bigint[])`,
    [ids],
  );
  return r.rows[0];
}

async function waitAllFired(pg, ids, deadlineMs) {
  for (;;) {
    const [{ left }] = (await pg.query(`SELECT count(*)::int AS left FROM deadline_alerts WHERE id = ANY($1::bigint[]) AND fired_at IS NULL`, [ids])).rows;
    if (left === 0 || Date.now() > deadlineMs) return left;
    await sleep(500);
  }
}

async function ensurePermits(pg, tpl, needed, nextRef) {
  const [{ n }] = (await pg.query(`SELECT count(*)::int AS n FROM permits`)).rows;
  if (n >= needed) return 0;
  const cases = Math.ceil((needed - n) / 18) + 10;
  await bulkSeed(pg, tpl, { start: nextRef, count: cases, batch: 1000, label: '(c) extra permits' });
  return cases;
}

async function benchAlerts(pg, smtp) {
  const out = {};
  // (i) steady trickle
  const lead = 5000;
  const first = Date.now() + lead;
  const trickleIds = await scheduleAlerts(pg, { count: CFG.trickleAlerts, firstDueMs: first, spreadMs: CFG.trickleSeconds * 1000, tag: 'trickle' });
  log(`(c.i) ${trickleIds.length} alerts due from +${lead / 1000}s over ${CFG.trickleSeconds}s; waiting…`);
  const left1 = await waitAllFired(pg, trickleIds, first + CFG.trickleSeconds * 1000 + 90_000);
  const l1 = await latenessOf(pg, trickleIds);
  out.trickle = {
    alerts: trickleIds.length,
    spreadSeconds: CFG.trickleSeconds,
    fired: l1.fired,
    notFired: left1,
    p50S: round(Number(l1.p50), 3),
    p99S: round(Number(l1.p99), 3),
    maxS: round(Number(l1.max), 3),
    minS: round(Number(l1.min), 3),
  };
  // (ii) burst: N alerts due at one instant. Lead time covers writing the rows; the relay then
  // enqueues the delayed jobs (200 per batch) before the instant.
  const burstLead = Math.max(15_000, CFG.burstAlerts * 1.5);
  const due = Date.now() + burstLead;
  const t0 = Date.now();
  const burstIds = await scheduleAlerts(pg, { count: CFG.burstAlerts, firstDueMs: due, spreadMs: 0, tag: 'burst' });
  log(`(c.ii) ${burstIds.length} alerts due at one instant (+${Math.round((due - Date.now()) / 1000)}s; inserted in ${Date.now() - t0} ms); waiting…`);
  const mailsBefore = smtp.received();
  const left2 = await waitAllFired(pg, burstIds, due + 180_000);
  const l2 = await latenessOf(pg, burstIds);
  const [{ unsent }] = (await pg.query(`SELECT count(*)::int AS unsent FROM outbox WHERE sent_at IS NULL`)).rows;
  out.burst = {
    alerts: burstIds.length,
    fired: l2.fired,
    notFired: left2,
    allFiredAfterS: left2 === 0 ? round(Number(l2.max), 2) : null,
    p50S: round(Number(l2.p50), 3),
    p99S: round(Number(l2.p99), 3),
    maxS: round(Number(l2.max), 3),
    waitCapS: 180,
    mailsReceivedDuringBurst: smtp.received() - mailsBefore,
    outboxUnsentAfter: unsent,
  };
  return out;
}

// ------------------------------------------------------------------ (d) dashboard + inbox
async function explainTop(pg, queries) {
  const out = [];
  for (const [name, sql, params] of queries) {
    const t = Date.now();
    const r = await pg.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT) ${sql}`, params || []);
    const plan = r.rows.map((x) => x['QUERY PLAN']);
    const exec = Number((/Execution Time: ([\d.]+) ms/.exec(plan.join('\n')) || [])[1]);
    out.push({ name, executionMs: round(exec), wallMs: Date.now() - t, plan: plan.slice(0, 14) });
  }
  return out.sort((a, b) => b.executionMs - a.executionMs);
}

async function benchReads(api, pg, tpl) {
  const out = {};
  const t0 = Date.now();
  await bulkSeed(pg, tpl, { start: 1, count: CFG.cases, batch: CFG.seedBatch, label: '(d) bulk seed' });
  out.seedSeconds = round((Date.now() - t0) / 1000, 1);
  // VACUUM as well as ANALYZE: right after inserting 2 million permits the tables have no
  // visibility map and no hint bits, so the first reads of every row write (hint bits), no
  // index-only scan applies, and PostgreSQL's insert-triggered autovacuum (≥ 13) is due on every
  // big table and may run during the later steps. A production database is kept vacuumed by
  // autovacuum; this measures that steady state. Measured (two full runs, 2026-12-01, quiet
  // machine): inbox p95 151 → 37 ms, dashboard p95 218 → 202 ms, fan-out 64 → 54 s; +4.5 s.
  const t1 = Date.now();
  await pg.query('VACUUM (ANALYZE)');
  out.vacuumAnalyzeSeconds = round((Date.now() - t1) / 1000, 1);
  // The dashboard's KPIs come from the permit_stats materialized view, which the worker
  // refreshes every minute: refresh it now (and time it) so the reads measure current data.
  const t2 = Date.now();
  await pg.query('REFRESH MATERIALIZED VIEW CONCURRENTLY permit_stats');
  await pg.query('REFRESH MATERIALIZED VIEW CONCURRENTLY case_stats');
  out.statsRefreshSeconds = round((Date.now() - t2) / 1000, 1);
  const [sizes] = (await pg.query(
    `SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM permits)::int AS permits, (SELECT count(*) FROM tasks)::int AS tasks,
            (SELECT count(*) FROM tasks t JOIN authorities a ON a.id = t.authority_id WHERE a.code = 'MST' AND t.status = 'open')::int AS "mstOpenTasks",
            pg_size_pretty(pg_database_size(current_database())) AS "dbSize"`,
  )).rows;
  out.data = sizes;
  log(`(d) seeded ${JSON.stringify(sizes)} in ${out.seedSeconds}s (+VACUUM ANALYZE ${out.vacuumAnalyzeSeconds}s, KPI view refresh ${out.statsRefreshSeconds}s)`);
  const coordinator = await api.login('coordinator');
  const mst = await api.login('cw.mst');
  const base = api.base.replace(/\/api\/v1$/, '');
  const measure = async (name, reqPath, token) => {
    await api.expectOk('GET', reqPath.replace('/api/v1', ''), { token }, `warm-up ${name}`);
    const cpuBefore = cpuSnapshot();
    const r = await cannon({ url: base, connections: CFG.readConnections, pipelining: 1, amount: CFG.readRequests, requests: [{ method: 'GET', path: reqPath, headers: { authorization: `Bearer ${token}` } }] }, { maxSeconds: CFG.readMaxSeconds });
    const cpu = cpuDelta(cpuBefore, cpuSnapshot(), cpuGroupOf);
    const done = Object.values(r.statuses).reduce((a, b) => a + b, 0);
    return {
      // CPU ms per request by process group; the worker's share is its own background work
      // (e.g. forecasts of the bulk-seeded cases), which the reads compete with.
      cpuMsPerRequest: Object.fromEntries(Object.entries(cpu).map(([g, ms]) => [g, done ? round(ms / done, 2) : null])),
      connections: CFG.readConnections,
      requestsPlanned: CFG.readRequests,
      requestsDone: done,
      stoppedByTimeCap: done < CFG.readRequests,
      non2xx: done - r.ok.length,
      p50Ms: round(percentile(r.ok, 50)),
      p95Ms: round(percentile(r.ok, 95)),
      p99Ms: round(percentile(r.ok, 99)),
      requestsPerSecond: round(done / r.seconds, 2),
    };
  };
  log('(d) GET /dashboard as coordinator …');
  out.dashboard = await measure('dashboard', '/api/v1/dashboard', coordinator);
  log(`(d) dashboard p50 ${out.dashboard.p50Ms} ms p95 ${out.dashboard.p95Ms} ms; GET /tasks as cw.mst …`);
  out.inbox = await measure('inbox', '/api/v1/tasks', mst);
  log(`(d) inbox p50 ${out.inbox.p50Ms} ms p95 ${out.inbox.p95Ms} ms`);
  // Profile: the statements the dashboard and the inbox run now (as written in
  // apps/api/src/insight/insight.service.ts, apps/api/src/tasks/tasks.controller.ts and the worker's
  // forecast staleness query, libs/server/case-engine/src/lib/forecast.service.ts), slowest first.
  const [{ id: mstId }] = (await pg.query(`SELECT id FROM authorities WHERE code = 'MST'`)).rows;
  const today = (await pg.query(`SELECT (now() AT TIME ZONE 'Europe/Copenhagen')::date::text AS d`)).rows[0].d;
  const dayStart = `('${today}'::date)::timestamp AT TIME ZONE 'Europe/Copenhagen'`;
  const open = `c.state IN ('submitted', 'inProgress')`;
  const watched = (await pg.query(`SELECT array_agg(case_id) AS ids FROM (SELECT DISTINCT p.case_id FROM permits p WHERE p.risk = 'breached' AND p.state LIKE 'submitted%' LIMIT 20) x`)).rows[0].ids || [];
  const inbox = `FROM tasks t JOIN permits p ON p.id = t.permit_id JOIN cases c ON c.id = t.case_id JOIN organisations o ON o.id = c.organisation_id`;
  const profile = await explainTop(pg, [
    ['dashboard.groupedStats', `SELECT authority_id, code, GROUPING(authority_id, code) AS grouping, count(*)::int, coalesce(sum(permits), 0)::int, coalesce(sum(open), 0)::int, coalesce(sum(decided), 0)::int FROM permit_stats GROUP BY GROUPING SETS ((authority_id), (code), ())`],
    ['dashboard.riskList(breached)', `SELECT p.id, p.case_id, c.reference, c.title, p.code, p.state, p.target_due_on, p.risk, a.code FROM permits p JOIN cases c ON c.id = p.case_id JOIN authorities a ON a.id = p.authority_id WHERE p.risk = 'breached' AND p.state LIKE 'submitted%' AND p.risk <> 'onTrack' ORDER BY p.target_due_on NULLS LAST, p.id LIMIT 50`],
    ['dashboard.ceilingList(breached)', `SELECT c.id, c.reference, c.title, f.ceiling_risk, c.ceiling_due_on, f.projected_completion, f.completion_p50, f.completion_p80, f.ceiling_probability FROM case_forecasts f JOIN cases c ON c.id = f.case_id WHERE f.ceiling_risk = 'breached' AND ${open} ORDER BY f.completion_p80 DESC, c.id LIMIT 50`],
    ['dashboard.watchedPermits(20 cases, risk columns)', `SELECT p.id, p.case_id, p.state, p.risk, p.received_at, p.complete_on, p.completeness_due_on, p.target_unit, p.target_length, p.target_kind, p.statutory_unit, p.statutory_length, p.stops, p.extensions, p.decided_at, p.updated_at, p.snapshot->'context'->'clockStopsWhileAwaitingApplicant' AS stops_flag FROM permits p WHERE p.case_id = ANY($1::uuid[]) ORDER BY p.case_id, (p.risk = 'breached') DESC, p.id`, [watched]],
    ['inbox.count(MST, capped)', `SELECT count(*)::int AS total FROM (SELECT 1 FROM tasks t WHERE t.authority_id = $1 AND t.status = 'open' LIMIT 10001) capped`, [mstId]],
    ['inbox.page(MST, actionable lane)', `SELECT t.*, p.code, p.state, p.risk, p.target_due_on, p.received_at, c.reference, c.title, o.name ${inbox} WHERE t.authority_id = $1 AND t.status = 'open' AND NOT (p.state IN ('submitted.infoRequested', 'infoRequested')) ORDER BY t.national_strategic DESC, t.risk_rank, t.due_on ASC NULLS LAST, t.routed_at, t.id LIMIT 20`, [mstId]],
    ['worker.forecastStaleness(permit part)', `WITH changed AS MATERIALIZED (SELECT p.case_id, max(p.updated_at) AS changed_at FROM permits p WHERE p.updated_at >= ${dayStart} GROUP BY p.case_id) SELECT c.id, f.computed_at FROM changed ch JOIN case_forecasts f ON f.case_id = ch.case_id JOIN cases c ON c.id = ch.case_id WHERE ch.changed_at > f.computed_at AND ${open} LIMIT 50`],
  ]);
  out.profile = profile.map(({ name, executionMs, plan }) => ({ name, executionMs, plan }));
  return out;
}

// ------------------------------------------------------------------ report
function fmt(v, unit = '') {
  return v === null || v === undefined ? 'n/a' : `${v}${unit}`;
}

function table(results) {
  const rows = [];
  const b = results.baseline;
  const a = results.transitions;
  if (a) {
    rows.push([`Permit transitions/s (If-Match + audit + outbox), ${a.connections} conns, ${CFG.apiProcs} API × ${CFG.workers} worker proc.`, `${a.transitionsPerSecond}/s (${a.ratioToBaseline}× baseline)`, `≥ ${TARGETS.transitionsRatio}× baseline`, a.ratioToBaseline >= TARGETS.transitionsRatio && a.non2xx === 0, b ? `pgbench ${b.tps} tps @ ${b.clients} clients` : '']);
    if (a.cpuMsPerTransition) {
      const parts = Object.entries(a.cpuMsPerTransition).sort((x, y) => y[1] - x[1]).map(([g, ms]) => `${g} ${ms}`);
      rows.push(['CPU ms per transition (where the cores went)', `${parts.join(', ')}; ${a.cpuCoresBusy} of ${os.cpus().length} cores busy`, 'info', true, b ? `pgbench ${round((os.cpus().length * 1000) / b.tps, 2)} ms of the machine per transaction` : '']);
    }
    if (results.floor) rows.push(...floorRows(a, results.floor, results.floorStack));
    rows.push(['Transition latency p50 / p99', `${fmt(a.p50Ms, ' ms')} / ${fmt(a.p99Ms, ' ms')}; non-2xx ${a.non2xx}`, 'info (non-2xx = 0)', a.non2xx === 0, b ? `pgbench avg ${b.latencyAvgMs} ms` : '']);
  }
  const c = results.create;
  if (c) rows.push([`POST /cases (${c.permitsPerCase} permits, application: shared part + ${c.sections} sections), ${c.connections} conns × ${c.requests}`, `p50 ${fmt(c.p50Ms, ' ms')} / p99 ${fmt(c.p99Ms, ' ms')}; ${c.casesPerSecond} cases/s; non-2xx ${c.non2xx}; warm-up ${c.warmUp.requests} at once: max ${fmt(c.warmUp.maxMs, ' ms')}`, `p99 ≤ ${TARGETS.createP99Ms} ms`, c.p99Ms !== null && c.p99Ms <= TARGETS.createP99Ms && c.non2xx === 0 && c.warmUp.created === c.warmUp.requests, '']);
  const al = results.alerts;
  if (al) {
    rows.push([`Alert lateness, trickle ${al.trickle.alerts} over ${al.trickle.spreadSeconds}s`, `p50 ${fmt(al.trickle.p50S, ' s')} / p99 ${fmt(al.trickle.p99S, ' s')} / max ${fmt(al.trickle.maxS, ' s')}; unfired ${al.trickle.notFired}`, `p99 ≤ ${TARGETS.trickleP99S} s`, al.trickle.notFired === 0 && al.trickle.p99S <= TARGETS.trickleP99S, '']);
    rows.push([`Alert burst: ${al.burst.alerts} due at one instant`, al.burst.notFired === 0 ? `all fired after ${al.burst.allFiredAfterS} s (p50 ${al.burst.p50S} s)` : `${al.burst.notFired} not fired after ${al.burst.waitCapS} s`, `≤ ${TARGETS.burstAllFiredS} s`, al.burst.notFired === 0 && al.burst.allFiredAfterS <= TARGETS.burstAllFiredS, '']);
  }
  const d = results.reads;
  if (d) {
    const sz = `${d.data.cases} cases / ${d.data.permits} permits`;
    rows.push([`GET /dashboard (coordinator), ${sz}`, `p50 ${fmt(d.dashboard.p50Ms, ' ms')} / p95 ${fmt(d.dashboard.p95Ms, ' ms')} (${d.dashboard.requestsDone}/${d.dashboard.requestsPlanned} req)`, `p95 ≤ ${TARGETS.readP95Ms} ms`, d.dashboard.p95Ms !== null && d.dashboard.p95Ms <= TARGETS.readP95Ms && d.dashboard.non2xx === 0, '']);
    rows.push([`GET /tasks (cw.mst, ${d.data.mstOpenTasks} open tasks)`, `p50 ${fmt(d.inbox.p50Ms, ' ms')} / p95 ${fmt(d.inbox.p95Ms, ' ms')} (${d.inbox.requestsDone}/${d.inbox.requestsPlanned} req)`, `p95 ≤ ${TARGETS.readP95Ms} ms`, d.inbox.p95Ms !== null && d.inbox.p95Ms <= TARGETS.readP95Ms && d.inbox.non2xx === 0, '']);
  }
  const f = results.forecast;
  if (f) rows.push([`Monte Carlo forecast, ${f.permits}-permit case × ${f.runs} runs (${f.samples} samples)`, `p50 ${fmt(f.p50Ms, ' ms')} / p95 ${fmt(f.p95Ms, ' ms')} wall (CPU p95 ${fmt(f.cpuP95Ms, ' ms')})`, `p95 ≤ ${TARGETS.forecastP95Ms} ms`, f.p95Ms !== null && f.p95Ms <= TARGETS.forecastP95Ms, '']);
  const st = results.statistics;
  if (st) {
    rows.push([`GET /statistics?format=csv, ${st.cases} cases (${st.rows} rows)`, `max ${fmt(st.maxS, ' s')} of ${st.samples} (median ${fmt(st.medianS, ' s')})`, `≤ ${TARGETS.statisticsExportS} s`, st.maxS <= TARGETS.statisticsExportS && st.ok, '']);
  }
  const w = results.webhooks;
  if (w && w.transitions) {
    const t = w.transitions;
    rows.push([`Permit transitions/s with webhooks (${t.deliveriesCreated} deliveries), same database as the runs without`, `${t.transitionsPerSecond}/s = ${t.ratio}× the runs without (${t.withoutBefore}/s before, ${t.withoutAfter}/s after)`, `≥ ${TARGETS.webhookTransitionRatio}× without webhooks`, t.ratio !== null && t.ratio >= TARGETS.webhookTransitionRatio, `step (a): ${t.stepA}/s (${t.ratioToStepA}×)`]);
  }
  if (w && w.fanOut) {
    const f = w.fanOut;
    rows.push([`Webhook fan-out: ${f.events} events × ${f.endpoints} endpoints`, `${f.received}/${f.deliveries} received in ${f.seconds} s (${f.perSecond}/s); pending ${f.pending}, dead ${f.dead}`, `all ≤ ${TARGETS.webhookFanOutS} s`, f.received >= f.deliveries && f.seconds <= TARGETS.webhookFanOutS, '']);
  }
  const lines = ['| Metric | Result | Target | Pass | Baseline |', '|---|---|---|---|---|'];
  for (const [m, r, t, p, bl] of rows) lines.push(`| ${m} | ${r} | ${t} | ${p ? 'PASS' : 'FAIL'} | ${bl} |`);
  return lines.join('\n');
}

// ------------------------------------------------------------------ main
async function main() {
  const startedAt = new Date();
  const results = { startedAt: startedAt.toISOString(), config: CFG, targets: TARGETS };
  const rt = (state.rt = await resolveRuntime({ purpose: 'test', log, rootDir: ROOT }));
  state.admin = rt.adminDatabaseUrl || rt.databaseUrl;
  state.dbName = `rodlober_bench_${process.pid}`;
  const dbUrl = await createTestDatabase(state.admin, state.dbName);
  state.redisUrl = process.env.BENCH_REDIS_URL || (rt.redisSource === 'system' ? 'redis://127.0.0.1:6379/9' : rt.redisUrl);
  await flushRedisDb(state.redisUrl);
  log(`database ${state.dbName} on ${rt.pgSource}; redis ${state.redisUrl}`);
  const env = { DATABASE_URL: dbUrl, REDIS_URL: state.redisUrl, NODE_ENV: 'test', LOG_LEVEL: 'warn' };
  dbCommand('migrate', env);
  dbCommand('seed', env);

  const { Client } = require('pg');
  state.pg = new Client({ connectionString: dbUrl, application_name: 'rod-lober-bench' });
  state.pg.on('error', () => {});
  await state.pg.connect();
  const pg = state.pg;
  const [{ version: pgVersion }] = (await pg.query(`SELECT version()`)).rows;
  const [{ s: syncCommit }] = (await pg.query(`SELECT current_setting('synchronous_commit') AS s`)).rows;
  results.machine = { nproc: os.cpus().length, totalMemoryGiB: round(os.totalmem() / 2 ** 30, 1), cpuModel: os.cpus()[0]?.model, node: process.version, postgres: pgVersion, synchronousCommit: syncCommit, pgSource: rt.pgSource, loadAvgAtStart: os.loadavg().map((x) => round(x, 2)) };

  log(`baseline: pgbench, ${CFG.clients} clients, ${CFG.pgbenchSeconds}s …`);
  results.baseline = await pgbenchBaseline(dbUrl, CFG.clients);
  log(`baseline: ${results.baseline.tps} tps`);

  state.smtp = await startSmtpSink({ disabledCommands: ['STARTTLS', 'AUTH'] });
  const port = await freePort();
  const appEnv = { ...env, PORT: String(port), RATE_LIMIT_PER_MINUTE: '100000000', ENABLE_TEST_CLOCK: '1', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(state.smtp.port), API_URL: `http://127.0.0.1:${port}` };
  const apiChild = startChild('api', 'apps/api/src/main.ts', { ...appEnv, API_PROCS: String(CFG.apiProcs) });
  if (!process.env.BENCH_DIAG_NO_WORKER) for (let i = 0; i < CFG.workers; i++) startChild('worker', 'apps/worker/src/main.ts', appEnv);
  log(`processes: ${CFG.apiProcs} API × ${process.env.BENCH_DIAG_NO_WORKER ? 0 : CFG.workers} worker(s)`);
  await waitHealthy(`http://127.0.0.1:${port}/api/v1/health`, apiChild, 120_000);
  const api = httpClient(`http://127.0.0.1:${port}/api/v1`);
  log(`API up on ${port}`);

  if (!SKIP.has('a')) {
    const { prepared, result } = await benchTransitions(api, pg, results.baseline, { vacuum: true });
    results.transitions = result;
    log(`(a) ${JSON.stringify(results.transitions)}`);
    if (!SKIP.has('floor')) {
      const floors = await benchFloor({ pg, dbUrl, prepared, baseline: results.baseline, worker: { kill: (sig) => state.children.filter((c) => c.benchName === 'worker').forEach((c) => c.kill(sig)) }, children: state.children, measure: measureTransitions, vacuum: vacuumTransitionTables, log });
      results.floor = floors.floor;
      results.floorStack = floors.floorStack;
      log(`(a) floor ${JSON.stringify(results.floor)}`);
      log(`(a) stack floor ${JSON.stringify(results.floorStack)}`);
    }
  }
  if (!SKIP.has('b')) {
    results.create = await benchCreate(api);
    log(`(b) ${JSON.stringify(results.create)}`);
  }
  // A template case (24 permits) made through the API, for the SQL bulk seeds.
  const applicant = await api.login(APPLICANT);
  const tplCase = await api.expectOk('POST', '/cases', { token: applicant, body: { title: 'Bench template', facts: BIG_FACTS } }, 'template case');
  const tpl = await prepareTemplate(pg, tplCase.id);
  if (!SKIP.has('c')) {
    // Reference numbers after the (d) range, so the big seed never collides with these cases.
    await ensurePermits(pg, tpl, Math.ceil(CFG.burstAlerts / 4) + Math.ceil(CFG.trickleAlerts / 4) + 10, CFG.cases + 1);
    // Let the outbox of the earlier steps drain first.
    await sleep(2000);
    results.alerts = await benchAlerts(pg, state.smtp);
    log(`(c) ${JSON.stringify(results.alerts)}`);
  }
  if (!SKIP.has('d')) {
    results.reads = await benchReads(api, pg, tpl);
    log(`(d) ${JSON.stringify({ ...results.reads, profile: undefined })}`);
    for (const p of results.reads.profile) log(`  profile ${p.name}: ${p.executionMs} ms\n    ${p.plan.slice(0, 8).join('\n    ')}`);
  }
  if (!SKIP.has('e')) {
    // (e) The forecast the worker stores for every changed case: the 24-permit template, 2,000 runs.
    results.forecast = JSON.parse(runTs(['scripts/bench/forecast.ts', tplCase.id, String(QUICK ? 30 : 100)], env, 'forecast bench').trim().split('\n').pop());
    log(`(e) ${JSON.stringify(results.forecast)}`);
  }
  if (!SKIP.has('f') && results.reads) {
    // (f) The L 206 statistics export over (d)'s bulk seed.
    const coordinator = await api.login('coordinator');
    const times = [];
    let rows = 0;
    let ok = true;
    for (let i = 0; i < 3; i++) {
      const t = Date.now();
      const r = await fetch(`${api.base}/statistics?format=csv`, { headers: { authorization: `Bearer ${coordinator}` } });
      const text = await r.text();
      times.push((Date.now() - t) / 1000);
      ok = ok && r.status === 200;
      rows = text.trim().split('\r\n').length - 1;
    }
    times.sort((a, b) => a - b);
    results.statistics = { cases: results.reads.data.cases, rows, samples: times.length, medianS: round(times[1], 2), maxS: round(times[2], 2), ok };
    log(`(f) ${JSON.stringify(results.statistics)}`);
  }
  if (!SKIP.has('w')) {
    const { benchWebhooks } = require('./webhooks');
    results.webhooks = await benchWebhooks({
      api,
      pg,
      log,
      sleep,
      benchTransitions: async () => (await benchTransitions(api, pg, results.baseline)).result,
      withoutWebhooks: results.transitions,
      applicantUser: APPLICANT,
      caseworkers: [...new Set(Object.values(CASEWORKER_FOR))],
      events: QUICK ? 2000 : 10_000,
    });
    log(`(w) ${JSON.stringify(results.webhooks)}`);
  }
  results.machine.loadAvgAtEnd = os.loadavg().map((x) => round(x, 2));
  results.mailsReceived = state.smtp.received();
  results.finishedAt = new Date().toISOString();
  results.durationSeconds = round((Date.now() - startedAt.getTime()) / 1000, 1);
  const md = table(results);
  results.table = md;
  fs.mkdirSync(path.join(ROOT, 'bench'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n');
  process.stdout.write(`\n## Rød Løber bench (${QUICK ? 'BENCH_QUICK' : 'full'}) — ${results.finishedAt}\n\n${md}\n\nMachine: ${results.machine.nproc} cores, ${results.machine.totalMemoryGiB} GiB, ${pgVersion.split(' on ')[0]}, synchronous_commit=${syncCommit}, load average at start/end ${results.machine.loadAvgAtStart[0]}/${results.machine.loadAvgAtEnd[0]} (other processes share the cores). Details: bench/results.json\n`);
}

main()
  .then(() => cleanup())
  .then(() => process.exit(0))
  .catch(async (e) => {
    log(`FAILED: ${e && e.stack ? e.stack : e}`);
    await cleanup();
    process.exit(1);
  });
