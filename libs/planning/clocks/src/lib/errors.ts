/**
 * Typed errors of the clocks library. Each carries a stable `code` that the API maps to an
 * RFC 9457 problem `code`, so callers never have to parse messages.
 */
import { CodedError } from '@rl/errors';

export type ClockErrorCode =
  | 'CLOCK.INVALID_DATE'
  | 'CLOCK.INVALID_INSTANT'
  | 'CLOCK.INVALID_STOP'
  | 'CLOCK.INVALID_DURATION'
  | 'CLOCK.INVALID_ARGUMENT';

export class ClockError extends CodedError<ClockErrorCode> {
  /** Extra machine-readable facts (e.g. the offending value). */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ClockErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message);
    this.details = details;
  }
}

/** A LocalDate string that is not a real 'YYYY-MM-DD' calendar date. */
export class InvalidDateError extends ClockError {
  constructor(value: unknown, reason = 'expected a real calendar date as YYYY-MM-DD') {
    super('CLOCK.INVALID_DATE', `Invalid date ${JSON.stringify(value)}: ${reason}`, { value });
  }
}

/** An instant (Date / ISO string) that cannot be parsed. */
export class InvalidInstantError extends ClockError {
  constructor(value: unknown) {
    super('CLOCK.INVALID_INSTANT', `Invalid instant ${JSON.stringify(String(value))}`, { value: String(value) });
  }
}

/** A clock stop that ends before it starts, or starts before the clock started. */
export class InvalidStopError extends ClockError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('CLOCK.INVALID_STOP', message, details);
  }
}

/** A duration with a negative/non-integer length or an unknown unit. */
export class InvalidDurationError extends ClockError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('CLOCK.INVALID_DURATION', message, details);
  }
}

/** Any other argument outside its domain (e.g. a ceiling of 24 months, a year out of range). */
export class InvalidClockArgumentError extends ClockError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('CLOCK.INVALID_ARGUMENT', message, details);
  }
}
