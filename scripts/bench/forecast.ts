/**
 * Bench step (e), run by scripts/bench/run.js as a TypeScript child: the Monte Carlo forecast of
 * one case (the 24-permit template case), 2,000 runs, as the worker computes it — permits read
 * once, then `forecastCase` timed N times. Prints one JSON line: { permits, runs, samples, p50Ms, p95Ms }.
 */
import { Client } from 'pg';
import { forecastCase, parsePermitRow } from '@rl/case-engine';
import { MIN_RUNS } from '@rl/critical-path';

async function main() {
  const [caseId, samplesArg] = process.argv.slice(2);
  const samples = Number(samplesArg ?? 100);
  const pg = new Client({ connectionString: process.env.DATABASE_URL });
  await pg.connect();
  const permits = (await pg.query(`SELECT * FROM permits WHERE case_id = $1`, [caseId])).rows.map(parsePermitRow);
  await pg.end();
  const input = { caseId, permits, now: new Date(), ceilingDueOn: null, ceilingStartOn: null, history: new Map(), runs: MIN_RUNS };
  for (let i = 0; i < 5; i++) forecastCase(input); // warm-up (JIT)
  const ms: number[] = [];
  // CPU time too: on a shared machine (load average above the core count) wall time measures the queue.
  const cpu: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = process.hrtime.bigint();
    const c = process.cpuUsage();
    forecastCase(input);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  ms.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const pct = (xs: number[], p: number) => Math.round(xs[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] * 10) / 10;
  process.stdout.write(`${JSON.stringify({ permits: permits.length, runs: MIN_RUNS, samples, p50Ms: pct(ms, 50), p95Ms: pct(ms, 95), cpuP95Ms: pct(cpu, 95) })}\n`);
}

main().catch((e) => {
  process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
