/**
 * Minimal LocalDate ('YYYY-MM-DD') arithmetic in calendar days. Internal: the plan counts slack and
 * margins in calendar days; business-day arithmetic is the injected `addDuration`'s job.
 */
import { PlanInputError } from './errors';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 for a LocalDate. Throws PlanInputError on malformed or impossible dates. */
export function toEpochDay(isoDate: string, what = 'date'): number {
  const m = ISO_DATE.exec(isoDate);
  if (!m) throw new PlanInputError(`${what} must be a LocalDate 'YYYY-MM-DD', got '${isoDate}'`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Reject 2025-02-30 and friends, which Date.UTC silently rolls over.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new PlanInputError(`${what} is not a real calendar date: '${isoDate}'`);
  }
  return Math.round(ms / MS_PER_DAY);
}

export function fromEpochDay(epochDay: number): string {
  return new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 10);
}
