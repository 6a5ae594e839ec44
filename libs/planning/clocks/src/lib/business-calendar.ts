/**
 * The Danish business-day calendar (Europe/Copenhagen).
 *
 * A business day (hverdag / arbejdsdag) is Monday–Friday that is neither a public holiday
 * (danish-holidays.ts) nor a closure day. Closure days are the days Danish authorities are
 * closed although they are not helligdage by law; by default Grundlovsdag (5 June),
 * Juleaftensdag (24 December) and Nytårsaftensdag (31 December). They are configurable, and
 * extra dated closures (e.g. a one-off office closure) can be added.
 *
 * Counting convention used throughout (the same as Danish fristberegning): the day an event
 * happens is not counted; counting starts on the following day.
 */
import { InvalidClockArgumentError } from './errors';
import { type NonBusinessDay, danishPublicHolidays } from './danish-holidays';
import { assertHolidayRule, holidaysFromRules, type HolidayRule } from './holiday-rules';
import {
  type LocalDate,
  addCalendarDays,
  assertLocalDate,
  daysInMonth,
  fromDateParts,
  fromDayNumber,
  isWeekend,
  toDateParts,
  toDayNumber,
} from './local-date';

/** A closure that recurs every year on the same day, e.g. Grundlovsdag 5 June. */
export interface RecurringClosureDay {
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
  code: string;
  nameDa: string;
  nameEn: string;
}

/** A one-off closure on a given date. */
export interface ExtraClosure {
  date: LocalDate;
  code?: string;
  nameDa?: string;
  nameEn?: string;
}

export const DEFAULT_CLOSURE_DAYS: readonly RecurringClosureDay[] = Object.freeze([
  { month: 6, day: 5, code: 'GRUNDLOVSDAG', nameDa: 'Grundlovsdag', nameEn: 'Constitution Day' },
  { month: 12, day: 24, code: 'JULEAFTENSDAG', nameDa: 'Juleaftensdag', nameEn: 'Christmas Eve' },
  { month: 12, day: 31, code: 'NYTAARSAFTENSDAG', nameDa: 'Nytårsaftensdag', nameEn: "New Year's Eve" },
]);

export interface DanishCalendarOptions {
  /** Recurring closure days; defaults to `DEFAULT_CLOSURE_DAYS`. Pass `[]` for none. */
  closureDays?: readonly RecurringClosureDay[];
  /** One-off closures (dates), added to the recurring ones. */
  extraClosures?: readonly (ExtraClosure | LocalDate)[];
  /** The holiday calendar as data (issue 13 item 12): when given, public holidays AND recurring
   *  closure days come from these rules (with their effective dates) instead of the code
   *  computus and `closureDays`. */
  holidayRules?: readonly HolidayRule[];
}

export interface BusinessCalendar {
  /** Monday–Friday and neither a public holiday nor a closure day. */
  isBusinessDay(date: LocalDate): boolean;
  /** Why `date` is not a business day: the holiday/closure entry, 'weekend', or null for a business day. */
  nonBusinessReason(date: LocalDate): NonBusinessDay | 'weekend' | null;
  /** The first business day strictly after `date`. */
  nextBusinessDay(date: LocalDate): LocalDate;
  /** The last business day strictly before `date`. */
  previousBusinessDay(date: LocalDate): LocalDate;
  /** `date` itself if it is a business day, otherwise the next business day (rolling a deadline). */
  businessDayOnOrAfter(date: LocalDate): LocalDate;
  /**
   * `n` business days after `date` (the start day is not counted, so the result is the n-th
   * business day strictly after `date`). n = 0 returns `date` unchanged; n < 0 goes back
   * (the |n|-th business day strictly before `date`). n must be an integer.
   */
  addBusinessDays(date: LocalDate, n: number): LocalDate;
  /**
   * Signed number of business days from `a` to `b`: for a ≤ b the business days in (a, b]
   * (a not counted, b counted); for b < a minus the business days in [b, a).
   * So `businessDaysBetween(d, addBusinessDays(d, n)) === n` for every integer n.
   */
  businessDaysBetween(a: LocalDate, b: LocalDate): number;
  /** Public holidays and closure days of `year`, in date order, with Danish and English names. */
  holidaysInYear(year: number): NonBusinessDay[];
}

/**
 * Number of weekdays (Mon–Fri) among day numbers up to and including `dayNumber`, counted from a
 * fixed Monday origin; only differences of this function are meaningful. Day 0 (1970-01-01)
 * is a Thursday, so day −3 is a Monday.
 */
function weekdaysThrough(dayNumber: number): number {
  const m = dayNumber + 3 + 1; // days since that Monday, inclusive
  const weeks = Math.floor(m / 7);
  return weeks * 5 + Math.min(m - weeks * 7, 5);
}

// Safety net against runaway loops on absurd inputs (≈ 270 years of business days).
const MAX_STEPS = 100_000;

