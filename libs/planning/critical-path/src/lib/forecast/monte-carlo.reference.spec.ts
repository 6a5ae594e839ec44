/**
 * The compiled simulator (typed arrays, node-major, histogram quantiles — bench step e) must give
 * exactly what the plain per-run simulation below gives for the same seed: the reference is the
 * model written as directly as possible (run by run, node by node in topological order, one draw
 * per open node, sorted quantiles).
 */
import { fromEpochDay, toEpochDay } from '../local-date';
import { sampleLognormal } from './lognormal';
import { simulateForecast, type ForecastInput, type ForecastNode, type ForecastResult } from './monte-carlo';
import { seededRandom } from './random';

function referenceForecast(input: ForecastInput): ForecastResult {
  const today = toEpochDay(input.today);
  const ceiling = input.ceilingDueOn ? toEpochDay(input.ceilingDueOn) : null;
  const byCode = new Map(input.nodes.map((n) => [n.code, n]));
  const order: ForecastNode[] = [];
  const seen = new Set<string>();
  const visit = (n: ForecastNode) => {
    if (seen.has(n.code)) return;
    seen.add(n.code);
    n.prerequisites.forEach((p) => byCode.has(p.code) && visit(byCode.get(p.code) as ForecastNode));
    order.push(n);
  };
  input.nodes.forEach(visit);
  const random = seededRandom(input.seed);
  const dec: number[][] = order.map(() => []);
  const fin: number[][] = order.map(() => []);
  const completion: number[] = [];
  let within = 0;
  for (let r = 0; r < input.runs; r++) {
    const at = new Map<string, { d: number; f: number }>();
    let last = today;
    order.forEach((n, i) => {
      let d: number;
      let f: number;
      if (n.status === 'decided' || n.status === 'final') {
        d = toEpochDay(n.decidedOn as string);
        f = n.status === 'final' ? toEpochDay(n.finalOn ?? (n.decidedOn as string)) : d + n.appealDays;
      } else {
        const offset = n.durationOffsetDays ?? 0;
        if (n.status === 'inProgress') {
          const elapsed = Math.max(0, n.elapsedDays ?? 0);
          d = Math.max(today, today - elapsed + Math.max(1, sampleLognormal(n.duration!, random, elapsed) + offset));
        } else {
          let wait = today;
          for (const p of n.prerequisites) {
            const q = at.get(p.code);
            if (q) wait = Math.max(wait, p.requires === 'final' ? q.f : q.d);
          }
          const start = Math.max(n.notBefore ? Math.max(today, toEpochDay(n.notBefore)) : today, wait - (n.startAdvanceDays ?? 0));
          d = start + Math.max(1, sampleLognormal(n.duration!, random) + offset);
        }
        d = Math.round(d);
        f = d + n.appealDays;
      }
      at.set(n.code, { d, f });
      dec[i].push(d);
      fin[i].push(f);
      last = Math.max(last, f);
    });
    completion.push(last);
    if (ceiling !== null && last <= ceiling) within++;
  }
  const q = (xs: number[], p: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return fromEpochDay(s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]);
  };
  return {
    runs: input.runs,
    seed: input.seed,
    completionP50: q(completion, 0.5),
    completionP80: q(completion, 0.8),
    ceilingProbability: ceiling === null ? null : within / input.runs,
    nodes: order.map((n, i) => ({ code: n.code, decisionP50: q(dec[i], 0.5), decisionP80: q(dec[i], 0.8), finalP50: q(fin[i], 0.5), finalP80: q(fin[i], 0.8) })),
  };
}

/** A random acyclic case: every status, 'final' and 'decided' edges, an edge to a permit outside the case, what-if offsets. */
function randomCase(rnd: () => number): ForecastNode[] {
  const count = 1 + Math.floor(rnd() * 24);
  const nodes: ForecastNode[] = [];
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  for (let i = 0; i < count; i++) {
    const prerequisites: ForecastNode['prerequisites'] = [];
    for (let j = 0; j < i; j++) if (rnd() < 0.15) prerequisites.push({ code: `P${j}`, requires: rnd() < 0.5 ? 'final' : 'decided' });
    if (rnd() < 0.1) prerequisites.push({ code: 'NOT_IN_CASE', requires: 'decided' });
    const base = { code: `P${i}`, prerequisites, appealDays: Math.floor(rnd() * 40) };
    const offset = rnd() < 0.3 ? Math.floor(rnd() * 60) - 30 : undefined;
    const s = rnd();
    if (s < 0.15) nodes.push({ ...base, status: 'decided', decidedOn: `2025-11-0${1 + Math.floor(rnd() * 9)}` });
    else if (s < 0.25) nodes.push({ ...base, status: 'final', decidedOn: '2025-10-01', finalOn: rnd() < 0.5 ? '2025-10-29' : undefined });
    else if (s < 0.5)
      nodes.push({ ...base, status: 'inProgress', elapsedDays: rnd() < 0.2 ? undefined : Math.floor(rnd() * 300), duration: { mu: Math.log(20 + rnd() * 300), sigma: rnd() < 0.1 ? 0 : rnd() }, durationOffsetDays: offset });
    else
      nodes.push({
        ...base,
        status: 'notStarted',
        duration: { mu: Math.log(5 + rnd() * 300), sigma: rnd() },
        notBefore: rnd() < 0.3 ? pick(['2026-02-15', '2026-06-01', '2025-12-01']) : undefined,
        startAdvanceDays: rnd() < 0.2 ? Math.floor(rnd() * 50) : undefined,
        durationOffsetDays: offset,
      });
  }
  // Input order is not topological.
  return nodes.reverse();
}

describe('compiled Monte Carlo simulator', () => {
  it('gives exactly the plain per-run simulation for the same seed (random cases, 1 to 24 permits)', () => {
    const rnd = seededRandom(99);
    for (let t = 0; t < 40; t++) {
      const input: ForecastInput = { nodes: randomCase(rnd), today: '2026-01-05', ceilingDueOn: rnd() < 0.5 ? '2027-06-30' : null, runs: [1, 7, 300, 2000][t % 4], seed: Math.floor(rnd() * 2 ** 32) };
      expect(simulateForecast(input)).toEqual(referenceForecast(input));
    }
  });

  it('also with days far apart (the quantiles fall back to sorting)', () => {
    const input: ForecastInput = {
      nodes: [
        { code: 'WIDE', prerequisites: [], status: 'notStarted', duration: { mu: Math.log(200), sigma: 3 }, appealDays: 0 },
        { code: 'AFTER', prerequisites: [{ code: 'WIDE', requires: 'final' }], status: 'notStarted', duration: { mu: Math.log(30), sigma: 0.2 }, appealDays: 28 },
      ],
      today: '2026-01-05',
      runs: 300,
      seed: 5,
    };
    expect(simulateForecast(input)).toEqual(referenceForecast(input));
  });
});
