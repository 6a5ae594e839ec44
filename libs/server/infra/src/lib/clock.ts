/**
 * The application clock. Production uses wall time; with ENABLE_TEST_CLOCK=1 tests can move it
 * (POST /test/clock) to exercise deadlines end to end without waiting, and every API and worker
 * process follows it (SharedClock).
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
  protected offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  set(instant: Date): void {
    this.offsetMs = instant.getTime() - Date.now();
  }
}

/** What SharedClock needs of the database (a TypeORM DataSource or EntityManager has it). */
export interface ClockStore {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * The test clock shared by every process through PostgreSQL (the one-row `app_clock` table):
 * the API's POST /test/clock writes the offset from wall time, and the worker's sweep and alert
 * jobs run at the same application time. `now()` stays synchronous and cheap: it answers from
 * the offset cached in memory and, when that is older than `ttlMs`, re-reads it in the
 * background. Work that must be exact (the worker's jobs) awaits {@link sync} first.
 * Only used with ENABLE_TEST_CLOCK=1 (refused in production), so production never reads it.
 */
export class SharedClock extends AdjustableClock {
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private inFlight: Promise<void> | null = null;
  /** Bumped by every local write, so a read that started before it cannot undo it. */
  private generation = 0;
  private pinned = false;

  constructor(
    private readonly store: ClockStore,
    private readonly ttlMs = 1000,
    private readonly onError: (e: unknown) => void = () => undefined,
  ) {
    super();
  }

  override now(): Date {
    // At most one read in flight; until it lands, callers get the cached offset.
    if (!this.pinned && this.inFlight === null && Date.now() - this.fetchedAt > this.ttlMs) this.refresh().catch(this.onError);
    return super.now();
  }

  /** Re-reads the shared offset (one tiny query; concurrent callers share it) and returns now. */
  async sync(): Promise<Date> {
    if (!this.pinned) await (this.inFlight ?? this.refresh());
    return super.now();
  }

  /** Sets the application time of every process (POST /test/clock). */
  async publish(instant: Date): Promise<void> {
    const offset = Math.round(instant.getTime() - Date.now());
    await this.store.query(`UPDATE app_clock SET offset_ms = $1, set_to = $2, updated_at = now()`, [offset, instant.toISOString()]);
    this.generation++;
    this.offsetMs = offset;
    this.fetchedAt = Date.now();
  }

  /**
   * Process-local override, no longer following the shared row (the demo seed writes a
   * believable history this way without moving the clock of running processes).
   */
  override set(instant: Date): void {
    this.pinned = true;
    this.generation++;
    super.set(instant);
  }

  private refresh(): Promise<void> {
    const p = this.read().finally(() => {
      if (this.inFlight === p) this.inFlight = null;
    });
    this.inFlight = p;
    return p;
  }

  private async read(): Promise<void> {
    const started = this.generation;
    const rows = (await this.store.query(`SELECT offset_ms FROM app_clock`)) as { offset_ms: string | number }[];
    if (this.generation !== started || this.pinned) return;
    this.offsetMs = Number(rows[0]?.offset_ms ?? 0);
    this.fetchedAt = Date.now();
  }
}

/** The current application time, re-read from the shared clock first where there is one. */
export function syncedNow(clock: Clock): Promise<Date> {
  return clock instanceof SharedClock ? clock.sync() : Promise.resolve(clock.now());
}
