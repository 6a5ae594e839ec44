/**
 * Statutory period arithmetic (fristberegning) on the business calendar.
 *
 * Rules (see README for sources):
 * - The day of the event (decision notified, application complete) is not counted; the period
 *   starts the following day. "N calendar days" therefore ends on start + N.
 * - Weeks: N weeks end on the same weekday N weeks later (start + 7N).
 * - Months: the same day-of-month N months later, clamped to the last day of a shorter month
 *   (31 January + 1 month = 28/29 February).
 * - Business days: the N-th business day after the start (calendar.addBusinessDays).
 * - A klagefrist rolls by the statute's own words, not by the office calendar: MBL §93(2),
 *   MVL §51(2) and (for PKN) the boards' published rule (nmkn.dk, "Praksis om klagefristens
 *   udløb") say "Hvis klagefristen udløber på en lørdag eller helligdag, forlænges klagefristen til
 *   den følgende hverdag". Sunday is a helligdag; Grundlovsdag, 24 and 31 December are not (a
 *   statute names those days when it means them, e.g. forældelsesloven §27(2)), so closure days
 *   never move a klagefrist. Closure days only count office (business) days.
 */
import type { BusinessCalendar } from './business-calendar';
import { InvalidClockArgumentError, InvalidDurationError } from './errors';
import { type ClockUnit, type Duration } from './duration-types';
import { startOfCopenhagenDay } from './copenhagen-time';
import { type LocalDate, addCalendarDays, addCalendarMonths, assertLocalDate, weekdayIndex } from './local-date';

const UNITS: readonly ClockUnit[] = ['calendarDays', 'businessDays', 'weeks', 'months'];

/** Throws `InvalidDurationError` unless the unit is known and the length a non-negative integer. */
export function assertDuration(duration: Duration): void {
  if (!duration || !UNITS.includes(duration.unit)) {
    throw new InvalidDurationError(`Unknown duration unit ${JSON.stringify(duration?.unit)}`, { duration });
  }
  if (!Number.isInteger(duration.length) || duration.length < 0) {
    throw new InvalidDurationError(`Duration length must be a non-negative integer, got ${duration.length}`, {
      duration,
    });
  }
}

/**
 * The end of a period of `duration` that starts after `start` (start day not counted).
 * No rolling to a business day: use `appealDeadline` for deadlines that roll.
 */
export function addDuration(start: LocalDate, duration: Duration, calendar: BusinessCalendar): LocalDate {
  assertLocalDate(start);
  assertDuration(duration);
  switch (duration.unit) {
    case 'calendarDays':
      return addCalendarDays(start, duration.length);
    case 'weeks':
      return addCalendarDays(start, 7 * duration.length);
    case 'months':
      return addCalendarMonths(start, duration.length);
    case 'businessDays':
      return calendar.addBusinessDays(start, duration.length);
  }
}

/**
 * How a klagefrist that ends on a non-working day moves. The catalogue records the rule per
 * appeal regime with its source (`AppealRule.deadlineRoll`); today every regime it knows uses
 * the statutory wording below.
 * - `saturdayOrHelligdagToNextHverdag`: "Hvis klagefristen udløber på en lørdag eller helligdag,
 *   forlænges klagefristen til den følgende hverdag" (MBL §93(2), MVL §51(2)). A helligdag is a
 *   Sunday or a public holiday (danish-holidays.ts); a hverdag is any other day except Saturday.
 */
export type AppealRollRule = 'saturdayOrHelligdagToNextHverdag' | 'nextBusinessDay';
/**
 * - `nextBusinessDay`: the office-day roll catalogue 2025.1 published ("a deadline ending on a
 *   Saturday, Sunday or holiday moves to the next business day", closure days included). Kept
 *   only to compute what 2025.1 gave, e.g. for the audited upgrade to 2025.2 (issue 13 item 13).
 */
export const APPEAL_ROLL_RULES: readonly AppealRollRule[] = ['saturdayOrHelligdagToNextHverdag', 'nextBusinessDay'];
/** The rule of MBL §93(2) / MVL §51(2) / the boards' practice; the default of `appealDeadline`. */
export const STATUTORY_APPEAL_ROLL: AppealRollRule = 'saturdayOrHelligdagToNextHverdag';

const SATURDAY = 5;
const SUNDAY = 6;

