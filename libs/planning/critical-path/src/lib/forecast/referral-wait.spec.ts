import { simulateForecast } from './monte-carlo';

// Issue 17: a running permit with an open referral is not decided before the referral's answer date.
describe('forecast: a running permit waits for its open referral (notBefore)', () => {
  const node = (notBefore?: string) => ({ code: 'JFL_8', prerequisites: [], status: 'inProgress' as const, duration: { mu: Math.log(42), sigma: 0.3 }, elapsedDays: 10, appealDays: 28, notBefore });

  it('without a referral the decision follows the duration; with one, no run is decided before the answer date', () => {
    const free = simulateForecast({ nodes: [node()], today: '2027-06-07', runs: 2000, seed: 7 });
    expect(free.nodes[0].decisionP50 < '2027-12-20').toBe(true);
    const waiting = simulateForecast({ nodes: [node('2027-12-20')], today: '2027-06-07', runs: 2000, seed: 7 });
    expect(waiting.nodes[0].decisionP50).toBe('2027-12-20');
    expect(waiting.nodes[0].decisionP80).toBe('2027-12-20');
    expect(waiting.nodes[0].finalP50 >= '2028-01-17').toBe(true);
  });
});
