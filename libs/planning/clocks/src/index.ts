/**
 * @rl/clocks — Danish business calendar, statutory period arithmetic and processing clocks.
 * Pure domain code: no framework, no timers, no I/O. This file is the only public entry.
 */
export type { ClockUnit, Duration, ClockRuleLike } from './lib/duration-types';
export {
  ClockError,
  InvalidDateError,
  InvalidInstantError,
  InvalidStopError,
  InvalidDurationError,
  InvalidClockArgumentError,
  type ClockErrorCode,
} from './lib/errors';
export {
  type LocalDate,
  type DateParts,
  isLocalDate,
  assertLocalDate,
  parseLocalDate,
  toDateParts,
  addCalendarDays,
  addCalendarMonths,
  calendarDaysBetween,
  compareLocalDates,
  weekdayIndex,
  isWeekend,
  isLeapYear,
  daysInMonth,
  toDayNumber,
  fromDayNumber,
} from './lib/local-date';
export {
  type Instant,
  COPENHAGEN_TIME_ZONE,
  toCopenhagenDate,
  startOfCopenhagenDay,
  copenhagenOffsetMs,
} from './lib/copenhagen-time';
export {
  type PublicHolidayCode,
  type PublicHoliday,
  type NonBusinessDay,
  STORE_BEDEDAG_LAST_YEAR,
  easterSunday,
  danishPublicHolidays,
} from './lib/danish-holidays';
export {
  type BusinessCalendar,
  type DanishCalendarOptions,
  type RecurringClosureDay,
  type ExtraClosure,
  DEFAULT_CLOSURE_DAYS,
  createDanishCalendar,
} from './lib/business-calendar';
export {
  type CeilingMonths,
  assertDuration,
  addDuration,
  type AppealRollRule,
  APPEAL_ROLL_RULES,
  STATUTORY_APPEAL_ROLL,
  isSaturdayOrHelligdag,
  rollAppealDeadline,
  appealDeadline,
  usableFrom,
  hearingLastDay,
  hearingEarliestCloseAt,
  ceilingDueOn,
} from './lib/durations';
export {
  type StopReason,
  type OtherStopReason,
  type ClockDefinition,
  type ClockStop,
  type ClockExtension,
  type ClockState,
  type ClockStatus,
  type CountingUnit,
  type ClockComputation,
  type ComputeClockOptions,
  type ThresholdInstant,
  type ThresholdSchedule,
  type PermitClockDefinitions,
  type PermitClocks,
  STOP_REASONS,
  DEFAULT_AT_RISK_AT,
  DEFAULT_THRESHOLDS,
  allowedStopReasons,
  clockDefinitionFromRule,
  countingUnitOf,
  validateClockState,
  computeClock,
  thresholdInstants,
  computePermitClocks,
  permitClockSchedule,
} from './lib/clock';
export { DEFAULT_HOLIDAY_RULES, assertHolidayRule, holidaysFromRules, type HolidayRule } from './lib/holiday-rules';
