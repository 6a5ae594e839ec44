import { fitLognormal, lognormalQuantile, sampleLognormal } from './lognormal';
import { simulateForecast, type ForecastNode } from './monte-carlo';
import { seededRandom } from './random';
import { applyWhatIf } from './what-if';
import { toEpochDay } from '../local-date';

const TODAY = '2026-01-05';
const days = (a: string, b: string) => toEpochDay(b) - toEpochDay(a);

/** A small case: local plan (with hearing) → building permit; an environmental approval beside it. */
function caseNodes(): ForecastNode[] {
  return [
    { code: 'LOKALPLAN', prerequisites: [], status: 'notStarted', duration: { mu: Math.log(180), sigma: 0.25 }, appealDays: 28 },
    { code: 'BYGGETILLADELSE', prerequisites: [{ code: 'LOKALPLAN', requires: 'final' }], status: 'notStarted', duration: { mu: Math.log(40), sigma: 0.3 }, appealDays: 28 },
    { code: 'MILJOGODKENDELSE', prerequisites: [], status: 'inProgress', elapsedDays: 60, duration: { mu: Math.log(150), sigma: 0.4 }, appealDays: 28 },
  ];
}

describe('Monte Carlo forecast', () => {
  it('is reproducible with a fixed seed and differs with another seed', () => {
    const a = simulateForecast({ nodes: caseNodes(), today: TODAY, runs: 2000, seed: 42, ceilingDueOn: '2027-07-05' });
    const b = simulateForecast({ nodes: caseNodes(), today: TODAY, runs: 2000, seed: 42, ceilingDueOn: '2027-07-05' });
    const c = simulateForecast({ nodes: caseNodes(), today: TODAY, runs: 2000, seed: 43, ceilingDueOn: '2027-07-05' });
    expect(b).toEqual(a);
    expect(c.nodes.map((n) => n.decisionP80)).not.toEqual(a.nodes.map((n) => n.decisionP80));
    // P80 never before P50; the dependant is never decided before its prerequisite is final.
    expect(days(a.completionP50, a.completionP80)).toBeGreaterThanOrEqual(0);
    const byCode = Object.fromEntries(a.nodes.map((n) => [n.code, n]));
    expect(days(byCode.LOKALPLAN.finalP50, byCode.BYGGETILLADELSE.decisionP50)).toBeGreaterThan(0);
    expect(a.ceilingProbability).toBeGreaterThan(0);
    expect(a.ceilingProbability).toBeLessThanOrEqual(1);
  });

  it('a single permit with a known lognormal gives the analytic P50/P80 within 5 %', () => {
    const dist = { mu: Math.log(120), sigma: 0.5 };
    const r = simulateForecast({ nodes: [{ code: 'A', prerequisites: [], status: 'notStarted', duration: dist, appealDays: 0 }], today: TODAY, runs: 20000, seed: 7 });
    const p50 = days(TODAY, r.completionP50);
    const p80 = days(TODAY, r.completionP80);
    expect(Math.abs(p50 / lognormalQuantile(dist, 0.5) - 1)).toBeLessThan(0.05);
    expect(Math.abs(p80 / lognormalQuantile(dist, 0.8) - 1)).toBeLessThan(0.05);
  });

  it('fits a synthetic lognormal history: fitted P50/P80 within 5 % of the analytic values', () => {
    const truth = { mu: Math.log(95), sigma: 0.45 };
    const random = seededRandom(2026);
    const history = Array.from({ length: 400 }, () => sampleLognormal(truth, random));
    const fit = fitLognormal(history, 30);
    expect(fit.source).toBe('history');
    expect(fit.samples).toBe(400);
    for (const p of [0.5, 0.8]) expect(Math.abs(lognormalQuantile(fit, p) / lognormalQuantile(truth, p) - 1)).toBeLessThan(0.05);
    // ...and forecast through the simulator with the fitted distribution.
    const r = simulateForecast({ nodes: [{ code: 'A', prerequisites: [], status: 'notStarted', duration: fit, appealDays: 0 }], today: TODAY, runs: 4000, seed: 1 });
    expect(Math.abs(days(TODAY, r.completionP50) / lognormalQuantile(truth, 0.5) - 1)).toBeLessThan(0.05);
    expect(Math.abs(days(TODAY, r.completionP80) / lognormalQuantile(truth, 0.8) - 1)).toBeLessThan(0.05);
  });

  it('falls back to the catalogue typical duration while the history is thin', () => {
    const fit = fitLognormal([100, 110, 90], 60);
    expect(fit).toMatchObject({ source: 'catalogue', samples: 0 });
    expect(lognormalQuantile(fit, 0.5)).toBeCloseTo(60, 6);
  });

  it('a running permit is never forecast to be decided before today', () => {
    const r = simulateForecast({
      nodes: [{ code: 'A', prerequisites: [], status: 'inProgress', elapsedDays: 400, duration: { mu: Math.log(30), sigma: 0.2 }, appealDays: 0 }],
      today: TODAY,
      runs: 2000,
      seed: 3,
    });
    expect(days(TODAY, r.nodes[0].decisionP50)).toBeGreaterThanOrEqual(0);
  });

  it('decided and final permits keep their actual dates', () => {
    const r = simulateForecast({
      nodes: [
        { code: 'A', prerequisites: [], status: 'final', decidedOn: '2025-10-01', finalOn: '2025-10-29', appealDays: 28 },
        { code: 'B', prerequisites: [{ code: 'A', requires: 'final' }], status: 'decided', decidedOn: '2025-12-01', appealDays: 20 },
      ],
      today: TODAY,
      runs: 2000,
      seed: 3,
    });
    expect(r.nodes.map((n) => [n.decisionP50, n.finalP80])).toEqual([
      ['2025-10-01', '2025-10-29'],
      ['2025-12-01', '2025-12-21'],
    ]);
  });

  describe('what-if', () => {
    const base = simulateForecast({ nodes: caseNodes(), today: TODAY, runs: 2000, seed: 11 });
    const run = (nodes: ForecastNode[]) => simulateForecast({ nodes, today: TODAY, runs: 2000, seed: 11 });

    it('a 4- instead of 8-week hearing moves P50 earlier by about the 28 days', () => {
      const r = run(applyWhatIf(caseNodes(), [{ kind: 'shorten', code: 'LOKALPLAN', days: 28 }]));
      const moved = days(r.completionP50, base.completionP50);
      expect(moved).toBeGreaterThan(20);
      expect(moved).toBeLessThanOrEqual(28);
    });

    it('a joint hearing moves the later permit earlier; starting earlier moves it earlier', () => {
      const joint = run(applyWhatIf(caseNodes(), [{ kind: 'jointHearing', codes: ['LOKALPLAN', 'BYGGETILLADELSE'], hearingDays: 14 }]));
      expect(days(joint.completionP50, base.completionP50)).toBeGreaterThan(0);
      const early = run(applyWhatIf(caseNodes(), [{ kind: 'startEarlier', code: 'BYGGETILLADELSE', days: 60 }]));
      expect(days(early.completionP50, base.completionP50)).toBeGreaterThan(0);
    });

    it('a longer duration moves P50 later; unknown permits are refused', () => {
      const r = run(applyWhatIf(caseNodes(), [{ kind: 'shorten', code: 'LOKALPLAN', days: -30 }]));
      expect(days(base.completionP50, r.completionP50)).toBeGreaterThan(0);
      expect(() => applyWhatIf(caseNodes(), [{ kind: 'shorten', code: 'NOPE', days: 1 }])).toThrow(/not in the case/);
    });
  });
});
