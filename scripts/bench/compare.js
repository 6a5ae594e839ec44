#!/usr/bin/env node
/**
 * Interleaved old/new comparison of bench step (a) (permit transitions), for a machine shared
 * with other work: runs `BENCH_SKIP=b,c,d npm run bench` in two checkouts, alternating
 * old, new, old, new … `BENCH_PAIRS` times, and prints every run (transitions/s, CPU ms per
 * transition per process group, pgbench baseline, load average) and the medians as markdown.
 *
 *   node scripts/bench/compare.js <old checkout> <new checkout>
 *   BENCH_PAIRS=4 BENCH_REDIS_URL=redis://127.0.0.1:6379/5 node scripts/bench/compare.js /work/wt/old .
 *
 * Each checkout needs its own `npm ci`. A run takes about 70 s on a quiet machine (setup, 15 s
 * pgbench, 20 s of transitions), so 4 pairs take about 10 minutes (more under load: 60–140 s a run).
 * Runs alternate ABBA (old, new | new, old | …). Every run's results.json is kept in
 * bench/compare/<timestamp>/ (BENCH_COMPARE_OUT overrides). Environment is passed through
 * (BENCH_REDIS_URL, BENCH_TRANSITION_SECONDS, …); the bench FLUSHDBs the Redis DB it is given.
 */
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const [oldDir, newDir] = process.argv.slice(2).map((d) => d && path.resolve(d));
if (!oldDir || !newDir) {
  process.stderr.write('usage: node scripts/bench/compare.js <old checkout> <new checkout>\n');
  process.exit(2);
}
const PAIRS = Number(process.env.BENCH_PAIRS || 4);
const OUT = process.env.BENCH_COMPARE_OUT || path.join(newDir, 'bench', 'compare', new Date().toISOString().replace(/[:.]/g, '-'));
fs.mkdirSync(OUT, { recursive: true });

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const r2 = (v) => Math.round(v * 100) / 100;
const loadavg = () => os.loadavg().map((v) => v.toFixed(2)).join(' ');

/** One bench run of step (a) in `dir`; returns the numbers that matter. */
function run(label, dir, i) {
  const load = loadavg();
  const started = Date.now();
  const r = spawnSync('npm', ['run', 'bench'], { cwd: dir, env: { ...process.env, BENCH_SKIP: process.env.BENCH_SKIP || 'b,c,d,floor' }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${label} run ${i} failed (exit ${r.status}): ${String(r.stderr).split('\n').slice(-15).join('\n')}`);
  const file = path.join(dir, 'bench', 'results.json');
  const res = JSON.parse(fs.readFileSync(file, 'utf8'));
  fs.copyFileSync(file, path.join(OUT, `${i}-${label}.json`));
  const cpu = res.transitions.cpuMsPerTransition;
  // The product's own processes; "other" is everyone else on the machine.
  const own = Object.entries(cpu).filter(([k]) => k !== 'other').reduce((a, [, v]) => a + v, 0);
  const row = { label, i, tps: res.transitions.transitionsPerSecond, cpuOwn: r2(own), cpu, pgbench: res.baseline.tps, loadBefore: load, loadAfter: loadavg(), seconds: Math.round((Date.now() - started) / 1000) };
  process.stderr.write(`[compare] ${JSON.stringify(row)}\n`);
  return row;
}

// ABBA order (old, new | new, old | …): a load that rises or falls during the sitting then
// favours neither side.
const rows = [];
for (let i = 1; i <= PAIRS; i++) {
  const order = i % 2 ? ['old', 'new'] : ['new', 'old'];
  for (const label of order) rows.push(run(label, label === 'old' ? oldDir : newDir, i));
}

const groups = ['api', 'worker', 'postgres', 'redis', 'bench (autocannon + SMTP sink)', 'other'];
const lines = [];
lines.push(`| run | code | transitions/s | CPU ms/transition (own processes) | api | worker | postgres | redis | bench | other | pgbench tps | loadavg before | loadavg after |`);
lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const x of rows) lines.push(`| ${x.i} | ${x.label} | ${x.tps} | ${x.cpuOwn} | ${groups.map((g) => x.cpu[g] ?? '–').join(' | ')} | ${x.pgbench} | ${x.loadBefore} | ${x.loadAfter} |`);
const summary = {};
for (const label of ['old', 'new']) {
  const xs = rows.filter((x) => x.label === label);
  summary[label] = { tps: median(xs.map((x) => x.tps)), cpuOwn: median(xs.map((x) => x.cpuOwn)), api: median(xs.map((x) => x.cpu.api)), worker: median(xs.map((x) => x.cpu.worker)), postgres: median(xs.map((x) => x.cpu.postgres)), pgbench: median(xs.map((x) => x.pgbench)) };
}
const o = summary.old;
const n = summary.new;
lines.push('');
lines.push('| median | transitions/s | CPU ms/transition (own) | api | worker | postgres | pgbench tps |');
lines.push('|---|---|---|---|---|---|---|');
for (const [label, s] of Object.entries(summary)) lines.push(`| ${label} | ${s.tps} | ${r2(s.cpuOwn)} | ${r2(s.api)} | ${r2(s.worker)} | ${r2(s.postgres)} | ${s.pgbench} |`);
lines.push('');
lines.push(`new/old transitions/s: ${r2(n.tps / o.tps)} (criterion ≥ 0.95: ${n.tps / o.tps >= 0.95 ? 'met' : 'NOT met'}); CPU ms/transition new − old: ${r2(n.cpuOwn - o.cpuOwn)} (criterion ≤ 0: ${n.cpuOwn <= o.cpuOwn ? 'met' : 'NOT met'})`);
// Within a pair both runs saw about the same machine: the median of the per-pair ratios is less
// sensitive to the load of other work than the ratio of medians (reported as well, not the criterion).
const pairRatios = Array.from({ length: PAIRS }, (_, k) => {
  const [o1, n1] = ['old', 'new'].map((l) => rows.find((x) => x.i === k + 1 && x.label === l));
  return { tps: n1.tps / o1.tps, cpu: n1.cpuOwn / o1.cpuOwn };
});
lines.push(`median of per-pair ratios new/old: transitions/s ${r2(median(pairRatios.map((p) => p.tps)))}, CPU ms/transition ${r2(median(pairRatios.map((p) => p.cpu)))}`);
const text = lines.join('\n');
fs.writeFileSync(path.join(OUT, 'summary.md'), `${text}\n`);
fs.writeFileSync(path.join(OUT, 'runs.json'), JSON.stringify({ rows, summary }, null, 2));
process.stdout.write(`${text}\n`);
process.stderr.write(`[compare] results in ${OUT}\n`);
