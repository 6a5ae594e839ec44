/**
 * Processing clocks as pure functions over plain data (no timers, no I/O): the server stores a
 * `ClockState`, the worker schedules alerts at `thresholdInstants`, and both recompute from
 * scratch whenever a stop, resume or extension is recorded.
 *
 * Counting rules (also in README.md):
 * - The clock starts on `startedOn`, the day the application became complete (fyldestgørende).
 *   As in fristberegning that day is not counted: day 1 is the following day.
 * - Counting unit: a `businessDays` clock counts business days; `calendarDays`, `weeks` and
 *   `months` clocks count calendar days. A week/month clock is converted to calendar days once
 *   (start → same weekday N weeks later / same day-of-month N months later, clamped).
 * - A stop `{from, to}` removes the days in (from, to]: the day the stop begins still counts
 *   (work was done that day), the day it ends does not (like a new start, counting resumes the
 *   day after). So a stop's length is `to − from` calendar days, or the business days in
 *   (from, to] for a business-day clock. from = to is a zero-length stop.
 * - Overlapping stops are merged first, so no day is removed twice.
 * - Only stops whose reason the definition allows apply (see `allowedStopReasons`).
 * - `dueOn` is the day on which the counted days reach the total length (incl. extensions).
 *   Stopped days before `dueOn` move it later by exactly the stopped units; stops after `dueOn`
 *   do not move it (the target was already missed).
 * - An open stop (to = null) freezes the clock; `dueOn` is then PROJECTED as if the stop ended
 *   on the evaluation day (`dueOnIsProjected: true`); it moves one unit per stopped unit each
 *   day the stop stays open.
 * - `stoppedAt` ends the clock for good (decision/withdrawal): counting stops there.
 * - Target dates are not rolled to business days: a 90-calendar-day clock may end on a Sunday.
 */
import type { BusinessCalendar } from './business-calendar';
import { startOfCopenhagenDay } from './copenhagen-time';
import { addDuration, assertDuration } from './durations';
import { type ClockRuleLike, type ClockUnit, type Duration } from './duration-types';
import { InvalidClockArgumentError, InvalidStopError } from './errors';
import { type LocalDate, addCalendarDays, assertLocalDate, calendarDaysBetween, fromDayNumber, toDayNumber } from './local-date';

export type StopReason = 'awaitingApplicant' | 'hearing' | 'awaitingOtherAuthority' | 'applicantRequest' | 'legalAction';
export type OtherStopReason = Exclude<StopReason, 'awaitingApplicant'>;

export const STOP_REASONS: readonly StopReason[] = Object.freeze([
  'awaitingApplicant',
  'hearing',
  'awaitingOtherAuthority',
  'applicantRequest',
  'legalAction',
]);

const OTHER_STOP_REASONS: readonly OtherStopReason[] = ['hearing', 'awaitingOtherAuthority', 'applicantRequest', 'legalAction'];

export interface ClockDefinition {
  unit: ClockUnit;
  length: number;
  /** 'target' = servicemål (not binding); 'statutory' = lovbestemt frist. */
  kind: 'target' | 'statutory';
  /** Whether the clock stops while the authority waits for the applicant (e.g. DKMA BEK 1358/2012 §5). */
  stopsWhileAwaitingApplicant: boolean;
  /**
   * Stop reasons other than 'awaitingApplicant' that stop this clock. Default: all of them for
   * a 'target' clock (time spent waiting on others is not processing time in servicemål
   * practice) and none for a 'statutory' clock (a statutory deadline only stops where the
   * statute says so, which `stopsWhileAwaitingApplicant` expresses).
   */
  otherStopReasons?: readonly OtherStopReason[];
}

export interface ClockStop {
  reason: StopReason;
  /** Day the stop began (still counted). */
  from: LocalDate;
  /** Day the stop ended (not counted; counting resumes the day after); null = still open. */
  to: LocalDate | null;
}

export interface ClockExtension {
  /** Why the target was extended (audited, FAST-41 style), e.g. 'COMPLEX_CASE'. */
  reasonCode: string;
  duration: Duration;
  /** ISO instant the extension was granted (recorded since issue 13 item 11; absent in older rows). */
  grantedAt?: string;
}

export interface ClockState {
  /** Day the application became complete; null = the clock has not started. */
  startedOn: LocalDate | null;
  stops: readonly ClockStop[];
  extensions: readonly ClockExtension[];
  /** Day the clock ended for good (decision or withdrawal); counting ends that day. */
  stoppedAt?: LocalDate | null;
}

