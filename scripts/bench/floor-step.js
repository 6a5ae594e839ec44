/**
 * Step (a)'s floor (issue 20 item 1): right after the product's run, the same request generator
 * drives scripts/bench/floor.js (bare node:http + pg, the same write set) on the same database and
 * the same permits, and the table reports the product as a ratio of it, per process.
 *
 * The worker is paused (SIGSTOP) while the floor runs, so neither its catch-up nor the floor's
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

async function benchFloor({ pg, dbUrl, prepared, baseline, worker, children, measure, log }) {
  const template = await floorTemplate(pg);
  // A product run too slow to send both event types (a heavily loaded machine) leaves nothing to copy.
  if (template.missing) {
    log(`(a) floor skipped: the product wrote no ${template.missing} transition to copy`);
    return { skipped: `the product wrote no ${template.missing} transition to copy` };
  }
  const {
    rows: [{ max, since }],
  } = await pg.query(`SELECT coalesce(max(id), 0)::text AS max, now() AS since FROM outbox`);
  if (worker) worker.kill('SIGSTOP');
  // Requests of the product's run still in flight when it stopped were not seen by the generator:
  // start from the versions and states in the database.
  // The API may still be finishing them: read until two reads a second apart agree.
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
  const port = await freePort();
  // With SWC register: the floor reads the transition with the product's statement (a TypeScript module).
  const child = spawn(process.execPath, tsArgv([path.join(__dirname, 'floor.js')]), {
    cwd: ROOT,
    env: tsEnv({ DATABASE_URL: dbUrl, PORT: String(port), FLOOR_TEMPLATE: JSON.stringify(template) }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.benchName = 'floor';
  child.tail = [];
  child.stderr.on('data', (d) => child.tail.push(String(d)));
  children.push(child);
  try {
    if (!(await waitHttpOk(`http://127.0.0.1:${port}/api/v1/health`, { timeoutMs: 30_000, isDead: () => child.exitCode !== null }))) {
      throw new Error(`floor did not start: ${child.tail.join('').slice(-500)}`);
    }
    log(`(a) floor: bare node:http + pg on ${port}, same generator, same permits …`);
    const result = await measure(`http://127.0.0.1:${port}`, prepared, pg, baseline);
    return { ...result, rowsPerTransition: Object.fromEntries(EVENT_TYPES.map((t) => [t, template[t].rowsPerTransition])) };
  } finally {
    await stopChild(child, 'SIGTERM', 5_000);
    await pg.query(`UPDATE outbox SET sent_at = now() WHERE id > $1::bigint AND sent_at IS NULL`, [max]);
    await pg.query(`UPDATE notifications SET email_status = 'sent', emailed_at = now() WHERE email_status = 'pending' AND created_at >= $1`, [since]);
    if (worker) worker.kill('SIGCONT');
  }
}

const sum = (o, keys) => keys.reduce((s, k) => s + (o[k] ?? 0), 0);
const r2 = (v) => Math.round(v * 100) / 100;
const PRODUCT = ['api', 'worker', 'postgres', 'redis'];
const FLOOR = ['floor', 'postgres', 'redis'];

/** The table rows: the floor, and the product as a ratio of it (throughput, CPU per process). */
function floorRows(a, f) {
  if (f.skipped) return [['Floor: bare node:http + pg, same write set', `skipped: ${f.skipped}`, '≥ 0.5× floor', false, '']];
  const tpsRatio = r2(a.transitionsPerSecond / f.transitionsPerSecond);
  const pc = a.cpuMsPerTransition;
  const fc = f.cpuMsPerTransition;
  const productCpu = sum(pc, PRODUCT);
  const floorCpu = sum(fc, FLOOR);
  const cpuRatio = r2(productCpu / floorCpu);
  return [
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
}

module.exports = { benchFloor, floorRows, floorTemplate };
