/**
 * The application clock. Production uses wall time; with ENABLE_TEST_CLOCK=1 tests can move it
 * forward (POST /test/clock) to exercise deadlines end to end without waiting.
 */
export interface Clock {
  now(): Date;
}

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that can be set; it keeps running from the set instant. */
export class AdjustableClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  set(instant: Date): void {
    this.offsetMs = instant.getTime() - Date.now();
  }
}
