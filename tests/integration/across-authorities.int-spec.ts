/**
 * Issue 17 items 2 and 3 over HTTP (real PostgreSQL and Redis): one information request across
 * authorities (three permits, two authorities, one answer) and joint hearings (one period = the
 * longest minimum, one public page, comments routed to each permit). Expected dates are computed
 * here from the calendar facts, not with the product's clock code.
 */
import { createCase, createSubmittedCase, PHARMA_FACTS, TestApi } from './support/http';

const APPLICANT = 'anna@nordlys.example';
const CW_MST = 'cw.mst';
const CW_KAL = 'cw.kalundborg';
const CW_HIL = 'cw.hillerod';
const COORD = 'coordinator';
const DAY_MS = 86_400_000;

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
/** Days in (from, to] a clock counting `unit` does not count while stopped: calendar days, or Monday–Friday (no holiday in these ranges: Easter 2027 is 28 March). */
function pausedUnits(from: string, to: string, unit: string): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (unit !== 'businessDays' || (wd !== 0 && wd !== 6)) n++;
  }
  return n;
}
/** A due date moved later by `n` counted units. */
function moved(due: string, n: number, unit: string): string {
  let d = due;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (unit !== 'businessDays' || (wd !== 0 && wd !== 6)) left--;
  }
  return d;
}

