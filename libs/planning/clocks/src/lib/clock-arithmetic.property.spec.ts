import fc from 'fast-check';
import { addCalendarDays, createDanishCalendar, type BusinessCalendar, type LocalDate } from '../index';
import { countBetween, dayWhenReached, type CountingUnit, type StopInterval } from './clock';
import { fromDayNumber, toDayNumber } from './local-date';

/**
 * The clock arithmetic jumps (business-day counts by formula, stop to stop) instead of walking
 * day by day. These properties check it against the plain day-by-day walk it replaced.
 */
const plain = createDanishCalendar();
const withExtra = createDanishCalendar({ extraClosures: ['2026-05-15', '2027-01-04', { date: '2028-03-01', code: 'IT_OUTAGE' }] });
const calendarArb = fc.constantFrom(plain, withExtra);
const dateArb = fc.integer({ min: 0, max: 4000 }).map((k) => addCalendarDays('2024-01-01', k));
const unitArb = fc.constantFrom<CountingUnit>('businessDays', 'calendarDays');

/** Sorted, disjoint stop intervals (from, to] near the start date, in the shape the clock merges stops into. */
function intervalsArb(): fc.Arbitrary<(start: LocalDate) => StopInterval[]> {
  // Each interval starts a gap after the previous one ends (the first may start before `start`).
  return fc.array(fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 120 })), { maxLength: 4 }).map((raw) => (start: LocalDate) => {
    let end = toDayNumber(start) - 30;
    return raw.map(([gap, len]) => {
      const fromDay = end + gap;
      end = fromDay + len;
      return { fromDay, toDay: end };
    });
  });
}

const counted = (day: number, unit: CountingUnit, cal: BusinessCalendar) => unit === 'calendarDays' || cal.isBusinessDay(fromDayNumber(day));
const stopped = (day: number, intervals: StopInterval[]) => intervals.some((i) => day > i.fromDay && day <= i.toDay);

function walkReached(start: LocalDate, units: number, unit: CountingUnit, intervals: StopInterval[], cal: BusinessCalendar): LocalDate {
  let day = toDayNumber(start);
  let n = 0;
  while (n < units) {
    day++;
    if (!stopped(day, intervals) && counted(day, unit, cal)) n++;
  }
  return fromDayNumber(day);
}

function walkBetween(start: LocalDate, until: LocalDate, unit: CountingUnit, intervals: StopInterval[], cal: BusinessCalendar) {
  let c = 0;
  let s = 0;
  for (let day = toDayNumber(start) + 1; day <= toDayNumber(until); day++) {
    if (!counted(day, unit, cal)) continue;
    if (stopped(day, intervals)) s++;
    else c++;
  }
  return { counted: c, stopped: s };
}

describe('clock arithmetic = the day-by-day walk', () => {
  it('addBusinessDays(d, n) is the n-th business day after d', () => {
    fc.assert(
      fc.property(calendarArb, dateArb, fc.integer({ min: 0, max: 800 }), (cal, d, n) => {
        expect(cal.addBusinessDays(d, n)).toBe(walkReached(d, n, 'businessDays', [], cal));
      }),
      { numRuns: 400, seed: 20261123 },
    );
  });

  it('dayWhenReached jumps stop to stop to the same day', () => {
    fc.assert(
      fc.property(calendarArb, dateArb, fc.integer({ min: 0, max: 600 }), unitArb, intervalsArb(), (cal, d, units, unit, mk) => {
        const intervals = mk(d);
        expect(dayWhenReached(d, units, unit, intervals, cal)).toBe(walkReached(d, units, unit, intervals, cal));
      }),
      { numRuns: 400, seed: 20261123 },
    );
  });

  it('dayWhenReached is exact when the length runs out on the day a stop begins (or one unit later)', () => {
    fc.assert(
      fc.property(calendarArb, dateArb, unitArb, intervalsArb(), fc.nat(), fc.constantFrom(0, 1), (cal, d, unit, mk, pick, extra) => {
        const intervals = mk(d).filter((i) => i.fromDay > toDayNumber(d));
        fc.pre(intervals.length > 0);
        const stop = intervals[pick % intervals.length];
        const units = walkBetween(d, fromDayNumber(stop.fromDay), unit, mk(d), cal).counted + extra;
        expect(dayWhenReached(d, units, unit, mk(d), cal)).toBe(walkReached(d, units, unit, mk(d), cal));
      }),
      { numRuns: 300, seed: 20261123 },
    );
  });

  it('countBetween counts the same counted and stopped days', () => {
    fc.assert(
      fc.property(calendarArb, dateArb, fc.integer({ min: -10, max: 900 }), unitArb, intervalsArb(), (cal, d, span, unit, mk) => {
        const intervals = mk(d);
        const until = addCalendarDays(d, span);
        expect(countBetween(d, until, unit, intervals, cal)).toEqual(walkBetween(d, until, unit, intervals, cal));
      }),
      { numRuns: 400, seed: 20261123 },
    );
  });
});
