import { DEMO_CASES, seedDemoCases } from '../../apps/api/src/demo/demo-cases';
import { DEMO_CONSULTANT, seedDemoDocuments, seedDemoProxies } from '../../apps/api/src/demo/demo-extras';
import { PHARMA_APPLICATION, PHARMA_FACTS, SIMPLE_FACTS, TestApi, type Reply } from './support/http';

/**
 * Issue 14: the application itself, over HTTP against real PostgreSQL and Redis — entered once,
 * each authority sees what it decides on (and nothing of other authorities' permits), drafts
 * with If-Match, the pre-submission check, incomplete filings flagged with the clock waiting for
 * completeness, the completeness deadline through the alert path, facts edits that change the
 * permit set, and the caseworker's "changed since you last looked".
 */
// Several HTTP round trips per test on a shared 2-core machine.
jest.setTimeout(60_000);

describe('the application (real PostgreSQL + Redis)', () => {
  const api = TestApi.forSuite();
  const ANNA = 'anna@nordlys.example';

  const put = (path: string, body: unknown, as: string, version: number | string): Promise<Reply> => api.call('PUT', path, { as, body, headers: { 'if-match': `"${version}"` } });
  const permitOf = (c: { permits: { code: string; id: string }[] }, code: string) => c.permits.find((p) => p.code === code) as { code: string; id: string };

  async function pharmaCase(withApplication: boolean) {
    const r = await api.post('/cases', { title: 'Nordlys API-fabrik', facts: PHARMA_FACTS, ...(withApplication ? { application: PHARMA_APPLICATION } : {}) }, ANNA);
    expect(r.status).toBe(201);
    return r.body;
  }

  it('shows the shared part entered once in three authorities’ views, and each authority only its own sections and documents', async () => {
    await api.setClock('2027-04-01T08:00:00Z');
    const c = await pharmaCase(true);
    const miljo = permitOf(c, 'MILJOEGODKENDELSE');
    const building = permitOf(c, 'BUILDING_PERMIT');
    const gmp = permitOf(c, 'GMP_MANUFACTURING');
    const noise = await api.upload(ANNA, c.id, { permitId: miljo.id, requirementKey: 'noiseAssessment' });
    expect(noise.status).toBe(201);
    expect([noise.body.requirementKey, noise.body.documentType]).toEqual(['noiseAssessment', 'noiseAssessment']);
    expect((await api.caseEvent(c.id, ANNA, { type: 'case.submitted' })).status).toBe(200);

    // MST (environmental permit), Kalundborg (building permit), DKMA (GMP): one address, entered once.
    const views = await Promise.all([
      api.get(`/permits/${miljo.id}/application`, 'cw.mst'),
      api.get(`/permits/${building.id}/application`, 'cw.kalundborg'),
      api.get(`/permits/${gmp.id}/application`, 'cw.dkma'),
    ]);
    for (const v of views) {
      expect(v.status).toBe(200);
      expect(v.body.shared.site.address).toBe('Industrivej 10, 4400 Kalundborg');
      expect(v.body.shared.site.cadastralParcels).toEqual((PHARMA_APPLICATION.shared.site as { cadastralParcels: unknown }).cadastralParcels);
    }
    expect(views[0].body.section).toEqual(PHARMA_APPLICATION.sections.MILJOEGODKENDELSE);
    expect(views[0].body.form.requiredDocuments.map((d: { key: string }) => d.key)).toEqual(['sitePlan', 'noiseAssessment']);
    expect(views[0].body.documents.map((d: { id: string }) => d.id)).toContain(noise.body.id);
    expect(views[2].body.documents.map((d: { id: string }) => d.id)).not.toContain(noise.body.id);

    // Another authority's section and documents: 404, as if they did not exist.
    expect((await api.get(`/permits/${miljo.id}/application`, 'cw.dkma')).status).toBe(404);
    expect((await api.get(`/documents/${noise.body.id}`, 'cw.dkma')).status).toBe(404);
    expect((await api.get(`/documents/${noise.body.id}/content`, 'cw.kalundborg')).status).toBe(404);
    expect((await api.get(`/documents/${noise.body.id}/content`, 'cw.mst')).status).toBe(200);
    expect((await api.get(`/documents/${noise.body.id}/content`, 'coordinator')).status).toBe(200);
    const kalundborg = await api.get(`/cases/${c.id}/application`, 'cw.kalundborg');
    expect(Object.keys(kalundborg.body.sections).sort()).toEqual(['BUILDING_PERMIT', 'VANDINDVINDING']);
    // The case page works for a caseworker who sees other permits only as summaries.
    const casePage = await api.get(`/cases/${c.id}`, 'cw.dkma');
    expect(casePage.status).toBe(200);
    expect(casePage.body.permits.find((p: { code: string }) => p.code === 'MILJOEGODKENDELSE').restricted).toBe(true);
    // Another company's applicant sees nothing of it.
    expect((await api.get(`/cases/${c.id}/application`, 'bo@bolge.example')).status).toBe(404);
    // A requirement of another case's permit: 404, nothing stored.
    const other = await api.post('/cases', { title: 'Bølge', facts: SIMPLE_FACTS }, 'bo@bolge.example');
    expect((await api.upload('bo@bolge.example', other.body.id, { permitId: building.id, requirementKey: 'sitePlan' })).status).toBe(404);
    expect((await api.upload(ANNA, c.id, { permitId: building.id, requirementKey: 'noSuchDocument' })).body.code).toBe('DOCUMENT.UNKNOWN_REQUIREMENT');
  });

  it('saves drafts with If-Match, refuses schema violations with every failing field, checks, and flags an incomplete API filing whose clock waits for completeness', async () => {
    await api.setClock('2027-05-03T08:00:00Z');
    // An API v1 client: facts only.
    const created = await api.post('/cases', { title: 'Hillerød udvidelse', facts: SIMPLE_FACTS }, 'bo@bolge.example');
    expect(created.status).toBe(201);
    const caseId = created.body.id;
    const app = await api.get(`/cases/${caseId}/application`, 'bo@bolge.example');
    expect([app.status, app.headers.get('etag'), app.body.shared]).toEqual([200, '"1"', {}]);

    const before = await api.counts();
    const bad = await put(`/cases/${caseId}/application`, { shared: { company: { cvr: '12', name: 'Bølge Biotech ApS' }, site: { municipalityCode: 'x' } }, sections: { BUILDING_PERMIT: { floorAreaM2: 'big' }, VANDINDVINDING: {} } }, 'bo@bolge.example', 1);
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('APPLICATION.INVALID');
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/sections/BUILDING_PERMIT/floorAreaM2', '/sections/VANDINDVINDING', '/shared/company/cvr', '/shared/site/municipalityCode']);
    for (const e of bad.body.errors) expect(e.da && e.en).toBeTruthy();
    expect(await api.counts()).toEqual(before);
    expect((await api.get(`/cases/${caseId}/application`, 'bo@bolge.example')).body.version).toBe(1);

    const draft = { shared: { company: { cvr: '10000002', name: 'Bølge Biotech ApS' } }, sections: { BUILDING_PERMIT: { buildingUse: 'Lager' } } };
    const saved = await put(`/cases/${caseId}/application`, draft, 'bo@bolge.example', 1);
    expect([saved.status, saved.body.version, saved.headers.get('etag')]).toEqual([200, 2, '"2"']);
    expect((await put(`/cases/${caseId}/application`, draft, 'bo@bolge.example', 1)).status).toBe(409);
    expect((await put(`/cases/${caseId}/application`, draft, 'coordinator', 2)).status).toBe(403);

    const check = await api.get(`/cases/${caseId}/application/check`, 'bo@bolge.example');
    const building = check.body.permits.find((p: { code: string }) => p.code === 'BUILDING_PERMIT');
    expect(building.complete).toBe(false);
    const missing = building.missing.map((i: { pointer: string }) => i.pointer);
    expect(missing).toEqual(expect.arrayContaining(['/shared/site', '/shared/contacts', '/sections/BUILDING_PERMIT/floorAreaM2', 'documents/sitePlan', 'documents/fireStrategy']));
    expect(building.missing.find((i: { pointer: string }) => i.pointer === 'documents/sitePlan').source).toMatch(/BR18/);

    // Filed through the API although incomplete: it arrives flagged with that list.
    const submitted = await api.caseEvent(caseId, 'bo@bolge.example', { type: 'case.submitted' });
    expect(submitted.status).toBe(200);
    const permitId = submitted.body.permits.find((p: { code: string }) => p.code === 'BUILDING_PERMIT').id;
    const filed = await api.get(`/permits/${permitId}`, 'cw.hillerod');
    expect(filed.body.state).toBe('submitted.completenessCheck');
    expect(filed.body.filing.filedIncomplete).toBe(true);
    expect(filed.body.filing.missingItems.map((i: { pointer: string }) => i.pointer)).toEqual(missing);
    expect(filed.body.filing.completenessDueOn).toBe('2027-05-24'); // 21 days after filing
    expect(filed.body.clocks.completeOn).toBeNull();
    expect(filed.body.clocks.target.running).toBe(false);
    expect(filed.body.filing.expectedDecisionOn).not.toBeNull();
    const audit = await api.ds.query(`SELECT payload FROM audit_events WHERE permit_id = $1 AND event_type = 'application.submitted'`, [permitId]);
    expect(audit[0].payload.incomplete).toBe(true);

    // The completeness deadline warns and breaches through the ordinary deadline-alert path.
    const alerts = await api.ds.query(`SELECT threshold FROM deadline_alerts WHERE permit_id = $1 AND clock = 'completeness' ORDER BY due_at`, [permitId]);
    expect(alerts.map((a: { threshold: string }) => a.threshold)).toEqual(['warning', 'breach']);
    await api.setClock('2027-05-25T08:00:00Z');
    const breached = await api.get(`/permits/${permitId}`, 'cw.hillerod');
    expect([breached.body.risk, breached.body.clocks.completeness.status]).toEqual(['breached', 'breached']);
    const fired = await api.ds.query(`SELECT event_type FROM audit_events WHERE permit_id = $1 AND event_type LIKE 'deadline.%' ORDER BY id`, [permitId]);
    expect(fired.map((f: { event_type: string }) => f.event_type)).toEqual(['deadline.warning', 'deadline.breach']);

    // Only the authority's confirmation starts the decision clock.
    const confirmed = await api.permitEvent(permitId, 'cw.hillerod', { type: 'authority.completenessConfirmed' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.clocks.completeOn).toBe('2027-05-25');
    expect(confirmed.body.clocks.target.running).toBe(true);
    expect(confirmed.body.clocks.completeness).toBeNull();
    expect(confirmed.body.filing.expectedDecisionOn).toBe(confirmed.body.clocks.dueOn);
    // The receipt tells the company the application is complete and the expected decision date.
    const receipts = await api.ds.query(
      `SELECT n.data, n.body FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.permit_id = $1 AND n.kind = 'applicationReceipt' AND u.username = 'bo@bolge.example'`,
      [permitId],
    );
    expect(receipts).toHaveLength(1);
    expect(receipts[0].data.dueOn).toBe(confirmed.body.clocks.dueOn);
    expect(receipts[0].body).toMatch(/Expected decision by|Forventet afgørelse senest den/); // in the recipient's language
  });

  it('files only the complete permits when the case is submitted with permitCodes; the rest follow one by one', async () => {
    const c = await pharmaCase(true);
    const submitted = await api.caseEvent(c.id, ANNA, { type: 'case.submitted', permitCodes: ['BUILDING_PERMIT'] });
    expect(submitted.status).toBe(200);
    const state = (code: string) => submitted.body.permits.find((p: { code: string }) => p.code === code).state;
    expect([state('BUILDING_PERMIT'), state('MILJOEGODKENDELSE'), state('VANDINDVINDING')]).toEqual(['submitted.completenessCheck', 'ready', 'ready']);
    const water = permitOf(submitted.body, 'VANDINDVINDING');
    expect((await api.upload(ANNA, c.id, { permitId: water.id, requirementKey: 'wellLocationMap' })).status).toBe(201);
    const filed = await api.permitEvent(water.id, ANNA, { type: 'application.submitted' });
    expect([filed.status, filed.body.state, filed.body.filing.filedIncomplete, filed.body.filing.held]).toEqual([200, 'submitted.completenessCheck', false, false]);
    const env = await api.get(`/permits/${permitOf(submitted.body, 'MILJOEGODKENDELSE').id}`, ANNA);
    expect([env.body.state, env.body.filing.held]).toEqual(['ready', true]);
  });

  it('re-runs screening when the facts change and asks the company to confirm the changed permit set (audited)', async () => {
    const created = await api.post('/cases', { title: 'Bølge lager', facts: SIMPLE_FACTS }, 'bo@bolge.example');
    const caseId = created.body.id;
    const withWater = { ...SIMPLE_FACTS, groundwaterAbstraction: true };
    const asked = await put(`/cases/${caseId}/application/facts`, { facts: withWater }, 'bo@bolge.example', 1);
    expect(asked.status).toBe(409);
    expect(asked.body.code).toBe('APPLICATION.PERMIT_SET_CHANGE_UNCONFIRMED');
    expect([asked.body.added.map((a: { code: string }) => a.code), asked.body.dropped]).toEqual([['VANDINDVINDING'], []]);
    expect((await api.get(`/cases/${caseId}`, 'bo@bolge.example')).body.permits).toHaveLength(1);

    const confirmed = await put(`/cases/${caseId}/application/facts`, { facts: withWater, confirm: { added: ['VANDINDVINDING'], dropped: [] } }, 'bo@bolge.example', 1);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.application.version).toBe(2);
    const after = await api.get(`/cases/${caseId}`, 'bo@bolge.example');
    expect(after.body.permits.map((p: { code: string }) => p.code).sort()).toEqual(['BUILDING_PERMIT', 'VANDINDVINDING']);
    expect(after.body.facts.groundwaterAbstraction).toBe(true);

    const dropped = await put(`/cases/${caseId}/application/facts`, { facts: SIMPLE_FACTS, confirm: { added: [], dropped: ['VANDINDVINDING'] } }, 'bo@bolge.example', 2);
    expect(dropped.status).toBe(200);
    const water = (await api.get(`/cases/${caseId}`, 'bo@bolge.example')).body.permits.find((p: { code: string }) => p.code === 'VANDINDVINDING');
    expect(water.state).toBe('withdrawn');
    const audit = await api.ds.query(`SELECT payload, actor_role FROM audit_events WHERE case_id = $1 AND event_type = 'application.factsChanged' ORDER BY id`, [caseId]);
    expect(audit.map((a: { payload: { added: string[]; dropped: string[] } }) => [a.payload.added, a.payload.dropped])).toEqual([[['VANDINDVINDING'], []], [[], ['VANDINDVINDING']]]);
  });

  it('a facts change moves the case and its routed tasks in or out of the national-strategic priority lane, audited', async () => {
    const BO = 'bo@bolge.example';
    const created = await api.post('/cases', { title: `Bølge strategisk ${Date.now()}`, facts: SIMPLE_FACTS }, BO);
    const caseId = created.body.id;
    expect(created.body.nationalStrategic).toBe(false);
    expect((await api.caseEvent(caseId, BO, { type: 'case.submitted' })).status).toBe(200);
    const tasksLane = async () => (await api.ds.query(`SELECT national_strategic FROM tasks WHERE case_id = $1`, [caseId])).map((t: { national_strategic: boolean }) => t.national_strategic);
    expect(await tasksLane()).toEqual([false]);
    const appVersion = async () => (await api.get(`/cases/${caseId}/application`, BO)).body.version;

    const up = await put(`/cases/${caseId}/application/facts`, { facts: { ...SIMPLE_FACTS, nationalStrategicImportance: true } }, BO, await appVersion());
    expect(up.status).toBe(200);
    expect((await api.get(`/cases/${caseId}`, BO)).body.nationalStrategic).toBe(true);
    expect(await tasksLane()).toEqual([true]);
    const down = await put(`/cases/${caseId}/application/facts`, { facts: SIMPLE_FACTS }, BO, await appVersion());
    expect(down.status).toBe(200);
    expect((await api.get(`/cases/${caseId}`, BO)).body.nationalStrategic).toBe(false);
    expect(await tasksLane()).toEqual([false]);
    // The same answer again changes nothing and says nothing about the lane.
    expect((await put(`/cases/${caseId}/application/facts`, { facts: SIMPLE_FACTS }, BO, await appVersion())).status).toBe(200);
    const audit = await api.ds.query(`SELECT payload FROM audit_events WHERE case_id = $1 AND event_type = 'application.factsChanged' ORDER BY id`, [caseId]);
    expect(audit.map((a: { payload: { nationalStrategic?: boolean } }) => a.payload.nationalStrategic ?? null)).toEqual([true, false, null]);
  });

  it('re-screening the facts recomputes the simple-case flag and the ceiling (12/18 months, none outside L 206), its due date and risk, audited', async () => {
    const BO = 'bo@bolge.example';
    // Eligible (a production company under regular inspection, DKK 150 million) and simple: 12 months.
    const simple = { ...SIMPLE_FACTS, regularEnvironmentalInspection: true, investmentDkk: 150_000_000 };
    // + groundwater and an annex-1 listed activity: Miljøstyrelsen too, so state and municipal — 18 months.
    const complex = { ...simple, groundwaterAbstraction: true, listedActivity: { annex: 'annex1', sMarked: true } };
    // Below DKK 100 million and one authority level: not eligible for Én indgang, no ceiling.
    const small = { ...simple, investmentDkk: 50_000_000 };
    const appVersion = async (id: string) => (await api.get(`/cases/${id}/application`, BO)).body.version as number;
    const changeFacts = async (id: string, facts: object) => {
      const asked = await put(`/cases/${id}/application/facts`, { facts }, BO, await appVersion(id));
      if (asked.status !== 409) return asked;
      const codes = (xs: { code: string }[]) => xs.map((x) => x.code);
      return put(`/cases/${id}/application/facts`, { facts, confirm: { added: codes(asked.body.added), dropped: codes(asked.body.dropped) } }, BO, await appVersion(id));
    };
    const rescreens = async (id: string) =>
      api.ds.query(`SELECT actor_role, payload FROM audit_events WHERE case_id = $1 AND event_type = 'case.ceilingRescreened' ORDER BY id`, [id]) as Promise<{ actor_role: string; payload: any }[]>;
    const storedCeilingRisk = async (id: string) => ((await api.ds.query(`SELECT ceiling_risk FROM case_forecasts WHERE case_id = $1`, [id]))[0] ?? { ceiling_risk: 'none stored' }).ceiling_risk;

    await api.setClock('2027-06-01T08:00:00Z');
    const created = await api.post('/cases', { title: `Bølge loftsskift ${Date.now()}`, facts: simple }, BO);
    expect([created.status, created.body.simple, created.body.ceilingMonths]).toEqual([201, true, 12]);
    const caseId = created.body.id;
    expect((await api.caseEvent(caseId, BO, { type: 'case.submitted' })).status).toBe(200);
    await api.setClock('2027-09-01T08:00:00Z');
    const at12 = (await api.get(`/cases/${caseId}`, BO)).body;
    expect(at12.ceilingDueOn).toMatch(/^2028-06-0/); // 12 months from submission (next business day)
    const used12 = at12.projection.ceilingUsedShare as number;
    expect(used12).toBeGreaterThan(0);

    const toComplex = await changeFacts(caseId, complex);
    expect([toComplex.status, toComplex.body.ceiling]).toEqual([200, { changed: true, simple: false, ceilingMonths: 18 }]);
    const at18 = (await api.get(`/cases/${caseId}`, BO)).body;
    expect([at18.simple, at18.ceilingMonths, at18.ceiling.appliesUnderL206]).toEqual([false, 18, true]);
    expect(at18.ceilingDueOn).toMatch(/^2028-12-0/); // still counted from the submission on 1 June 2027
    expect(at18.ceiling.reason.en).toMatch(/18-month ceiling/);
    // The ceiling's risk is measured against the new date: the projection's share of submission → new ceiling.
    const days = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
    const shareOf = (c: { projection: { projectedCompletion: string }; ceilingDueOn: string }) =>
      Math.round(((days(c.projection.projectedCompletion) - days('2027-06-01')) / (days(c.ceilingDueOn) - days('2027-06-01'))) * 1000) / 1000;
    expect(used12).toBe(shareOf(at12));
    expect(at18.projection.ceilingDueOn).toBe(at18.ceilingDueOn);
    expect(at18.projection.ceilingUsedShare).toBe(shareOf(at18));
    expect(at18.projection.ceilingRisk).toMatch(/^(onTrack|atRisk|breached)$/);
    expect(await storedCeilingRisk(caseId)).not.toBeNull();
    const [first] = await rescreens(caseId);
    expect(first.actor_role).toBe('applicant');
    expect(first.payload.before).toEqual({ simple: true, ceilingMonths: 12, ceilingDueOn: at12.ceilingDueOn });
    expect(first.payload.after).toEqual({ simple: false, ceilingMonths: 18, ceilingDueOn: at18.ceilingDueOn });

    const toSmall = await changeFacts(caseId, small);
    expect([toSmall.status, toSmall.body.ceiling]).toEqual([200, { changed: true, simple: true, ceilingMonths: null }]);
    const none = (await api.get(`/cases/${caseId}`, BO)).body;
    expect([none.ceilingMonths, none.ceilingDueOn, none.ceiling.appliesUnderL206, none.projection.ceilingRisk]).toEqual([null, null, false, null]);
    expect(none.ceiling.reason.en).toMatch(/Not eligible for Én indgang/);
    expect(await storedCeilingRisk(caseId)).toBeNull();
    expect((await rescreens(caseId)).map((r) => r.payload.after)).toEqual([first.payload.after, { simple: true, ceilingMonths: null, ceilingDueOn: null }]);
    // The same facts again: nothing moves, nothing more is audited.
    const same = await changeFacts(caseId, small);
    expect([same.status, same.body.ceiling.changed]).toEqual([200, false]);
    expect(await rescreens(caseId)).toHaveLength(2);

    // A draft: the new months are kept (row and machine context) and used when it is submitted.
    const draft = await api.post('/cases', { title: `Bølge kladde loftsskift ${Date.now()}`, facts: simple }, BO);
    expect((await changeFacts(draft.body.id, complex)).body.ceiling).toEqual({ changed: true, simple: false, ceilingMonths: 18 });
    const filed = await api.caseEvent(draft.body.id, BO, { type: 'case.submitted' });
    expect([filed.status, filed.body.ceilingMonths]).toEqual([200, 18]);
    expect(filed.body.ceilingDueOn).toMatch(/^2029-03-0/); // 18 months from 1 September 2027
  });

  it('shows the caseworker every answer in full and what changed since they last looked', async () => {
    const c = await pharmaCase(true);
    expect((await api.caseEvent(c.id, ANNA, { type: 'case.submitted' })).status).toBe(200);
    const building = permitOf(c, 'BUILDING_PERMIT');
    const first = await api.get(`/permits/${building.id}/application`, 'cw.kalundborg');
    expect(first.body.changes.sinceVersion).toBeNull();
    expect((await api.post(`/permits/${building.id}/application/seen`, { version: first.body.applicationVersion }, 'cw.kalundborg')).status).toBe(204);
    expect((await api.permitEvent(building.id, 'cw.kalundborg', { type: 'authority.infoRequested', question: 'Bygningshøjden: send opdaterede facadetegninger.' })).status).toBe(200);

    const app = await api.get(`/cases/${c.id}/application`, ANNA);
    const sections = { ...PHARMA_APPLICATION.sections, BUILDING_PERMIT: { ...PHARMA_APPLICATION.sections.BUILDING_PERMIT, heightM: 16 } };
    expect((await put(`/cases/${c.id}/application`, { shared: PHARMA_APPLICATION.shared, sections }, ANNA, app.body.version)).status).toBe(200);
    const drawings = await api.upload(ANNA, c.id, { permitId: building.id, requirementKey: 'drawings' });
    const answer = 'Højden er sænket til 16 m; opdaterede facadetegninger er vedhæftet.';
    expect((await api.permitEvent(building.id, ANNA, { type: 'applicant.infoProvided', answer, documentIds: [drawings.body.id] })).status).toBe(200);

    const view = await api.get(`/permits/${building.id}/application`, 'cw.kalundborg');
    expect(view.body.infoRequests).toHaveLength(1);
    expect(view.body.infoRequests[0].answer).toBe(answer);
    expect(view.body.infoRequests[0].answerDocumentIds).toEqual([drawings.body.id]);
    expect(view.body.changes.sinceVersion).toBe(first.body.applicationVersion);
    expect(view.body.changes.fields).toEqual([{ pointer: '/sections/BUILDING_PERMIT/heightM', before: 18.5, after: 16 }]);
    expect(view.body.changes.documents.map((d: { id: string }) => d.id)).toEqual([drawings.body.id]);
    expect((await api.get(`/documents/${drawings.body.id}/content`, 'cw.kalundborg')).status).toBe(200);
  });

  it('treats a case stored without an application row (SQL-seeded data) as an empty version 1', async () => {
    const created = await api.post('/cases', { title: 'Uden ansøgning', facts: SIMPLE_FACTS }, 'bo@bolge.example');
    await api.ds.query(`DELETE FROM case_applications WHERE case_id = $1`, [created.body.id]);
    const read = await api.get(`/cases/${created.body.id}/application`, 'bo@bolge.example');
    expect([read.status, read.body.version, read.body.shared]).toEqual([200, 1, {}]);
    const saved = await put(`/cases/${created.body.id}/application`, { shared: { company: { cvr: '10000002', name: 'Bølge Biotech ApS' } }, sections: {} }, 'bo@bolge.example', 1);
    expect([saved.status, saved.body.version]).toEqual([200, 2]);
    expect((await put(`/cases/${created.body.id}/application`, { shared: {}, sections: {} }, 'bo@bolge.example', 1)).status).toBe(409);
  });

  it('seeds the three demo cases with realistic application content', async () => {
    const { created } = await seedDemoCases(api.app);
    expect(created).toHaveLength(3);
    const [row] = await api.ds.query(`SELECT id FROM cases WHERE title = $1`, [DEMO_CASES.inProgress]);
    const app = await api.get(`/cases/${row.id}/application`, 'cw.kalundborg');
    expect(app.status).toBe(200);
    expect(app.body.shared.site.cadastralParcels).toHaveLength(2);
    expect(Object.keys(app.body.sections).sort()).toEqual(['BUILDING_PERMIT', 'VANDINDVINDING']);
    const check = await api.get(`/cases/${row.id}/application/check`, 'anna@nordlys.example');
    // Every field is filled; what is left are the uploads the catalogue asks for.
    for (const p of check.body.permits) for (const m of p.missing) expect([p.code, m.kind]).toEqual([p.code, 'document']);

    // Issue 14 point 7: small PDFs made at seed time, uploaded through the real service (one with a
    // revised version 2), and the demo consultant's fuldmagter — each seeded once.
    expect(await seedDemoDocuments(api.app)).toBe(6);
    expect(await seedDemoDocuments(api.app)).toBe(0);
    const docs = await api.get(`/cases/${row.id}/documents`, 'anna@nordlys.example');
    const names = docs.body.items.map((d: { filename: string }) => d.filename);
    expect(names).toEqual(expect.arrayContaining(['projektbeskrivelse-api-fabrik.pdf', 'miljoeansoegning-bilag-1.pdf', 'vandindvinding-boringsplan.pdf']));
    for (const d of docs.body.items) expect([d.filename, d.contentType]).toEqual([d.filename, 'application/pdf']);
    const first = docs.body.items[0];
    const pdf = await fetch(`${api.base}/documents/${first.id}/content`, { headers: { authorization: `Bearer ${await api.token('coordinator')}` } });
    expect([pdf.status, Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString('latin1')]).toEqual([200, '%PDF-']);
    const [revised] = await api.ds.query(`SELECT count(*)::int AS n FROM documents WHERE filename = 'situationsplan-lagerhal.pdf' AND version = 2`);
    expect(revised.n).toBeGreaterThanOrEqual(1);
    await seedDemoProxies(api.app);
    expect(await seedDemoProxies(api.app)).toBe(0);
    expect((await api.get(`/cases/${row.id}`, DEMO_CONSULTANT)).status).toBe(200); // Nordlys' Kalundborg case: prepare
  });
});
