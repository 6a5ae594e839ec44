/**
 * LocalDate ('YYYY-MM-DD') to day numbers and back, for the plan's calendar-day arithmetic (slack
 * and margins); business-day arithmetic is the injected `addDuration`'s job. The conversion and
 * its memo are @rl/clocks' (one cache for the plans and the clocks); this adds the plan's errors.
 */
import { isLocalDate, toDayNumber } from '@rl/clocks';
import { PlanInputError } from './errors';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Days since 1970-01-01 for a LocalDate. Throws PlanInputError on malformed or impossible dates. */
export function toEpochDay(isoDate: string, what = 'date'): number {
  if (isLocalDate(isoDate)) return toDayNumber(isoDate);
  if (!ISO_DATE.test(isoDate)) throw new PlanInputError(`${what} must be a LocalDate 'YYYY-MM-DD', got '${isoDate}'`);
  throw new PlanInputError(`${what} is not a real calendar date: '${isoDate}'`);
}

/** The LocalDate of a day number. */
export { fromDayNumber as fromEpochDay } from '@rl/clocks';