export type ClockStatus = 'notStarted' | 'onTrack' | 'atRisk' | 'breached' | 'stopped';

/** The unit days are counted in: business days for business-day clocks, else calendar days. */
export type CountingUnit = 'businessDays' | 'calendarDays';

export interface ClockComputation {
  status: ClockStatus;
  /** True when the clock is counting today (started, not paused by a stop, not ended). */
  running: boolean;
  countingUnit: CountingUnit;
  startedOn: LocalDate | null;
  /** Due date without any stops (length + extensions). */
  nominalDueOn: LocalDate | null;
  /** Due date including stops and extensions; null before the clock starts. */
  dueOn: LocalDate | null;
  /** True while an open stop makes `dueOn` a projection "as if the stop ended today". */
  dueOnIsProjected: boolean;
  /** Length incl. extensions, in the counting unit; null before the clock starts. */
  totalUnits: number | null;
  /** Counted units from start to today (or to `stoppedAt`), in the counting unit. */
  elapsed: number;
  /** max(0, totalUnits − elapsed); null before the clock starts. */
  remaining: number | null;
  /** max(0, elapsed − totalUnits). */
  overrun: number;
  /** elapsed / totalUnits × 100 (not capped; 100 when totalUnits is 0 and the clock started). */
  percentUsed: number;
  /** Units removed by applicable stops so far (start to evaluation day). */
  stoppedUnits: number;
  /** Distinct reasons of the applicable stops that pause the clock today (in STOP_REASONS order). */
  pausedBy: StopReason[];
}

export interface ComputeClockOptions {
  /** Fraction of the target from which the status is 'atRisk'. Default 0.8. */
  atRiskAt?: number;
}

export const DEFAULT_AT_RISK_AT = 0.8;

/** Reasons that stop a clock of this definition. */
export function allowedStopReasons(def: ClockDefinition): StopReason[] {
  const others = def.otherStopReasons ?? (def.kind === 'target' ? OTHER_STOP_REASONS : []);
  return [...(def.stopsWhileAwaitingApplicant ? (['awaitingApplicant'] as StopReason[]) : []), ...others];
}

/** Maps a catalogue `ClockRule` ('serviceTarget' → 'target') to a clock definition. */
export function clockDefinitionFromRule(rule: ClockRuleLike): ClockDefinition {
  return {
    unit: rule.duration.unit,
    length: rule.duration.length,
    kind: rule.kind === 'serviceTarget' ? 'target' : 'statutory',
    stopsWhileAwaitingApplicant: rule.stopsWhileAwaitingApplicant,
  };
}

export function countingUnitOf(def: Pick<ClockDefinition, 'unit'>): CountingUnit {
  return def.unit === 'businessDays' ? 'businessDays' : 'calendarDays';
}

/** Throws `InvalidStopError` / `InvalidDateError` / `InvalidDurationError` on malformed state. */
export function validateClockState(state: ClockState): void {
  if (state.startedOn !== null) assertLocalDate(state.startedOn);
  if (state.stoppedAt != null) {
    assertLocalDate(state.stoppedAt);
    if (state.startedOn !== null && state.stoppedAt < state.startedOn) {
      throw new InvalidClockArgumentError('Clock cannot end before it started', {
        startedOn: state.startedOn,
        stoppedAt: state.stoppedAt,
      });
    }
  }
  state.stops.forEach((stop, index) => {
    if (!STOP_REASONS.includes(stop.reason)) {
      throw new InvalidStopError(`Unknown stop reason ${JSON.stringify(stop.reason)}`, { index, stop });
    }
    assertLocalDate(stop.from);
    if (stop.to !== null) {
      assertLocalDate(stop.to);
      if (stop.to < stop.from) throw new InvalidStopError('Stop ends before it begins', { index, stop });
    }
    if (state.startedOn !== null && stop.from < state.startedOn) {
      throw new InvalidStopError('Stop begins before the clock started', { index, stop, startedOn: state.startedOn });
    }
  });
  state.extensions.forEach((ext) => assertDuration(ext.duration));
}

function assertDefinition(def: ClockDefinition): void {
  assertDuration({ unit: def.unit, length: def.length });
  if (def.kind !== 'target' && def.kind !== 'statutory') {
    throw new InvalidClockArgumentError(`Unknown clock kind ${JSON.stringify(def.kind)}`, { def });
  }
}

/** Stopped days as merged, disjoint, sorted intervals of day numbers: day d is stopped iff from < d ≤ to. */
export interface StopInterval {
  fromDay: number;
  toDay: number;
}

