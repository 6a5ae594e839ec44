/**
 * Step (a)'s floors (issue 20 item 1): right after the product's run, the same request generator
 * drives scripts/bench/floor.js (bare node:http + pg, the same write set) on the same database and
 * the same permits, and the table reports the product as a ratio of it, per process. Then the
 * same for scripts/bench/floor-stack.ts (the same statements on NestJS + TypeORM, none of the
 * product's code): what the fixed stack alone costs.
 *
 * The worker is paused (SIGSTOP, outside any transaction) while the floors run, so neither its catch-up nor the floor's
 * outbox rows count; the floor's outbox and notification rows are then marked sent (they are
 * load, not mail) before the worker continues (SIGCONT).
 */
'use strict';

const { spawn } = require('node:child_process');
const path = require('node:path');
const { ROOT, freePort, sleep, waitHttpOk, stopChild, tsArgv, tsEnv } = require('../lib/harness');

const EVENT_TYPES = ['authority.infoRequested', 'applicant.infoProvided'];

/** What the product wrote for the last transition of each event type: the floor writes the same rows. */
async function floorTemplate(pg) {
  const out = {};
  for (const type of EVENT_TYPES) {
    const {
      rows: [last],
    } = await pg.query(`SELECT aggregate_id AS permit_id, created_at::text AS created_at FROM outbox WHERE payload->>'eventType' = $1 ORDER BY id DESC LIMIT 1`, [type]);
    if (!last) return { missing: type };
    const at = [last.permit_id, last.created_at];
    // `relay`: the product writes the rows its relay has nothing to do with as relayed (sent_at set,
    // never attempted: outboxNeedsRelay); the floor writes the same mix.
    const { rows: outbox } = await pg.query(`SELECT type, payload, NOT (sent_at IS NOT NULL AND attempts = 0) AS relay FROM outbox WHERE aggregate_id = $1 AND created_at = $2::timestamptz ORDER BY id`, at);
    const { rows: notes } = await pg.query(`SELECT n.kind, n.title, n.body, n.data, u.role FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.permit_id = $1 AND n.created_at = $2::timestamptz`, at);
    const { rows: alerts } = await pg.query(`SELECT clock, threshold FROM deadline_alerts WHERE permit_id = $1 AND created_at = $2::timestamptz ORDER BY id`, at);
    const n = notes[0];
    out[type] = {
      audience: [...new Set(notes.map((x) => x.role))],
      notification: n ? { kind: n.kind, title: n.title, body: n.body, data: n.data } : { kind: 'none', title: '', body: '', data: {} },
      cancelAlerts: outbox.some((o) => o.type === 'alert.cancel'),
      alerts,
      // E-mail and alert-schedule rows follow from the inserted notifications and alerts.
      outbox: outbox.filter((o) => o.type !== 'email.send' && o.type !== 'alert.schedule'),
      rowsPerTransition: { outbox: outbox.length, notifications: notes.length, alerts: alerts.length },
    };
  }
  return out;
}

/** The floors, run one after the other on the same permits: the bare one (the target's) and the stack one. */
const FLOORS = [
  { key: 'floor', entry: 'floor.js', label: 'bare node:http + pg' },
  { key: 'floorStack', entry: 'floor-stack.ts', label: 'NestJS (Express) + TypeORM, none of our code' },
];
if (process.env.BENCH_FLOOR_ORDER === 'stack-first') FLOORS.reverse();

/** Starts the permits where the database has them (requests still in flight when a run stopped were not seen by the generator). */
async function resyncPermits(pg, prepared) {
  // The last server may still be finishing them: read until two reads a second apart agree.
  const permits = prepared.cases.flatMap((c) => c.permits);
  const read = async () => (await pg.query(`SELECT id, version, state FROM permits WHERE id = ANY($1::uuid[]) ORDER BY id`, [permits.map((p) => p.id)])).rows;
  let current = await read();
  for (let i = 0; i < 30; i++) {
    await sleep(1000);
    const again = await read();
    if (JSON.stringify(again) === JSON.stringify(current)) break;
    current = again;
  }
  const byId = new Map(current.map((r) => [r.id, r]));
  for (const p of permits) Object.assign(p, { version: byId.get(p.id).version, state: byId.get(p.id).state, needsResync: false });
}

