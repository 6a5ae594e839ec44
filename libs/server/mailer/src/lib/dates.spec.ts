import { formatLongDate } from './dates';

describe('formatLongDate', () => {
  it('formats calendar dates as Danish and English long dates', () => {
    expect(formatLongDate('2026-12-07', 'da')).toBe('7. december 2026');
    expect(formatLongDate('2026-12-07', 'en')).toBe('7 December 2026');
    expect(formatLongDate('2027-01-01', 'da')).toBe('1. januar 2027');
    expect(formatLongDate('2027-05-31', 'da')).toBe('31. maj 2027');
    expect(formatLongDate('2027-10-15', 'en')).toBe('15 October 2027');
  });

  it('covers every month name in both languages', () => {
    const da = Array.from({ length: 12 }, (_, i) => formatLongDate(`2026-${String(i + 1).padStart(2, '0')}-10`, 'da'));
    const en = Array.from({ length: 12 }, (_, i) => formatLongDate(`2026-${String(i + 1).padStart(2, '0')}-10`, 'en'));
    expect(da).toEqual([
      '10. januar 2026', '10. februar 2026', '10. marts 2026', '10. april 2026', '10. maj 2026', '10. juni 2026',
      '10. juli 2026', '10. august 2026', '10. september 2026', '10. oktober 2026', '10. november 2026', '10. december 2026',
    ]);
    expect(en[0]).toBe('10 January 2026');
    expect(en[11]).toBe('10 December 2026');
  });

  it('does not shift a calendar date by the process time zone', () => {
    // A YYYY-MM-DD value is a Copenhagen calendar date; it must never become the day before.
    expect(formatLongDate('2026-03-29', 'da')).toBe('29. marts 2026');
    expect(formatLongDate('2026-10-25', 'en')).toBe('25 October 2026');
  });

  it('shows a timestamp as its Europe/Copenhagen calendar day (winter and summer time)', () => {
    expect(formatLongDate('2026-11-30T23:00:00Z', 'da')).toBe('1. december 2026'); // 00:00 CET
    expect(formatLongDate('2026-11-30T22:59:59Z', 'da')).toBe('30. november 2026');
    expect(formatLongDate('2026-06-30T22:00:00.000Z', 'en')).toBe('1 July 2026'); // 00:00 CEST
    expect(formatLongDate('2026-06-30T21:59:59+00:00', 'en')).toBe('30 June 2026');
  });

  it('returns an unparseable value unchanged instead of inventing a date', () => {
    expect(formatLongDate('2026-02-30', 'da')).toBe('2026-02-30');
    expect(formatLongDate('2026-13-01', 'en')).toBe('2026-13-01');
    expect(formatLongDate('snart', 'da')).toBe('snart');
    expect(formatLongDate('2026-12-07Tnonsense', 'da')).toBe('2026-12-07Tnonsense');
  });

  it('accepts leap days only in leap years', () => {
    expect(formatLongDate('2028-02-29', 'da')).toBe('29. februar 2028');
    expect(formatLongDate('2027-02-29', 'da')).toBe('2027-02-29');
  });
});