function mergedStopIntervals(def: ClockDefinition, state: ClockState, openStopsEndOn: LocalDate): StopInterval[] {
  const allowed = allowedStopReasons(def);
  const openEndDay = toDayNumber(openStopsEndOn);
  const raw = state.stops
    .filter((s) => allowed.includes(s.reason))
    .map((s) => ({ fromDay: toDayNumber(s.from), toDay: s.to === null ? openEndDay : toDayNumber(s.to) }))
    .filter((s) => s.toDay > s.fromDay)
    .sort((a, b) => a.fromDay - b.fromDay);
  const merged: StopInterval[] = [];
  for (const s of raw) {
    const last = merged[merged.length - 1];
    // (a, b] and (c, d] with c ≤ b overlap or touch: their union is (a, max(b, d)].
    if (last && s.fromDay <= last.toDay) last.toDay = Math.max(last.toDay, s.toDay);
    else merged.push({ ...s });
  }
  return merged;
}

/** Nominal due date (no stops) and the total length in the counting unit. */
function nominal(def: ClockDefinition, state: ClockState, startedOn: LocalDate, calendar: BusinessCalendar) {
  // Extensions in the clock's own unit are added to the length first, so that month clocks
  // keep the day of month (31 Jan + 1 + 1 month = 31 Mar, not 28 Mar).
  const sameUnit = state.extensions.filter((e) => e.duration.unit === def.unit);
  const otherUnit = state.extensions.filter((e) => e.duration.unit !== def.unit);
  const baseLength = def.length + sameUnit.reduce((sum, e) => sum + e.duration.length, 0);
  let nominalDueOn = addDuration(startedOn, { unit: def.unit, length: baseLength }, calendar);
  for (const e of otherUnit) nominalDueOn = addDuration(nominalDueOn, e.duration, calendar);
  const totalUnits =
    countingUnitOf(def) === 'businessDays'
      ? calendar.businessDaysBetween(startedOn, nominalDueOn)
      : calendarDaysBetween(startedOn, nominalDueOn);
  return { nominalDueOn, totalUnits };
}

// Guard against clocks that can never complete (~270 years of counted days).
const MAX_WALK_DAYS = 100_000;

/** Counted days in (a, b] (day numbers, a ≤ b): calendar days, or business days from the calendar. */
function unitsBetween(a: number, b: number, unit: CountingUnit, calendar: BusinessCalendar): number {
  if (b <= a) return 0;
  return unit === 'calendarDays' ? b - a : calendar.businessDaysBetween(fromDayNumber(a), fromDayNumber(b));
}

/**
 * The day on which `units` counted, non-stopped days after `startedOn` are reached. Jumps from
 * stop to stop with the calendar's business-day arithmetic instead of walking day by day (a
 * walk cost ~1 µs per day: an 18-month clock on a dashboard of 240 permits was tens of ms).
 * @internal exported for the equivalence test against a day-by-day walk
 */
export function dayWhenReached(
  startedOn: LocalDate,
  units: number,
  unit: CountingUnit,
  intervals: readonly StopInterval[],
  calendar: BusinessCalendar,
): LocalDate {
  if (units <= 0) return startedOn;
  const after = (day: number, n: number): LocalDate => (unit === 'calendarDays' ? fromDayNumber(day + n) : calendar.addBusinessDays(fromDayNumber(day), n));
  let cursor = toDayNumber(startedOn);
  let remaining = units;
  for (const stop of intervals) {
    // Intervals are sorted and disjoint; days in (stop.fromDay, stop.toDay] are stopped.
    if (stop.toDay <= cursor) continue;
    const available = unitsBetween(cursor, Math.max(stop.fromDay, cursor), unit, calendar);
    if (available >= remaining) return after(cursor, remaining);
    remaining -= available;
    cursor = stop.toDay;
  }
  if (remaining > MAX_WALK_DAYS) throw new InvalidClockArgumentError('Clock never reaches its length', { startedOn, units });
  return after(cursor, remaining);
}

/**
 * Counted, non-stopped days in (startedOn, until], and the stopped-but-otherwise-counted ones.
 * @internal exported for the equivalence test against a day-by-day walk
 */
export function countBetween(
  startedOn: LocalDate,
  until: LocalDate,
  unit: CountingUnit,
  intervals: readonly StopInterval[],
  calendar: BusinessCalendar,
): { counted: number; stopped: number } {
  const startDay = toDayNumber(startedOn);
  const endDay = toDayNumber(until);
  if (endDay <= startDay) return { counted: 0, stopped: 0 };
  let stopped = 0;
  for (const stop of intervals) stopped += unitsBetween(Math.max(stop.fromDay, startDay), Math.min(stop.toDay, endDay), unit, calendar);
  return { counted: unitsBetween(startDay, endDay, unit, calendar) - stopped, stopped };
}

