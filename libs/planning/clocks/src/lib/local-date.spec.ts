import {
  InvalidDateError,
  addCalendarDays,
  addCalendarMonths,
  assertLocalDate,
  calendarDaysBetween,
  isLocalDate,
  weekdayIndex,
} from '../index';

describe('LocalDate', () => {
  it.each(['2025-01-01', '2024-02-29', '2000-02-29', '2025-12-31'])('accepts %s', (d) => {
    expect(isLocalDate(d)).toBe(true);
  });

  it.each(['2025-02-29', '1900-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '2025-1-01', '20250101', '', 'x'])(
    'rejects %j with CLOCK.INVALID_DATE',
    (d) => {
      expect(isLocalDate(d)).toBe(false);
      expect(() => assertLocalDate(d)).toThrow(InvalidDateError);
      try {
        assertLocalDate(d);
      } catch (e) {
        expect((e as InvalidDateError).code).toBe('CLOCK.INVALID_DATE');
      }
    },
  );

  it('rejects non-strings', () => {
    expect(isLocalDate(20250101)).toBe(false);
    expect(isLocalDate(new Date())).toBe(false);
  });

  it('adds calendar days across month, year and leap day', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addCalendarDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(calendarDaysBetween('2025-01-01', '2026-01-01')).toBe(365);
    expect(calendarDaysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('knows weekdays (0 = Monday)', () => {
    expect(weekdayIndex('2025-12-23')).toBe(1); // Tuesday
    expect(weekdayIndex('2026-01-31')).toBe(5); // Saturday
    expect(weekdayIndex('1970-01-01')).toBe(3); // Thursday
    expect(weekdayIndex('1969-12-28')).toBe(6); // Sunday, before the epoch
  });

  it('adds months clamped to the month end (fristberegning)', () => {
    expect(addCalendarMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addCalendarMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addCalendarMonths('2025-01-15', 12)).toBe('2026-01-15');
    expect(addCalendarMonths('2025-08-31', 18)).toBe('2027-02-28');
    expect(addCalendarMonths('2025-03-31', -1)).toBe('2025-02-28');
  });

  it('memoised conversions agree with plain Date arithmetic, cold and warm, and never remember an invalid date', () => {
    // Independent reference: Date.UTC per day, 1990–2060 (each asked twice: cache miss, then hit).
    for (let pass = 0; pass < 2; pass++) {
      for (let n = 7305; n <= 32873; n += 1) {
        const expected = new Date(n * 86_400_000).toISOString().slice(0, 10);
        expect(addCalendarDays('1970-01-01', n)).toBe(expected);
        expect(calendarDaysBetween('1970-01-01', expected)).toBe(n);
      }
    }
    for (let pass = 0; pass < 3; pass++) {
      expect(isLocalDate('2025-02-29')).toBe(false);
      expect(() => addCalendarDays('2025-02-30', 1)).toThrow(InvalidDateError);
      expect(() => calendarDaysBetween('2025-01-01', '2025-13-01')).toThrow(InvalidDateError);
    }
  });
});
