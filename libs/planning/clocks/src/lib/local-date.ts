/**
 * `LocalDate`: a calendar date without time or zone, as 'YYYY-MM-DD'. All Danish deadlines are
 * counted in whole days, so the clocks work on these strings and only convert to instants at
 * the edge (see copenhagen-time.ts).
 *
 * Internally a date is turned into a "day number" (days since 1970-01-01, proleptic Gregorian)
 * so that day arithmetic is plain integer arithmetic and never touches a time zone.
 */
import { InvalidDateError } from './errors';

/** 'YYYY-MM-DD', validated at every public entry point. */
export type LocalDate = string;

const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** 0 = Monday … 6 = Sunday (ISO numbering, minus one). */
export type IsoWeekdayIndex = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month1to12: number): number {
  const lengths = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return lengths[month1to12 - 1];
}

export interface DateParts {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

/**
 * Valid dates and their day numbers, both ways, memoised: the clocks and the plans convert the
 * same few hundred dates over and over (validating each with a regex and building it back through
 * Date was ~10 % of the dashboard's CPU). Only valid dates are remembered; at most CACHE_MAX each
 * (dates from requests are validated here too, so the maps are bounded).
 */
// Not smaller: with 20,000 the maps were cleared over and over during bench step (a) (the engine
// touches more distinct dates than that), and transitions/s fell 11 % (2026-11-30, ABBA runs).
const CACHE_MAX = 100_000;
const DAY_NUMBER_OF = new Map<LocalDate, number>();
const DATE_OF_DAY_NUMBER = new Map<number, LocalDate>();
function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(key, value);
  return value;
}

/** The day number of a valid 'YYYY-MM-DD' (years 1000–9999), else undefined. */
function dayNumberOf(value: string): number | undefined {
  const known = DAY_NUMBER_OF.get(value);
  if (known !== undefined) return known;
  const m = LOCAL_DATE_RE.exec(value);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (!(year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month))) return undefined;
  return remember(DAY_NUMBER_OF, value, Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY));
}

/** True if `value` is a real calendar date written as 'YYYY-MM-DD' (years 1000–9999). */
export function isLocalDate(value: unknown): value is LocalDate {
  return typeof value === 'string' && dayNumberOf(value) !== undefined;
}

/** Throws `InvalidDateError` (code CLOCK.INVALID_DATE) unless `value` is a valid LocalDate. */
export function assertLocalDate(value: unknown): asserts value is LocalDate {
  if (!isLocalDate(value)) throw new InvalidDateError(value);
}

/** Validates and returns the date, for use in expressions. */
export function parseLocalDate(value: unknown): LocalDate {
  assertLocalDate(value);
  return value;
}

export function toDateParts(date: LocalDate): DateParts {
  assertLocalDate(date);
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

export function fromDateParts(year: number, month: number, day: number): LocalDate {
  const s = `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
  assertLocalDate(s);
  return s;
}

/** Days since 1970-01-01. Date.UTC is used only as an integer calendar, never as a clock. */
export function toDayNumber(date: LocalDate): number {
  const n = typeof date === 'string' ? dayNumberOf(date) : undefined;
  if (n === undefined) throw new InvalidDateError(date);
  return n;
}

export function fromDayNumber(dayNumber: number): LocalDate {
  const known = DATE_OF_DAY_NUMBER.get(dayNumber);
  if (known !== undefined) return known;
  const d = new Date(dayNumber * MS_PER_DAY);
  return remember(DATE_OF_DAY_NUMBER, dayNumber, fromDateParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()));
}

/** `date` plus `days` calendar days (negative allowed). */
export function addCalendarDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Calendar days from `a` to `b` (positive when b is later). */
export function calendarDaysBetween(a: LocalDate, b: LocalDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** 0 = Monday … 6 = Sunday. 1970-01-01 was a Thursday (index 3). */
export function weekdayIndex(date: LocalDate): IsoWeekdayIndex {
  return ((((toDayNumber(date) + 3) % 7) + 7) % 7) as IsoWeekdayIndex;
}

export function isWeekend(date: LocalDate): boolean {
  return weekdayIndex(date) >= 5;
}

/** -1 / 0 / 1; lexical order of 'YYYY-MM-DD' is chronological order. */
export function compareLocalDates(a: LocalDate, b: LocalDate): -1 | 0 | 1 {
  assertLocalDate(a);
  assertLocalDate(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxLocalDate(a: LocalDate, b: LocalDate): LocalDate {
  return compareLocalDates(a, b) >= 0 ? a : b;
}

export function minLocalDate(a: LocalDate, b: LocalDate): LocalDate {
  return compareLocalDates(a, b) <= 0 ? a : b;
}

/**
 * Month arithmetic as in Danish fristberegning: the same day of the month `months` later;
 * when that month is shorter, the last day of that month (31 January + 1 month = 28/29
 * February). Negative `months` go back the same way.
 */
export function addCalendarMonths(date: LocalDate, months: number): LocalDate {
  const { year, month, day } = toDateParts(date);
  const zeroBased = year * 12 + (month - 1) + months;
  const y = Math.floor(zeroBased / 12);
  const m = zeroBased - y * 12 + 1;
  return fromDateParts(y, m, Math.min(day, daysInMonth(y, m)));
}