/** Smallest whole number of units that reaches `fraction` of `total` (float-safe). */
function unitsForFraction(total: number, fraction: number): number {
  return Math.max(0, Math.ceil(total * fraction - 1e-9));
}

const maxDate = (a: LocalDate, b: LocalDate): LocalDate => (a >= b ? a : b);

/**
 * State of a clock on `today` (a Copenhagen LocalDate; use `toCopenhagenDate(now)`).
 * Status precedence: notStarted → breached (evaluation day after dueOn) → stopped (ended by
 * `stoppedAt`, or paused by an applicable stop today) → atRisk (≥ atRiskAt of the total) → onTrack.
 */
export function computeClock(
  def: ClockDefinition,
  state: ClockState,
  today: LocalDate,
  calendar: BusinessCalendar,
  options: ComputeClockOptions = {},
): ClockComputation {
  assertDefinition(def);
  assertLocalDate(today);
  validateClockState(state);
  const atRiskAt = options.atRiskAt ?? DEFAULT_AT_RISK_AT;
  if (!(atRiskAt > 0 && atRiskAt <= 1)) {
    throw new InvalidClockArgumentError(`atRiskAt must be in (0, 1], got ${atRiskAt}`, { atRiskAt });
  }
  const unit = countingUnitOf(def);
  const startedOn = state.startedOn;
  if (startedOn === null) {
    return {
      status: 'notStarted',
      running: false,
      countingUnit: unit,
      startedOn: null,
      nominalDueOn: null,
      dueOn: null,
      dueOnIsProjected: false,
      totalUnits: null,
      elapsed: 0,
      remaining: null,
      overrun: 0,
      percentUsed: 0,
      stoppedUnits: 0,
      pausedBy: [],
    };
  }

  // The evaluation day: today, or the day the clock ended if that is earlier.
  const stoppedAt = state.stoppedAt ?? null;
  const finished = stoppedAt !== null && stoppedAt <= today;
  const evalOn = finished ? stoppedAt : today;
  // Open stops are treated as ending on the evaluation day (never before they begin).
  const intervals = mergedStopIntervals(def, state, maxDate(evalOn, startedOn));
  const hasOpenStop = state.stops.some((s) => s.to === null && allowedStopReasons(def).includes(s.reason));

  const { nominalDueOn, totalUnits } = nominal(def, state, startedOn, calendar);
  const dueOn = dayWhenReached(startedOn, totalUnits, unit, intervals, calendar);
  const { counted: elapsed, stopped: stoppedUnits } =
    evalOn > startedOn ? countBetween(startedOn, evalOn, unit, intervals, calendar) : { counted: 0, stopped: 0 };

  const allowed = allowedStopReasons(def);
  // Distinct reasons in STOP_REASONS order, so the result does not depend on the order of stops.
  const pausingStops = finished
    ? []
    : state.stops.filter((s) => allowed.includes(s.reason) && s.from <= today && (s.to === null || today < s.to));
  const pausedBy = STOP_REASONS.filter((r) => pausingStops.some((s) => s.reason === r));
  const paused = pausedBy.length > 0;

  let status: ClockStatus;
  if (evalOn > dueOn) status = 'breached';
  else if (finished || paused) status = 'stopped';
  else if (elapsed >= unitsForFraction(totalUnits, atRiskAt) && elapsed > 0) status = 'atRisk';
  else status = 'onTrack';

  return {
    status,
    running: !finished && !paused,
    countingUnit: unit,
    startedOn,
    nominalDueOn,
    dueOn,
    dueOnIsProjected: hasOpenStop && !finished,
    totalUnits,
    elapsed,
    remaining: Math.max(0, totalUnits - elapsed),
    overrun: Math.max(0, elapsed - totalUnits),
    percentUsed: totalUnits === 0 ? 100 : (elapsed / totalUnits) * 100,
    stoppedUnits,
    pausedBy,
  };
}

