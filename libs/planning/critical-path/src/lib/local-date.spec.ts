import { PlanInputError } from './errors';
import { fromEpochDay, toEpochDay } from './local-date';

describe('critical-path LocalDate conversions (memoised)', () => {
  it('agree with plain Date arithmetic, cold and warm (1990–2060, each day asked twice)', () => {
    for (let pass = 0; pass < 2; pass++) {
      for (let n = 7305; n <= 32873; n += 1) {
        const expected = new Date(n * 86_400_000).toISOString().slice(0, 10);
        expect(fromEpochDay(n)).toBe(expected);
        expect(toEpochDay(expected)).toBe(n);
      }
    }
  });

  it('never remember an invalid date: it throws every time, naming what was asked', () => {
    for (let pass = 0; pass < 3; pass++) {
      expect(() => toEpochDay('2025-02-30', 'dueOn')).toThrow(new PlanInputError("dueOn is not a real calendar date: '2025-02-30'"));
      expect(() => toEpochDay('2025-1-01')).toThrow(PlanInputError);
    }
  });

  it("share the clocks' range (years 1000–9999) and say so", () => {
    expect(toEpochDay('1000-01-01')).toBe(Math.round(Date.UTC(1000, 0, 1) / 86_400_000));
    expect(() => toEpochDay('0500-01-01', 'startOn')).toThrow(new PlanInputError("startOn must be in the years 1000–9999, got '0500-01-01'"));
    expect(() => toEpochDay('2025-13-01', 'startOn')).toThrow(new PlanInputError("startOn is not a real calendar date: '2025-13-01'"));
  });
});
