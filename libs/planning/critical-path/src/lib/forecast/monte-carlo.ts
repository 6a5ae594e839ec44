/**
 * Monte Carlo forecast of a case's completion over its prerequisite graph (issue 16 item 3).
 *
 * Each run draws every open permit's processing time from its distribution (./lognormal.ts),
 * schedules the graph forward like the critical path does (a dependant starts when its
 * prerequisites are decided, or final for a 'final' edge), and records each permit's decision
 * and final day and the case's completion (the last final day). P50/P80 are the 50th/80th
 * percentiles over the runs; the ceiling probability is the share of runs done by the ceiling.
 * Pure and deterministic for a given seed: calendar days, no I/O, no wall clock.
 */
import { assertAcyclic } from '../cycles';
import { PlanInputError } from '../errors';
import { fromEpochDay, toEpochDay } from '../local-date';
import type { PlanPrerequisite } from '../types';
import { sampleLognormal, type Lognormal } from './lognormal';
import { seededRandom } from './random';

export interface ForecastNode {
  code: string;
  prerequisites: PlanPrerequisite[];
  status: 'notStarted' | 'inProgress' | 'decided' | 'final';
  /** Processing time, complete application → decision (open permits). */
  duration?: Pick<Lognormal, 'mu' | 'sigma'>;
  /** inProgress: calendar days already used since the complete application. */
  elapsedDays?: number;
  /** decided/final: the decision date. */
  decidedOn?: string;
  /** final: the date it became final. */
  finalOn?: string;
  /** Calendar days from the decision to final (the appeal period; 0 for notices). For a decided permit, to its stored klagefrist. */
  appealDays: number;
  /** Not before this date: a permit not started does not start before it (e.g. the agreed plan's start); a running
   *  one is not decided before it (e.g. an open referral's answer date, issue 17). Default: today. */
  notBefore?: string;
  /** What-if: calendar days added to every draw (negative = shorter, e.g. a 4- instead of 8-week hearing). */
  durationOffsetDays?: number;
  /** What-if: the permit may start this many days before its prerequisites allow (filed in parallel). */
  startAdvanceDays?: number;
}

export interface ForecastInput {
  nodes: readonly ForecastNode[];
  /** LocalDate the forecast is made on; nothing open starts or ends earlier. */
  today: string;
  ceilingDueOn?: string | null;
  runs: number;
  seed: number;
}

export interface NodeForecast {
  code: string;
  decisionP50: string;
  decisionP80: string;
  finalP50: string;
  finalP80: string;
}

export interface ForecastResult {
  runs: number;
  seed: number;
  completionP50: string;
  completionP80: string;
  /** Share of runs (0..1) in which every permit is final by the ceiling; null without a ceiling. */
  ceilingProbability: number | null;
  nodes: NodeForecast[];
}

export const MIN_RUNS = 2000;

/** The p-quantile of sorted values (nearest rank, so it is always one of the simulated days). */
function quantile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

function topological(nodes: readonly ForecastNode[]): ForecastNode[] {
  const byCode = new Map(nodes.map((n) => [n.code, n]));
  assertAcyclic(nodes.map((n) => ({ code: n.code, prerequisites: n.prerequisites.filter((p) => byCode.has(p.code)) })));
  const out: ForecastNode[] = [];
  const seen = new Set<string>();
  const visit = (n: ForecastNode) => {
    if (seen.has(n.code)) return;
    seen.add(n.code);
    for (const p of n.prerequisites) {
      const q = byCode.get(p.code);
      if (q) visit(q);
    }
    out.push(n);
  };
  nodes.forEach(visit);
  return out;
}

export function simulateForecast(input: ForecastInput): ForecastResult {
  if (!Number.isInteger(input.runs) || input.runs < 1) throw new PlanInputError('runs must be a positive integer');
  const todayDay = toEpochDay(input.today, 'today');
  const ceilingDay = input.ceilingDueOn ? toEpochDay(input.ceilingDueOn, 'ceilingDueOn') : null;
  const order = topological(input.nodes);
  const index = new Map(order.map((n, i) => [n.code, i]));
  const count = order.length;
  // Per node and run: decision day and final day (epoch days); one flat array each.
  const decision = new Float64Array(count * input.runs);
  const final = new Float64Array(count * input.runs);
  const completion = new Float64Array(input.runs);
  const fixed = order.map((n) => {
    if (n.status === 'decided' || n.status === 'final') {
      if (!n.decidedOn) throw new PlanInputError(`Node '${n.code}' is ${n.status} without decidedOn`);
      const d = toEpochDay(n.decidedOn, 'decidedOn');
      return { decision: d, final: n.status === 'final' ? toEpochDay(n.finalOn ?? n.decidedOn, 'finalOn') : d + n.appealDays };
    }
    if (!n.duration) throw new PlanInputError(`Node '${n.code}' is open without a duration`);
    return null;
  });
  const notBefore = order.map((n) => Math.max(todayDay, n.notBefore ? toEpochDay(n.notBefore, 'notBefore') : todayDay));
  const prereqs = order.map((n) => n.prerequisites.filter((p) => index.has(p.code)).map((p) => ({ i: index.get(p.code) as number, final: p.requires === 'final' })));
  const random = seededRandom(input.seed);
  let withinCeiling = 0;
  for (let r = 0; r < input.runs; r++) {
    let last = todayDay;
    for (let i = 0; i < count; i++) {
      const n = order[i];
      const at = i * input.runs + r;
      const f = fixed[i];
      let dec: number;
      let fin: number;
      if (f) {
        dec = f.decision;
        fin = f.final;
      } else {
        const dist = n.duration as Pick<Lognormal, 'mu' | 'sigma'>;
        const offset = n.durationOffsetDays ?? 0;
        if (n.status === 'inProgress') {
          const elapsed = Math.max(0, n.elapsedDays ?? 0);
          const draw = sampleLognormal(dist, random, elapsed) + offset;
          // Started `elapsed` days ago; it cannot be decided before today.
          dec = Math.max(notBefore[i], todayDay - elapsed + Math.max(1, draw));
        } else {
          let start = notBefore[i];
          let waitFor = todayDay;
          for (const p of prereqs[i]) waitFor = Math.max(waitFor, p.final ? final[p.i * input.runs + r] : decision[p.i * input.runs + r]);
          start = Math.max(start, waitFor - (n.startAdvanceDays ?? 0));
          dec = start + Math.max(1, sampleLognormal(dist, random) + offset);
        }
        dec = Math.round(dec);
        fin = dec + n.appealDays;
      }
      decision[at] = dec;
      final[at] = fin;
      if (fin > last) last = fin;
    }
    completion[r] = last;
    if (ceilingDay !== null && last <= ceilingDay) withinCeiling++;
  }
  const nodes: NodeForecast[] = order.map((n, i) => {
    const d = decision.slice(i * input.runs, (i + 1) * input.runs).sort();
    const f = final.slice(i * input.runs, (i + 1) * input.runs).sort();
    return { code: n.code, decisionP50: fromEpochDay(quantile(d, 0.5)), decisionP80: fromEpochDay(quantile(d, 0.8)), finalP50: fromEpochDay(quantile(f, 0.5)), finalP80: fromEpochDay(quantile(f, 0.8)) };
  });
  completion.sort();
  return {
    runs: input.runs,
    seed: input.seed,
    completionP50: fromEpochDay(quantile(completion, 0.5)),
    completionP80: fromEpochDay(quantile(completion, 0.8)),
    ceilingProbability: ceilingDay === null ? null : withinCeiling / input.runs,
    nodes,
  };
}
