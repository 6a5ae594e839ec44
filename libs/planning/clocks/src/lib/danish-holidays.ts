/**
 * Danish public holidays (helligdage) computed per year.
 *
 * - Fixed: Nytårsdag (1 Jan), Juledag (25 Dec), 2. juledag (26 Dec).
 * - Moving with Easter (Gregorian computus): Skærtorsdag (−3), Langfredag (−2), Påskedag (0),
 *   2. påskedag (+1), Store Bededag (+26, the 4th Friday after Easter), Kristi Himmelfartsdag
 *   (+39), Pinsedag (+49), 2. pinsedag (+50).
 * - Store Bededag was abolished as a public holiday by lov nr. 10 af 28/02/2023 (L 10 of 2023)
 *   with effect from 2024: it is a holiday up to and including 2023 and a working day from 2024.
 *
 * Grundlovsdag, Juleaftensdag and Nytårsaftensdag are NOT public holidays by law; they are
 * closure days configured in the calendar (business-calendar.ts).
 */
import { InvalidClockArgumentError } from './errors';
import { type LocalDate, addCalendarDays, fromDateParts } from './local-date';

/** The last year in which Store Bededag was a public holiday (L 10 of 2023). */
export const STORE_BEDEDAG_LAST_YEAR = 2023;

export type PublicHolidayCode =
  | 'NYTAARSDAG'
  | 'SKAERTORSDAG'
  | 'LANGFREDAG'
  | 'PAASKEDAG'
  | 'ANDEN_PAASKEDAG'
  | 'STORE_BEDEDAG'
  | 'KRISTI_HIMMELFARTSDAG'
  | 'PINSEDAG'
  | 'ANDEN_PINSEDAG'
  | 'JULEDAG'
  | 'ANDEN_JULEDAG';

export interface NonBusinessDay {
  date: LocalDate;
  /** 'publicHoliday' = helligdag by law; 'closure' = configured closure day of the authorities. */
  kind: 'publicHoliday' | 'closure';
  /** Stable code, e.g. 'PAASKEDAG', 'GRUNDLOVSDAG', or the code of an extra closure. */
  code: string;
  nameDa: string;
  nameEn: string;
}

export interface PublicHoliday extends NonBusinessDay {
  kind: 'publicHoliday';
  code: PublicHolidayCode;
}

function assertYear(year: number): void {
  // LocalDate supports years 1000–9999; the computus is valid for the Gregorian calendar.
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new InvalidClockArgumentError(`Year out of range (1583–9999): ${year}`, { year });
  }
}

/** Easter Sunday by the anonymous Gregorian computus (Meeus/Jones/Butcher). */
export function easterSunday(year: number): LocalDate {
  assertYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return fromDateParts(year, month, day);
}

/** All statutory Danish public holidays of `year`, in date order. */
export function danishPublicHolidays(year: number): PublicHoliday[] {
  const easter = easterSunday(year);
  const rel = (offset: number): LocalDate => addCalendarDays(easter, offset);
  const h = (date: LocalDate, code: PublicHolidayCode, nameDa: string, nameEn: string): PublicHoliday => ({
    date,
    kind: 'publicHoliday',
    code,
    nameDa,
    nameEn,
  });
  const list: PublicHoliday[] = [
    h(fromDateParts(year, 1, 1), 'NYTAARSDAG', 'Nytårsdag', "New Year's Day"),
    h(rel(-3), 'SKAERTORSDAG', 'Skærtorsdag', 'Maundy Thursday'),
    h(rel(-2), 'LANGFREDAG', 'Langfredag', 'Good Friday'),
    h(easter, 'PAASKEDAG', 'Påskedag', 'Easter Sunday'),
    h(rel(1), 'ANDEN_PAASKEDAG', '2. påskedag', 'Easter Monday'),
  ];
  if (year <= STORE_BEDEDAG_LAST_YEAR) {
    list.push(h(rel(26), 'STORE_BEDEDAG', 'Store Bededag', 'General Prayer Day'));
  }
  list.push(
    h(rel(39), 'KRISTI_HIMMELFARTSDAG', 'Kristi Himmelfartsdag', 'Ascension Day'),
    h(rel(49), 'PINSEDAG', 'Pinsedag', 'Whit Sunday'),
    h(rel(50), 'ANDEN_PINSEDAG', '2. pinsedag', 'Whit Monday'),
    h(fromDateParts(year, 12, 25), 'JULEDAG', 'Juledag', 'Christmas Day'),
    h(fromDateParts(year, 12, 26), 'ANDEN_JULEDAG', '2. juledag', 'Boxing Day'),
  );
  return list.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}
