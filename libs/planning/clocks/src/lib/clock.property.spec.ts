import fc from 'fast-check';
import {
  type ClockDefinition,
  type ClockState,
  type ClockStop,
  addCalendarDays,
  computeClock,
  createDanishCalendar,
} from '../index';

const cal = createDanishCalendar();
const DAYS_2020_TO_2035 = 5800;

/** Any date in 2020–2035. */
const dateArb = fc.integer({ min: 0, max: DAYS_2020_TO_2035 }).map((k) => addCalendarDays('2020-01-01', k));
const unitArb = fc.constantFrom('calendarDays' as const, 'businessDays' as const, 'weeks' as const, 'months' as const);
const defArb: fc.Arbitrary<ClockDefinition> = fc.record({
  unit: unitArb,
  length: fc.integer({ min: 0, max: 120 }),
  kind: fc.constantFrom('target' as const, 'statutory' as const),
  stopsWhileAwaitingApplicant: fc.boolean(),
});
const reasonArb = fc.constantFrom(
  'awaitingApplicant' as const,
  'hearing' as const,
  'awaitingOtherAuthority' as const,
  'applicantRequest' as const,
  'legalAction' as const,
);
/** A closed stop starting 0–400 days after `startedOn`, lasting 0–60 days. */
const stopArb = (startedOn: string): fc.Arbitrary<ClockStop> =>
  fc.record({ reason: reasonArb, offset: fc.integer({ min: 0, max: 400 }), days: fc.integer({ min: 0, max: 60 }) }).map((r) => ({
    reason: r.reason,
    from: addCalendarDays(startedOn, r.offset),
    to: addCalendarDays(startedOn, r.offset + r.days),
  }));

const scenarioArb = dateArb.chain((startedOn) =>
  fc.record({
    startedOn: fc.constant(startedOn),
    def: defArb,
    stops: fc.array(stopArb(startedOn), { maxLength: 4 }),
    extraStop: stopArb(startedOn),
    todayOffset: fc.integer({ min: 0, max: 500 }),
  }),
);

const st = (startedOn: string, stops: ClockStop[]): ClockState => ({ startedOn, stops, extensions: [] });

describe('business calendar properties', () => {
  it('addBusinessDays(d, n) is a business day for n ≥ 1', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 300 }), (d, n) => cal.isBusinessDay(cal.addBusinessDays(d, n))),
    );
  });

  it('businessDaysBetween(d, addBusinessDays(d, n)) = n, for positive and negative n', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -300, max: 300 }), (d, n) => cal.businessDaysBetween(d, cal.addBusinessDays(d, n)) === n),
    );
  });

  it('businessDaysBetween equals a naive day-by-day count', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 800 }), (a, span) => {
        const b = addCalendarDays(a, span);
        let naive = 0;
        for (let i = 1; i <= span; i++) if (cal.isBusinessDay(addCalendarDays(a, i))) naive++;
        return cal.businessDaysBetween(a, b) === naive;
      }),
    );
  });

  it('businessDaysBetween is additive over consecutive forward intervals', () => {
    fc.assert(
      fc.property(dateArb, dateArb, dateArb, (x, y, z) => {
        const [a, b, c] = [x, y, z].sort();
        return cal.businessDaysBetween(a, b) + cal.businessDaysBetween(b, c) === cal.businessDaysBetween(a, c);
      }),
    );
  });

  it('nextBusinessDay is later and a business day, with no business day in between', () => {
    fc.assert(
      fc.property(dateArb, (d) => {
        const next = cal.nextBusinessDay(d);
        return next > d && cal.isBusinessDay(next) && cal.businessDaysBetween(d, next) === 1;
      }),
    );
  });
});

describe('clock properties', () => {
  it('stops never shorten a due date', () => {
    fc.assert(
      fc.property(scenarioArb, ({ startedOn, def, stops, extraStop }) => {
        const today = startedOn;
        const without = computeClock(def, st(startedOn, stops), today, cal).dueOn as string;
        const withStop = computeClock(def, st(startedOn, [...stops, extraStop]), today, cal).dueOn as string;
        return withStop >= without;
      }),
    );
  });

  it('adding then removing a stop is the identity', () => {
    fc.assert(
      fc.property(scenarioArb, ({ startedOn, def, stops, extraStop, todayOffset }) => {
        const today = addCalendarDays(startedOn, todayOffset);
        const before = computeClock(def, st(startedOn, stops), today, cal);
        const added = [...stops, extraStop];
        const removed = added.filter((s) => s !== extraStop);
        expect(computeClock(def, st(startedOn, removed), today, cal)).toEqual(before);
      }),
    );
  });

  it('the order of stops does not matter', () => {
    fc.assert(
      fc.property(scenarioArb, ({ startedOn, def, stops, todayOffset }) => {
        const today = addCalendarDays(startedOn, todayOffset);
        expect(computeClock(def, st(startedOn, [...stops].reverse()), today, cal)).toEqual(
          computeClock(def, st(startedOn, stops), today, cal),
        );
      }),
    );
  });

  it('the due date is monotone in the length', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 0, max: 30 }), ({ startedOn, def, stops }, more) => {
        const a = computeClock(def, st(startedOn, stops), startedOn, cal).dueOn as string;
        const b = computeClock({ ...def, length: def.length + more }, st(startedOn, stops), startedOn, cal).dueOn as string;
        return b >= a;
      }),
    );
  });

  it('a business-day clock with stops moves by exactly the stopped business days before the due date', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 20 }), (startedOn, length, offset, days) => {
        const def: ClockDefinition = { unit: 'businessDays', length, kind: 'target', stopsWhileAwaitingApplicant: true };
        const from = addCalendarDays(startedOn, offset);
        const to = addCalendarDays(from, days);
        const plain = computeClock(def, st(startedOn, []), startedOn, cal).dueOn as string;
        const stopped = computeClock(def, st(startedOn, [{ reason: 'awaitingApplicant', from, to }]), startedOn, cal).dueOn as string;
        // A stop beginning on or after the plain due date cannot move it.
        const expected = from >= plain ? 0 : cal.businessDaysBetween(from, to);
        return cal.businessDaysBetween(plain, stopped) === expected;
      }),
    );
  });

  it('elapsed + remaining = total while not breached, and elapsed never decreases over time', () => {
    fc.assert(
      fc.property(scenarioArb, ({ startedOn, def, stops, todayOffset }) => {
        const today = addCalendarDays(startedOn, todayOffset);
        const c = computeClock(def, st(startedOn, stops), today, cal);
        const c2 = computeClock(def, st(startedOn, stops), addCalendarDays(today, 1), cal);
        if (c.status !== 'breached') expect(c.elapsed + (c.remaining as number)).toBe(c.totalUnits);
        expect(c2.elapsed).toBeGreaterThanOrEqual(c.elapsed);
      }),
    );
  });
});