describe('Issue 17: one information request across authorities, joint hearings', () => {
  const api = TestApi.forSuite(process.env.DEBUG_LOG ? { LOG_LEVEL: 'error' } : {});

  const permit = async (id: string, as = COORD) => (await api.get(`/permits/${id}`, as)).body;
  const withVersion = (method: string, path: string, as: string, version: number, body?: unknown) => api.call(method, path, { as, body, headers: { 'if-match': `"${version}"` } });

  /**
   * Monday 1 March 2027: a submitted pharma case whose environmental permit (Miljøstyrelsen) and
   * water and building permits (Kalundborg) have passed the completeness check.
   */
  async function pharmaCaseInReview(title: string) {
    await api.setClock('2027-03-01T08:00:00Z'); // Monday
    const c = await createSubmittedCase(api, APPLICANT, PHARMA_FACTS, title);
    const id = (code: string) => c.permits.find((p: { code: string }) => p.code === code).id as string;
    const env = id('MILJOEGODKENDELSE');
    const water = id('VANDINDVINDING');
    const building = id('BUILDING_PERMIT');
    expect((await api.permitEvent(env, CW_MST, { type: 'authority.completenessConfirmed' })).status).toBe(200);
    expect((await api.permitEvent(water, CW_KAL, { type: 'authority.completenessConfirmed' })).status).toBe(200);
    expect((await api.permitEvent(building, CW_KAL, { type: 'authority.completenessConfirmed' })).status).toBe(200);
    return { c, env, water, building };
  }

  it('bundles questions of three permits (two authorities) into one request: identical questions merge, concurrent bundling makes one request, each clock stops and resumes by its own rule', async () => {
    const { c, env, water, building } = await pharmaCaseInReview(`Bundled request ${Date.now()}`);
    const before = new Map<string, any>();
    for (const p of [env, water, building]) before.set(p, (await permit(p)).clocks);

    await api.setClock('2027-03-05T09:00:00Z'); // Friday
    // The coordinator opens the draft: an invitation the case's authorities see.
    const opened = await api.post(`/cases/${c.id}/info-bundles`, { dueOn: '2027-03-19' }, COORD);
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ status: 'draft', dueOn: '2027-03-19', questions: [] });
    const bundleId = opened.body.id;
    const invitation = await api.get(`/cases/${c.id}/info-bundles`, CW_MST);
    expect(invitation.body.items.map((b: any) => b.id)).toEqual([bundleId]);
    // The company does not see a draft.
    expect((await api.get(`/info-bundles/${bundleId}`, APPLICANT)).status).toBe(404);

    // Two caseworkers bundle the same question at the same time (spelled slightly differently), twice each.
    const kal = { dueOn: '2027-03-19', questions: [{ permitIds: [water, building], question: 'Send the updated site plan.' }] };
    const mst = { dueOn: '2027-03-19', questions: [{ permitIds: [env], question: '  send the updated   SITE plan ' }, { permitIds: [env], question: 'Send the noise assessment for the night.' }] };
    const results = await Promise.all([
      api.post(`/cases/${c.id}/info-bundles`, kal, CW_KAL),
      api.post(`/cases/${c.id}/info-bundles`, mst, CW_MST),
      api.post(`/cases/${c.id}/info-bundles`, kal, CW_KAL),
      api.post(`/cases/${c.id}/info-bundles`, mst, CW_MST),
    ]);
    for (const r of results) expect([r.status, r.body.id]).toEqual([200, bundleId]);
    const bundles = await api.ds.query(`SELECT id FROM info_bundles WHERE case_id = $1`, [c.id]);
    expect(bundles.length).toBe(1);
    const full = await api.get(`/info-bundles/${bundleId}`, COORD);
    expect(full.body.questions.length).toBe(2);
    const sitePlan = full.body.questions.find((q: any) => q.question === 'Send the updated site plan.');
    expect(sitePlan.permits.map((p: any) => p.permitId).sort()).toEqual([env, water, building].sort());
    const noise = full.body.questions.find((q: any) => q.question.startsWith('Send the noise'));
    expect(noise.permits.map((p: any) => p.permitId)).toEqual([env]);
    // Least privilege: Kalundborg sees its own question only.
    const kalView = await api.get(`/info-bundles/${bundleId}`, CW_KAL);
    expect(kalView.body.questions.map((q: any) => q.id)).toEqual([sitePlan.id]);
    expect(kalView.body.hiddenQuestions).toBe(1);

    // Bad input writes nothing.
    const other = await createCase(api, APPLICANT, PHARMA_FACTS, `Other case ${Date.now()}`);
    const otherPermit = other.permits.find((p: any) => p.code === 'VANDINDVINDING').id;
    const rows = async () => (await api.ds.query(`SELECT (SELECT count(*)::int FROM info_bundle_question_permits qp JOIN info_bundle_questions q ON q.id = qp.question_id WHERE q.bundle_id = $1) AS n`, [bundleId]))[0].n;
    const linksBefore = await rows();
    const foreign = await api.post(`/cases/${c.id}/info-bundles`, { dueOn: '2027-03-19', questions: [{ permitIds: [env, otherPermit], question: 'Anything else?' }] }, COORD);
    expect([foreign.status, foreign.body.code]).toEqual([422, 'INFO_BUNDLE.PERMIT_NOT_IN_CASE']);
    expect(foreign.headers.get('content-type')).toContain('application/problem+json');
    const unknown = await api.post(`/cases/${c.id}/info-bundles`, { dueOn: '2027-03-19', questions: [{ permitIds: ['00000000-0000-4000-8000-000000000000'], question: 'x' }] }, CW_KAL);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'PERMIT.NOT_FOUND']);
    const notMine = await api.post(`/cases/${c.id}/info-bundles`, { dueOn: '2027-03-19', questions: [{ permitIds: [env], question: 'Mine?' }] }, CW_KAL);
    expect([notMine.status, notMine.body.code]).toEqual([403, 'INFO_BUNDLE.NOT_YOUR_PERMIT']);
    // The coordinator invites and sends but asks nothing itself (an information request is the authority's act).
    const coordAsks = await api.post(`/cases/${c.id}/info-bundles`, { dueOn: '2027-03-19', questions: [{ permitIds: [env], question: 'Coordinator question?' }] }, COORD);
    expect([coordAsks.status, coordAsks.body.code]).toEqual([403, 'INFO_BUNDLE.NOT_YOUR_PERMIT']);
    const past = await api.post(`/cases/${c.id}/info-bundles`, { dueOn: '2027-03-04', questions: [{ permitIds: [env], question: 'Late?' }] }, CW_MST);
    expect([past.status, past.body.code]).toEqual([422, 'INFO_BUNDLE.DUE_DATE_INVALID']);
    expect(await rows()).toBe(linksBefore);

    // Send: stale version 409; two senders at once → one request, one stop per permit.
    const current = (await api.get(`/info-bundles/${bundleId}`, COORD)).body.version;
    const stale = await withVersion('POST', `/info-bundles/${bundleId}/send`, COORD, current - 1);
    expect([stale.status, stale.body.code]).toEqual([409, 'CONCURRENCY.VERSION_CONFLICT']);
    const sends = await Promise.all([withVersion('POST', `/info-bundles/${bundleId}/send`, COORD, current), withVersion('POST', `/info-bundles/${bundleId}/send`, CW_MST, current)]);
    expect(sends.map((s) => s.status).sort()).toEqual([200, 409]);
    const sent = sends.find((s) => s.status === 200)!.body;
    expect(sent.status).toBe('sent');
    for (const p of [env, water, building]) {
      const v = await permit(p);
      expect(v.state).toBe('submitted.infoRequested');
      expect(v.clocks.target.running).toBe(false);
      expect(v.clocks.target.pausedBy).toEqual(['awaitingApplicant']);
      const asked = await api.ds.query(`SELECT actor_role, payload FROM audit_events WHERE permit_id = $1 AND event_type = 'authority.infoRequested'`, [p]);
      expect(asked.length).toBe(1); // no duplicate stop
      expect(asked[0].actor_role).toBe('caseworker');
      expect(asked[0].payload.infoBundleId).toBe(bundleId);
      expect(asked[0].payload.dueOn).toBe('2027-03-19');
    }
    // MST's permit asks both its questions, numbered; Kalundborg's permits only the site plan.
    expect((await api.ds.query(`SELECT payload FROM audit_events WHERE permit_id = $1 AND event_type = 'authority.infoRequested'`, [env]))[0].payload.question).toBe(
      '1. Send the updated site plan.\n2. Send the noise assessment for the night.',
    );
    expect((await api.ds.query(`SELECT payload FROM audit_events WHERE permit_id = $1 AND event_type = 'authority.infoRequested'`, [water]))[0].payload.question).toBe('Send the updated site plan.');
    // The same question again for a permit waiting for the answer: merged into the sent request, not asked twice.
    const again = await api.post(`/cases/${c.id}/info-bundles`, kal, CW_KAL);
    expect([again.status, again.body.id, again.body.status]).toEqual([200, bundleId, 'sent']);

    // The company sees one request with two questions and answers each once.
    const listed = await api.get(`/cases/${c.id}/info-bundles`, APPLICANT);
    expect(listed.body.items.length).toBe(1);
    expect(listed.body.items[0].questions.length).toBe(2);
    const incomplete = await withVersion('POST', `/info-bundles/${bundleId}/answers`, APPLICANT, sent.version, { answers: [{ questionId: sitePlan.id, answer: 'Attached.' }] });
    expect([incomplete.status, incomplete.body.code, incomplete.body.missing]).toEqual([422, 'INFO_BUNDLE.ANSWERS_INCOMPLETE', [noise.id]]);
    expect((await permit(env)).state).toBe('submitted.infoRequested');

    await api.setClock('2027-03-09T10:00:00Z'); // Tuesday
    const doc = await api.upload(APPLICANT, c.id);
    expect(doc.status).toBe(201);
    const answered = await withVersion('POST', `/info-bundles/${bundleId}/answers`, APPLICANT, sent.version, {
      answers: [
        { questionId: sitePlan.id, answer: 'The updated site plan is attached.', documentIds: [doc.body.id] },
        { questionId: noise.id, answer: 'Night noise stays below 40 dB(A) at the nearest dwelling.' },
      ],
    });
    expect(answered.status).toBe(200);
    expect(answered.body.status).toBe('answered');
    for (const p of [env, water, building]) {
      const v = await permit(p);
      expect(v.state).toBe('submitted.underReview');
      expect(v.clocks.target.running).toBe(true);
      expect(v.clocks.stops).toEqual([{ reason: 'awaitingApplicant', from: '2027-03-05', to: '2027-03-09' }]);
      // Each clock moves by the days it paused, counted in its own unit.
      for (const kind of ['target', 'statutory'] as const) {
        const b = before.get(p)[kind];
        if (!b?.dueOn) continue;
        expect(v.clocks[kind].dueOn).toBe(moved(b.dueOn, pausedUnits('2027-03-05', '2027-03-09', b.unit), b.unit));
      }
      const provided = await api.ds.query(`SELECT actor_role, payload FROM audit_events WHERE permit_id = $1 AND event_type = 'applicant.infoProvided'`, [p]);
      expect(provided.length).toBe(1);
      expect(provided[0].payload.documentIds).toEqual([doc.body.id]);
    }
    // Calendar-day clocks here: 4 paused days (Sat–Tue) move the environmental permit's 200-day servicemål 4 days.
    expect((await permit(env)).clocks.dueOn).toBe(addDays(before.get(env).dueOn, 4));
    // Each answer reached only the permits that asked it.
    const waterAnswer = (await api.ds.query(`SELECT payload FROM audit_events WHERE permit_id = $1 AND event_type = 'applicant.infoProvided'`, [water]))[0].payload.answer;
    expect(waterAnswer).toBe('The updated site plan is attached.');
    const envAnswer = (await api.ds.query(`SELECT payload FROM audit_events WHERE permit_id = $1 AND event_type = 'applicant.infoProvided'`, [env]))[0].payload.answer;
    expect(envAnswer).toContain('Night noise stays below 40 dB(A)');
    expect(envAnswer).toContain('The updated site plan is attached.');
    const twice = await withVersion('POST', `/info-bundles/${bundleId}/answers`, APPLICANT, answered.body.version, { answers: [{ questionId: sitePlan.id, answer: 'Again' }, { questionId: noise.id, answer: 'Again' }] });
    expect([twice.status, twice.body.code]).toEqual([422, 'INFO_BUNDLE.NOT_SENT']);
    // Another company's user cannot see it.
    expect((await api.get(`/info-bundles/${bundleId}`, 'bo@bolge.example')).status).toBe(404);
  }, 60_000);

  it('tells the company ONCE per sent bundle (in-app and e-mail, every question and permit, the one due date), not once per covered permit; each permit still stops its own clock', async () => {
    const title = `Bundle notice ${Date.now()}`;
    const { c, env, water, building } = await pharmaCaseInReview(title);
    const kal = await api.post(`/cases/${c.id}/info-bundles`, { dueOn: '2027-03-15', questions: [{ permitIds: [water, building], question: 'Send the drainage plan.' }] }, CW_KAL);
    expect(kal.status).toBe(200);
    const mst = await api.post(`/cases/${c.id}/info-bundles`, { dueOn: '2027-03-15', questions: [{ permitIds: [env], question: 'Send the odour assessment.' }] }, CW_MST);
    expect(mst.status).toBe(200);
    const applicantRows = (kind: string) =>
      api.ds.query(`SELECT n.id, n.title, n.body, n.permit_id, n.data FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = $1 AND n.case_id = $2 AND n.kind = $3`, [APPLICANT, c.id, kind]);
    expect(await applicantRows('infoBundleSent')).toEqual([]);

    const sent = await withVersion('POST', `/info-bundles/${kal.body.id}/send`, COORD, mst.body.version);
    expect(sent.status).toBe(200);
    const notices = await applicantRows('infoBundleSent');
    expect(notices.length).toBe(1);
    expect(notices[0].permit_id).toBeNull();
    expect(notices[0].data.dueOn).toBe('2027-03-15');
    // Danish (Anna's locale): every question, every covered permit's name, the one due date.
    expect(notices[0].body).toContain('Send the drainage plan.');
    expect(notices[0].body).toContain('Send the odour assessment.');
    for (const code of ['MILJOEGODKENDELSE', 'VANDINDVINDING', 'BUILDING_PERMIT']) {
      const name = c.permits.find((p: any) => p.code === code).nameDa as string;
      expect(notices[0].body).toContain(name);
    }
    expect(notices[0].body).toContain('15. marts 2027');
    // No per-permit request notice to the company for the bundled permits.
    expect(await applicantRows('infoRequested')).toEqual([]);
    // One e-mail for the one notification.
    const mails = await api.ds.query(`SELECT count(*)::int AS n FROM outbox WHERE type = 'email.send' AND payload->>'notificationId' = $1`, [notices[0].id]);
    expect(mails[0].n).toBe(1);
    // Each permit's own clock effects stay: all three stopped, each audited once.
    for (const p of [env, water, building]) {
      const v = await permit(p);
      expect(v.state).toBe('submitted.infoRequested');
      expect(v.clocks.target.running).toBe(false);
      expect((await api.ds.query(`SELECT 1 FROM audit_events WHERE permit_id = $1 AND event_type = 'authority.infoRequested'`, [p])).length).toBe(1);
    }
    // A request a caseworker sends alone (not bundled) still tells the company itself.
    const other = await createSubmittedCase(api, APPLICANT, PHARMA_FACTS, `${title} alone`);
    const alone = other.permits.find((p: any) => p.code === 'VANDINDVINDING').id;
    expect((await api.permitEvent(alone, CW_KAL, { type: 'authority.infoRequested', question: 'Send the pumping test.', dueOn: '2027-03-15' })).status).toBe(200);
    const single = await api.ds.query(`SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = $1 AND n.permit_id = $2 AND n.kind = 'infoRequested'`, [APPLICANT, alone]);
    expect(single[0].n).toBe(1);
  }, 60_000);

  it('runs one joint hearing for a local plan, a plan amendment and an EIA permit: one period ending at the longest minimum, one public page, comments to each permit', async () => {
    await api.setClock('2027-01-11T09:00:00Z'); // Monday (CET)
    const facts = { municipalityCode: '219', siteZone: 'byzone', fitsMunicipalPlanFrame: false, listedActivity: { annex: 'annex2', sMarked: false }, eiaAnnex: 'annex1' };
    const c = await createSubmittedCase(api, APPLICANT, facts, `Joint hearing ${Date.now()}`);
    const id = (code: string) => c.permits.find((p: { code: string }) => p.code === code).id as string;
    const plan = id('LOKALPLAN');
    const amendment = id('KOMMUNEPLANTILLAEG');
    const eia = id('VVM_PERMIT');
    for (const p of [plan, amendment, eia]) expect((await api.permitEvent(p, CW_HIL, { type: 'authority.completenessConfirmed' })).status).toBe(200);
    // The proposal shown on the public page: a document of the case (the company's EIA report).
    const proposal = await api.upload(APPLICANT, c.id);
    expect(proposal.status).toBe(201);
    const docId = proposal.body.id;

    const draft = await api.post(`/cases/${c.id}/joint-hearings`, { permits: [{ permitId: plan, minimumBasis: 'PL_24_5' }, { permitId: eia }], audience: 'Offentligheden', documentIds: [docId] }, CW_HIL);
    expect(draft.status).toBe(200);
    expect(draft.body.status).toBe('draft');
    const more = await api.post(`/cases/${c.id}/joint-hearings`, { permits: [{ permitId: amendment, minimumBasis: 'PL_24_4' }] }, CW_HIL);
    expect([more.status, more.body.id]).toEqual([200, draft.body.id]);
    expect(more.body.permits.length).toBe(3);

    // Bad input: another case's permit 422, an unknown permit 404, nothing added.
    const other = await createSubmittedCase(api, APPLICANT, facts, `Other joint ${Date.now()}`);
    const foreign = await api.post(`/cases/${c.id}/joint-hearings`, { permits: [{ permitId: other.permits[0].id }] }, CW_HIL);
    expect([foreign.status, foreign.body.code]).toEqual([422, 'JOINT_HEARING.PERMIT_NOT_IN_CASE']);
    const unknown = await api.post(`/cases/${c.id}/joint-hearings`, { permits: [{ permitId: '00000000-0000-4000-8000-000000000000' }] }, CW_HIL);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'PERMIT.NOT_FOUND']);
    const coordAdds = await api.post(`/cases/${c.id}/joint-hearings`, { permits: [{ permitId: plan }] }, COORD);
    expect([coordAdds.status, coordAdds.body.code]).toEqual([403, 'JOINT_HEARING.NOT_YOUR_PERMIT']);
    expect((await api.get(`/joint-hearings/${draft.body.id}`, COORD)).body.permits.length).toBe(3);

    const stale = await withVersion('POST', `/joint-hearings/${draft.body.id}/start`, CW_HIL, more.body.version - 1);
    expect([stale.status, stale.body.code]).toEqual([409, 'CONCURRENCY.VERSION_CONFLICT']);
    const started = await withVersion('POST', `/joint-hearings/${draft.body.id}/start`, CW_HIL, more.body.version);
    expect(started.status).toBe(200);
    // Independently: started Monday 2027-01-11 (CET). 8 weeks (MVL §35) → last day 2027-03-08, may close from 00:00 on
    // 2027-03-09 Copenhagen = 2027-03-08T23:00Z; the local plan's 4 weeks (PL §24(5)) → 2027-02-08 → 2027-02-08T23:00Z.
    expect(started.body.earliestEndAt).toBe('2027-03-08T23:00:00.000Z');
    const own = Object.fromEntries(started.body.permits.map((p: any) => [p.code, p.ownEarliestEndAt]));
    expect(own.LOKALPLAN).toBe('2027-02-08T23:00:00.000Z');
    expect(own.KOMMUNEPLANTILLAEG).toBe('2027-02-08T23:00:00.000Z');
    expect(own.VVM_PERMIT).toBe('2027-03-08T23:00:00.000Z');
    for (const p of [plan, amendment, eia]) expect((await permit(p)).state).toBe('submitted.hearing');

    // The plan accounts for it: one period for all covered permits.
    const gantt = await api.get(`/cases/${c.id}/plan`, COORD);
    expect(gantt.status).toBe(200);
    expect(gantt.body.jointHearings).toEqual([{ id: draft.body.id, permitIds: [plan, amendment, eia].sort(), earliestEndOn: '2027-03-09' }]);
    for (const p of [plan, amendment, eia]) {
      const row = gantt.body.rows.find((r: any) => r.permitId === p);
      expect(row.jointHearing).toEqual({ id: draft.body.id, earliestEndOn: '2027-03-09' });
      expect(row.plannedEnd >= '2027-03-09').toBe(true);
    }

    // One public page, no login; a comment reaches every covered permit's hearing.
    const page = await api.get(`/public/joint-hearings/${draft.body.id}`);
    expect(page.status).toBe(200);
    expect(page.body.permits.map((p: any) => p.permitCode).sort()).toEqual(['KOMMUNEPLANTILLAEG', 'LOKALPLAN', 'VVM_PERMIT']);
    expect(page.body.earliestEndAt).toBe('2027-03-08T23:00:00.000Z');
    expect(page.body.documents.map((d: any) => d.id)).toEqual([docId]);
    const comment = await api.post(`/public/joint-hearings/${draft.body.id}/comments`, { name: 'Nabo', email: 'nabo@example.dk', text: 'Trafikken på Industrivej bliver for stor.' });
    expect(comment.status).toBe(201);
    expect(comment.body.comments.map((x: any) => x.permitId).sort()).toEqual([plan, amendment, eia].sort());
    const targeted = await api.post(`/public/joint-hearings/${draft.body.id}/comments`, { name: 'Forening', email: 'f@example.dk', text: 'Kun om lokalplanen.', permitIds: [plan] });
    expect(targeted.body.comments.map((x: any) => x.permitId)).toEqual([plan]);
    const planHearings = await api.get(`/permits/${plan}/hearings`, CW_HIL);
    expect(planHearings.body.items[0].comments.map((x: any) => x.text)).toEqual(['Trafikken på Industrivej bliver for stor.', 'Kun om lokalplanen.']);
    expect(planHearings.body.items[0].jointHearingId).toBe(draft.body.id);
    const eiaHearings = await api.get(`/permits/${eia}/hearings`, CW_HIL);
    expect(eiaHearings.body.items[0].comments.map((x: any) => x.text)).toEqual(['Trafikken på Industrivej bliver for stor.']);
    const markup = await api.post(`/public/joint-hearings/${draft.body.id}/comments`, { name: 'X', email: 'x@example.dk', text: '<script>alert(1)</script>' });
    expect([markup.status, markup.body.code]).toEqual([422, 'HEARING.COMMENT_REFUSED']);

    // After the local plan's own minimum but before the longest: neither the permit alone nor the joint hearing may close.
    await api.setClock('2027-02-15T09:00:00Z');
    const alone = await api.permitEvent(plan, CW_HIL, { type: 'authority.hearingEnded' });
    expect([alone.status, alone.body.code]).toEqual([422, 'JOINT_HEARING.END_THROUGH_JOINT_HEARING']);
    const version = (await api.get(`/joint-hearings/${draft.body.id}`, CW_HIL)).body.version;
    const early = await withVersion('POST', `/joint-hearings/${draft.body.id}/end`, CW_HIL, version);
    expect([early.status, early.body.code, early.body.earliestEndAt]).toEqual([422, 'JOINT_HEARING.MINIMUM_NOT_REACHED', '2027-03-08T23:00:00.000Z']);
    expect((await permit(plan)).state).toBe('submitted.hearing');

    await api.setClock('2027-03-08T23:00:00Z'); // 00:00 on 9 March in Copenhagen
    const ended = await withVersion('POST', `/joint-hearings/${draft.body.id}/end`, CW_HIL, version);
    expect(ended.status).toBe(200);
    expect(ended.body.status).toBe('ended');
    for (const p of [plan, amendment, eia]) expect((await permit(p)).state).toBe('submitted.underReview');
    expect((await api.get(`/public/joint-hearings/${draft.body.id}`)).body.open).toBe(false);
    expect((await api.get(`/cases/${c.id}/plan`, COORD)).body.jointHearings).toEqual([]);
  }, 60_000);
});