export function createDanishCalendar(options: DanishCalendarOptions = {}): BusinessCalendar {
  const rules = options.holidayRules;
  for (const r of rules ?? []) assertHolidayRule(r);
  const closureDays = rules ? [] : (options.closureDays ?? DEFAULT_CLOSURE_DAYS);
  for (const c of closureDays) {
    if (!Number.isInteger(c.month) || c.month < 1 || c.month > 12 || !Number.isInteger(c.day) || c.day < 1 || c.day > 31) {
      throw new InvalidClockArgumentError(`Invalid closure day ${c.month}/${c.day}`, { closure: c });
    }
  }
  const extraClosures: NonBusinessDay[] = (options.extraClosures ?? []).map((e) => {
    const entry: ExtraClosure = typeof e === 'string' ? { date: e } : e;
    assertLocalDate(entry.date);
    return {
      date: entry.date,
      kind: 'closure',
      code: entry.code ?? 'EXTRA_CLOSURE',
      nameDa: entry.nameDa ?? 'Lukkedag',
      nameEn: entry.nameEn ?? 'Closure day',
    };
  });

  // Per-year cache: computing Easter each time would dominate long day-by-day walks.
  const byYear = new Map<number, Map<LocalDate, NonBusinessDay>>();

  function yearMap(year: number): Map<LocalDate, NonBusinessDay> {
    let map = byYear.get(year);
    if (map) return map;
    map = new Map();
    // Closures first, so that a public holiday on the same date wins (it is the stronger reason).
    for (const c of closureDays) {
      // 29 February as a closure simply does not occur in common years.
      if (c.day > daysInMonth(year, c.month)) continue;
      const date = fromDateParts(year, c.month, c.day);
      map.set(date, { date, kind: 'closure', code: c.code, nameDa: c.nameDa, nameEn: c.nameEn });
    }
    const fromRules = rules ? holidaysFromRules(rules, year) : [];
    for (const c of fromRules) if (c.kind === 'closure') map.set(c.date, c);
    for (const e of extraClosures) if (toDateParts(e.date).year === year) map.set(e.date, e);
    for (const h of rules ? fromRules.filter((r) => r.kind === 'publicHoliday') : danishPublicHolidays(year)) map.set(h.date, h);
    byYear.set(year, map);
    return map;
  }

  function nonBusinessReason(date: LocalDate): NonBusinessDay | 'weekend' | null {
    assertLocalDate(date);
    const special = yearMap(toDateParts(date).year).get(date);
    if (special) return special;
    return isWeekend(date) ? 'weekend' : null;
  }

  function isBusinessDay(date: LocalDate): boolean {
    return nonBusinessReason(date) === null;
  }

  function step(date: LocalDate, direction: 1 | -1): LocalDate {
    let d = date;
    for (let i = 0; i < MAX_STEPS; i++) {
      d = addCalendarDays(d, direction);
      if (isBusinessDay(d)) return d;
    }
    throw new InvalidClockArgumentError('No business day found (calendar closes every day?)', { date });
  }

  function addBusinessDays(date: LocalDate, n: number): LocalDate {
    assertLocalDate(date);
    if (!Number.isInteger(n) || Math.abs(n) > MAX_STEPS) {
      throw new InvalidClockArgumentError(`Business days must be an integer, got ${n}`, { n });
    }
    if (n > 0) return addBusinessDaysForward(date, n);
    let d = date;
    for (let i = 0; i < -n; i++) d = step(d, -1);
    return d;
  }

  /**
   * The n-th business day after `date` (n > 0) by arithmetic: jump to the day that is n weekdays
   * later, then again by the number of weekday holidays/closures jumped over, until none was.
   * (A day-by-day walk cost ~1 µs a day; clocks call this for every permit on every read.)
   */
  function addBusinessDaysForward(date: LocalDate, n: number): LocalDate {
    let cursor = toDayNumber(date);
    let remaining = n;
    for (;;) {
      // The smallest day t with weekdays in (cursor, t] = remaining; it is a weekday.
      const want = weekdaysThrough(cursor) + remaining;
      let t = cursor + Math.floor((remaining - 1) / 5) * 7;
      while (weekdaysThrough(t) < want) t++;
      const counted = countForward(fromDayNumber(cursor), fromDayNumber(t));
      if (counted === remaining) return fromDayNumber(t);
      remaining -= counted;
      cursor = t;
    }
  }

  /** Business days in (a, b] for a ≤ b: weekdays by formula, minus holidays/closures on weekdays. */
  function countForward(a: LocalDate, b: LocalDate): number {
    const aDay = toDayNumber(a);
    const bDay = toDayNumber(b);
    let count = weekdaysThrough(bDay) - weekdaysThrough(aDay);
    for (let year = toDateParts(a).year; year <= toDateParts(b).year; year++) {
      for (const special of yearMap(year).values()) {
        const d = toDayNumber(special.date);
        if (d > aDay && d <= bDay && !isWeekend(special.date)) count--;
      }
    }
    return count;
  }

  function businessDaysBetween(a: LocalDate, b: LocalDate): number {
    assertLocalDate(a);
    assertLocalDate(b);
    if (a === b) return 0;
    // [b, a) = (b − 1, a − 1]
    return a < b ? countForward(a, b) : -countForward(addCalendarDays(b, -1), addCalendarDays(a, -1));
  }

  return {
    isBusinessDay,
    nonBusinessReason,
    nextBusinessDay: (date) => {
      assertLocalDate(date);
      return step(date, 1);
    },
    previousBusinessDay: (date) => {
      assertLocalDate(date);
      return step(date, -1);
    },
    businessDayOnOrAfter: (date) => (isBusinessDay(date) ? date : step(date, 1)),
    addBusinessDays,
    businessDaysBetween,
    holidaysInYear: (year) => {
      if (!Number.isInteger(year)) throw new InvalidClockArgumentError(`Invalid year ${year}`, { year });
      return [...yearMap(year).values()].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
    },
  };
}
