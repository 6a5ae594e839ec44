import {
  InvalidClockArgumentError,
  InvalidDurationError,
  addDuration,
  appealDeadline,
  ceilingDueOn,
  createDanishCalendar,
  hearingEarliestCloseAt,
  hearingLastDay,
  usableFrom,
} from '../index';

const cal = createDanishCalendar();
const weeks = (length: number) => ({ unit: 'weeks' as const, length });

describe('addDuration', () => {
  it('counts calendar days from the day after the start', () => {
    expect(addDuration('2025-01-10', { unit: 'calendarDays', length: 90 }, cal)).toBe('2025-04-10');
  });
  it('weeks end on the same weekday', () => {
    expect(addDuration('2025-03-03', weeks(4), cal)).toBe('2025-03-31');
  });
  it('months keep the day of month, clamped to the month end', () => {
    expect(addDuration('2025-01-31', { unit: 'months', length: 1 }, cal)).toBe('2025-02-28');
    expect(addDuration('2025-05-15', { unit: 'months', length: 3 }, cal)).toBe('2025-08-15');
  });
  it('business days use the calendar', () => {
    expect(addDuration('2025-12-23', { unit: 'businessDays', length: 3 }, cal)).toBe('2026-01-02');
  });
  it('rejects negative, fractional and unknown durations', () => {
    expect(() => addDuration('2025-01-01', { unit: 'weeks', length: -1 }, cal)).toThrow(InvalidDurationError);
    expect(() => addDuration('2025-01-01', { unit: 'weeks', length: 1.5 }, cal)).toThrow(InvalidDurationError);
    expect(() => addDuration('2025-01-01', { unit: 'years' as never, length: 1 }, cal)).toThrow(
      expect.objectContaining({ code: 'CLOCK.INVALID_DURATION' }),
    );
  });
});

describe('appealDeadline (klagefrist, MBL §93 / PL §60)', () => {
  it('4 weeks from a decision notified on a Friday ends on a Friday', () => {
    expect(appealDeadline('2025-03-07', weeks(4), cal)).toBe('2025-04-04');
  });
  it('a deadline ending on a Saturday moves to Monday', () => {
    expect(appealDeadline('2025-05-03', weeks(4), cal)).toBe('2025-06-02');
    expect(appealDeadline('2025-03-03', { unit: 'calendarDays', length: 12 }, cal)).toBe('2025-03-17');
  });
  it('a deadline ending on 2. påskedag moves to the next day', () => {
    expect(appealDeadline('2026-03-09', weeks(4), cal)).toBe('2026-04-07');
  });
  it('a deadline ending on Skærtorsdag moves past the whole Easter', () => {
    expect(appealDeadline('2025-03-20', weeks(4), cal)).toBe('2025-04-22');
  });
  // Changed by issue 13 item 5: Grundlovsdag is not a helligdag, so MBL §93(2) does not extend
  // a klagefrist that ends on it (was 2026-06-08).
  it('a deadline ending on Grundlovsdag (a hverdag, though a closure day) does not move (MBL §93(2))', () => {
    expect(appealDeadline('2026-05-08', weeks(4), cal)).toBe('2026-06-05');
  });
  it('Store Bededag moves a deadline in 2023 but not in 2024', () => {
    expect(appealDeadline('2023-04-07', weeks(4), cal)).toBe('2023-05-08');
    expect(appealDeadline('2024-03-29', weeks(4), cal)).toBe('2024-04-26');
  });
  it('usableFrom is the day after the appeal deadline', () => {
    expect(usableFrom('2025-05-03', weeks(4), cal)).toBe('2025-06-03');
  });
});

describe('hearing earliest close (issue 13 item 6; PL §24(3))', () => {
  it('an 8-week hearing from 1 Sep 2025: last day for objections 27 Oct, earliest close 00:00 on 28 Oct local', () => {
    expect(hearingLastDay('2025-09-01', weeks(8), cal)).toBe('2025-10-27');
    // 28 Oct 2025 is after the switch to CET (26 Oct): local midnight = 23:00Z the day before.
    expect(hearingEarliestCloseAt('2025-09-01', weeks(8), cal).toISOString()).toBe('2025-10-27T23:00:00.000Z');
  });
  it('a 2-week hearing (PL §24(6)) in summer time: 00:00 CEST on the day after the last day', () => {
    expect(hearingEarliestCloseAt('2026-06-01', weeks(2), cal).toISOString()).toBe('2026-06-15T22:00:00.000Z');
  });
});

describe('ceilingDueOn', () => {
  it('12 months, rolled off a Saturday', () => {
    expect(ceilingDueOn('2025-01-31', 12, cal)).toBe('2026-02-02');
  });
  it('18 months, clamped to February and rolled off a Sunday', () => {
    expect(ceilingDueOn('2025-08-31', 18, cal)).toBe('2027-03-01');
  });
  it('only 12 or 18 months', () => {
    expect(() => ceilingDueOn('2025-01-01', 24 as 12, cal)).toThrow(InvalidClockArgumentError);
  });
});
