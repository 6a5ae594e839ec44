/**
 * Issue 13 item 12: a changed calendar moves the due date of a running business-day clock and a
 * case ceiling that lands on the new closure day, each with an audit row; nothing else moves.
 */
import { createDanishCalendar } from '@rl/clocks';
import { CALENDAR, useCalendar } from '../permit-clocks';
import { planCeilingCalendarRecompute, planPermitCalendarRecompute } from './calendar-plan';
import { context, newCase, newPermit } from './test-helpers';

const CHANGE = { action: 'closureDay.added', target: '2026-03-12' };
const NOW = new Date('2026-03-02T09:00:00Z');

describe('calendar recomputation (issue 13 item 12)', () => {
  afterEach(() => useCalendar(createDanishCalendar()));

  it('a running 20-business-day clock moves one business day when a closure day falls inside it; audited with both dates', () => {
    // Started Monday 2 March 2026: 20 business days → Monday 30 March (no holidays in between).
    const running = { ...newPermit('MILJOEGODKENDELSE'), state: 'submitted.underReview' as const, complete_on: '2026-03-02', target_unit: 'businessDays', target_length: 20, target_kind: 'serviceTarget', target_due_on: '2026-03-30', statutory_unit: null, statutory_length: null, statutory_due_on: null };
    expect(planPermitCalendarRecompute(running, context(), CHANGE, NOW)).toBeNull(); // same calendar: nothing moves
    useCalendar(createDanishCalendar({ extraClosures: ['2026-03-12'] }));
    const plan = planPermitCalendarRecompute(running, context(), CHANGE, NOW)!;
    expect(plan.nextRow.target_due_on).toBe('2026-03-31');
    expect(CALENDAR.businessDaysBetween('2026-03-30', '2026-03-31')).toBe(1);
    expect(plan.audit).toEqual(expect.objectContaining({ eventType: 'calendar.recomputed', actorRole: 'system', payload: { change: CHANGE, dates: [{ field: 'targetDueOn', from: '2026-03-30', to: '2026-03-31' }] } }));
    expect(plan.nextRow.version).toBe(running.version + 1);
  });

  it('a decided permit or one whose clock has not started is left alone', () => {
    useCalendar(createDanishCalendar({ extraClosures: ['2026-03-12'] }));
    const base = { ...newPermit('MILJOEGODKENDELSE'), target_unit: 'businessDays', target_length: 20, target_due_on: '2026-03-30' };
    expect(planPermitCalendarRecompute({ ...base, complete_on: null }, context(), CHANGE, NOW)).toBeNull();
    expect(planPermitCalendarRecompute({ ...base, complete_on: '2026-03-02', decided_at: NOW, state: 'decided.appealPeriod' }, context(), CHANGE, NOW)).toBeNull();
  });

  it('a case ceiling due on the new closure day rolls to the next business day (case machine context too)', () => {
    // Submitted Thursday 12 March 2026; 18 months → Friday 12 September 2027.
    const running = newCase({ state: 'inProgress', submitted_at: new Date('2026-03-12T09:00:00Z'), ceiling_due_on: '2027-09-12' });
    expect(planCeilingCalendarRecompute(running, CHANGE, NOW)?.nextRow.ceiling_due_on).toBe('2027-09-13'); // 12 Sep 2027 is a Sunday
    const fixed = { ...running, ceiling_due_on: '2027-09-13' };
    expect(planCeilingCalendarRecompute(fixed, CHANGE, NOW)).toBeNull();
    useCalendar(createDanishCalendar({ extraClosures: ['2027-09-13'] }));
    const plan = planCeilingCalendarRecompute(fixed, CHANGE, NOW)!;
    expect(plan.nextRow.ceiling_due_on).toBe('2027-09-14');
    expect((plan.nextRow.snapshot as { context: { ceilingDueOn: string } }).context.ceilingDueOn).toBe('2027-09-14');
    expect(plan.audit.payload).toEqual({ change: CHANGE, dates: [{ field: 'ceilingDueOn', from: '2027-09-13', to: '2027-09-14' }] });
  });
});
