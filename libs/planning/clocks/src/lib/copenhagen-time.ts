/**
 * Conversions between UTC instants and Copenhagen calendar dates.
 *
 * Why Intl and not a fixed +01:00: Denmark observes CET/CEST, so the same UTC hour falls on
 * different local dates in winter and summer (e.g. 2026-03-28T23:30Z is already 29 March in
 * Copenhagen, after the switch to summer time on 29 March at 02:00 local). Intl carries the
 * IANA rules, so no hand-written DST table can drift out of date.
 */
import { InvalidInstantError } from './errors';
import { type LocalDate, fromDateParts, toDateParts } from './local-date';

export const COPENHAGEN_TIME_ZONE = 'Europe/Copenhagen';

/** An instant: a Date or an ISO-8601 string with zone designator (e.g. '2026-03-28T23:30:00Z'). */
export type Instant = Date | string;

// Formatter creation is expensive; one shared instance is enough (Intl formatters are stateless).
const formatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: COPENHAGEN_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function toEpochMs(instant: Instant): number {
  const ms = instant instanceof Date ? instant.getTime() : typeof instant === 'string' ? Date.parse(instant) : NaN;
  if (!Number.isFinite(ms)) throw new InvalidInstantError(instant);
  return ms;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function copenhagenWallClock(epochMs: number): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatter.formatToParts(new Date(epochMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts['year'],
    month: parts['month'],
    day: parts['day'],
    hour: parts['hour'],
    minute: parts['minute'],
    second: parts['second'],
  };
}

/** The offset by Intl (what the cache below stores). */
function intlOffsetMs(epochMs: number): number {
  const w = copenhagenWallClock(epochMs);
  const wallAsUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return wallAsUtc - Math.floor(epochMs / 1000) * 1000;
}

const HOUR_MS = 3_600_000;
/**
 * Offsets by UTC hour. Intl's formatToParts was the costliest call of a transition's planning
 * (several per transition); Copenhagen's offset changes at most once in an hour (DST switches
 * happen at 01:00 UTC), so an hour whose first and last millisecond have the same offset has it
 * throughout. An hour with a switch inside it (none since 1894) is stored as null and asked of
 * Intl per call. Bounded: cleared when full (a process touches few hours).
 */
const OFFSET_BY_UTC_HOUR = new Map<number, number | null>();
const MAX_CACHED_HOURS = 20_000;

function offsetMs(epochMs: number): number {
  const hour = Math.floor(epochMs / HOUR_MS);
  let cached = OFFSET_BY_UTC_HOUR.get(hour);
  if (cached === undefined) {
    const first = intlOffsetMs(hour * HOUR_MS);
    cached = first === intlOffsetMs(hour * HOUR_MS + HOUR_MS - 1) ? first : null;
    if (OFFSET_BY_UTC_HOUR.size >= MAX_CACHED_HOURS) OFFSET_BY_UTC_HOUR.clear();
    OFFSET_BY_UTC_HOUR.set(hour, cached);
  }
  return cached ?? intlOffsetMs(epochMs);
}

/** Offset of Copenhagen from UTC at `epochMs`, in ms (+3_600_000 in winter, +7_200_000 in summer). */
export function copenhagenOffsetMs(instant: Instant): number {
  return offsetMs(toEpochMs(instant));
}

/** The Copenhagen calendar date on which `instant` falls. */
export function toCopenhagenDate(instant: Instant): LocalDate {
  const epochMs = toEpochMs(instant);
  // The wall clock is the instant shifted by the offset, read as UTC (whole-second offsets: the
  // sub-second part never changes the date).
  const wall = new Date(Math.floor(epochMs / 1000) * 1000 + offsetMs(epochMs));
  return fromDateParts(wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate());
}

/**
 * The UTC instant of 00:00 Copenhagen time on `date`. Midnight always exists and is never
 * ambiguous in Copenhagen (DST switches happen at 02:00/03:00), so guessing the offset once and
 * correcting once is exact.
 */
export function startOfCopenhagenDay(date: LocalDate): Date {
  const { year, month, day } = toDateParts(date);
  const midnightAsUtc = Date.UTC(year, month - 1, day);
  let guess = midnightAsUtc - copenhagenOffsetMs(new Date(midnightAsUtc));
  const corrected = midnightAsUtc - copenhagenOffsetMs(new Date(guess));
  if (corrected !== guess) guess = corrected;
  return new Date(guess);
}
