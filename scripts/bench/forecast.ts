/**
 * Bench step (e), run by scripts/bench/run.js as a TypeScript child: the Monte Carlo forecast of
 * one case (the 24-permit template case), 2,000 runs, as the worker computes it — permits read
 * once, then `forecastCase` timed N times. Prints one JSON line: { permits, runs, samples, p50Ms, p95Ms }.
 */
import { Client } from 'pg';
import { parsePermitRow } from '@rl/case-engine';
import { MIN_RUNS } from '@rl/critical-path';
import { percentile, timeForecast } from './forecast-timing';

async function main() {
  const [caseId, samplesArg] = process.argv.slice(2);
  const samples = Number(samplesArg ?? 100);
  const pg = new Client({ connectionString: process.env.DATABASE_URL });
  await pg.connect();
  const permits = (await pg.query(`SELECT * FROM permits WHERE case_id = $1`, [caseId])).rows.map(parsePermitRow);
  await pg.end();
  const input = { caseId, permits, now: new Date(), ceilingDueOn: null, ceilingStartOn: null, history: new Map(), runs: MIN_RUNS };
  const { ms, cpu } = timeForecast(input, samples);
  process.stdout.write(`${JSON.stringify({ permits: permits.length, runs: MIN_RUNS, samples, p50Ms: percentile(ms, 50), p95Ms: percentile(ms, 95), cpuP95Ms: percentile(cpu, 95) })}\n`);
}

main().catch((e) => {
  process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
