import { randomUUID } from 'node:crypto';
import { createCase, createSubmittedCase, PHARMA_FACTS, type Reply, SIMPLE_FACTS, TestApi } from './support/http';

/**
 * Object-level access control over every case / permit / document route (OWASP ASVS 8.2.2).
 *
 * An outsider gets the SAME 404 as for an id that does not exist (so ids cannot be probed) and
 * nothing changes in the database. Two deliberate exceptions, both decided by the role guard
 * before any object is looked up, so they reveal nothing about the object either:
 * - `admin` has no case data at all: every case/permit/document route answers 403 AUTH.FORBIDDEN;
 * - `POST /cases/:id/events` is for applicants and coordinators only, so a caseworker gets
 *   403 AUTH.FORBIDDEN there whatever the case.
 * The owners get 2xx on the very same requests (positive controls), so the table can fail.
 */

const RUN = `acl-${Date.now().toString(36)}`;
const PROBLEM = 'application/problem+json';

type Kind = 'read' | 'write';
interface Route {
  name: string;
  kind: Kind;
  /** 404 code an outsider gets. */
  code: string;
  send: (as: string) => Promise<Reply>;
}

describe('Access control: cross-organisation and cross-authority reads and writes are 404 and change nothing', () => {
  const api = TestApi.forSuite();
  const ids = {
    nordlys: '',
    bolge: '',
    bolgePermit: '',
    document: '',
    kalundborgPermit: '',
    kalundborgPermit2: '',
    mstPermit: '',
    dkmaPermit: '',
  };

  beforeAll(async () => {
    await api.setClock('2027-05-03T08:00:00Z'); // Monday
    const nordlys = await createCase(api, 'anna@nordlys.example', PHARMA_FACTS, `Nordlys ${RUN}`);
    const submitted = await api.caseEvent(nordlys.id, 'anna@nordlys.example', { type: 'case.submitted' });
    expect(submitted.status).toBe(200);
    ids.nordlys = nordlys.id;
    const byAuthority = (code: string) => nordlys.permits.filter((p: any) => p.authority.code === code).map((p: any) => p.id as string);
    [ids.kalundborgPermit, ids.kalundborgPermit2] = byAuthority('KOMMUNE-326');
    [ids.mstPermit] = byAuthority('MST');
    [ids.dkmaPermit] = byAuthority('DKMA');
    expect(ids.kalundborgPermit2).toBeDefined();
    expect(ids.mstPermit).toBeDefined();
    expect(ids.dkmaPermit).toBeDefined();

    const up = await upload('anna@nordlys.example', ids.nordlys);
    expect(up.status).toBe(201);
    ids.document = up.body.id;

    const bolge = await createSubmittedCase(api, 'bo@bolge.example', SIMPLE_FACTS, `Bølge ${RUN}`);
    ids.bolge = bolge.id;
    ids.bolgePermit = bolge.permits[0].id;
    expect(bolge.permits.map((p: any) => p.authority.code)).toEqual(['KOMMUNE-219']);
  }, 60_000);

  const upload = (as: string, caseId: string, fields: Record<string, string> = {}) => api.upload(as, caseId, fields);

  /** Current versions read by the coordinator, so a refused write fails only on access. */
  async function version(kind: 'cases' | 'permits', id: string): Promise<number> {
    const r = await api.get(`/${kind}/${id}`, 'coordinator');
    return r.status === 200 ? r.body.version : 1;
  }

  const caseEvent = (caseId: () => string) => async (as: string) =>
    api.call('POST', `/cases/${caseId()}/events`, {
      as,
      body: { type: 'case.withdrawn', reason: 'probe' },
      headers: { 'if-match': `"${await version('cases', caseId())}"` },
    });
  const permitEvent = (permitId: () => string) => async (as: string) =>
    api.call('POST', `/permits/${permitId()}/events`, {
      as,
      body: { type: 'authority.completenessConfirmed' },
      headers: { 'if-match': `"${await version('permits', permitId())}"` },
    });

  /** Every route that addresses one case / permit / document, for ids chosen by `at`. */
  function routesFor(at: { caseId: () => string; permitIds: () => string[]; documentId: () => string }): Route[] {
    const routes: Route[] = [
      { name: 'GET /cases/:id', kind: 'read', code: 'CASE.NOT_FOUND', send: (as) => api.get(`/cases/${at.caseId()}`, as) },
      { name: 'GET /cases/:id/timeline', kind: 'read', code: 'CASE.NOT_FOUND', send: (as) => api.get(`/cases/${at.caseId()}/timeline`, as) },
      { name: 'GET /cases/:id/documents', kind: 'read', code: 'CASE.NOT_FOUND', send: (as) => api.get(`/cases/${at.caseId()}/documents`, as) },
      { name: 'POST /cases/:id/events', kind: 'write', code: 'CASE.NOT_FOUND', send: caseEvent(at.caseId) },
      { name: 'POST /cases/:id/documents', kind: 'write', code: 'CASE.NOT_FOUND', send: (as) => upload(as, at.caseId()) },
      { name: 'GET /documents/:id', kind: 'read', code: 'DOCUMENT.NOT_FOUND', send: (as) => api.get(`/documents/${at.documentId()}`, as) },
      { name: 'GET /documents/:id/content', kind: 'read', code: 'DOCUMENT.NOT_FOUND', send: (as) => api.get(`/documents/${at.documentId()}/content`, as) },
    ];
    for (let i = 0; i < 4; i++) {
      const permitId = () => at.permitIds()[i];
      routes.push(
        { name: `GET /permits/:id (#${i + 1})`, kind: 'read', code: 'PERMIT.NOT_FOUND', send: (as) => api.get(`/permits/${permitId()}`, as) },
        { name: `POST /permits/:id/events (#${i + 1})`, kind: 'write', code: 'PERMIT.NOT_FOUND', send: permitEvent(permitId) },
      );
    }
    return routes;
  }

  const NORDLYS_ROUTES = routesFor({
    caseId: () => ids.nordlys,
    permitIds: () => [ids.kalundborgPermit, ids.kalundborgPermit2, ids.mstPermit, ids.dkmaPermit],
    documentId: () => ids.document,
  });

  async function snapshot() {
    return { counts: await api.counts(), versionSum: await api.versionSum() };
  }

  async function expectRefused(r: Reply, status: number, code: string) {
    expect({ status: r.status, code: r.body?.code }).toEqual({ status, code });
    expect(r.headers.get('content-type')).toContain(PROBLEM);
    expect(r.body.status).toBe(status);
    // Nothing about the object leaks into the problem.
    expect(JSON.stringify(r.body)).not.toContain(RUN);
  }

  /** [outsider, route, expected status, expected code] */
  const OUTSIDER_ROWS: [string, Route, number, string][] = [
    // Another organisation's applicant: 404 on everything.
    ...NORDLYS_ROUTES.map((r): [string, Route, number, string] => ['bo@bolge.example', r, 404, r.code]),
    // A caseworker whose authority has no permit in the case: 404, except the applicant/coordinator-only
    // case-event route, which the role guard refuses before the case is looked up.
    ...NORDLYS_ROUTES.map((r): [string, Route, number, string] =>
      r.name === 'POST /cases/:id/events' ? ['cw.hillerod', r, 403, 'AUTH.FORBIDDEN'] : ['cw.hillerod', r, 404, r.code],
    ),
    // Admin operates the system but sees no case data: the role guard answers 403 on every route.
    ...NORDLYS_ROUTES.map((r): [string, Route, number, string] => ['admin', r, 403, 'AUTH.FORBIDDEN']),
  ];

  it.each(OUTSIDER_ROWS.map(([who, route, status, code]) => ({ who, route, status, code, label: `${who} → ${route.name} (${route.kind})` })))(
    'outsider on the Nordlys case: $label → $status $code, nothing changes',
    async ({ who, route, status, code }) => {
      const before = await snapshot();
      const r = await route.send(who);
      await expectRefused(r, status, code);
      expect(await snapshot()).toEqual(before);
    },
  );

  // The other direction: Nordlys's applicant and Kalundborg's caseworker on the Bølge case.
  const BOLGE_ROUTES: Route[] = [
    { name: 'GET /cases/:id', kind: 'read', code: 'CASE.NOT_FOUND', send: (as) => api.get(`/cases/${ids.bolge}`, as) },
    { name: 'GET /cases/:id/timeline', kind: 'read', code: 'CASE.NOT_FOUND', send: (as) => api.get(`/cases/${ids.bolge}/timeline`, as) },
    { name: 'GET /cases/:id/documents', kind: 'read', code: 'CASE.NOT_FOUND', send: (as) => api.get(`/cases/${ids.bolge}/documents`, as) },
    { name: 'POST /cases/:id/documents', kind: 'write', code: 'CASE.NOT_FOUND', send: (as) => upload(as, ids.bolge) },
    { name: 'GET /permits/:id', kind: 'read', code: 'PERMIT.NOT_FOUND', send: (as) => api.get(`/permits/${ids.bolgePermit}`, as) },
    { name: 'POST /permits/:id/events', kind: 'write', code: 'PERMIT.NOT_FOUND', send: permitEvent(() => ids.bolgePermit) },
  ];
  it.each([
    ...BOLGE_ROUTES.map((r) => ({ who: 'anna@nordlys.example', route: r, label: `anna → ${r.name}` })),
    ...BOLGE_ROUTES.map((r) => ({ who: 'cw.kalundborg', route: r, label: `cw.kalundborg → ${r.name}` })),
  ])('outsider on the Bølge case: $label → 404, nothing changes', async ({ who, route }) => {
    const before = await snapshot();
    await expectRefused(await route.send(who), 404, route.code);
    expect(await snapshot()).toEqual(before);
  });
  it('anna on the Bølge case events route → 404 CASE.NOT_FOUND, nothing changes', async () => {
    const before = await snapshot();
    await expectRefused(await caseEvent(() => ids.bolge)('anna@nordlys.example'), 404, 'CASE.NOT_FOUND');
    expect(await snapshot()).toEqual(before);
  });

  describe('cross-authority inside a visible case (cw.mst on the Nordlys case)', () => {
    it.each([
      ['GET /permits/:id (Kalundborg permit)', () => api.get(`/permits/${ids.kalundborgPermit}`, 'cw.mst')],
      ['GET /permits/:id (second Kalundborg permit)', () => api.get(`/permits/${ids.kalundborgPermit2}`, 'cw.mst')],
      ['GET /permits/:id (DKMA permit)', () => api.get(`/permits/${ids.dkmaPermit}`, 'cw.mst')],
      ['POST /permits/:id/events (Kalundborg permit)', () => permitEvent(() => ids.kalundborgPermit)('cw.mst')],
      ['POST /permits/:id/events (DKMA permit)', () => permitEvent(() => ids.dkmaPermit)('cw.mst')],
      ['POST /cases/:id/documents tied to a Kalundborg permit', () => upload('cw.mst', ids.nordlys, { permitId: ids.kalundborgPermit })],
    ])('%s → 404 PERMIT.NOT_FOUND, nothing changes', async (_name, send) => {
      const before = await snapshot();
      await expectRefused(await send(), 404, 'PERMIT.NOT_FOUND');
      expect(await snapshot()).toEqual(before);
    });

    it('the applicant cannot attach a document to a permit of another organisation’s case (404 PERMIT.NOT_FOUND)', async () => {
      const before = await snapshot();
      await expectRefused(await upload('anna@nordlys.example', ids.nordlys, { permitId: ids.bolgePermit }), 404, 'PERMIT.NOT_FOUND');
      expect(await snapshot()).toEqual(before);
    });

    it('cw.mst CAN see the case, with its own permit in full and the others only as restricted summaries (no clocks)', async () => {
      const r = await api.get(`/cases/${ids.nordlys}`, 'cw.mst');
      expect(r.status).toBe(200);
      expect(r.body.id).toBe(ids.nordlys);
      const byId = new Map<string, any>(r.body.permits.map((p: any) => [p.id, p]));
      expect(byId.size).toBe(4);
      const own = byId.get(ids.mstPermit);
      expect(own.restricted).toBeUndefined();
      expect(own.clocks).toBeDefined();
      expect(own.version).toEqual(expect.any(Number));
      for (const id of [ids.kalundborgPermit, ids.kalundborgPermit2, ids.dkmaPermit]) {
        const p = byId.get(id);
        expect(p.restricted).toBe(true);
        expect(p).not.toHaveProperty('clocks');
        expect(p).not.toHaveProperty('allowedEvents');
        expect(p).not.toHaveProperty('infoRequests');
        expect(p).not.toHaveProperty('decision');
        expect(p).not.toHaveProperty('version');
      }
      // The own permit is readable in full.
      expect((await api.get(`/permits/${ids.mstPermit}`, 'cw.mst')).status).toBe(200);
    });

    it('cw.mst’s timeline of the case has no entries of other authorities’ permits', async () => {
      const r = await api.get(`/cases/${ids.nordlys}/timeline?pageSize=100`, 'cw.mst');
      expect(r.status).toBe(200);
      const permitIds = new Set(r.body.items.map((e: any) => e.permitId).filter(Boolean));
      for (const id of [ids.kalundborgPermit, ids.kalundborgPermit2, ids.dkmaPermit]) expect(permitIds.has(id)).toBe(false);
    });
  });

  describe('ids that do not exist or are malformed → 404 on every /:id route (as the coordinator, who sees everything)', () => {
    const BAD_IDS: [string, () => string][] = [
      ['random UUID', () => randomUUID()],
      ['malformed id', () => 'not-a-uuid'],
      ['SQL-ish id', () => encodeURIComponent("1' OR '1'='1")],
      ['UUID with trailing junk', () => `${ids.nordlys}x`],
    ];
    const rows = BAD_IDS.flatMap(([label, id]) =>
      routesFor({ caseId: id, permitIds: () => [id(), id(), id(), id()], documentId: id })
        .filter((r) => !r.name.includes('#2') && !r.name.includes('#3') && !r.name.includes('#4'))
        .map((route) => ({ label: `${label}: ${route.name.replace(' (#1)', '')}`, route })),
    );
    it.each(rows)('$label → 404', async ({ route }) => {
      const before = await snapshot();
      const r = await route.send('coordinator');
      await expectRefused(r, 404, route.code);
      expect(await snapshot()).toEqual(before);
    });
    it.each([
      ['applicant', 'anna@nordlys.example'],
      ['caseworker', 'cw.kalundborg'],
    ])('a random UUID is 404 for the %s too', async (_role, who) => {
      const id = randomUUID();
      await expectRefused(await api.get(`/cases/${id}`, who), 404, 'CASE.NOT_FOUND');
      await expectRefused(await api.get(`/permits/${id}`, who), 404, 'PERMIT.NOT_FOUND');
      await expectRefused(await api.get(`/documents/${id}`, who), 404, 'DOCUMENT.NOT_FOUND');
    });
  });

  describe('list endpoints are scoped', () => {
    const list = async (as: string) => {
      const r = await api.get(`/cases?pageSize=100&q=${encodeURIComponent(RUN)}`, as);
      expect(r.status).toBe(200);
      return r.body.items.map((c: any) => c.id as string);
    };

    it.each<{ title: string; as: string; sees: 'nordlys' | 'bolge'; notSees: 'nordlys' | 'bolge' }>([
      { title: 'bo sees the Bølge case but not the Nordlys case', as: 'bo@bolge.example', sees: 'bolge', notSees: 'nordlys' },
      { title: 'anna sees the Nordlys case but not the Bølge case', as: 'anna@nordlys.example', sees: 'nordlys', notSees: 'bolge' },
      { title: 'cw.hillerod sees the Bølge case but not the Nordlys case', as: 'cw.hillerod', sees: 'bolge', notSees: 'nordlys' },
      { title: 'cw.mst sees the Nordlys case (it has a permit there) but not the Bølge case', as: 'cw.mst', sees: 'nordlys', notSees: 'bolge' },
    ])('$title', async ({ as, sees, notSees }) => {
      const seen = await list(as);
      expect(seen).toContain(ids[sees]);
      expect(seen).not.toContain(ids[notSees]);
    });
    it('the coordinator sees both', async () => {
      const seen = await list('coordinator');
      expect(seen).toEqual(expect.arrayContaining([ids.nordlys, ids.bolge]));
    });
    it('the admin may not list cases at all (403 AUTH.FORBIDDEN)', async () => {
      await expectRefused(await api.get('/cases', 'admin'), 403, 'AUTH.FORBIDDEN');
    });
    it('the scoping holds without a search filter too (newest first, no foreign case anywhere on the page)', async () => {
      const r = await api.get('/cases?pageSize=100', 'bo@bolge.example');
      expect(r.status).toBe(200);
      expect(r.body.items.map((c: any) => c.id)).not.toContain(ids.nordlys);
      for (const c of r.body.items) expect(c.organisation.cvr).toBe('10000002');
      const hillerod = await api.get('/cases?pageSize=100', 'cw.hillerod');
      expect(hillerod.body.items.map((c: any) => c.id)).not.toContain(ids.nordlys);
    });
    it('a document list of the case shows the caller only what they may see', async () => {
      const r = await api.get(`/cases/${ids.nordlys}/documents`, 'anna@nordlys.example');
      expect(r.status).toBe(200);
      expect(r.body.items.map((d: any) => d.id)).toContain(ids.document);
    });
  });

  describe('positive controls: the owners get 2xx on the same routes', () => {
    /** The read routes the owners use, by name. */
    const READ_PATHS = {
      'GET /cases/:id': () => `/cases/${ids.nordlys}`,
      'GET /cases/:id/timeline': () => `/cases/${ids.nordlys}/timeline`,
      'GET /cases/:id/documents': () => `/cases/${ids.nordlys}/documents`,
      'GET /documents/:id': () => `/documents/${ids.document}`,
      'GET /documents/:id/content': () => `/documents/${ids.document}/content`,
      'GET /permits/:id (Kalundborg)': () => `/permits/${ids.kalundborgPermit}`,
      'GET /permits/:id (MST)': () => `/permits/${ids.mstPermit}`,
      'GET /permits/:id (DKMA)': () => `/permits/${ids.dkmaPermit}`,
      'GET /permits/:id (Kalundborg #2)': () => `/permits/${ids.kalundborgPermit2}`,
      'GET /cases/:id (Bølge)': () => `/cases/${ids.bolge}`,
      'GET /permits/:id (Bølge)': () => `/permits/${ids.bolgePermit}`,
    } satisfies Record<string, () => string>;
    /** Per owner, the reads that must answer 200. */
    const OWNED: Record<string, (keyof typeof READ_PATHS)[]> = {
      'anna@nordlys.example': ['GET /cases/:id', 'GET /cases/:id/timeline', 'GET /cases/:id/documents', 'GET /documents/:id', 'GET /documents/:id/content', 'GET /permits/:id (Kalundborg)', 'GET /permits/:id (MST)', 'GET /permits/:id (DKMA)'],
      'cw.kalundborg': ['GET /cases/:id', 'GET /cases/:id/timeline', 'GET /cases/:id/documents', 'GET /documents/:id', 'GET /documents/:id/content', 'GET /permits/:id (Kalundborg)', 'GET /permits/:id (Kalundborg #2)'],
      'cw.mst': ['GET /cases/:id', 'GET /permits/:id (MST)'],
      'cw.dkma': ['GET /permits/:id (DKMA)'],
      'coordinator': ['GET /cases/:id', 'GET /cases/:id/timeline', 'GET /documents/:id', 'GET /permits/:id (Kalundborg)'],
      'bo@bolge.example': ['GET /cases/:id (Bølge)', 'GET /permits/:id (Bølge)'],
      'cw.hillerod': ['GET /cases/:id (Bølge)', 'GET /permits/:id (Bølge)'],
    };
    const OWNER_READS = Object.entries(OWNED).flatMap(([who, names]) => names.map((name): [string, string, () => string] => [who, name, READ_PATHS[name]]));
    it.each(OWNER_READS)('%s → %s is 200', async (who, _name, path) => {
      const r = await api.get(path(), who);
      expect([r.status, r.status === 200 ? null : r.body]).toEqual([200, null]);
    });

    // The same writes the outsiders were refused, now by the owners (last: they change state).
    it('cw.kalundborg → POST /permits/:id/events on its permit is 200 and bumps the version', async () => {
      const sum = await api.versionSum();
      const r = await permitEvent(() => ids.kalundborgPermit)('cw.kalundborg');
      expect([r.status, r.status === 200 ? null : r.body]).toEqual([200, null]);
      expect(r.body.state).toBe('submitted.underReview');
      expect(await api.versionSum()).toBeGreaterThan(sum);
    });
    it('cw.mst → POST /permits/:id/events on its own permit is 200', async () => {
      const r = await permitEvent(() => ids.mstPermit)('cw.mst');
      expect([r.status, r.status === 200 ? null : r.body]).toEqual([200, null]);
    });
    it('cw.mst → POST /cases/:id/documents tied to its own permit is 201', async () => {
      const r = await upload('cw.mst', ids.nordlys, { permitId: ids.mstPermit });
      expect([r.status, r.status === 201 ? null : r.body]).toEqual([201, null]);
    });
    it('anna → POST /cases/:id/documents is 201', async () => {
      const before = (await api.counts()).documents;
      const r = await upload('anna@nordlys.example', ids.nordlys);
      expect([r.status, r.status === 201 ? null : r.body]).toEqual([201, null]);
      expect((await api.counts()).documents).toBe(before + 1);
    });
    it('bo → POST /permits/:id/events is refused by the state machine (422), not by access (it is his permit)', async () => {
      const r = await permitEvent(() => ids.bolgePermit)('bo@bolge.example');
      expect([r.status, r.body.code]).toEqual([422, 'PERMIT.EVENT_NOT_ALLOWED']);
    });
    it('anna → POST /cases/:id/events (withdraw) is 200', async () => {
      const r = await caseEvent(() => ids.nordlys)('anna@nordlys.example');
      expect([r.status, r.status === 200 ? null : r.body]).toEqual([200, null]);
      expect(r.body.state).toBe('withdrawn');
    });
  });
});