export interface ThresholdInstant {
  /** Fraction of the total, e.g. 0.8 or 1. */
  fraction: number;
  /** 'warning' for fractions below 1, 'breach' from 1. */
  kind: 'warning' | 'breach';
  /** Day on which `fraction` of the total is used (for 1: dueOn). */
  reachedOn: LocalDate;
  /**
   * When the alert is due, as a UTC instant: a warning at 00:00 Copenhagen on `reachedOn`
   * (that day already counts, so computeClock reports 'atRisk' from then); a breach at 00:00
   * Copenhagen on the day AFTER `reachedOn` (dueOn itself is still in time).
   */
  at: Date;
}

export interface ThresholdSchedule {
  /**
   * 'scheduled' = `thresholds` are valid; 'notStarted' / 'paused' (an open stop: reschedule on
   * resume) / 'finished' (stoppedAt set) = nothing to schedule, cancel pending alerts.
   */
  state: 'scheduled' | 'notStarted' | 'paused' | 'finished';
  dueOn: LocalDate | null;
  thresholds: ThresholdInstant[];
}

export const DEFAULT_THRESHOLDS: readonly number[] = Object.freeze([0.8, 1.0]);

/**
 * Instants at which a clock crosses the given fractions of its total (stops and extensions
 * included). The worker schedules delayed jobs at `at`; any change of the state (stop, resume,
 * extension) means: recompute and reschedule.
 */
export function thresholdInstants(
  def: ClockDefinition,
  state: ClockState,
  calendar: BusinessCalendar,
  thresholds: readonly number[] = DEFAULT_THRESHOLDS,
): ThresholdSchedule {
  assertDefinition(def);
  validateClockState(state);
  for (const f of thresholds) {
    if (!(f > 0) || !Number.isFinite(f)) throw new InvalidClockArgumentError(`Threshold must be > 0, got ${f}`, { f });
  }
  const startedOn = state.startedOn;
  if (startedOn === null) return { state: 'notStarted', dueOn: null, thresholds: [] };
  const unit = countingUnitOf(def);
  const allowed = allowedStopReasons(def);
  const { totalUnits } = nominal(def, state, startedOn, calendar);
  // Closed stops only; open ones make the schedule unknowable until they end.
  const intervals = mergedStopIntervals(def, state, startedOn);
  const dueOn = dayWhenReached(startedOn, totalUnits, unit, intervals, calendar);
  if (state.stoppedAt != null) return { state: 'finished', dueOn, thresholds: [] };
  if (state.stops.some((s) => s.to === null && allowed.includes(s.reason))) {
    return { state: 'paused', dueOn: null, thresholds: [] };
  }
  return {
    state: 'scheduled',
    dueOn,
    thresholds: [...thresholds]
      .sort((a, b) => a - b)
      .map((fraction) => {
        const reachedOn = dayWhenReached(startedOn, unitsForFraction(totalUnits, fraction), unit, intervals, calendar);
        const kind = fraction < 1 ? 'warning' : 'breach';
        const at = startOfCopenhagenDay(kind === 'breach' ? addCalendarDays(reachedOn, 1) : reachedOn);
        return { fraction, kind, reachedOn, at };
      }),
  };
}

export interface PermitClockDefinitions {
  /** Service target (servicemål), if the permit type has one. */
  target?: ClockDefinition | null;
  /** Statutory deadline (lovbestemt frist), if any. */
  statutory?: ClockDefinition | null;
}

export interface PermitClocks<T> {
  target: T | null;
  statutory: T | null;
}

/** `computeClock` for a permit's target and statutory clocks over the same state. */
export function computePermitClocks(
  defs: PermitClockDefinitions,
  state: ClockState,
  today: LocalDate,
  calendar: BusinessCalendar,
  options?: ComputeClockOptions,
): PermitClocks<ClockComputation> {
  return {
    target: defs.target ? computeClock(defs.target, state, today, calendar, options) : null,
    statutory: defs.statutory ? computeClock(defs.statutory, state, today, calendar, options) : null,
  };
}

/**
 * Alert schedule for both clocks of a permit: warnings + breach of the target at
 * `targetThresholds`, and the statutory due date with its breach instant (fraction 1 only:
 * a statutory deadline needs no early warning of its own beyond the target's).
 */
export function permitClockSchedule(
  defs: PermitClockDefinitions,
  state: ClockState,
  calendar: BusinessCalendar,
  targetThresholds: readonly number[] = DEFAULT_THRESHOLDS,
  statutoryThresholds: readonly number[] = [1],
): PermitClocks<ThresholdSchedule> {
  return {
    target: defs.target ? thresholdInstants(defs.target, state, calendar, targetThresholds) : null,
    statutory: defs.statutory ? thresholdInstants(defs.statutory, state, calendar, statutoryThresholds) : null,
  };
}
