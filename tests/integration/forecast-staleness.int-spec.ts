/**
 * Issue 20 / issue 16: which open cases the worker's forecast refresh recomputes. The selection
 * reads index ranges (changed since midnight, forecasts of an earlier day, and a daily sweep for
 * cases without a forecast) instead of every open case with a subquery over its permits; these
 * tests pin the same meaning of "stale" through ForecastService.refreshStale on real PostgreSQL.
 */
import { ForecastService } from '@rl/case-engine';
import { CLOCK, type Clock } from '@rl/server-infra';
import { CASEWORKER_FOR, createCase, createSubmittedCase, SIMPLE_FACTS, TestApi } from './support/http';

jest.setTimeout(120_000);

describe('forecast refresh: what counts as stale', () => {
  const api = TestApi.forSuite();
  const BO = 'bo@bolge.example';
  let forecasts: ForecastService;
  /** computed_at of the case's stored forecast (ms), or null when it has none. */
  const computedAt = async (caseId: string): Promise<number | null> => {
    const [row] = await api.ds.query(`SELECT computed_at FROM case_forecasts WHERE case_id = $1`, [caseId]);
    return row ? new Date(row.computed_at).getTime() : null;
  };
  /** Runs the refresh until nothing is left (other test files' open cases share the database). */
  const drain = async () => {
    for (let i = 0; i < 50; i++) if ((await forecasts.refreshStale(60_000, 500)).refreshed === 0) return;
    throw new Error('the forecast refresh did not settle');
  };
  const at = (iso: string) => api.setClock(iso);

  beforeAll(() => {
    forecasts = api.app.get(ForecastService);
  });

  it('refreshes a newly submitted case, a changed permit, every forecast of an earlier day, and (daily) a case the worker never reached — nothing else', async () => {
    await at('2031-06-02T08:00:00Z'); // a Monday
    const a = await createCase(api, BO, SIMPLE_FACTS, 'Staleness A');
    const b = await createCase(api, BO, SIMPLE_FACTS, 'Staleness B');
    for (const c of [a, b]) expect((await api.caseEvent(c.id, BO, { type: 'case.submitted' })).status).toBe(200);

    // Submitted today, no forecast yet: found through the case's own change.
    await drain();
    const first = { a: await computedAt(a.id), b: await computedAt(b.id) };
    expect(first.a).not.toBeNull();
    expect(first.b).not.toBeNull();

    // Nothing changed: nothing is recomputed.
    await at('2031-06-02T09:00:00Z');
    await drain();
    expect([await computedAt(a.id), await computedAt(b.id)]).toEqual([first.a, first.b]);

    // A permit of A changes: A only.
    await at('2031-06-02T10:00:00Z');
    const permit = a.permits[0];
    expect((await api.permitEvent(permit.id, CASEWORKER_FOR[permit.authority.code], { type: 'authority.completenessConfirmed' })).status).toBe(200);
    await at('2031-06-02T10:05:00Z');
    await drain();
    const afterPermit = { a: await computedAt(a.id), b: await computedAt(b.id) };
    expect(afterPermit.a).toBeGreaterThan(first.a as number);
    expect(afterPermit.b).toBe(first.b);

    // The next day every forecast of the day before is stale: both.
    await at('2031-06-03T06:00:00Z');
    await drain();
    const nextDay = { a: await computedAt(a.id), b: await computedAt(b.id) };
    expect(nextDay.a).toBeGreaterThan(afterPermit.a as number);
    expect(nextDay.b).toBeGreaterThan(afterPermit.b as number);

    // B's forecast is lost while nothing about B changes today (as after a bulk import or a worker
    // down for days): today's sweep is done, so it comes back with the next day's sweep.
    await api.ds.query(`DELETE FROM permit_forecasts WHERE case_id = $1`, [b.id]);
    await api.ds.query(`DELETE FROM case_forecasts WHERE case_id = $1`, [b.id]);
    await at('2031-06-03T07:00:00Z');
    await drain();
    expect(await computedAt(b.id)).toBeNull();
    await at('2031-06-04T06:00:00Z');
    await drain();
    expect(await computedAt(b.id)).not.toBeNull();
  });

  it('a new ForecastService (a restarted worker) sweeps at once for open cases without a forecast', async () => {
    await at('2031-07-01T08:00:00Z');
    const c = await createSubmittedCase(api, BO, SIMPLE_FACTS, 'Staleness C');
    await drain();
    await at('2031-07-02T08:00:00Z');
    await drain();
    expect(await computedAt(c.id)).not.toBeNull();
    // Lost, and the case not touched today: this process's sweep for today is done …
    await api.ds.query(`DELETE FROM permit_forecasts WHERE case_id = $1`, [c.id]);
    await api.ds.query(`DELETE FROM case_forecasts WHERE case_id = $1`, [c.id]);
    await drain();
    expect(await computedAt(c.id)).toBeNull();
    // … a fresh one (as after a restart) sweeps on its first run.
    forecasts = new ForecastService(api.app.get<Clock>(CLOCK), api.ds);
    await drain();
    const swept = await computedAt(c.id);
    expect(swept).not.toBeNull();

    // A forecast older than the day part's week (a worker down that long) is the sweep's too.
    await api.ds.query(`UPDATE case_forecasts SET as_of = DATE '2031-06-20', computed_at = TIMESTAMPTZ '2031-06-20T08:00:00Z' WHERE case_id = $1`, [c.id]);
    await drain();
    expect(await computedAt(c.id)).toBe(Date.parse('2031-06-20T08:00:00Z'));
    forecasts = new ForecastService(api.app.get<Clock>(CLOCK), api.ds);
    await drain();
    expect(await computedAt(c.id)).toBeGreaterThan(swept as number);
  });

  it('a proposed plan (whose planned starts the forecast reads) makes the forecast stale the same day', async () => {
    await at('2031-08-04T08:00:00Z'); // a Monday
    const c = await createSubmittedCase(api, BO, SIMPLE_FACTS, 'Staleness plan');
    await drain();
    const before = await computedAt(c.id);
    expect(before).not.toBeNull();
    await at('2031-08-04T09:00:00Z');
    expect((await api.post(`/cases/${c.id}/coordinated-plan`, {}, 'coordinator')).status).toBe(201);
    await at('2031-08-04T09:05:00Z');
    await drain();
    expect(await computedAt(c.id)).toBeGreaterThan(before as number);
  });
});
