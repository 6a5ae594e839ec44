import { createHash } from 'node:crypto';
import { createCase, SIMPLE_FACTS, TestApi, toReply, type Reply } from './support/http';

const ANNA = 'anna@nordlys.example';
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`, 'latin1');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

// Many requests per test; on a loaded machine the 5 s default is too tight (nothing here measures time).
jest.setTimeout(60_000);

/**
 * Document versions (issue 14 point 3): a new version supersedes the current one, the old one
 * stays readable with its own SHA-256, versions are immutable, a stale If-Match is 409; and an
 * answer to an information request carries the application fields it changed.
 */
describe('document versions and answers that name changed fields', () => {
  const api = TestApi.forSuite();
  let caseA: any;

  async function newVersion(as: string, caseId: string, documentId: string, data: Buffer, ifMatch?: string, name = 'støjrapport.pdf'): Promise<Reply> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(data)], { type: 'application/pdf' }), name);
    const headers: Record<string, string> = { authorization: `Bearer ${await api.token(as)}` };
    if (ifMatch !== undefined) headers['if-match'] = ifMatch;
    return toReply(await fetch(`${api.base}/cases/${caseId}/documents/${documentId}/versions`, { method: 'POST', headers, body: form }));
  }

  beforeAll(async () => {
    caseA = await createCase(api, ANNA, SIMPLE_FACTS, 'Versioned documents case');
  }, 60_000);

  it('supersedes a document: new version current, old one readable with its own bytes and SHA-256, both audited', async () => {
    const v1Bytes = pdf('noise report, first draft');
    const v2Bytes = pdf('noise report, revised after the hearing');
    const v1 = await api.upload(ANNA, caseA.id, { description: 'Støjrapport' }, { data: v1Bytes, name: 'støjrapport.pdf', type: 'application/pdf' });
    expect([v1.status, v1.body.version, v1.body.current, v1.body.lineageId]).toEqual([201, 1, true, v1.body.id]);

    expect((await newVersion(ANNA, caseA.id, v1.body.id, v2Bytes)).body.code).toBe('CONCURRENCY.PRECONDITION_REQUIRED');
    expect((await newVersion(ANNA, caseA.id, v1.body.id, v2Bytes, '"2"')).status).toBe(409);
    const v2 = await newVersion(ANNA, caseA.id, v1.body.id, v2Bytes, '"1"');
    expect(v2.status).toBe(201);
    expect(v2.body).toEqual(expect.objectContaining({ version: 2, lineageId: v1.body.id, supersedesId: v1.body.id, current: true, sha256: sha256(v2Bytes), description: 'Støjrapport' }));
    expect(v2.headers.get('location')).toBe(`/api/v1/documents/${v2.body.id}`);

    // A second upload over version 1 (someone who had not seen version 2) loses: 409, nothing written.
    const [{ n: before }] = await api.ds.query(`SELECT count(*)::int AS n FROM documents WHERE lineage_id = $1`, [v1.body.id]);
    const stale = await newVersion(ANNA, caseA.id, v2.body.id, pdf('someone else’s edit'), '"1"');
    expect([stale.status, stale.body.code, stale.body.currentVersion]).toEqual([409, 'CONCURRENCY.VERSION_CONFLICT', 2]);
    const [{ n: after }] = await api.ds.query(`SELECT count(*)::int AS n FROM documents WHERE lineage_id = $1`, [v1.body.id]);
    expect(after).toBe(before);

    const old = await api.get(`/documents/${v1.body.id}`, ANNA);
    expect(old.body).toEqual(expect.objectContaining({ version: 1, current: false, supersededById: v2.body.id, sha256: sha256(v1Bytes) }));
    const oldContent = await fetch(`${api.base}/documents/${v1.body.id}/content`, { headers: { authorization: `Bearer ${await api.token(ANNA)}` } });
    expect(Buffer.from(await oldContent.arrayBuffer()).equals(v1Bytes)).toBe(true);

    const list = await api.get(`/cases/${caseA.id}/documents`, ANNA);
    const item = list.body.items.find((d: any) => d.lineageId === v1.body.id);
    expect(list.body.items.filter((d: any) => d.lineageId === v1.body.id)).toHaveLength(1);
    expect([item.id, item.history.map((h: any) => [h.id, h.version, h.sha256])]).toEqual([v2.body.id, [[v1.body.id, 1, sha256(v1Bytes)]]]);
    const versions = await api.get(`/documents/${v1.body.id}/versions`, ANNA);
    expect(versions.body.items.map((d: any) => d.version)).toEqual([2, 1]);

    const audit = await api.ds.query(`SELECT event_type, payload FROM audit_events WHERE case_id = $1 AND event_type LIKE 'document.%' ORDER BY id`, [caseA.id]);
    expect(audit.map((a: any) => a.event_type)).toEqual(['document.uploaded', 'document.superseded']);
    expect(audit[1].payload).toEqual(expect.objectContaining({ documentId: v2.body.id, supersedesId: v1.body.id, version: 2, sha256: sha256(v2Bytes), supersededSha256: sha256(v1Bytes) }));
  });

  it('keeps versions immutable in the database: no update, no delete', async () => {
    const d = await api.upload(ANNA, caseA.id);
    await expect(api.ds.query(`UPDATE documents SET sha256 = $2 WHERE id = $1`, [d.body.id, 'f'.repeat(64)])).rejects.toThrow(/immutable/);
    await expect(api.ds.query(`UPDATE documents SET storage_key = storage_key || 'x' WHERE id = $1`, [d.body.id])).rejects.toThrow(/immutable/);
    await expect(api.ds.query(`DELETE FROM documents WHERE id = $1`, [d.body.id])).rejects.toThrow(/kept/);
    const [row] = await api.ds.query(`SELECT sha256, storage_key FROM documents WHERE id = $1`, [d.body.id]);
    expect(row).toEqual({ sha256: d.body.sha256, storage_key: `cases/${caseA.id}/${d.body.id}` });
  });

  it('exactly one of two concurrent uploads over the same version wins', async () => {
    const d = await api.upload(ANNA, caseA.id);
    const [x, y] = await Promise.all([newVersion(ANNA, caseA.id, d.body.id, pdf('x'), '"1"'), newVersion(ANNA, caseA.id, d.body.id, pdf('y'), '"1"')]);
    expect([x.status, y.status].sort()).toEqual([201, 409]);
    const rows = await api.ds.query(`SELECT version FROM documents WHERE lineage_id = $1 ORDER BY version`, [d.body.id]);
    expect(rows.map((r: any) => r.version)).toEqual([1, 2]);
  });

  it('404 for another company’s document and for a document named under another case; bad files are refused like uploads', async () => {
    const d = await api.upload(ANNA, caseA.id);
    const other = await createCase(api, ANNA, SIMPLE_FACTS, 'Other case of the same company');
    const bolge = await createCase(api, 'bo@bolge.example', SIMPLE_FACTS, 'Bølge case');
    expect((await newVersion('bo@bolge.example', caseA.id, d.body.id, pdf('b'), '"1"')).status).toBe(404);
    expect((await newVersion('bo@bolge.example', bolge.id, d.body.id, pdf('b'), '"1"')).body.code).toBe('DOCUMENT.NOT_FOUND');
    expect((await newVersion(ANNA, other.id, d.body.id, pdf('b'), '"1"')).body.code).toBe('DOCUMENT.NOT_FOUND');
    expect((await api.get(`/documents/${d.body.id}/versions`, 'bo@bolge.example')).status).toBe(404);
    const exe = await newVersion(ANNA, caseA.id, d.body.id, Buffer.from('MZ\x90\x00 this is not a pdf', 'latin1'), '"1"', 'x.pdf');
    expect([exe.status, exe.body.code]).toEqual([415, 'DOCUMENT.TYPE_NOT_ALLOWED']);
    // Coordinators do not add material to a company's case.
    expect((await newVersion('coordinator', caseA.id, d.body.id, pdf('c'), '"1"')).status).toBe(403);
    expect((await api.get(`/documents/${d.body.id}`, ANNA)).body.current).toBe(true);
  });

  it('an answer to an information request attaches documents and names the application fields it changed', async () => {
    const c = await createCase(api, ANNA, SIMPLE_FACTS, 'Answer with changed fields');
    const submitted = await api.caseEvent(c.id, ANNA, { type: 'case.submitted' });
    expect([submitted.status, submitted.body.code, submitted.body.detail]).toEqual([200, undefined, undefined]);
    const permit = c.permits[0];
    expect((await api.permitEvent(permit.id, 'cw.hillerod', { type: 'authority.completenessConfirmed' })).status).toBe(200);
    expect((await api.permitEvent(permit.id, 'cw.hillerod', { type: 'authority.infoRequested', question: 'Angiv bygningens højde og opdatér situationsplanen.' })).status).toBe(200);
    const doc = await api.upload(ANNA, c.id, { permitId: permit.id });

    const before = await api.get(`/permits/${permit.id}`, ANNA);
    const bad = await api.permitEvent(permit.id, ANNA, { type: 'applicant.infoProvided', answer: 'Se bilag.', changedFields: ['shared/site'] });
    expect([bad.status, bad.body.code]).toEqual([400, 'REQUEST.VALIDATION_FAILED']);
    expect((await api.get(`/permits/${permit.id}`, ANNA)).body.version).toBe(before.body.version);

    const changedFields = ['/shared/site/address', '/sections/BUILDING_PERMIT/buildingHeightM', '/sections/BUILDING_PERMIT/a~1b'];
    const answered = await api.permitEvent(permit.id, ANNA, { type: 'applicant.infoProvided', answer: 'Højden er 14 m; ny situationsplan vedlagt.', documentIds: [doc.body.id], changedFields });
    expect(answered.status).toBe(200);
    const timeline = await api.get(`/cases/${c.id}/timeline?pageSize=100`, 'cw.hillerod');
    const entry = timeline.body.items.find((e: any) => e.eventType === 'applicant.infoProvided');
    expect(entry.payload).toEqual({ answer: 'Højden er 14 m; ny situationsplan vedlagt.', documentIds: [doc.body.id], changedFields });
  });
});
