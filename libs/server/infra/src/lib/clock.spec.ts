import { AdjustableClock, SharedClock, syncedNow, SystemClock } from './clock';

/** An in-memory stand-in for the one-row app_clock table (the integration tests use PostgreSQL). */
class Row {
  offset = 0;
  reads = 0;
  async query(sql: string, params: unknown[] = []): Promise<unknown> {
    if (sql.startsWith('SELECT')) {
      this.reads++;
      return [{ offset_ms: String(this.offset) }];
    }
    this.offset = Number(params[0]);
    return [];
  }
}

const DAY = 86_400_000;
const near = (a: Date, b: number) => Math.abs(a.getTime() - b) < 5_000;

describe('SharedClock', () => {
  it('follows the shared offset that another process published, on sync', async () => {
    const row = new Row();
    const api = new SharedClock(row, 60_000);
    const worker = new SharedClock(row, 60_000);
    await api.publish(new Date(Date.now() - 400 * DAY));
    expect(near(api.now(), Date.now() - 400 * DAY)).toBe(true);
    expect(near(await worker.sync(), Date.now() - 400 * DAY)).toBe(true);
    expect(near(await syncedNow(worker), Date.now() - 400 * DAY)).toBe(true);
  });

  it('answers now() from memory and re-reads at most once per ttl, in the background', async () => {
    const row = new Row();
    const clock = new SharedClock(row, 60_000);
    await clock.sync();
    const reads = row.reads;
    for (let i = 0; i < 1000; i++) clock.now();
    expect(row.reads).toBe(reads);

    const eager = new SharedClock(row, -1); // every now() is stale
    row.offset = 10 * DAY;
    const first = eager.now(); // stale answer, refresh started
    expect(near(first, Date.now())).toBe(true);
    await eager.sync();
    expect(near(eager.now(), Date.now() + 10 * DAY)).toBe(true);
  });

  it('starts one read when stale, not one per call, while that read is under way', () => {
    let reads = 0;
    const hanging = { query: () => { reads++; return new Promise<unknown>(() => undefined); } };
    const clock = new SharedClock(hanging, 1000);
    for (let i = 0; i < 10_000; i++) clock.now();
    expect(reads).toBe(1);
  });

  it('set() is a local override that stops following the shared row (the demo seed)', async () => {
    const row = new Row();
    row.offset = 5 * DAY;
    const seed = new SharedClock(row, -1);
    seed.set(new Date('2026-08-03T09:00:00Z'));
    expect(near(await seed.sync(), Date.parse('2026-08-03T09:00:00Z'))).toBe(true);
    expect(row.offset).toBe(5 * DAY);
  });

  it('a read that started before a publish cannot undo it', async () => {
    const row = new Row();
    let release!: () => void;
    const slow = { query: async (sql: string, params?: unknown[]) => {
      if (sql.startsWith('SELECT')) {
        const answer = [{ offset_ms: String(row.offset) }];
        await new Promise<void>((r) => (release = r));
        return answer;
      }
      return row.query(sql, params);
    } };
    const clock = new SharedClock(slow, 60_000);
    const pending = clock.sync(); // reads offset 0, held
    await clock.publish(new Date(Date.now() + 30 * DAY));
    release();
    await pending;
    expect(near(clock.now(), Date.now() + 30 * DAY)).toBe(true);
  });

  it('syncedNow is plain now() for the other clocks', async () => {
    expect(near(await syncedNow(new SystemClock()), Date.now())).toBe(true);
    const adjustable = new AdjustableClock();
    adjustable.set(new Date('2027-01-01T00:00:00Z'));
    expect(near(await syncedNow(adjustable), Date.parse('2027-01-01T00:00:00Z'))).toBe(true);
  });
});
