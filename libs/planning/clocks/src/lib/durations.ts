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
 * - Deadlines that bind a citizen or company (klagefrist) and that end on a Saturday, Sunday,
 *   public holiday or closure day move to the next business day (MBL §93, PL §60 practice as
 *   published by Miljø- og Fødevareklagenævnet / nmkn.dk).
 */
import type { BusinessCalendar } from './business-calendar';
import { InvalidClockArgumentError, InvalidDurationError } from './errors';
import { type ClockUnit, type Duration } from './duration-types';
import { type LocalDate, addCalendarDays, addCalendarMonths, assertLocalDate } from './local-date';

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
 * Last day to lodge an appeal (klagefrist): the period counts from the day after the decision
 * was notified; if it ends on a Saturday, Sunday, public holiday or closure day the deadline is
 * the next business day. E.g. notified Thursday 2025-03-20, 4 weeks → Thursday 2025-04-17
 * (Skærtorsdag) → Tuesday 2025-04-22 (after Langfredag, Easter and 2. påskedag).
 */
export function appealDeadline(decisionNotifiedOn: LocalDate, duration: Duration, calendar: BusinessCalendar): LocalDate {
  return calendar.businessDayOnOrAfter(addDuration(decisionNotifiedOn, duration, calendar));
}

/**
 * First day a permit may be used when it may not be used during the appeal period (landzone,
 * GMO): the day after the appeal deadline.
 */
export function usableFrom(decisionNotifiedOn: LocalDate, appealPeriod: Duration, calendar: BusinessCalendar): LocalDate {
  return addCalendarDays(appealDeadline(decisionNotifiedOn, appealPeriod, calendar), 1);
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
