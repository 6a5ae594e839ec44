/**
 * Minimal LocalDate ('YYYY-MM-DD') arithmetic in calendar days. Internal: the plan counts slack and
 * margins in calendar days; business-day arithmetic is the injected `addDuration`'s job.
 */
import { PlanInputError } from './errors';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/**
 * Both conversions memoised: a plan converts the same few hundred dates back and forth for every
 * node and every addDuration call (the dashboard plans 20 cases per request; the regex, Date and
 * toISOString were ~10 % of its CPU). Only valid dates are remembered; at most CACHE_MAX each.
 */
// Not smaller: with 20,000 the maps were cleared over and over during bench step (a) (the engine
// touches more distinct dates than that), and transitions/s fell 11 % (2026-11-30, ABBA runs).
const CACHE_MAX = 100_000;
const EPOCH_DAY_OF = new Map<string, number>();
const DATE_OF = new Map<number, string>();
function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(key, value);
  return value;
}

/** Days since 1970-01-01 for a LocalDate. Throws PlanInputError on malformed or impossible dates. */
export function toEpochDay(isoDate: string, what = 'date'): number {
  const known = EPOCH_DAY_OF.get(isoDate);
  if (known !== undefined) return known;
  const m = ISO_DATE.exec(isoDate);
  if (!m) throw new PlanInputError(`${what} must be a LocalDate 'YYYY-MM-DD', got '${isoDate}'`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Reject 2025-02-30 and friends, which Date.UTC silently rolls over.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new PlanInputError(`${what} is not a real calendar date: '${isoDate}'`);
  }
  return remember(EPOCH_DAY_OF, isoDate, Math.round(ms / MS_PER_DAY));
}

export function fromEpochDay(epochDay: number): string {
  return DATE_OF.get(epochDay) ?? remember(DATE_OF, epochDay, new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 10));
}
