/**
 * LocalDate ('YYYY-MM-DD') to day numbers and back, for the plan's calendar-day arithmetic (slack
 * and margins); business-day arithmetic is the injected `addDuration`'s job. The conversion and
 * its memo are @rl/clocks' (one cache for the plans and the clocks); this adds the plan's errors.
 */
import { toDayNumber } from '@rl/clocks';
import { PlanInputError } from './errors';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Days since 1970-01-01 for a LocalDate (years 1000–9999, the clocks' range). Throws PlanInputError
 * on malformed, impossible or out-of-range dates.
 */
export function toEpochDay(isoDate: string, what = 'date'): number {
  // One memo lookup on the hot path (every addDuration of a plan); only a bad date pays for the
  // clocks' InvalidDateError, translated here into the plan's error.
  try {
    return toDayNumber(isoDate);
  } catch {
    if (!ISO_DATE.test(isoDate)) throw new PlanInputError(`${what} must be a LocalDate 'YYYY-MM-DD', got '${isoDate}'`);
    if (Number(isoDate.slice(0, 4)) < 1000) throw new PlanInputError(`${what} must be in the years 1000–9999, got '${isoDate}'`);
    throw new PlanInputError(`${what} is not a real calendar date: '${isoDate}'`);
  }
}

/** The LocalDate of a day number; throws the clocks' InvalidDateError (CLOCK.INVALID_DATE) outside the years 1000–9999. */
export { fromDayNumber as fromEpochDay } from '@rl/clocks';
