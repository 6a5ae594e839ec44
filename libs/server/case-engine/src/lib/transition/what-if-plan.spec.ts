import { calendarDaysBetween } from '@rl/clocks';
import { forecastCase } from '../forecast';
import { planForCase } from '../planning';
import { newPermit } from './test-helpers';

const now = new Date('2026-06-01T09:00:00.000Z');
/** A lokalplan not yet started, and the building permit that waits for it to be final. */
const chain = () => [newPermit('LOKALPLAN'), newPermit('BUILDING_PERMIT', ['LOKALPLAN'], { state: 'blocked' })];

/**
 * What-if scenarios change the deterministic projection too (issue 16 item 3): the what-if's
 * projected completion and ceiling risk once stayed the base case's while only P50/P80 moved.
 */
describe('what-if scenarios in the critical path', () => {
  it('shorten moves the permit and everything after it earlier by exactly its days; startEarlier the permit that starts earlier', () => {
    const base = planForCase(chain(), now, '2027-06-01');
    const shorter = planForCase(chain(), now, '2027-06-01', [], undefined, [{ kind: 'shorten', code: 'LOKALPLAN', days: 30 }]);
    expect(calendarDaysBetween(shorter.byCode.LOKALPLAN.earliestFinish, base.byCode.LOKALPLAN.earliestFinish)).toBe(30);
    expect(calendarDaysBetween(shorter.projectedCompletion, base.projectedCompletion)).toBe(30);
    const parallel = planForCase(chain(), now, '2027-06-01', [], undefined, [{ kind: 'startEarlier', code: 'BUILDING_PERMIT', days: 20 }]);
    expect(calendarDaysBetween(parallel.byCode.BUILDING_PERMIT.earliestStart, base.byCode.BUILDING_PERMIT.earliestStart)).toBe(20);
    expect(parallel.byCode.LOKALPLAN.earliestFinish).toBe(base.byCode.LOKALPLAN.earliestFinish);
    // Never before today, however large the advance.
    const far = planForCase(chain(), now, '2027-06-01', [], undefined, [{ kind: 'startEarlier', code: 'BUILDING_PERMIT', days: 10_000 }]);
    expect(far.byCode.BUILDING_PERMIT.earliestStart).toBe('2026-06-01');
  });

  it("the what-if forecast's projected completion and ceiling risk are the scenario's", () => {
    const input = { caseId: 'case-what-if', permits: chain(), now, ceilingStartOn: '2026-06-01', history: new Map(), runs: 500 };
    const base = forecastCase({ ...input, ceilingDueOn: null });
    // A ceiling the base projection passes by 10 days and the scenario (60 days shorter) does not.
    const ceilingDueOn = new Date(Date.parse(`${base.projectedCompletion}T00:00:00Z`) - 10 * 86_400_000).toISOString().slice(0, 10);
    const before = forecastCase({ ...input, ceilingDueOn });
    const after = forecastCase({ ...input, ceilingDueOn }, [{ kind: 'shorten', code: 'LOKALPLAN', days: 60 }]);
    expect(before.ceilingRisk?.risk).toBe('breached');
    expect(calendarDaysBetween(after.projectedCompletion, before.projectedCompletion)).toBe(60);
    expect(after.ceilingRisk?.reason).not.toBe('projectionPastCeiling');
  });
});

describe('what-if and what a running permit waits for', () => {
  it('a shortened permit is still not decided before an open referral is answered', () => {
    const running = newPermit('BUILDING_PERMIT', [], { state: 'submitted.underReview', complete_on: '2026-05-20', received_at: now });
    const answeredOn = '2027-01-15';
    const waits = new Map([[running.id, answeredOn]]);
    const base = planForCase([running], now, null, [], waits);
    expect(base.byCode.BUILDING_PERMIT.earliestFinish).toBe(answeredOn);
    const shorter = planForCase([running], now, null, [], waits, [{ kind: 'shorten', code: 'BUILDING_PERMIT', days: 30 }]);
    expect(shorter.byCode.BUILDING_PERMIT.earliestFinish).toBe(answeredOn);
  });
});
