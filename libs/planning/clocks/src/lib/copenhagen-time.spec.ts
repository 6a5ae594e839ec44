import { InvalidInstantError, copenhagenOffsetMs, startOfCopenhagenDay, toCopenhagenDate } from '../index';

describe('Copenhagen time', () => {
  it('23:30 UTC on 2026-03-28 is already 29 March in Copenhagen (winter time, +1)', () => {
    expect(toCopenhagenDate('2026-03-28T23:30:00Z')).toBe('2026-03-29');
  });

  it('22:30 UTC in summer is the next day in Copenhagen (+2)', () => {
    expect(toCopenhagenDate('2025-07-01T22:30:00Z')).toBe('2025-07-02');
    expect(toCopenhagenDate('2025-07-01T21:59:59Z')).toBe('2025-07-01');
  });

  it('22:30 UTC in winter is still the same day (+1)', () => {
    expect(toCopenhagenDate(new Date('2025-01-15T22:30:00Z'))).toBe('2025-01-15');
    expect(toCopenhagenDate(new Date('2025-01-15T23:00:00Z'))).toBe('2025-01-16');
  });

  it('handles the autumn switch (2025-10-26 03:00 CEST → 02:00 CET)', () => {
    expect(toCopenhagenDate('2025-10-25T22:00:00Z')).toBe('2025-10-26');
    expect(toCopenhagenDate('2025-10-26T22:59:00Z')).toBe('2025-10-26');
    expect(toCopenhagenDate('2025-10-26T23:00:00Z')).toBe('2025-10-27');
  });

  it('start of day is 23:00Z the day before in winter and 22:00Z in summer', () => {
    expect(startOfCopenhagenDay('2025-01-15').toISOString()).toBe('2025-01-14T23:00:00.000Z');
    expect(startOfCopenhagenDay('2025-07-02').toISOString()).toBe('2025-07-01T22:00:00.000Z');
  });

  it('start of the DST switch days uses the offset valid at midnight', () => {
    // 29 March 2026: midnight is still CET (+1); the switch happens at 02:00.
    expect(startOfCopenhagenDay('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfCopenhagenDay('2026-03-30').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    // 25 October 2026: midnight is still CEST (+2).
    expect(startOfCopenhagenDay('2026-10-25').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(startOfCopenhagenDay('2026-10-26').toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('round-trips: the start of a day maps back to that day', () => {
    for (const d of ['2026-03-29', '2026-10-25', '2024-02-29', '2025-12-31']) {
      expect(toCopenhagenDate(startOfCopenhagenDay(d))).toBe(d);
    }
  });

  it('reports the offset', () => {
    expect(copenhagenOffsetMs('2025-01-01T12:00:00Z')).toBe(3_600_000);
    expect(copenhagenOffsetMs('2025-07-01T12:00:00Z')).toBe(7_200_000);
  });

  it('rejects an unparseable instant with CLOCK.INVALID_INSTANT', () => {
    expect(() => toCopenhagenDate('not a date')).toThrow(InvalidInstantError);
    expect(() => toCopenhagenDate(new Date(NaN))).toThrow(expect.objectContaining({ code: 'CLOCK.INVALID_INSTANT' }));
  });
});