/** True for a Saturday, a Sunday or a public holiday (helligdag); closure days are hverdage. */
export function isSaturdayOrHelligdag(date: LocalDate, calendar: BusinessCalendar): boolean {
  const wd = weekdayIndex(date);
  if (wd === SATURDAY || wd === SUNDAY) return true;
  const reason = calendar.nonBusinessReason(date);
  return reason !== null && reason !== 'weekend' && reason.kind === 'publicHoliday';
}

/** `date` moved by `rule`: unchanged on a hverdag, else the following hverdag. */
export function rollAppealDeadline(date: LocalDate, calendar: BusinessCalendar, rule: AppealRollRule = STATUTORY_APPEAL_ROLL): LocalDate {
  assertLocalDate(date);
  if (!APPEAL_ROLL_RULES.includes(rule)) {
    throw new InvalidClockArgumentError(`Unknown appeal roll rule ${JSON.stringify(rule)}`, { rule });
  }
  if (rule === 'nextBusinessDay') return calendar.businessDayOnOrAfter(date);
  let d = date;
  // At most a Saturday + Sunday + a run of holidays (Easter: 5 days); bounded anyway.
  for (let i = 0; i < 31 && isSaturdayOrHelligdag(d, calendar); i++) d = addCalendarDays(d, 1);
  return d;
}

/**
 * Last day to lodge an appeal (klagefrist): the period counts from the day after the decision
 * was notified; if it ends on a Saturday or helligdag it is extended to the following hverdag
 * (`rule`, default the statutory MBL §93(2) / MVL §51(2) wording). E.g. notified Thursday
 * 2025-03-20, 4 weeks → Thursday 2025-04-17 (Skærtorsdag) → Tuesday 2025-04-22 (after
 * Langfredag, Saturday, Easter Sunday and 2. påskedag); notified 2025-11-26, 4 weeks →
 * Wednesday 24 December, a hverdag: no roll.
 */
export function appealDeadline(
  decisionNotifiedOn: LocalDate,
  duration: Duration,
  calendar: BusinessCalendar,
  rule: AppealRollRule = STATUTORY_APPEAL_ROLL,
): LocalDate {
  return rollAppealDeadline(addDuration(decisionNotifiedOn, duration, calendar), calendar, rule);
}

/**
 * First day a permit may be used when it may not be used during the appeal period (landzone,
 * GMO): the day after the appeal deadline.
 */
export function usableFrom(
  decisionNotifiedOn: LocalDate,
  appealPeriod: Duration,
  calendar: BusinessCalendar,
  rule: AppealRollRule = STATUTORY_APPEAL_ROLL,
): LocalDate {
  return addCalendarDays(appealDeadline(decisionNotifiedOn, appealPeriod, calendar, rule), 1);
}

/**
 * Last day for objections in a hearing of at least `minDuration` that started on `startedOn`
 * (that day not counted): e.g. PL §24(3) "en frist på mindst 8 uger for fremsættelse af
 * indsigelser": started 2025-09-01 → objections may be lodged through 2025-10-27.
 */
export function hearingLastDay(startedOn: LocalDate, minDuration: Duration, calendar: BusinessCalendar): LocalDate {
  return addDuration(startedOn, minDuration, calendar);
}

/**
 * The first instant a hearing may be closed: 00:00 Copenhagen on the day AFTER its last day for
 * objections, because an objection lodged at 23:59 on the last day is in time (deadlines run in
 * whole days, nmkn.dk). Started 2025-09-01, 8 weeks → 2025-10-28T00:00 local (2025-10-27T23:00Z).
 */
export function hearingEarliestCloseAt(startedOn: LocalDate, minDuration: Duration, calendar: BusinessCalendar): Date {
  return startOfCopenhagenDay(addCalendarDays(hearingLastDay(startedOn, minDuration, calendar), 1));
}

/** The case ceilings of the one-stop-shop (L 206 of 2025): 18 months, 12 for simple cases. */
export type CeilingMonths = 12 | 18;

/**
 * Due date of the case ceiling: `months` after the complete application (same day-of-month,
 * clamped), rolled to the next business day if it falls on a non-business day — the general
 * Danish rule for deadlines that end on a day the authorities are closed.
 */
export function ceilingDueOn(startedOn: LocalDate, months: CeilingMonths, calendar: BusinessCalendar): LocalDate {
  if (months !== 12 && months !== 18) {
    throw new InvalidClockArgumentError(`Ceiling must be 12 or 18 months, got ${months}`, { months });
  }
  return calendar.businessDayOnOrAfter(addDuration(startedOn, { unit: 'months', length: months }, calendar));
}
