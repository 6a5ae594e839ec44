import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { createConfirmedSimpleCase, TestApi } from './support/http';

const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
const copenhagenDate = (iso: string) => new Date(iso).toLocaleDateString('sv-SE', { timeZone: 'Europe/Copenhagen' });

/** Takes a permit through hearing (if any) to a granted decision; its elapsed and stopped days, as docs/statistics.md counts them. */
async function decide(api: TestApi, permitId: string, cw: string, afterHearingClock: string) {
  for (let i = 0; i < 6; i++) {
    const d = await api.get(`/permits/${permitId}`, cw);
    if (d.body.state.startsWith('decided')) break;
    const allowed: string[] = d.body.allowedEvents;
    const event = allowed.includes('authority.hearingStarted') && !d.body.hearing ? { type: 'authority.hearingStarted' } : allowed.includes('authority.hearingEnded') ? { type: 'authority.hearingEnded' } : { type: 'authority.decisionIssued', outcome: 'granted', reason: 'ok' };
    const r = await api.permitEvent(permitId, cw, event);
    if (r.status === 422 && event.type === 'authority.hearingEnded') await api.setClock(afterHearingClock);
    else expect(r.status).toBe(200);
  }
  const p = (await api.get(`/permits/${permitId}`, cw)).body;
  expect(p.state.startsWith('decided')).toBe(true);
  const decidedOn = copenhagenDate(p.clocks.decidedAt);
  const elapsed = daysBetween(p.clocks.completeOn, decidedOn);
  const stopped: number = p.clocks.stops.reduce((a: number, s: any) => a + daysBetween(s.from, s.to ?? decidedOn), 0);
  return { p, decidedOn, elapsed, stopped };
}

/** L 206 statistics (issue 16 item 4): the counting rules of docs/statistics.md on real rows. */
describe('L 206 statistics export', () => {
  const api = TestApi.forSuite();

  it('counts elapsed and authority days (stops removed), within target, per type × authority × quarter; JSON (schema), CSV and report', async () => {
    // A quarter of its own, so other tests' decisions do not mix in.
    const { permit } = await createConfirmedSimpleCase(api, '2031-04-01T09:00:00Z', 'Statistics case');
    const cw = 'cw.hillerod';
    await api.setClock('2031-04-08T09:00:00Z');
    expect((await api.permitEvent(permit.id, cw, { type: 'authority.infoRequested', question: 'Facadetegninger?' })).status).toBe(200);
    await api.setClock('2031-04-18T09:00:00Z');
    expect((await api.permitEvent(permit.id, 'anna@nordlys.example', { type: 'applicant.infoProvided', answer: 'Vedlagt.' })).status).toBe(200);
    await api.setClock('2031-05-05T09:00:00Z');
    const { decidedOn, elapsed, stopped, p } = await decide(api, permit.id, cw, '2031-06-10T09:00:00Z');
    expect(stopped).toBe(10);

    const r = await api.get('/statistics?from=2031-Q2&to=2031-Q2', 'coordinator');
    expect(r.status).toBe(200);
    expect(r.body.schemaVersion).toBe('rl-l206-statistics/1');
    expect(r.body.permits).toEqual([
      expect.objectContaining({
        quarter: '2031-Q2',
        permitType: 'BUILDING_PERMIT',
        authorityCode: 'KOMMUNE-219',
        decided: 1,
        medianElapsedDays: elapsed,
        medianAuthorityDays: elapsed - 10,
        withTarget: 1,
        withinTarget: decidedOn <= p.clocks.dueOn ? 1 : 0,
      }),
    ]);
    const schema = (await api.get('/statistics/schema', 'coordinator')).body;
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(r.body) ? [] : validate.errors).toEqual([]);

    const csv = await fetch(`${api.base}/statistics?format=csv&from=2031-Q2&to=2031-Q2`, { headers: { authorization: `Bearer ${await api.token('coordinator')}` } });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('quarter,permitType,permitTypeName,authorityCode,authorityName,decided,medianElapsedDays,medianAuthorityDays,p80ElapsedDays,withTarget,withinTarget,withinTargetShare');
    expect(lines).toHaveLength(2);
    expect(lines[1].startsWith(`2031-Q2,BUILDING_PERMIT,`)).toBe(true);

    const report = await fetch(`${api.base}/statistics/report?from=2031-Q2`, { headers: { authorization: `Bearer ${await api.token('coordinator')}` } });
    expect(report.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await report.text()).toContain('Hillerød');

    expect((await api.get('/statistics', 'anna@nordlys.example')).status).toBe(403);
    expect((await api.get('/statistics', 'admin')).status).toBe(403);
    const bad = await api.get('/statistics?from=2031-5', 'coordinator');
    expect([bad.status, bad.body.code]).toEqual([400, 'REQUEST.VALIDATION_FAILED']);
  }, 60_000);

  it('counts a permit whose clock stops are too long for the covering index (its own partial index), and such a permit can be decided', async () => {
    // migration 1764000300100: permits with more than 1,600 characters of stops are read through
    // permits_decided_long_stops_idx; the export's two parts must together count every permit.
    // Before forecast-staleness.int-spec's dates (June 2031): a case changed at a later test-clock
    // instant than another spec's clock would look changed-after-its-forecast to that spec for ever.
    const { permit } = await createConfirmedSimpleCase(api, '2031-01-06T09:00:00Z', 'Statistics case, many stops');
    const cw = 'cw.hillerod';
    const day = (n: number) => new Date(Date.UTC(2031, 0, 7 + n, 9)).toISOString();
    const cycles = 30;
    for (let i = 0; i < cycles; i++) {
      await api.setClock(day(2 * i));
      expect((await api.permitEvent(permit.id, cw, { type: 'authority.infoRequested', question: `Spørgsmål ${i + 1}?` })).status).toBe(200);
      await api.setClock(day(2 * i + 1));
      expect((await api.permitEvent(permit.id, 'anna@nordlys.example', { type: 'applicant.infoProvided', answer: 'Svar.' })).status).toBe(200);
    }
    await api.setClock('2031-03-10T09:00:00Z');
    const { elapsed, stopped } = await decide(api, permit.id, cw, '2031-03-25T09:00:00Z');
    // Past the covering index's limit: this permit is read through permits_decided_long_stops_idx.
    const [row] = await api.ds.query(`SELECT length(stops::text) AS n FROM permits WHERE id = $1`, [permit.id]);
    expect(row.n).toBeGreaterThan(1600);
    expect(stopped).toBe(cycles);
    const r = await api.get('/statistics?from=2031-Q1&to=2031-Q1', 'coordinator');
    expect(r.status).toBe(200);
    expect(r.body.permits).toEqual([expect.objectContaining({ quarter: '2031-Q1', permitType: 'BUILDING_PERMIT', decided: 1, medianElapsedDays: elapsed, medianAuthorityDays: elapsed - cycles })]);
  }, 120_000);
});