async function runFloor(floor, { pg, dbUrl, prepared, baseline, children, measure, vacuum, log }, template) {
  await resyncPermits(pg, prepared);
  // As the product's run did: start on vacuumed tables (run.js, TRANSITION_TABLES says why).
  const vacuumSeconds = await vacuum(pg);
  const port = await freePort();
  // With SWC register: the floors read the transition with the product's statement (a TypeScript module).
  const child = spawn(process.execPath, tsArgv([path.join(__dirname, floor.entry)]), {
    cwd: ROOT,
    env: tsEnv({ DATABASE_URL: dbUrl, PORT: String(port), FLOOR_TEMPLATE: JSON.stringify(template) }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // Both count as the process group 'floor' in the CPU breakdown.
  child.benchName = 'floor';
  child.tail = [];
  child.stderr.on('data', (d) => child.tail.push(String(d)));
  children.push(child);
  try {
    if (!(await waitHttpOk(`http://127.0.0.1:${port}/api/v1/health`, { timeoutMs: 60_000, isDead: () => child.exitCode !== null }))) {
      throw new Error(`floor ${floor.entry} did not start: ${child.tail.join('').slice(-500)}`);
    }
    log(`(a) floor: ${floor.label} on ${port}, same generator, same permits …`);
    return { ...(await measure(`http://127.0.0.1:${port}`, prepared, pg, baseline)), vacuumSeconds };
  } finally {
    await stopChild(child, 'SIGTERM', 5_000);
    children.splice(children.indexOf(child), 1);
  }
}

/**
 * SIGSTOPs the worker at an instant when no session of the bench database is inside a transaction
 * (else SIGCONT, wait a little, try again). A worker stopped inside one — its e-mail sender holds
 * the claimed rows' transaction open while it talks SMTP — kept that transaction open for the
 * whole floor run, and PostgreSQL can then remove no row version deleted after it began: no
 * pruning of the updated permits' old versions, no VACUUM. Found on 2026-12-01 (two worker sessions
 * `idle in transaction` for the 45 s of both floor runs): the floors ran slower than they should
 * have, the later one the more (their PostgreSQL CPU per transition 0.3–1.1 ms higher).
 */
async function pauseOutsideTransactions(pg, worker) {
  try {
    for (let attempt = 0; attempt < 500; attempt++) {
      worker.kill('SIGSTOP');
      // A statement the worker wrote to its socket just before it stopped (a BEGIN, a claim) may
      // not have reached its backend yet: give it time to start before looking.
      await sleep(50);
      const {
        rows: [{ n }],
      } = await pg.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL`);
      if (n === 0) return attempt;
      worker.kill('SIGCONT');
      await sleep(20);
    }
  } catch (e) {
    worker.kill('SIGCONT');
    throw e;
  }
  worker.kill('SIGCONT');
  throw new Error('could not pause the worker outside a transaction (a session of the bench database stayed inside one)');
}

/** Runs the floors; returns { floor, floorStack } (each a measured run, or { skipped }). */
async function benchFloor(ctx) {
  const { pg, worker, log } = ctx;
  const template = await floorTemplate(pg);
  // A product run too slow to send both event types (a heavily loaded machine) leaves nothing to copy.
  if (template.missing) {
    log(`(a) floor skipped: the product wrote no ${template.missing} transition to copy`);
    const skipped = { skipped: `the product wrote no ${template.missing} transition to copy` };
    return { floor: skipped, floorStack: skipped };
  }
  const {
    rows: [{ max, since }],
  } = await pg.query(`SELECT coalesce(max(id), 0)::text AS max, now() AS since FROM outbox`);
  const pauseAttempts = worker ? await pauseOutsideTransactions(pg, worker) : null;
  const out = {};
  try {
    for (const floor of FLOORS) {
      // A floor that fails is reported as skipped (a FAIL row for the bare floor), and the other and
      // the bench's later steps still run.
      try {
        const result = await runFloor(floor, ctx, template);
        out[floor.key] = { ...result, workerPauseRetries: pauseAttempts, rowsPerTransition: Object.fromEntries(EVENT_TYPES.map((t) => [t, template[t].rowsPerTransition])) };
      } catch (e) {
        log(`(a) floor ${floor.entry} failed: ${e.message}`);
        out[floor.key] = { skipped: `failed: ${e.message.slice(0, 200)}` };
      }
    }
    return out;
  } finally {
    await pg.query(`UPDATE outbox SET sent_at = now() WHERE id > $1::bigint AND sent_at IS NULL`, [max]);
    await pg.query(`UPDATE notifications SET email_status = 'sent', emailed_at = now() WHERE email_status = 'pending' AND created_at >= $1`, [since]);
    if (worker) worker.kill('SIGCONT');
  }
}

const sum = (o, keys) => keys.reduce((s, k) => s + (o[k] ?? 0), 0);
const r2 = (v) => Math.round(v * 100) / 100;
const PRODUCT = ['api', 'worker', 'postgres', 'redis'];
const FLOOR = ['floor', 'postgres', 'redis'];

/** The table rows: the floor, and the product as a ratio of it (throughput, CPU per process); then the stack floor. */
function floorRows(a, f, st) {
  if (f.skipped) return [['Floor: bare node:http + pg, same write set', `skipped: ${f.skipped}`, '≥ 0.5× floor', false, '']];
  const tpsRatio = r2(a.transitionsPerSecond / f.transitionsPerSecond);
  const pc = a.cpuMsPerTransition;
  const fc = f.cpuMsPerTransition;
  const productCpu = sum(pc, PRODUCT);
  const floorCpu = sum(fc, FLOOR);
  const cpuRatio = r2(productCpu / floorCpu);
  const rows = [
    [
      `Floor: bare node:http + pg, same write set, ${f.connections} conns`,
      `${f.transitionsPerSecond}/s; product/floor ${tpsRatio}× (non-2xx ${f.non2xx})`,
      '≥ 0.5× floor',
      tpsRatio >= 0.5 && f.non2xx === 0,
      `floor p50 ${f.p50Ms} ms / p99 ${f.p99Ms} ms`,
    ],
    [
      'CPU ms per transition, product vs floor',
      `product ${r2(productCpu)} (api ${pc.api}, worker ${pc.worker ?? 0}, postgres ${pc.postgres}, redis ${pc.redis ?? 0}) vs floor ${r2(floorCpu)} (node ${fc.floor}, postgres ${fc.postgres}, redis ${fc.redis ?? 0}): ${cpuRatio}×`,
      '≤ 2× floor',
      cpuRatio <= 2,
      `per process: api/node ${r2(pc.api / fc.floor)}×, postgres ${r2(pc.postgres / fc.postgres)}×`,
    ],
  ];
  if (st && !st.skipped) {
    const sc = st.cpuMsPerTransition;
    rows.push([
      `Stack floor: the floor's SQL on NestJS (Express) + TypeORM, none of our code, ${st.connections} conns`,
      `${st.transitionsPerSecond}/s = ${r2(st.transitionsPerSecond / f.transitionsPerSecond)}× floor; product/stack floor ${r2(a.transitionsPerSecond / st.transitionsPerSecond)}×; CPU ms ${r2(sum(sc, FLOOR))} (node ${sc.floor}, postgres ${sc.postgres}) = ${r2(sum(sc, FLOOR) / floorCpu)}× floor (non-2xx ${st.non2xx})`,
      'info',
      st.non2xx === 0,
      `what the fixed stack costs; product api/stack node ${r2(pc.api / sc.floor)}×`,
    ]);
  }
  return rows;
}

module.exports = { benchFloor, floorRows, floorTemplate };
