/**
 * The timing of bench step (e), shared by forecast.ts (rows from the bench database) and
 * forecast-offline.ts (rows built in memory, for profiling): `forecastCase` as the worker runs it.
 */
import { forecastCase } from '@rl/case-engine';

export type ForecastInput = Parameters<typeof forecastCase>[0];

/**
 * `samples` runs of `forecastCase(input)` after 5 warm-up runs (JIT): wall and CPU milliseconds
 * of each, sorted ascending. CPU time too: on a shared machine (load average above the core
 * count) wall time measures the queue.
 */
export function timeForecast(input: ForecastInput, samples: number): { ms: number[]; cpu: number[] } {
  for (let i = 0; i < 5; i++) forecastCase(input);
  const ms: number[] = [];
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
  return { ms, cpu };
}

/** The p-th percentile (nearest rank) of ascending `xs`, in tenths. */
export const percentile = (xs: number[], p: number): number => Math.round(xs[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] * 10) / 10;
