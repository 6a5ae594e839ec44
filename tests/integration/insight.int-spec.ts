import { computeRisk, parsePermitRow, PERMIT_PLANNING_SELECT, permitTypeOf, planForCase, stopsFlagOf, type PermitRow } from '@rl/case-engine';
import { CASEWORKER_FOR, createSubmittedCase, PHARMA_FACTS, TestApi } from './support/http';

describe('coordination insight: plan, dashboard, target-date changes, KPIs', () => {
  const api = TestApi.forSuite();

  it('returns Gantt rows with the critical path and the projection against the ceiling', async () => {
    await api.setClock('2027-02-01T09:00:00Z');
    const c = await createSubmittedCase(api, 'anna@nordlys.example', PHARMA_FACTS, 'Plan case');
    const plan = await api.get(`/cases/${c.id}/plan`, 'coordinator');
    expect(plan.status).toBe(200);
    expect(plan.body.ceilingMonths).toBe(18);
    expect(plan.body.ceilingDueOn).toBe('2028-08-01');
    expect(plan.body.criticalPath).toEqual(['MILJOEGODKENDELSE', 'GMP_MANUFACTURING']);
    const gmp = plan.body.rows.find((r: any) => r.code === 'GMP_MANUFACTURING');
    const mga = plan.body.rows.find((r: any) => r.code === 'MILJOEGODKENDELSE');
    expect(gmp.critical).toBe(true);
    expect(mga.critical).toBe(true);
    // GMP starts when its prerequisites are decided: after the 200-day environmental permit.
    expect(gmp.plannedStart).toBe(mga.plannedEnd);
    expect(plan.body.rows.find((r: any) => r.code === 'VANDINDVINDING').critical).toBe(false);
    expect(plan.body.projectedCompletion > gmp.plannedEnd).toBe(true); // + appeal period
    expect(plan.body.withinCeiling).toBe(true);
    // A caseworker sees other authorities' rows restricted.
    const mst = await api.get(`/cases/${c.id}/plan`, 'cw.mst');
    expect(mst.body.rows.find((r: any) => r.code === 'VANDINDVINDING')).toMatchObject({ restricted: true, risk: null, actualStart: null });
    expect(mst.body.rows.find((r: any) => r.code === 'MILJOEGODKENDELSE').restricted).toBe(false);
    expect((await api.get(`/cases/${c.id}/plan`, 'bo@bolge.example')).status).toBe(404);
  });

  it('changes a target date only with a reason code, audits it and moves the due date', async () => {
    await api.setClock('2027-02-01T09:00:00Z');
    const c = await createSubmittedCase(api, 'anna@nordlys.example', PHARMA_FACTS, 'Target change case');
    const permit = c.permits.find((p: any) => p.code === 'MILJOEGODKENDELSE');
    const confirmed = await api.permitEvent(permit.id, CASEWORKER_FOR.MST, { type: 'authority.completenessConfirmed' });
    expect(confirmed.body.clocks.dueOn).toBe('2027-08-20');
    const v = confirmed.body.version;
    const noReason = await api.call('POST', `/permits/${permit.id}/target-date`, { as: 'coordinator', body: { dueOn: '2027-09-30' }, headers: { 'if-match': `"${v}"` } });
    expect(noReason.status).toBe(400);
    const badReason = await api.call('POST', `/permits/${permit.id}/target-date`, { as: 'coordinator', body: { dueOn: '2027-09-30', reasonCode: 'BECAUSE' }, headers: { 'if-match': `"${v}"` } });
    expect(badReason.status).toBe(400);
    const earlier = await api.call('POST', `/permits/${permit.id}/target-date`, { as: 'coordinator', body: { dueOn: '2027-08-01', reasonCode: 'COMPLEX_CASE' }, headers: { 'if-match': `"${v}"` } });
    expect(earlier.status).toBe(422);
    expect(earlier.body.code).toBe('PERMIT.TARGET_DATE_INVALID');
    const byCaseworker = await api.call('POST', `/permits/${permit.id}/target-date`, { as: 'cw.mst', body: { dueOn: '2027-09-30', reasonCode: 'COMPLEX_CASE' }, headers: { 'if-match': `"${v}"` } });
    expect(byCaseworker.status).toBe(403);
    const ok = await api.call('POST', `/permits/${permit.id}/target-date`, { as: 'coordinator', body: { dueOn: '2027-09-30', reasonCode: 'COMPLEX_CASE', comment: 'Joint hearing with the local plan' }, headers: { 'if-match': `"${v}"` } });
    expect(ok.status).toBe(200);
    const after = await api.get(`/permits/${permit.id}`, 'coordinator');
    expect(after.body.clocks.dueOn).toBe('2027-09-30');
    expect(after.body.version).toBe(v + 1);
    expect(after.body.clocks.extensions).toEqual([{ reasonCode: 'COMPLEX_CASE', duration: { unit: 'calendarDays', length: 41 }, grantedAt: expect.any(String) }]);
    const stale = await api.call('POST', `/permits/${permit.id}/target-date`, { as: 'coordinator', body: { dueOn: '2027-10-30', reasonCode: 'COMPLEX_CASE' }, headers: { 'if-match': `"${v}"` } });
    expect(stale.status).toBe(409);
    const audit = await api.ds.query(`SELECT actor_role, reason, payload FROM audit_events WHERE permit_id = $1 AND event_type = 'target.changed'`, [permit.id]);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_role: 'coordinator', reason: 'COMPLEX_CASE', payload: { fromDueOn: '2027-08-20', toDueOn: '2027-09-30', comment: 'Joint hearing with the local plan' } });
    const alerts = await api.ds.query(`SELECT threshold, due_at FROM deadline_alerts WHERE permit_id = $1 AND fired_at IS NULL ORDER BY due_at`, [permit.id]);
    expect(new Date(alerts[1].due_at).toISOString()).toBe('2027-09-30T22:00:00.000Z'); // breach: 00:00 CEST on 1 October
  });

  it('shows breaches, load and KPIs on the coordinator dashboard and in Prometheus', async () => {
    await api.setClock('2027-03-01T09:00:00Z');
    const c = await createSubmittedCase(api, 'anna@nordlys.example', PHARMA_FACTS, 'Dashboard case');
    const building = c.permits.find((p: any) => p.code === 'BUILDING_PERMIT');
    await api.permitEvent(building.id, 'cw.kalundborg', { type: 'authority.completenessConfirmed' });
    await api.setClock('2027-05-15T09:00:00Z'); // 75 days later: the 50-day target is breached
    const dash = await api.get('/dashboard', 'coordinator');
    expect(dash.status).toBe(200);
    expect(dash.body.breaches.map((b: any) => b.permitId)).toContain(building.id);
    expect(dash.body.totals.breached).toBeGreaterThanOrEqual(1);
    const kalundborg = dash.body.byAuthority.find((a: any) => a.authorityCode === 'KOMMUNE-326');
    expect(kalundborg.breached).toBeGreaterThanOrEqual(1);
    expect(dash.body.cases.find((x: any) => x.id === c.id)).toMatchObject({ risk: 'breached', ceilingDueOn: '2028-09-01' });
    // Decide late: the KPI counts it outside the target.
    await api.permitEvent(building.id, 'cw.kalundborg', { type: 'authority.decisionIssued', outcome: 'granted', reason: 'ok' });
    const stale = await api.get('/dashboard', 'coordinator');
    expect(stale.body.breaches.map((b: any) => b.permitId)).not.toContain(building.id); // live list
    await api.setClock('2027-05-15T09:05:00Z'); // the test clock also refreshes the KPI view
    const dash2 = await api.get('/dashboard', 'coordinator');
    expect(dash2.body.statsAsOf).not.toBeNull();
    const bp = dash2.body.byPermitType.find((t: any) => t.code === 'BUILDING_PERMIT');
    expect(bp.decided).toBeGreaterThanOrEqual(1);
    expect(bp.withinTargetShare).toBeLessThan(1);
    expect((await api.get('/dashboard', 'anna@nordlys.example')).status).toBe(403);
    // One odd row (a code the catalogue does not know, an unreadable snapshot) must not take the
    // dashboard down: it is shown under its code.
    const [odd] = await api.ds.query(
      `INSERT INTO permits (case_id, code, authority_id, state, machine_id, machine_version, snapshot, risk, target_due_on)
       SELECT $1, 'RETIRED_PERMIT', authority_id, 'submitted.underReview', 'permit', 99, '{}', 'breached', '2027-01-01' FROM permits WHERE id = $2
       RETURNING id`,
      [c.id, building.id],
    );
    await api.setClock('2027-05-15T09:10:00Z');
    const withOdd = await api.get('/dashboard', 'coordinator');
    expect(withOdd.status).toBe(200);
    expect(withOdd.body.breaches.find((b: any) => b.permitId === odd.id)).toMatchObject({ code: 'RETIRED_PERMIT', nameDa: 'RETIRED_PERMIT' });
    // Each list exactly as the database orders it (the dashboard reads the two risk lists in one
    // statement, and the two ceiling lists in another), and each authority under its own names.
    for (const [list, risk] of [[withOdd.body.breaches, 'breached'], [withOdd.body.atRisk, 'atRisk']] as const) {
      const expected = await api.ds.query(`SELECT id FROM permits WHERE risk = $1 AND state LIKE 'submitted%' ORDER BY target_due_on NULLS LAST, id LIMIT 50`, [risk]);
      expect(list.map((b: any) => b.permitId)).toEqual(expected.map((r: any) => r.id));
    }
    for (const [list, risk] of [[withOdd.body.ceiling.breached, 'breached'], [withOdd.body.ceiling.atRisk, 'atRisk']] as const) {
      const expected = await api.ds.query(
        `SELECT c.id FROM case_forecasts f JOIN cases c ON c.id = f.case_id WHERE f.ceiling_risk = $1 AND c.state IN ('submitted', 'inProgress') ORDER BY f.completion_p80 DESC, c.id LIMIT 50`,
        [risk],
      );
      expect(list.map((x: any) => x.caseId)).toEqual(expected.map((r: any) => r.id));
    }
    const authorities = await api.ds.query(`SELECT code, name_da, name_en FROM authorities`);
    expect(withOdd.body.byAuthority.length).toBeGreaterThan(0);
    for (const a of withOdd.body.byAuthority) expect(authorities).toContainEqual({ code: a.authorityCode, name_da: a.nameDa, name_en: a.nameEn });
    await api.ds.query(`DELETE FROM permits WHERE id = $1`, [odd.id]);
    const metrics = await fetch(api.base.replace('/api/v1', '/metrics')).then((r) => r.text());
    expect(metrics).toMatch(/rodlober_permit_processing_days_median\{permit_type="BUILDING_PERMIT"\} \d+/);
    expect(metrics).toMatch(/rodlober_permits_decided_within_target_ratio\{permit_type="BUILDING_PERMIT"\} [0-9.]+/);
    expect(metrics).toMatch(/rodlober_open_permits\{authority="MST",risk="onTrack"\} \d+/);
  });

  it('plans and rates risk the same from the planning read (slim snapshot) as from whole permit rows', async () => {
    // The same value, or the same error (other files' fixtures in this database include odd rows, e.g. unknown permit codes).
    const outcome = <T>(f: () => T): { value: T } | { error: string } => {
      try {
        return { value: f() };
      } catch (e) {
        return { error: (e as Error).message };
      }
    };
    await api.setClock('2027-02-01T09:00:00Z');
    const c = await createSubmittedCase(api, 'anna@nordlys.example', PHARMA_FACTS, 'Planning read case');
    const caseIds: string[] = (await api.ds.query(`SELECT DISTINCT case_id FROM permits`)).map((r: { case_id: string }) => r.case_id);
    expect(caseIds.length).toBeGreaterThan(0);
    const whole: PermitRow[] = (await api.ds.query(`SELECT * FROM permits WHERE case_id = ANY($1) ORDER BY id`, [caseIds])).map(parsePermitRow);
    const slim: PermitRow[] = (await api.ds.query(`SELECT ${PERMIT_PLANNING_SELECT} FROM permits p WHERE p.case_id = ANY($1) ORDER BY p.id`, [caseIds])).map(parsePermitRow);
    expect(slim.map((p) => p.id)).toEqual(whole.map((p) => p.id));
    const now = new Date('2027-06-01T09:00:00Z');
    for (let i = 0; i < whole.length; i++) {
      const { snapshot: _big, ...rest } = whole[i];
      const { snapshot: small, ...slimRest } = slim[i];
      expect(slimRest).toEqual(rest);
      // Smaller for a real machine snapshot (other files' fixtures in this database may store `{}`).
      if (whole[i].case_id === c.id) expect(JSON.stringify(small).length).toBeLessThan(JSON.stringify(_big).length);
      expect(outcome(() => permitTypeOf(slim[i]))).toEqual(outcome(() => permitTypeOf(whole[i])));
      expect(outcome(() => stopsFlagOf(slim[i]))).toEqual(outcome(() => stopsFlagOf(whole[i])));
      expect(outcome(() => computeRisk(slim[i], '2027-06-01'))).toEqual(outcome(() => computeRisk(whole[i], '2027-06-01')));
    }
    for (const id of caseIds) {
      expect(outcome(() => planForCase(slim.filter((p) => p.case_id === id), now))).toEqual(outcome(() => planForCase(whole.filter((p) => p.case_id === id), now)));
    }
    expect(outcome(() => planForCase(slim.filter((p) => p.case_id === c.id), now))).toHaveProperty('value.projectedCompletion');
  });

  it("shows a watched case's projection from the stored forecast while it is current, else plans it as the case page does", async () => {
    await api.setClock('2027-06-01T09:00:00Z');
    const c = await createSubmittedCase(api, 'anna@nordlys.example', PHARMA_FACTS, 'Watched projection case');
    const planned = (await api.get(`/cases/${c.id}/plan`, 'coordinator')).body;
    expect(planned.projectedCompletion).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // A stored forecast that puts the case first in the ceiling list (so it is watched), with a
    // projection no plan would give, written after the case's and its permits' last change.
    const storedProjection = '2034-06-01';
    const store = (asOf: string) =>
      api.ds.query(
        `INSERT INTO case_forecasts (case_id, computed_at, as_of, runs, seed, projected_completion, completion_p50, completion_p80, ceiling_probability, ceiling_risk)
         SELECT c.id, greatest(c.updated_at, max(p.updated_at)) + interval '1 second', $2::date, 2000, 1, $3::date, $3::date, '2099-01-01', 0, 'breached'
           FROM cases c JOIN permits p ON p.case_id = c.id WHERE c.id = $1 GROUP BY c.id
         ON CONFLICT (case_id) DO UPDATE SET computed_at = EXCLUDED.computed_at, as_of = EXCLUDED.as_of, projected_completion = EXCLUDED.projected_completion,
           completion_p50 = EXCLUDED.completion_p50, completion_p80 = EXCLUDED.completion_p80, ceiling_risk = EXCLUDED.ceiling_risk`,
        [c.id, asOf, storedProjection],
      );
    const watched = async () => {
      const dash = await api.get('/dashboard', 'coordinator');
      expect(dash.status).toBe(200);
      return dash.body.cases.find((x: any) => x.id === c.id);
    };
    try {
      await store('2027-06-01');
      const current = await watched();
      expect(current).toMatchObject({ projectedCompletion: storedProjection, ceilingDueOn: planned.ceilingDueOn, withinCeiling: false });
      expect(current.marginDays).toBe((Date.parse(planned.ceilingDueOn) - Date.parse(storedProjection)) / 86_400_000);
      // A permit changed after the forecast: planned here, the same as the case page.
      await api.ds.query(`UPDATE permits SET updated_at = (SELECT computed_at FROM case_forecasts WHERE case_id = $1) + interval '1 second' WHERE id = $2`, [c.id, c.permits[0].id]);
      expect(await watched()).toMatchObject({ projectedCompletion: planned.projectedCompletion, withinCeiling: planned.withinCeiling, marginDays: planned.marginDays });
      // Current again, then a day older (the nightly recomputation has not run): planned here.
      await store('2027-06-01');
      expect((await watched()).projectedCompletion).toBe(storedProjection);
      await store('2027-05-31');
      expect((await watched()).projectedCompletion).toBe(planned.projectedCompletion);
    } finally {
      await api.ds.query(`DELETE FROM case_forecasts WHERE case_id = $1`, [c.id]);
    }
  });
});
