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
import type { Lognormal } from './lognormal';
import { normalCdf, normalQuantile, seededRandom } from './random';

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
  /** Calendar days from the decision to the day it is final: the appeal period and the day after it (0 for notices). For a decided permit, to the day after its stored klagefrist. */
  appealDays: number;
  /** Not before this date: a permit not started does not start before it (e.g. the agreed plan's start); a running
   *  one is not decided before it (e.g. an open referral's answer date, issue 17). Default: today. */
  notBefore?: string;
  /** Not decided before this date (e.g. the earliest end of a joint hearing it is in; issue 17). */
  decisionNotBefore?: string;
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

/** Nearest rank of the p-quantile among n values (0-based), so it is always one of the simulated days. */
const rankOf = (n: number, p: number) => Math.min(n - 1, Math.max(0, Math.ceil(p * n) - 1));

let histogram = new Int32Array(0);

/**
 * The P50 and P80 (nearest rank) of simulated days without sorting: the days are whole numbers
 * in a narrow range, so one counting pass over a histogram finds both ranks (sorting 2,000
 * doubles per permit took most of a forecast's time). Falls back to sorting a copy when the
 * range is wide or a value is not a whole number; either way the answer is the same.
 */
function p50p80(values: Float64Array): [number, number] {
  const n = values.length;
  let lo = Infinity;
  let hi = -Infinity;
  let whole = true;
  for (let k = 0; k < n; k++) {
    const v = values[k];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    if (v !== Math.floor(v)) whole = false;
  }
  const k50 = rankOf(n, 0.5);
  const k80 = rankOf(n, 0.8);
  const width = hi - lo + 1;
  if (!whole || !(width <= 4 * n + 1024)) {
    const sorted = values.slice().sort();
    return [sorted[k50], sorted[k80]];
  }
  if (histogram.length < width) histogram = new Int32Array(Math.max(width, 2 * histogram.length));
  const h = histogram;
  h.fill(0, 0, width);
  for (let k = 0; k < n; k++) h[values[k] - lo]++;
  let seen = 0;
  let p50 = hi;
  let p80 = hi;
  let found50 = false;
  for (let b = 0; b < width; b++) {
    seen += h[b];
    if (!found50 && seen > k50) {
      p50 = lo + b;
      found50 = true;
    }
    if (seen > k80) {
      p80 = lo + b;
      break;
    }
  }
  return [p50, p80];
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

/** The lognormal(m, s) duration at the inverse-CDF point `u`, kept strictly inside (0, 1). */
function lognormalAt(m: number, s: number, u: number): number {
  return Math.exp(m + s * normalQuantile(Math.min(1 - 1e-12, Math.max(1e-12, u))));
}

/** Node kinds in the compiled graph. */
const FIXED = 0;
const IN_PROGRESS = 1;
const NOT_STARTED = 2;

/**
 * Scratch space reused by every call (the function is synchronous, so calls never overlap): the
 * simulation allocates nothing per run and, once warm, nothing per forecast but its result.
 */
let scratch = new Float64Array(0);
function scratchOf(length: number): Float64Array {
  if (scratch.length < length) scratch = new Float64Array(Math.max(length, scratch.length * 2));
  return scratch;
}

/**
 * The simulation, compiled for speed (bench step e: a 24-permit case × 2,000 runs well inside
 * 150 ms): the graph is put in topological order once and flattened into typed arrays
 * (per-node constants, prerequisite indices in CSR form); the uniform draws are taken from the
 * seeded stream up front, in the order runs × open nodes (so a seed always yields the same
 * forecast); then every node is simulated for all runs at once — node-major, so a node's
 * constants stay in registers and its prerequisites' days are read sequentially — and each
 * node's quantiles are counted from a histogram of its days.
 */
export function simulateForecast(input: ForecastInput): ForecastResult {
  const runs = input.runs;
  if (!Number.isInteger(runs) || runs < 1) throw new PlanInputError('runs must be a positive integer');
  const todayDay = toEpochDay(input.today, 'today');
  const ceilingDay = input.ceilingDueOn ? toEpochDay(input.ceilingDueOn, 'ceilingDueOn') : null;
  const order = topological(input.nodes);
  const index = new Map(order.map((n, i) => [n.code, i]));
  const count = order.length;

  // ---- compile the graph
  const kind = new Uint8Array(count);
  const mu = new Float64Array(count);
  const sigma = new Float64Array(count);
  const offset = new Float64Array(count);
  const appeal = new Float64Array(count);
  const notBefore = new Float64Array(count);
  // A decision floor per node (epoch day; -Infinity = none), e.g. a joint hearing's earliest end.
  const decisionFloor = new Float64Array(count).fill(-Infinity);
  const advance = new Float64Array(count);
  const elapsed = new Float64Array(count);
  /** inProgress: the CDF at the days already used (draws are conditioned on lasting longer). */
  const floor = new Float64Array(count);
  const fixedDecision = new Float64Array(count);
  const fixedFinal = new Float64Array(count);
  /** Position of an open node among the open nodes (its column in the uniform draws); -1 when fixed. */
  const openColumn = new Int32Array(count).fill(-1);
  const prereqStart = new Int32Array(count + 1);
  const prereqList: number[] = [];
  let open = 0;
  for (let i = 0; i < count; i++) {
    const n = order[i];
    prereqStart[i] = prereqList.length;
    for (const p of n.prerequisites) {
      const j = index.get(p.code);
      // Encoded as 2·index (+1 for a 'final' edge).
      if (j !== undefined) prereqList.push(2 * j + (p.requires === 'final' ? 1 : 0));
    }
    appeal[i] = n.appealDays;
    if (n.status === 'decided' || n.status === 'final') {
      if (!n.decidedOn) throw new PlanInputError(`Node '${n.code}' is ${n.status} without decidedOn`);
      const d = toEpochDay(n.decidedOn, 'decidedOn');
      kind[i] = FIXED;
      fixedDecision[i] = d;
      fixedFinal[i] = n.status === 'final' ? toEpochDay(n.finalOn ?? n.decidedOn, 'finalOn') : d + n.appealDays;
      continue;
    }
    if (!n.duration) throw new PlanInputError(`Node '${n.code}' is open without a duration`);
    if (n.decisionNotBefore) decisionFloor[i] = toEpochDay(n.decisionNotBefore, 'decisionNotBefore');
    openColumn[i] = open++;
    mu[i] = n.duration.mu;
    sigma[i] = n.duration.sigma;
    offset[i] = n.durationOffsetDays ?? 0;
    if (n.status === 'inProgress') {
      kind[i] = IN_PROGRESS;
      const used = Math.max(0, n.elapsedDays ?? 0);
      elapsed[i] = used;
      floor[i] = used > 0 && n.duration.sigma > 0 ? normalCdf((Math.log(used) - n.duration.mu) / n.duration.sigma) : 0;
      // A running permit is not decided before its `notBefore` (e.g. an open referral's answer date).
      if (n.notBefore) decisionFloor[i] = Math.max(decisionFloor[i], toEpochDay(n.notBefore, 'notBefore'));
    } else {
      kind[i] = NOT_STARTED;
      notBefore[i] = Math.max(todayDay, n.notBefore ? toEpochDay(n.notBefore, 'notBefore') : todayDay);
      advance[i] = n.startAdvanceDays ?? 0;
    }
  }
  prereqStart[count] = prereqList.length;
  const prereq = Int32Array.from(prereqList);

  // ---- the seeded draws, in the order runs × open nodes
  const random = seededRandom(input.seed);
  const work = scratchOf(runs * open + 2 * count * runs + runs);
  const uniform = work.subarray(0, runs * open);
  // Drawn run by run (the stream's order), stored node by node (read sequentially below).
  for (let r = 0; r < runs; r++) for (let c = 0; c < open; c++) uniform[c * runs + r] = random();
  // Per node and run: decision day and final day (epoch days), node-major.
  const decision = work.subarray(runs * open, runs * open + count * runs);
  const final = work.subarray(runs * open + count * runs, runs * open + 2 * count * runs);
  const completion = work.subarray(runs * open + 2 * count * runs, runs * open + 2 * count * runs + runs);
  completion.fill(todayDay);
  /** A node's decision and final day in run `r` (its runs start at `base`); a run completes on its latest final day. */
  const settle = (base: number, r: number, dec: number, fin: number) => {
    decision[base + r] = dec;
    final[base + r] = fin;
    if (fin > completion[r]) completion[r] = fin;
  };

  // ---- simulate, node by node in topological order, all runs at once
  for (let i = 0; i < count; i++) {
    const base = i * runs;
    const appealDays = appeal[i];
    if (kind[i] === FIXED) {
      const dec = fixedDecision[i];
      const fin = fixedFinal[i];
      for (let r = 0; r < runs; r++) settle(base, r, dec, fin);
      continue;
    }
    const m = mu[i];
    const s = sigma[i];
    const off = offset[i];
    const ucol = openColumn[i] * runs;
    if (kind[i] === IN_PROGRESS) {
      const used = elapsed[i];
      const lo = floor[i];
      for (let r = 0; r < runs; r++) {
        // Inverse-CDF draw on the range the permit has not used yet.
        const draw = Math.max(lognormalAt(m, s, lo + uniform[ucol + r] * (1 - lo)), used) + off;
        // Started `used` days ago; it cannot be decided before today.
        const dec = Math.round(Math.max(todayDay, todayDay - used + Math.max(1, draw), decisionFloor[i]));
        settle(base, r, dec, dec + appealDays);
      }
      continue;
    }
    const earliest = notBefore[i];
    const adv = advance[i];
    const from = prereqStart[i];
    const to = prereqStart[i + 1];
    for (let r = 0; r < runs; r++) {
      let waitFor = todayDay;
      for (let k = from; k < to; k++) {
        const e = prereq[k];
        const at = (e >> 1) * runs + r;
        const day = e & 1 ? final[at] : decision[at];
        if (day > waitFor) waitFor = day;
      }
      const start = Math.max(earliest, waitFor - adv);
      const d = Math.max(lognormalAt(m, s, uniform[ucol + r]), 0);
      const dec = Math.round(Math.max(start + Math.max(1, d + off), decisionFloor[i]));
      settle(base, r, dec, dec + appealDays);
    }
  }

  let withinCeiling = 0;
  if (ceilingDay !== null) for (let r = 0; r < runs; r++) if (completion[r] <= ceilingDay) withinCeiling++;
  // Every run is simulated: the quantiles of each node's runs.
  const nodes: NodeForecast[] = order.map((n, i) => {
    const [d50, d80] = p50p80(decision.subarray(i * runs, (i + 1) * runs));
    const [f50, f80] = p50p80(final.subarray(i * runs, (i + 1) * runs));
    return { code: n.code, decisionP50: fromEpochDay(d50), decisionP80: fromEpochDay(d80), finalP50: fromEpochDay(f50), finalP80: fromEpochDay(f80) };
  });
  const [c50, c80] = p50p80(completion);
  return {
    runs,
    seed: input.seed,
    completionP50: fromEpochDay(c50),
    completionP80: fromEpochDay(c80),
    ceilingProbability: ceilingDay === null ? null : withinCeiling / runs,
    nodes,
  };
}
