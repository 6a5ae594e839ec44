import { CASEWORKER_FOR, createSubmittedCase, PHARMA_FACTS, TestApi } from './support/http';

/** A pharma plant in Kalundborg's landzone, outside the plan frame: local plan, plan supplement, landzone permit… — its projection passes the 18-month ceiling. */
const BREACH_FACTS = {
  municipalityCode: '326',
  siteZone: 'landzone',
  fitsMunicipalPlanFrame: false,
  medicinalProductManufacture: true,
  newBuildingOrExtension: true,
  listedActivity: { annex: 'annex1', sMarked: true },
};

const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

jest.setTimeout(60_000);

describe('coordination (issue 16): one risk, the agreed plan with change control, forecasts', () => {
  const api = TestApi.forSuite();

  const ANNA = 'anna@nordlys.example';

  /** The company drops the groundwater abstraction: the water permit is withdrawn through the engine. */
  async function dropWaterPermit(caseId: string) {
    const app = await api.get(`/cases/${caseId}/application`, ANNA);
    const dropped = await api.call('PUT', `/cases/${caseId}/application/facts`, {
      as: ANNA,
      body: { facts: { ...PHARMA_FACTS, groundwaterAbstraction: false }, confirm: { added: [], dropped: ['VANDINDVINDING'] } },
      headers: { 'if-match': app.headers.get('etag') as string },
    });
    expect(dropped.status).toBe(200);
  }

  /** Runs a permit to a decision with the events its caseworker is allowed. */
  async function decide(permitId: string, as: string) {
    for (let i = 0; i < 8; i++) {
      const detail = await api.get(`/permits/${permitId}`, as);
      if (detail.body.state.startsWith('decided')) return;
      const allowed: string[] = detail.body.allowedEvents;
      const event = allowed.includes('authority.completenessConfirmed')
        ? { type: 'authority.completenessConfirmed' }
        : allowed.includes('authority.hearingStarted') && !detail.body.hearing
          ? { type: 'authority.hearingStarted' }
          : allowed.includes('authority.hearingEnded')
            ? { type: 'authority.hearingEnded' }
            : { type: 'authority.decisionIssued', outcome: 'granted', reason: 'ok' };
      const r = await api.permitEvent(permitId, as, event);
      if (r.status !== 200) throw new Error(`${event.type}: ${r.status} ${JSON.stringify(r.body)}`);
    }
    throw new Error(`permit ${permitId} was not decided`);
  }

  it('a case whose projection passes its ceiling is breached in the preview, header, list, plan and dashboard', async () => {
    await api.setClock('2027-02-01T09:00:00Z');
    const preview = await api.post('/screening', BREACH_FACTS, 'anna@nordlys.example');
    expect(preview.status).toBe(200);
    expect(preview.body.caseCeiling).toMatchObject({ withinCeiling: false, risk: 'breached' });
    expect(preview.body.risk).toBe('breached');

    const c = await createSubmittedCase(api, 'anna@nordlys.example', BREACH_FACTS, 'Ceiling breach case');
    const detail = await api.get(`/cases/${c.id}`, 'anna@nordlys.example');
    // Every permit is on track by its own clock; the ceiling is what is breached.
    expect(detail.body.permits.every((p: any) => p.risk !== 'breached')).toBe(true);
    expect(detail.body.projection).toMatchObject({ withinCeiling: false, ceilingRisk: 'breached' });
    expect(detail.body.risk).toBe('breached');

    const list = await api.get(`/cases?q=${encodeURIComponent('Ceiling breach case')}`, 'coordinator');
    expect(list.body.items.find((i: any) => i.id === c.id).risk).toBe('breached');
    const plan = await api.get(`/cases/${c.id}/plan`, 'coordinator');
    expect(plan.body).toMatchObject({ risk: 'breached', ceilingRisk: 'breached', withinCeiling: false });

    // The test clock refreshes the stored forecasts (the worker's job); the dashboard reads them.
    await api.post('/test/clock', { now: '2027-02-01T10:00:00Z', forecasts: true });
    const forecast = await api.get(`/cases/${c.id}/forecast`, 'anna@nordlys.example');
    expect(forecast.body.forecast).toMatchObject({ runs: 2000, ceilingRisk: 'breached' });
    expect(forecast.body.forecast.ceilingProbability).toBeLessThan(0.5);
    expect(forecast.body.forecast.completionP80 >= forecast.body.forecast.completionP50).toBe(true);
    const dash = await api.get('/dashboard', 'coordinator');
    expect(dash.body.ceiling.breached.map((r: any) => r.caseId)).toContain(c.id);
    // The dashboard watches at most 20 cases (10 by permit risk, then the ceiling lists): in the
    // run's shared database the suites before this one can fill it with earlier breaches.
    const watched = dash.body.cases.find((x: any) => x.id === c.id);
    if (watched) expect(watched).toMatchObject({ risk: 'breached', ceilingRisk: 'breached' });
    else expect(dash.body.cases).toHaveLength(20);
    expect((await api.get(`/cases?risk=breached&q=${encodeURIComponent('Ceiling breach case')}`, 'coordinator')).body.items.map((i: any) => i.id)).toContain(c.id);
  });

  it('agreed plan: 29 days applies at once and notifies, a second 29 days (58 from the baseline) and 31 days wait for a second coordinator', async () => {
    await api.setClock('2027-03-01T09:00:00Z');
    const c = await createSubmittedCase(api, 'anna@nordlys.example', PHARMA_FACTS, 'Plan change control case');
    const mga = c.permits.find((p: any) => p.code === 'MILJOEGODKENDELSE');
    const gmp = c.permits.find((p: any) => p.code === 'GMP_MANUFACTURING');
    const water = c.permits.find((p: any) => p.code === 'VANDINDVINDING');
    expect((await api.permitEvent(mga.id, CASEWORKER_FOR.MST, { type: 'authority.completenessConfirmed' })).status).toBe(200);

    expect((await api.get(`/cases/${c.id}/coordinated-plan`, 'anna@nordlys.example')).body.status).toBe('none');
    expect((await api.post(`/cases/${c.id}/coordinated-plan`, {}, 'anna@nordlys.example')).status).toBe(403);
    const proposed = await api.post(`/cases/${c.id}/coordinated-plan`, {}, 'coordinator');
    expect(proposed.status).toBe(201);
    expect(proposed.body.status).toBe('proposed');
    const item = (b: any, id: string) => b.items.find((i: any) => i.permitId === id);
    const mgaTarget = (await api.get(`/permits/${mga.id}`, 'coordinator')).body.clocks.dueOn;
    // A running permit's planned decision IS its target.
    expect(item(proposed.body, mga.id).planned.decisionOn).toBe(mgaTarget);
    // The company and the authorities see it; the company agrees.
    expect((await api.get(`/cases/${c.id}/coordinated-plan`, 'cw.kalundborg')).body.items).toHaveLength(proposed.body.items.length);
    expect((await api.get(`/cases/${c.id}/coordinated-plan`, 'bo@bolge.example')).status).toBe(404);
    const agreed = await api.call('POST', `/cases/${c.id}/coordinated-plan/agree`, { as: 'anna@nordlys.example', headers: { 'if-match': `"${proposed.body.version}"` } });
    expect(agreed.status).toBe(200);
    expect(agreed.body).toMatchObject({ status: 'agreed', agreedBy: { role: 'applicant' } });
    const baseline = item(agreed.body, mga.id).baseline;

    const change = (as: string, version: number, body: Record<string, unknown>) => api.call('POST', `/cases/${c.id}/coordinated-plan/changes`, { as, body, headers: { 'if-match': `"${version}"` } });
    const before = { notes: await api.ds.query(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'targetChanged'`) };

    // Bad input: 422 with stable codes, 409 on a stale version; nothing written.
    const counts = await api.counts();
    expect((await change('coordinator', agreed.body.version, { permitId: mga.id, plannedDecisionOn: addDays(baseline.decisionOn, 29), note: 'x' })).body.code).toBe('PLAN.REASON_REQUIRED');
    const past = await change('coordinator', agreed.body.version, { permitId: gmp.id, plannedStartOn: '2027-02-01', reasonCode: 'COMPLEX_CASE', note: 'x' });
    expect([past.status, past.body.code]).toEqual([422, 'PLAN.DATE_IN_PAST']);
    const stale = await change('coordinator', agreed.body.version - 1, { permitId: mga.id, plannedDecisionOn: addDays(baseline.decisionOn, 29), reasonCode: 'COMPLEX_CASE', note: 'x' });
    expect(stale.status).toBe(409);
    expect((await change('cw.mst', agreed.body.version, { permitId: mga.id, plannedDecisionOn: addDays(baseline.decisionOn, 29), reasonCode: 'COMPLEX_CASE', note: 'x' })).status).toBe(403);
    expect(await api.counts()).toEqual(counts);

    // 29 days: applied at once, through the target path (extension, audit, notifications).
    const first = await change('coordinator', agreed.body.version, { permitId: mga.id, plannedDecisionOn: addDays(baseline.decisionOn, 29), reasonCode: 'COMPLEX_CASE', note: 'Supplerende støjberegning' });
    expect(first.status).toBe(201);
    expect(first.body.request).toMatchObject({ status: 'applied', needsSecondApproval: false, baselineMoveDays: 29 });
    expect((await api.get(`/permits/${mga.id}`, 'coordinator')).body.clocks.dueOn).toBe(addDays(baseline.decisionOn, 29));
    const told = await api.ds.query(
      `SELECT u.username FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.kind = 'targetChanged' AND n.permit_id = $1 ORDER BY u.username`,
      [mga.id],
    );
    expect(told.map((r: any) => r.username)).toEqual(expect.arrayContaining(['anna@nordlys.example', 'cw.mst']));
    expect(told.map((r: any) => r.username)).not.toContain('coordinator');
    const audit = await api.ds.query(`SELECT event_type, reason FROM audit_events WHERE permit_id = $1 AND event_type = 'plan.changed'`, [mga.id]);
    expect(audit).toEqual([{ event_type: 'plan.changed', reason: 'COMPLEX_CASE' }]);

    // A second 29 days: 58 from the baseline → waits; the requester cannot approve it.
    const second = await change('coordinator', first.body.plan.version, { permitId: mga.id, plannedDecisionOn: addDays(baseline.decisionOn, 58), reasonCode: 'AUTHORITY_CAPACITY', note: 'Ferieperiode' });
    expect(second.body.request).toMatchObject({ status: 'pending', needsSecondApproval: true, baselineMoveDays: 58 });
    expect((await api.get(`/permits/${mga.id}`, 'coordinator')).body.clocks.dueOn).toBe(addDays(baseline.decisionOn, 29));
    const decideAs = (as: string, id: string, version: number, verb: 'approve' | 'reject') =>
      api.call('POST', `/cases/${c.id}/coordinated-plan/changes/${id}/${verb}`, { as, body: {}, headers: { 'if-match': `"${version}"` } });
    const self = await decideAs('coordinator', second.body.request.id, second.body.plan.version, 'approve');
    expect([self.status, self.body.code]).toEqual([403, 'PLAN.SELF_APPROVAL_FORBIDDEN']);
    const approved = await decideAs('coordinator2', second.body.request.id, second.body.plan.version, 'approve');
    expect(approved.status).toBe(200);
    expect(approved.body.request).toMatchObject({ status: 'applied', decidedBy: { name: 'Koordinator 2 Én indgang' } });
    expect((await api.get(`/permits/${mga.id}`, 'coordinator')).body.clocks.dueOn).toBe(addDays(baseline.decisionOn, 58));
    expect(item(approved.body.plan, mga.id)).toMatchObject({ finalMovedDays: 58, baseline });

    // 31 days on a permit that has not started: waits; rejected, and kept.
    const gmpBase = item(approved.body.plan, gmp.id).planned;
    const big = await change('coordinator', approved.body.plan.version, { permitId: gmp.id, plannedDecisionOn: addDays(gmpBase.decisionOn, 31), reasonCode: 'SCOPE_CHANGE', note: 'Ny produktlinje' });
    expect(big.body.request).toMatchObject({ status: 'pending', needsSecondApproval: true, baselineMoveDays: 31 });
    // Meanwhile a change that needs no second coordinator moves its start: approving the older
    // request would write the dates it was made against back over it — refused, nothing written.
    const startMoved = await change('coordinator', big.body.plan.version, { permitId: gmp.id, plannedStartOn: addDays(gmpBase.startOn, 5), reasonCode: 'APPLICANT_REQUEST', note: 'Senere opstart' });
    expect(startMoved.body.request).toMatchObject({ status: 'applied', needsSecondApproval: false });
    const outdated = await decideAs('coordinator2', big.body.request.id, startMoved.body.plan.version, 'approve');
    expect([outdated.status, outdated.body.code]).toEqual([409, 'PLAN.REQUEST_OUTDATED']);
    expect(item((await api.get(`/cases/${c.id}/coordinated-plan`, 'coordinator')).body, gmp.id).planned).toEqual({ ...gmpBase, startOn: addDays(gmpBase.startOn, 5) });
    const rejected = await decideAs('coordinator2', big.body.request.id, startMoved.body.plan.version, 'reject');
    expect(rejected.body.request.status).toBe('rejected');
    expect(rejected.body.plan.requests.map((r: any) => r.status).sort()).toEqual(['applied', 'applied', 'applied', 'rejected']);
    expect(item(rejected.body.plan, gmp.id).planned).toEqual({ ...gmpBase, startOn: addDays(gmpBase.startOn, 5) });
    const after = await api.ds.query(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'targetChanged'`);
    expect(after[0].n).toBeGreaterThan(before.notes[0].n);

    // A decided permit keeps its dates.
    await decide(water.id, 'cw.kalundborg');
    const decided = await change('coordinator', rejected.body.plan.version, { permitId: water.id, plannedDecisionOn: '2027-12-01', reasonCode: 'COMPLEX_CASE', note: 'x' });
    expect([decided.status, decided.body.code]).toEqual([422, 'PLAN.PERMIT_DECIDED']);
  });

  it("records a missed planned date with the authority's explanation", async () => {
    await api.setClock('2027-04-01T09:00:00Z');
    const c = await createSubmittedCase(api, 'anna@nordlys.example', PHARMA_FACTS, 'Missed date case');
    const water = c.permits.find((p: any) => p.code === 'VANDINDVINDING');
    const proposed = await api.post(`/cases/${c.id}/coordinated-plan`, {}, 'coordinator');
    const planned = proposed.body.items.find((i: any) => i.permitId === water.id).planned.decisionOn;
    const missed = (version: number) =>
      api.call('POST', `/cases/${c.id}/coordinated-plan/items/${water.id}/missed`, { as: 'cw.kalundborg', body: { explanation: 'Manglende kapacitet i vandteamet' }, headers: { 'if-match': `"${version}"` } });
    const early = await missed(proposed.body.version);
    expect([early.status, early.body.code]).toEqual([422, 'PLAN.NOT_MISSED']);
    await api.setClock(`${addDays(planned, 2)}T09:00:00Z`);
    const r = await missed(proposed.body.version);
    expect(r.status).toBe(200);
    expect(r.body.items.find((i: any) => i.permitId === water.id).missed).toMatchObject({ on: planned, explanation: 'Manglende kapacitet i vandteamet' });
    // Another authority's caseworker cannot explain it.
    const other = await api.call('POST', `/cases/${c.id}/coordinated-plan/items/${water.id}/missed`, { as: 'cw.mst', body: { explanation: 'x' }, headers: { 'if-match': `"${r.body.version}"` } });
    expect(other.status).toBe(404);
  });

  it('a permit withdrawn after the plan was made is not overdue when its planned date passes; the running ones are', async () => {
    await api.setClock('2027-05-03T09:00:00Z');
    const c = await createSubmittedCase(api, ANNA, PHARMA_FACTS, 'Withdrawn permit in the plan');
    const water = c.permits.find((p: any) => p.code === 'VANDINDVINDING');
    const proposed = await api.post(`/cases/${c.id}/coordinated-plan`, {}, 'coordinator');
    expect(proposed.body.items.length).toBeGreaterThan(1);
    await dropWaterPermit(c.id);
    // Past every planned decision date: each running permit is overdue, the withdrawn one is not.
    const last = proposed.body.items.map((i: any) => i.planned.decisionOn).sort().at(-1);
    await api.setClock(`${addDays(last, 2)}T09:00:00Z`);
    const plan = await api.get(`/cases/${c.id}/coordinated-plan`, 'coordinator');
    const byState = plan.body.items.map((i: any) => [i.permitId === water.id ? 'water' : 'other', i.state === 'withdrawn', i.overdue]);
    expect(byState.filter(([who]: [string]) => who === 'water')).toEqual([['water', true, false]]);
    const others = byState.filter(([who]: [string]) => who === 'other');
    expect(others.length).toBeGreaterThan(0);
    expect(others.every(([, withdrawn, overdue]: [string, boolean, boolean]) => !withdrawn && overdue)).toBe(true);
    // It was withdrawn before its planned date: that date was never missed, so there is nothing to explain.
    const explain = await api.call('POST', `/cases/${c.id}/coordinated-plan/items/${water.id}/missed`, { as: 'cw.kalundborg', body: { explanation: 'x' }, headers: { 'if-match': `"${plan.body.version}"` } });
    expect([explain.status, explain.body.code]).toEqual([422, 'PLAN.NOT_MISSED']);
  });

  it('a permit withdrawn after its planned date had passed missed it: the authority may explain it', async () => {
    await api.setClock('2027-06-01T09:00:00Z');
    const c = await createSubmittedCase(api, ANNA, PHARMA_FACTS, 'Withdrawn late');
    const water = c.permits.find((p: any) => p.code === 'VANDINDVINDING');
    const proposed = await api.post(`/cases/${c.id}/coordinated-plan`, {}, 'coordinator');
    const planned = proposed.body.items.find((i: any) => i.permitId === water.id).planned.decisionOn;
    await api.setClock(`${addDays(planned, 3)}T09:00:00Z`);
    await dropWaterPermit(c.id);
    const plan = await api.get(`/cases/${c.id}/coordinated-plan`, 'coordinator');
    const explain = await api.call('POST', `/cases/${c.id}/coordinated-plan/items/${water.id}/missed`, { as: 'cw.kalundborg', body: { explanation: 'Sagen lå stille' }, headers: { 'if-match': `"${plan.body.version}"` } });
    expect(explain.status).toBe(200);
    expect(explain.body.items.find((i: any) => i.permitId === water.id)).toMatchObject({ state: 'withdrawn', overdue: false, missed: { on: planned, explanation: 'Sagen lå stille' } });
  });

  it('what-if runs side by side and writes nothing', async () => {
    await api.setClock('2027-05-03T09:00:00Z');
    const c = await createSubmittedCase(api, 'anna@nordlys.example', BREACH_FACTS, 'What-if case');
    const versions = await api.versionSum();
    const counts = await api.counts();
    const forecasts = await api.ds.query(`SELECT count(*)::int AS n FROM case_forecasts`);
    const r = await api.post(`/cases/${c.id}/forecast/what-if`, { scenarios: [{ kind: 'shorten', code: 'LOKALPLAN', days: 28 }] }, 'coordinator');
    expect(r.status).toBe(200);
    expect(r.body.whatIf.completionP50 < r.body.base.completionP50).toBe(true);
    expect(r.body.base.runs).toBe(2000);
    const bad = await api.post(`/cases/${c.id}/forecast/what-if`, { scenarios: [{ kind: 'shorten', code: 'NOPE', days: 28 }] }, 'coordinator');
    expect([bad.status, bad.body.code]).toEqual([422, 'FORECAST.WHAT_IF_INVALID']);
    expect((await api.post(`/cases/${c.id}/forecast/what-if`, { scenarios: [{ kind: 'shorten', code: 'LOKALPLAN', days: 28 }] }, 'anna@nordlys.example')).status).toBe(403);
    expect(await api.versionSum()).toBe(versions);
    expect(await api.counts()).toEqual(counts);
    expect(await api.ds.query(`SELECT count(*)::int AS n FROM case_forecasts`)).toEqual(forecasts);
  });

  it('a coordinator escalates a permit by hand: audited, the authority told', async () => {
    await api.setClock('2027-05-03T09:00:00Z');
    const c = await createSubmittedCase(api, 'anna@nordlys.example', PHARMA_FACTS, 'Escalation case');
    const mga = c.permits.find((p: any) => p.code === 'MILJOEGODKENDELSE');
    expect((await api.post(`/permits/${mga.id}/escalate`, { note: 'Ring venligst' }, 'cw.mst')).status).toBe(403);
    const r = await api.post(`/permits/${mga.id}/escalate`, { note: 'Ring venligst' }, 'coordinator');
    expect(r.status).toBe(200);
    const told = await api.ds.query(`SELECT u.username FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.kind = 'manualEscalation' AND n.permit_id = $1`, [mga.id]);
    expect(told.map((x: any) => x.username)).toEqual(expect.arrayContaining(['cw.mst', 'coordinator2']));
    expect(await api.ds.query(`SELECT event_type FROM audit_events WHERE permit_id = $1 AND event_type = 'permit.escalated'`, [mga.id])).toHaveLength(1);
  });

  it('the ICS feed lists every deadline the caller can see, and nothing else', async () => {
    await api.setClock('2027-06-01T09:00:00Z');
    const c = await createSubmittedCase(api, 'anna@nordlys.example', PHARMA_FACTS, 'Calendar case');
    const mga = c.permits.find((p: any) => p.code === 'MILJOEGODKENDELSE');
    const confirmed = await api.permitEvent(mga.id, CASEWORKER_FOR.MST, { type: 'authority.completenessConfirmed' });
    const due: string = confirmed.body.clocks.dueOn;
    const ics = async (as: string) => {
      const r = await fetch(`${api.base}/calendar.ics`, { headers: { authorization: `Bearer ${await api.token(as)}` } });
      expect(r.headers.get('content-type')).toMatch(/^text\/calendar/);
      return (await r.text()).replace(/\r\n /g, '');
    };
    const anna = await ics('anna@nordlys.example');
    expect(anna).toContain('BEGIN:VCALENDAR');
    expect(anna).toContain(`UID:${mga.id}-target@rodlober`);
    expect(anna).toContain(`DTSTART;VALUE=DATE:${due.replace(/-/g, '')}`);
    expect(await ics('bo@bolge.example')).not.toContain(mga.id);
    // A caseworker: only their own authority's permits.
    const kalundborg = await ics('cw.kalundborg');
    expect(kalundborg).not.toContain(`UID:${mga.id}-target`);
    expect(await ics('cw.mst')).toContain(`UID:${mga.id}-target@rodlober`);
    expect((await api.get('/calendar.ics', 'admin')).status).toBe(403);
  });

  it('a new application for a refused permit joins the coordinated plan, keeping the baseline agreed for the one it replaces', async () => {
    await api.setClock('2027-03-01T09:00:00Z');
    const c = await createSubmittedCase(api, 'anna@nordlys.example', PHARMA_FACTS, 'Reapplication in the plan');
    const water = c.permits.find((p: any) => p.code === 'VANDINDVINDING');
    const proposed = await api.post(`/cases/${c.id}/coordinated-plan`, {}, 'coordinator');
    expect(proposed.status).toBe(201);
    expect((await api.call('POST', `/cases/${c.id}/coordinated-plan/agree`, { as: 'anna@nordlys.example', headers: { 'if-match': `"${proposed.body.version}"` } })).status).toBe(200);
    const before = (await api.get(`/cases/${c.id}/coordinated-plan`, 'coordinator')).body;
    const oldItem = before.items.find((i: any) => i.permitId === water.id);
    expect((await api.permitEvent(water.id, 'cw.kalundborg', { type: 'authority.completenessConfirmed' })).status).toBe(200);
    expect((await api.permitEvent(water.id, 'cw.kalundborg', { type: 'authority.decisionIssued', outcome: 'refused', reason: 'Ikke tilstrækkelig grundvand.' })).status).toBe(200);
    await api.setClock('2027-05-03T09:00:00Z'); // past the klagefrist: final (refused)
    const refused = await api.get(`/permits/${water.id}`, 'anna@nordlys.example');
    expect([refused.body.state, refused.body.outcome]).toEqual(['final', 'refused']);
    const created = await api.call('POST', `/permits/${water.id}/reapplication`, { as: 'anna@nordlys.example', headers: { 'if-match': `"${refused.body.version}"` } });
    expect(created.status).toBe(201);

    const after = (await api.get(`/cases/${c.id}/coordinated-plan`, 'coordinator')).body;
    const newItem = after.items.find((i: any) => i.permitId === created.body.id);
    expect(newItem).toBeDefined();
    expect(newItem.baseline).toEqual(oldItem.baseline);
    expect(newItem.planned.startOn >= '2027-05-03').toBe(true);
    // The coordinator can now move its dates like any other's (it was PLAN.PERMIT_NOT_IN_PLAN).
    const moved = await api.call('POST', `/cases/${c.id}/coordinated-plan/changes`, {
      as: 'coordinator',
      body: { permitId: created.body.id, plannedDecisionOn: newItem.planned.decisionOn === '2030-01-01' ? '2030-01-02' : '2030-01-01', reasonCode: 'COMPLEX_CASE', note: 'Ny ansøgning' },
      headers: { 'if-match': `"${after.version}"` },
    });
    expect(moved.status).toBe(201);
  });

  it('a permit a confirmed facts change adds to a planned case gets its planned dates there', async () => {
    await api.setClock('2027-03-01T09:00:00Z');
    const c = await createSubmittedCase(api, ANNA, { ...PHARMA_FACTS, groundwaterAbstraction: false }, 'Facts change adds a permit to the plan');
    expect(c.permits.map((p: any) => p.code)).not.toContain('VANDINDVINDING');
    expect((await api.post(`/cases/${c.id}/coordinated-plan`, {}, 'coordinator')).status).toBe(201);
    const app = await api.get(`/cases/${c.id}/application`, ANNA);
    const changed = await api.call('PUT', `/cases/${c.id}/application/facts`, {
      as: ANNA,
      body: { facts: PHARMA_FACTS, confirm: { added: ['VANDINDVINDING'], dropped: [] } },
      headers: { 'if-match': app.headers.get('etag') as string },
    });
    expect(changed.status).toBe(200);
    const water = (await api.get(`/cases/${c.id}`, 'coordinator')).body.permits.find((p: any) => p.code === 'VANDINDVINDING');
    const item = (await api.get(`/cases/${c.id}/coordinated-plan`, 'coordinator')).body.items.find((i: any) => i.permitId === water.id);
    expect(item).toMatchObject({ planned: { startOn: expect.any(String), decisionOn: expect.any(String) } });
    expect(item.baseline).toEqual(item.planned); // new to the case: its first planned dates are its baseline
  });
});
