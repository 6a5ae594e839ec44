/**
 * The holiday calendar as data with effective dates (issue 13 item 12): each rule says which day
 * of the year is a public holiday (helligdag) or a closure day of the authorities, from when to
 * when. The host keeps the rules in the database (admins maintain them) and builds the calendar
 * from them with `createDanishCalendar({ holidayRules })`; this library stays pure — it takes the
 * rules as input. `DEFAULT_HOLIDAY_RULES` states today's code calendar (danish-holidays.ts plus
 * the default closure days) as rules; a test holds the two equal for 1900–2100.
 */
import { InvalidClockArgumentError } from './errors';
import { easterSunday, STORE_BEDEDAG_LAST_YEAR, type NonBusinessDay } from './danish-holidays';
import { type LocalDate, addCalendarDays, assertLocalDate, daysInMonth, fromDateParts } from './local-date';

export interface HolidayRule {
  /** Stable code, e.g. 'STORE_BEDEDAG'. */
  code: string;
  /** 'publicHoliday' = helligdag by law (rolls a klagefrist); 'closure' = the authorities are closed. */
  kind: 'publicHoliday' | 'closure';
  /** The same date every year, or an offset in days from Easter Sunday. */
  date: { month: number; day: number } | { easterOffset: number };
  nameDa: string;
  nameEn: string;
  /** First and last day the rule applies (inclusive); null = unbounded. */
  effectiveFrom: LocalDate | null;
  effectiveTo: LocalDate | null;
  /** The law or decision behind the rule. */
  source: string;
}

const HELLIGDAGE = 'Helligdagsloven (BEK om helligdage); danish-holidays.ts';
const fixed = (month: number, day: number) => ({ month, day });
const easter = (easterOffset: number) => ({ easterOffset });
const holiday = (code: string, date: HolidayRule['date'], nameDa: string, nameEn: string, extra: Partial<HolidayRule> = {}): HolidayRule => ({
  code, kind: 'publicHoliday', date, nameDa, nameEn, effectiveFrom: null, effectiveTo: null, source: HELLIGDAGE, ...extra,
});
const closure = (code: string, month: number, day: number, nameDa: string, nameEn: string): HolidayRule => ({
  code, kind: 'closure', date: fixed(month, day), nameDa, nameEn, effectiveFrom: null, effectiveTo: null,
  source: 'Closure day of the Danish authorities, not a helligdag (business-calendar.ts DEFAULT_CLOSURE_DAYS)',
});

/** Today's code calendar as rules (the seed of the database tables). */
export const DEFAULT_HOLIDAY_RULES: readonly HolidayRule[] = Object.freeze([
  holiday('NYTAARSDAG', fixed(1, 1), 'Nytårsdag', "New Year's Day"),
  holiday('SKAERTORSDAG', easter(-3), 'Skærtorsdag', 'Maundy Thursday'),
  holiday('LANGFREDAG', easter(-2), 'Langfredag', 'Good Friday'),
  holiday('PAASKEDAG', easter(0), 'Påskedag', 'Easter Sunday'),
  holiday('ANDEN_PAASKEDAG', easter(1), '2. påskedag', 'Easter Monday'),
  holiday('STORE_BEDEDAG', easter(26), 'Store Bededag', 'General Prayer Day', {
    effectiveTo: `${STORE_BEDEDAG_LAST_YEAR}-12-31`,
    source: 'Abolished from 2024 by lov nr. 10 af 28/02/2023 (L 10 of 2023)',
  }),
  holiday('KRISTI_HIMMELFARTSDAG', easter(39), 'Kristi Himmelfartsdag', 'Ascension Day'),
  holiday('PINSEDAG', easter(49), 'Pinsedag', 'Whit Sunday'),
  holiday('ANDEN_PINSEDAG', easter(50), '2. pinsedag', 'Whit Monday'),
  holiday('JULEDAG', fixed(12, 25), 'Juledag', 'Christmas Day'),
  holiday('ANDEN_JULEDAG', fixed(12, 26), '2. juledag', 'Boxing Day'),
  closure('GRUNDLOVSDAG', 6, 5, 'Grundlovsdag', 'Constitution Day'),
  closure('JULEAFTENSDAG', 12, 24, 'Juleaftensdag', 'Christmas Eve'),
  closure('NYTAARSAFTENSDAG', 12, 31, 'Nytårsaftensdag', "New Year's Eve"),
]);

/** Refuses a rule the calendar cannot compute (bad month/day, offset, names or range). */
export function assertHolidayRule(rule: HolidayRule): void {
  const bad = (why: string) => new InvalidClockArgumentError(`Invalid holiday rule ${JSON.stringify(rule.code)}: ${why}`, { rule });
  if (!/^[A-Z][A-Z0-9_]{1,63}$/.test(rule.code)) throw bad('code must be SCREAMING_SNAKE');
  if (rule.kind !== 'publicHoliday' && rule.kind !== 'closure') throw bad('kind');
  if ('easterOffset' in rule.date) {
    // −80 … +249 keeps the day inside Easter's own year (Easter falls 22 March – 25 April).
    if (!Number.isInteger(rule.date.easterOffset) || rule.date.easterOffset < -80 || rule.date.easterOffset > 249) throw bad('easterOffset must be an integer in −80 … 249');
  } else if (!Number.isInteger(rule.date.month) || rule.date.month < 1 || rule.date.month > 12 || !Number.isInteger(rule.date.day) || rule.date.day < 1 || rule.date.day > daysInMonth(2024, rule.date.month)) {
    throw bad('month/day');
  }
  if (rule.effectiveFrom !== null) assertLocalDate(rule.effectiveFrom);
  if (rule.effectiveTo !== null) assertLocalDate(rule.effectiveTo);
  if (rule.effectiveFrom && rule.effectiveTo && rule.effectiveTo < rule.effectiveFrom) throw bad('effectiveTo before effectiveFrom');
}

/** The days `rules` make non-business in `year` (a rule outside its effective dates gives none). */
export function holidaysFromRules(rules: readonly HolidayRule[], year: number): NonBusinessDay[] {
  const out: NonBusinessDay[] = [];
  for (const r of rules) {
    let date: LocalDate;
    if ('easterOffset' in r.date) date = addCalendarDays(easterSunday(year), r.date.easterOffset);
    else if (r.date.day > daysInMonth(year, r.date.month)) continue; // 29 February in a common year
    else date = fromDateParts(year, r.date.month, r.date.day);
    if ((r.effectiveFrom && date < r.effectiveFrom) || (r.effectiveTo && date > r.effectiveTo)) continue;
    out.push({ date, kind: r.kind, code: r.code, nameDa: r.nameDa, nameEn: r.nameEn });
  }
  return out;
}
