import { randomUUID } from 'node:crypto';
import { createCase, createSubmittedCase, PHARMA_FACTS, type Reply, SIMPLE_FACTS, TestApi } from './support/http';

/**
 * Least privilege per role (issue 12, points 3, 4, 8, 9, 10, 11): what each role may read and
 * write beyond object ownership. Every refusal is problem+json with a stable code and changes
 * nothing (row counts and version sums are compared around it).
 */

const RUN = `lp-${Date.now().toString(36)}`;
const ANNA = 'anna@nordlys.example';
const BO = 'bo@bolge.example';
const ACT_FOR_APPLICANT = 'ACCESS.APPLICANT_ACTION_FORBIDDEN';

describe('least privilege per role', () => {
  const api = TestApi.forSuite();

  beforeAll(async () => {
    await api.setClock('2027-05-03T08:00:00Z'); // Monday
  }, 60_000);

  const upload = (as: string, caseId: string, fields: Record<string, string> = {}) => api.upload(as, caseId, fields);

  async function snapshot() {
    return { counts: await api.counts(), versionSum: await api.versionSum() };
  }

  function expectProblem(r: Reply, status: number, code: string) {
    expect({ status: r.status, code: r.body?.code }).toEqual({ status, code });
    expect(r.headers.get('content-type')).toContain('application/problem+json');
  }

  /** Sends `send`, expects the problem, and that nothing in the database changed. */
  async function refusedWithoutWrites(send: () => Promise<Reply>, status: number, code: string) {
    const before = await snapshot();
    expectProblem(await send(), status, code);
    expect(await snapshot()).toEqual(before);
  }

  const idsOfAuthority = (c: any, code: string) => c.permits.filter((p: any) => p.authority.code === code).map((p: any) => p.id as string);

  describe('point 3: an authority sees a case only once a permit of it is submitted or routed there', () => {
    let draft: any;
    let documentId: string;
    let kalundborgPermit: string;

    beforeAll(async () => {
      draft = await createCase(api, ANNA, PHARMA_FACTS, `Draft ${RUN}`);
      [kalundborgPermit] = idsOfAuthority(draft, 'KOMMUNE-326');
      const up = await upload(ANNA, draft.id);
      expect(up.status).toBe(201);
      documentId = up.body.id;
    });

    const reads = (): [string, () => string, string][] => [
      ['GET /cases/:id', () => `/cases/${draft.id}`, 'CASE.NOT_FOUND'],
      ['GET /cases/:id/timeline', () => `/cases/${draft.id}/timeline`, 'CASE.NOT_FOUND'],
      ['GET /cases/:id/plan', () => `/cases/${draft.id}/plan`, 'CASE.NOT_FOUND'],
      ['GET /cases/:id/documents', () => `/cases/${draft.id}/documents`, 'CASE.NOT_FOUND'],
      ['GET /documents/:id', () => `/documents/${documentId}`, 'DOCUMENT.NOT_FOUND'],
      ['GET /documents/:id/content', () => `/documents/${documentId}/content`, 'DOCUMENT.NOT_FOUND'],
      ['GET /permits/:id (its own authority’s permit)', () => `/permits/${kalundborgPermit}`, 'PERMIT.NOT_FOUND'],
    ];

    it('a caseworker whose authority will decide a permit of a draft gets 404 on every read of it, and it is not in their list', async () => {
      for (const [name, path, code] of reads()) {
        const r = await api.get(path(), 'cw.kalundborg');
        expect({ name, status: r.status, code: r.body?.code }).toEqual({ name, status: 404, code });
        expect(JSON.stringify(r.body)).not.toContain(RUN);
      }
      const list = await api.get(`/cases?pageSize=100&q=${RUN}`, 'cw.kalundborg');
      expect(list.status).toBe(200);
      expect(list.body.items.map((c: any) => c.id)).not.toContain(draft.id);
      expect(list.body.total).toBe(0);
      const byRisk = await api.get(`/cases?pageSize=100&risk=onTrack&q=${RUN}`, 'cw.kalundborg');
      expect(byRisk.body.items.map((c: any) => c.id)).not.toContain(draft.id);
    });

    it('nor can that caseworker write into the draft (upload, permit event): 404, nothing written', async () => {
      await refusedWithoutWrites(() => upload('cw.kalundborg', draft.id), 404, 'CASE.NOT_FOUND');
      await refusedWithoutWrites(() => upload('cw.kalundborg', draft.id, { permitId: kalundborgPermit }), 404, 'CASE.NOT_FOUND');
      const probe = await api.call('POST', `/permits/${kalundborgPermit}/events`, { as: 'cw.kalundborg', body: { type: 'authority.completenessConfirmed' }, headers: { 'if-match': '"1"' } });
      expectProblem(probe, 404, 'PERMIT.NOT_FOUND');
    });

    it('the owner and the coordinator see the draft (positive control)', async () => {
      for (const who of [ANNA, 'coordinator']) {
        for (const [name, path] of reads()) {
          const r = await api.get(path(), who);
          expect({ who, name, status: r.status }).toEqual({ who, name, status: 200 });
        }
      }
    });

    it('a draft withdrawn before submission stays invisible to the authority', async () => {
      const gone = await createCase(api, ANNA, SIMPLE_FACTS, `Withdrawn draft ${RUN}`);
      expect((await api.caseEvent(gone.id, ANNA, { type: 'case.withdrawn', reason: 'changed plans' })).status).toBe(200);
      expectProblem(await api.get(`/cases/${gone.id}`, 'cw.hillerod'), 404, 'CASE.NOT_FOUND');
      expectProblem(await api.get(`/permits/${gone.permits[0].id}`, 'cw.hillerod'), 404, 'PERMIT.NOT_FOUND');
    });

    it('once submitted, the same caseworker sees the case, its own permits in full and the case documents', async () => {
      expect((await api.caseEvent(draft.id, ANNA, { type: 'case.submitted' })).status).toBe(200);
      for (const [name, path] of reads()) {
        const r = await api.get(path(), 'cw.kalundborg');
        expect({ name, status: r.status }).toEqual({ name, status: 200 });
      }
      const list = await api.get(`/cases?pageSize=100&q=${RUN}`, 'cw.kalundborg');
      expect(list.body.items.map((c: any) => c.id)).toContain(draft.id);
      // An authority without a permit in the case still sees nothing.
      expectProblem(await api.get(`/cases/${draft.id}`, 'cw.hillerod'), 404, 'CASE.NOT_FOUND');
    });
  });

  describe('point 4: admins see no case data anywhere', () => {
    let c: any;
    let documentId: string;
    beforeAll(async () => {
      c = await createSubmittedCase(api, ANNA, SIMPLE_FACTS, `Admin probe ${RUN}`);
      documentId = (await upload(ANNA, c.id)).body.id;
    });

    it('GET /dashboard is for the coordinator only: the admin gets 403 AUTH.FORBIDDEN without any case data', async () => {
      const coord = await api.get('/dashboard', 'coordinator');
      expect(coord.status).toBe(200);
      // The dashboard lists cases (the page is bounded, so which ones depends on the other tests).
      const refs: string[] = coord.body.cases.map((x: any) => x.reference);
      expect(refs.length).toBeGreaterThan(0);
      const admin = await api.get('/dashboard', 'admin');
      expectProblem(admin, 403, 'AUTH.FORBIDDEN');
      for (const ref of [...refs, c.reference, c.id]) expect(JSON.stringify(admin.body)).not.toContain(ref);
    });

    it.each([
      ['GET /cases', () => '/cases'],
      ['GET /cases/:id', () => `/cases/${c.id}`],
      ['GET /cases/:id/timeline', () => `/cases/${c.id}/timeline`],
      ['GET /cases/:id/plan', () => `/cases/${c.id}/plan`],
      ['GET /cases/:id/documents', () => `/cases/${c.id}/documents`],
      ['GET /documents/:id', () => `/documents/${documentId}`],
      ['GET /documents/:id/content', () => `/documents/${documentId}/content`],
      ['GET /permits/:id', () => `/permits/${c.permits[0].id}`],
      ['GET /tasks', () => '/tasks'],
      ['GET /dashboard', () => '/dashboard'],
    ])('admin → %s is 403 AUTH.FORBIDDEN', async (_name, path) => {
      const r = await api.get(path(), 'admin');
      expectProblem(r, 403, 'AUTH.FORBIDDEN');
      expect(JSON.stringify(r.body)).not.toContain(c.reference);
    });

    it('the admin’s own notifications carry no case data', async () => {
      const r = await api.get('/notifications?pageSize=100', 'admin');
      expect(r.status).toBe(200);
      expect(r.body.items).toEqual([]);
    });
  });

  describe('point 8: coordinators do not act for the company', () => {
    let c: any;
    let mstPermit: string;
    beforeAll(async () => {
      c = await createCase(api, ANNA, PHARMA_FACTS, `Coordinator probe ${RUN}`);
      [mstPermit] = idsOfAuthority(c, 'MST');
    });

    const caseVersion = async () => (await api.get(`/cases/${c.id}`, 'coordinator')).body.version as number;
    const permitVersion = async (id: string) => (await api.get(`/permits/${id}`, 'coordinator')).body.version as number;
    const coordCaseEvent = async (event: object) =>
      api.call('POST', `/cases/${c.id}/events`, { as: 'coordinator', body: event, headers: { 'if-match': `"${await caseVersion()}"` } });
    const coordPermitEvent = async (id: string, event: object) =>
      api.call('POST', `/permits/${id}/events`, { as: 'coordinator', body: event, headers: { 'if-match': `"${await permitVersion(id)}"` } });

    it.each([
      ['case.withdrawn', { type: 'case.withdrawn', reason: 'the coordinator thinks so' }],
      ['case.submitted', { type: 'case.submitted' }],
    ])('a coordinator sending %s on a company’s draft → 403 %s, nothing changes', async (_t, event) => {
      await refusedWithoutWrites(() => coordCaseEvent(event), 403, ACT_FOR_APPLICANT);
    });

    it('the coordinator is not offered case events it may not send', async () => {
      const r = await api.get(`/cases/${c.id}`, 'coordinator');
      expect(r.body.allowedEvents).toEqual([]);
      expect((await api.get(`/cases/${c.id}`, ANNA)).body.allowedEvents).toEqual(expect.arrayContaining(['case.submitted', 'case.withdrawn']));
    });

    it('a coordinator upload into a company’s case → 403, nothing written (not even the bytes’ row)', async () => {
      await refusedWithoutWrites(() => upload('coordinator', c.id), 403, ACT_FOR_APPLICANT);
      await refusedWithoutWrites(() => upload('coordinator', c.id, { permitId: mstPermit }), 403, ACT_FOR_APPLICANT);
    });

    it('after submission: withdrawal, and every applicant permit event, are refused for the coordinator', async () => {
      expect((await api.caseEvent(c.id, ANNA, { type: 'case.submitted' })).status).toBe(200);
      await refusedWithoutWrites(() => coordCaseEvent({ type: 'case.withdrawn' }), 403, ACT_FOR_APPLICANT);
      for (const event of [{ type: 'application.submitted' }, { type: 'application.withdrawn' }, { type: 'applicant.infoProvided', answer: 'on their behalf' }]) {
        await refusedWithoutWrites(() => coordPermitEvent(mstPermit, event), 403, ACT_FOR_APPLICANT);
      }
      expect((await api.get(`/cases/${c.id}`, ANNA)).body.state).not.toBe('withdrawn');
    });

    it('the coordinator still changes targets (positive control)', async () => {
      expect((await api.permitEvent(mstPermit, 'cw.mst', { type: 'authority.completenessConfirmed' })).status).toBe(200);
      const current = await api.get(`/permits/${mstPermit}`, 'coordinator');
      const later = new Date(Date.parse(`${current.body.clocks.dueOn}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
      const r = await api.call('POST', `/permits/${mstPermit}/target-date`, { as: 'coordinator', body: { dueOn: later, reasonCode: 'COMPLEX_CASE' }, headers: { 'if-match': `"${current.body.version}"` } });
      expect([r.status, r.status === 200 ? null : r.body]).toEqual([200, null]);
    });

    it('the applicant may still withdraw (positive control)', async () => {
      const r = await api.caseEvent(c.id, ANNA, { type: 'case.withdrawn', reason: 'project cancelled' });
      expect([r.status, r.body.state]).toEqual([200, 'withdrawn']);
    });
  });

  describe('point 9: a case needs at least one permit', () => {
    const NO_PERMIT_FACTS = { municipalityCode: '219', siteZone: 'byzone' };

    it('the screening preview shows zero permits for these facts (so the refusal below is about that)', async () => {
      const r = await api.post('/screening', NO_PERMIT_FACTS);
      expect(r.status).toBe(200);
      expect(r.body.permits).toEqual([]);
    });

    it('POST /cases whose screening yields no permit → 422 CASE.NO_APPLICABLE_PERMITS, nothing written', async () => {
      await refusedWithoutWrites(() => api.post('/cases', { title: `Nothing to permit ${RUN}`, facts: NO_PERMIT_FACTS }, ANNA), 422, 'CASE.NO_APPLICABLE_PERMITS');
      // Also under an Idempotency-Key (the key is not consumed by a refusal).
      const key = `lp-none-${RUN}`;
      await refusedWithoutWrites(() => api.post('/cases', { title: `Nothing ${RUN}`, facts: NO_PERMIT_FACTS }, ANNA, { 'idempotency-key': key }), 422, 'CASE.NO_APPLICABLE_PERMITS');
    });

    it('a case left without permits (older data) cannot be submitted: 422 CASE.NO_APPLICABLE_PERMITS, nothing changes', async () => {
      const c = await createCase(api, BO, SIMPLE_FACTS, `Emptied ${RUN}`);
      // A case created before the rule: its permits are gone (no other row refers to them yet).
      await api.ds.query(`DELETE FROM outbox WHERE aggregate_id = ANY($1::uuid[])`, [c.permits.map((p: any) => p.id)]);
      await api.ds.query(`DELETE FROM permits WHERE case_id = $1`, [c.id]);
      await refusedWithoutWrites(() => api.caseEvent(c.id, BO, { type: 'case.submitted' }), 422, 'CASE.NO_APPLICABLE_PERMITS');
      expect((await api.get(`/cases/${c.id}`, BO)).body.state).toBe('draft');
    });
  });

  describe('point 10: applicant.infoProvided documentIds must be documents of the same case', () => {
    let c: any;
    let mstPermit: string;
    let ownDoc: string;
    let foreignDoc: string;

    beforeAll(async () => {
      c = await createSubmittedCase(api, ANNA, PHARMA_FACTS, `Info docs ${RUN}`);
      [mstPermit] = idsOfAuthority(c, 'MST');
      expect((await api.permitEvent(mstPermit, 'cw.mst', { type: 'authority.infoRequested', question: 'Send the noise report' })).status).toBe(200);
      ownDoc = (await upload(ANNA, c.id)).body.id;
      const other = await createCase(api, BO, SIMPLE_FACTS, `Foreign docs ${RUN}`);
      foreignDoc = (await upload(BO, other.id)).body.id;
      expect(ownDoc).toEqual(expect.any(String));
      expect(foreignDoc).toEqual(expect.any(String));
    });

    it.each([
      ['a document id that does not exist', () => [randomUUID()]],
      ['a document of another organisation’s case', () => [foreignDoc]],
      ['one good and one foreign document', () => [ownDoc, foreignDoc]],
    ])('%s → 404 DOCUMENT.NOT_FOUND, nothing written (no audit row)', async (_name, docs) => {
      await refusedWithoutWrites(() => api.permitEvent(mstPermit, ANNA, { type: 'applicant.infoProvided', answer: 'See attached', documentIds: docs() }), 404, 'DOCUMENT.NOT_FOUND');
    });

    it('the case’s own document is accepted and recorded in the audit (positive control)', async () => {
      const r = await api.permitEvent(mstPermit, ANNA, { type: 'applicant.infoProvided', answer: 'See attached', documentIds: [ownDoc] });
      expect([r.status, r.status === 200 ? null : r.body]).toEqual([200, null]);
      const [audit] = await api.ds.query(`SELECT payload FROM audit_events WHERE permit_id = $1 AND event_type = 'applicant.infoProvided'`, [mstPermit]);
      expect(audit.payload.documentIds).toEqual([ownDoc]);
    });
  });

  describe('point 11: a caseworker’s list risk and risk filter use only their own permits', () => {
    let c: any;
    let building: string;

    beforeAll(async () => {
      c = await createSubmittedCase(api, ANNA, PHARMA_FACTS, `Risk scope ${RUN}`);
      building = c.permits.find((p: any) => p.code === 'BUILDING_PERMIT').id;
      expect((await api.permitEvent(building, 'cw.kalundborg', { type: 'authority.completenessConfirmed' })).status).toBe(200);
      // MST's own permit has not started: it waits for the applicant (issue 14: an application left
      // unchecked in the authority's completeness check would breach its completeness deadline).
      const mst = c.permits.find((p: any) => p.code === 'MILJOEGODKENDELSE').id;
      expect((await api.permitEvent(mst, 'cw.mst', { type: 'authority.infoRequested', question: 'Send the noise report' })).status).toBe(200);
      // Two years on, Kalundborg's 50-day target is breached; the test clock runs the sweep, which records it.
      await api.setClock('2029-05-07T08:00:00Z');
      const [row] = await api.ds.query(`SELECT risk FROM permits WHERE id = $1`, [building]);
      expect(row.risk).toBe('breached');
    }, 60_000);

    const listed = async (as: string, query: string) => {
      const r = await api.get(`/cases?pageSize=100&q=${RUN}${query}`, as);
      expect(r.status).toBe(200);
      return r.body.items.find((x: any) => x.id === c.id);
    };

    it('cw.mst (whose own permit has not started) does not find the case under ?risk=breached, and lists it on track, as its detail says', async () => {
      expect(await listed('cw.mst', '&risk=breached')).toBeUndefined();
      const item = await listed('cw.mst', '&risk=onTrack');
      expect(item).toBeDefined();
      expect(item.risk).toBe('onTrack');
      const detail = await api.get(`/cases/${c.id}`, 'cw.mst');
      expect(detail.body.risk).toBe(item.risk);
    });

    it('cw.kalundborg, the coordinator and the applicant see the breach (positive control)', async () => {
      expect((await listed('cw.kalundborg', '&risk=breached'))?.risk).toBe('breached');
      expect((await api.get(`/cases/${c.id}`, 'cw.kalundborg')).body.risk).toBe('breached');
      expect((await listed('coordinator', '&risk=breached'))?.risk).toBe('breached');
      expect((await listed(ANNA, '&risk=breached'))?.risk).toBe('breached');
    });
  });
});
