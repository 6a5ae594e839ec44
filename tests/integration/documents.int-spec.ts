import type { INestApplication } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { startApp, stopApp } from './support/app';
import { testConfig } from './support/env';

const MAX_UPLOAD_BYTES = 64 * 1024;

const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.from([0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff]), Buffer.from('This program cannot be run in DOS mode.')]);
/** Test responses are asserted on freely; fetch types json() as unknown. */
type JsonResponse = Omit<Response, 'json'> & { json(): Promise<any> };

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Documents API against real PostgreSQL and Redis, with local-disk storage in a temp folder. */
describe('documents (real PostgreSQL + Redis)', () => {
  let app: INestApplication;
  let base: string;
  let ds: DataSource;
  let storageRoot: string;
  const tokens: Record<string, string> = {};
  const ids = {} as { nordlys: string; bolge: string; anna: string; mst: string; kalundborg: string; caseA: string; permitA: string; caseB: string; permitB: string };

  async function login(username: string): Promise<string> {
    const res = await fetch(`${base}/api/v1/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username }) });
    expect(res.status).toBe(200);
    return ((await res.json()) as { accessToken: string }).accessToken;
  }

  function form(parts: { file?: { data: Buffer; name: string; type?: string }; fields?: Record<string, string>; extraFiles?: Record<string, { data: Buffer; name: string }> }): FormData {
    const f = new FormData();
    for (const [k, v] of Object.entries(parts.fields ?? {})) f.append(k, v);
    if (parts.file) f.append('file', new Blob([new Uint8Array(parts.file.data)], { type: parts.file.type ?? 'application/octet-stream' }), parts.file.name);
    for (const [k, v] of Object.entries(parts.extraFiles ?? {})) f.append(k, new Blob([new Uint8Array(v.data)]), v.name);
    return f;
  }

  function upload(user: string, caseId: string, body: FormData | string, headers: Record<string, string> = {}): Promise<JsonResponse> {
    return fetch(`${base}/api/v1/cases/${caseId}/documents`, { method: 'POST', headers: { authorization: `Bearer ${tokens[user]}`, ...headers }, body });
  }

  const get = (user: string, path: string): Promise<JsonResponse> => fetch(`${base}/api/v1${path}`, { headers: { authorization: `Bearer ${tokens[user]}` } });

  async function counts(): Promise<{ documents: number; audit: number; files: number }> {
    const [row] = await ds.query(`SELECT (SELECT count(*) FROM documents)::int AS documents, (SELECT count(*) FROM audit_events)::int AS audit`);
    const files = await readdir(storageRoot, { recursive: true, withFileTypes: true }).catch(() => []);
    return { ...row, files: files.filter((f) => f.isFile()).length };
  }

  /** A submitted case (authorities see a case only once it reached them). */
  async function insertCase(orgId: string, createdBy: string): Promise<string> {
    const [{ id }] = await ds.query(
      `INSERT INTO cases (reference, organisation_id, title, facts, catalog_version, state, machine_id, machine_version, snapshot, simple, ceiling_months, created_by, submitted_at)
       VALUES ($1, $2, 'Testsag', '{}', 'test', 'inProgress', 'test', 1, '{}', true, 12, $3, now()) RETURNING id`,
      [`TEST-${randomUUID()}`, orgId, createdBy],
    );
    return id;
  }

  async function insertPermit(caseId: string, authorityId: string, code: string): Promise<string> {
    const [{ id }] = await ds.query(
      `INSERT INTO permits (case_id, code, authority_id, state, machine_id, machine_version, snapshot)
       VALUES ($1, $2, $3, 'ready', 'test', 1, '{}') RETURNING id`,
      [caseId, code, authorityId],
    );
    return id;
  }

  beforeAll(async () => {
    storageRoot = await mkdtemp(join(tmpdir(), 'rl-docs-it-'));
    const config = testConfig({ STORAGE_DRIVER: 'local', STORAGE_ROOT: storageRoot, MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES), RATE_LIMIT_PER_MINUTE: '10000' });
    ({ app, ds, base } = await startApp(config));
    const one = async (sql: string, p: unknown[]) => ((await ds.query(sql, p)) as { id: string }[])[0].id;
    ids.nordlys = await one(`SELECT id FROM organisations WHERE cvr = $1`, ['10000001']);
    ids.bolge = await one(`SELECT id FROM organisations WHERE cvr = $1`, ['10000002']);
    ids.anna = await one(`SELECT id FROM users WHERE username = $1`, ['anna@nordlys.example']);
    const bo = await one(`SELECT id FROM users WHERE username = $1`, ['bo@bolge.example']);
    ids.mst = await one(`SELECT id FROM authorities WHERE code = $1`, ['MST']);
    ids.kalundborg = await one(`SELECT id FROM authorities WHERE code = $1`, ['KOMMUNE-326']);
    ids.caseA = await insertCase(ids.nordlys, ids.anna);
    ids.permitA = await insertPermit(ids.caseA, ids.mst, 'MILJOGODKENDELSE');
    ids.caseB = await insertCase(ids.bolge, bo);
    ids.permitB = await insertPermit(ids.caseB, ids.kalundborg, 'BYGGETILLADELSE');
    for (const u of ['anna@nordlys.example', 'bo@bolge.example', 'cw.kalundborg', 'cw.mst', 'coordinator', 'admin']) tokens[u] = await login(u);
  });

  afterAll(async () => {
    await stopApp(app, ds);
    if (storageRoot) await rm(storageRoot, { recursive: true, force: true });
  });

  let uploaded: { id: string; sha256: string };

  it('registers an uploaded PDF: 201, row + audit event in PostgreSQL, bytes on disk with the same SHA-256', async () => {
    const before = await counts();
    const res = await upload('anna@nordlys.example', ids.caseA, form({ file: { data: PDF, name: 'miljøansøgning.pdf', type: 'image/png' }, fields: { permitId: ids.permitA, description: 'Bilag 1: ansøgning' } }));
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      caseId: ids.caseA,
      permitId: ids.permitA,
      filename: 'miljøansøgning.pdf',
      contentType: 'application/pdf', // detected, not the client's image/png
      sizeBytes: PDF.length,
      sha256: sha256(PDF),
      description: 'Bilag 1: ansøgning',
      // Issue 14: not tied to a catalogue requirement, no document type given.
      requirementKey: null,
      documentType: null,
      uploadedBy: ids.anna,
      createdAt: expect.any(String),
      // Issue 14 point 3: a first upload is version 1 of its own lineage, current, superseding nothing.
      lineageId: body.id,
      version: 1,
      supersedesId: null,
      supersededById: null,
      current: true,
    });
    expect(res.headers.get('location')).toBe(`/api/v1/documents/${body.id}`);
    uploaded = body;

    const [row] = await ds.query(`SELECT * FROM documents WHERE id = $1`, [body.id]);
    expect(row).toMatchObject({ case_id: ids.caseA, permit_id: ids.permitA, sha256: sha256(PDF), storage_key: `cases/${ids.caseA}/${body.id}`, uploaded_by: ids.anna });
    const audit = await ds.query(`SELECT * FROM audit_events WHERE event_type = 'document.uploaded' AND payload->>'documentId' = $1`, [body.id]);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      case_id: ids.caseA,
      permit_id: ids.permitA,
      actor_user_id: ids.anna,
      actor_role: 'applicant',
      payload: { documentId: body.id, filename: 'miljøansøgning.pdf', sha256: sha256(PDF), sizeBytes: PDF.length },
    });
    const onDisk = await readFile(join(storageRoot, 'cases', ids.caseA, body.id));
    expect(sha256(onDisk)).toBe(body.sha256);
    expect(await counts()).toEqual({ documents: before.documents + 1, audit: before.audit + 1, files: before.files + 1 });
  });

  it('downloads the same bytes as an attachment with the detected type and nosniff', async () => {
    const res = await get('anna@nordlys.example', `/documents/${uploaded.id}/content`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="milj_ans_gning.pdf"; filename*=UTF-8''milj%C3%B8ans%C3%B8gning.pdf`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('repr-digest')).toBe(`sha-256=:${Buffer.from(uploaded.sha256, 'hex').toString('base64')}:`);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PDF);
    // The coordinator and the caseworker of the permit's authority see it too.
    expect((await get('coordinator', `/documents/${uploaded.id}/content`)).status).toBe(200);
    expect((await get('cw.mst', `/documents/${uploaded.id}/content`)).status).toBe(200);
  });

  it('lists the documents of a case with pagination', async () => {
    const res = await get('anna@nordlys.example', `/cases/${ids.caseA}/documents?page=1&pageSize=1`);
    expect(res.status).toBe(200);
    const page = await res.json();
    expect(page).toMatchObject({ page: 1, pageSize: 1, total: 1 });
    expect(page.items).toEqual([expect.objectContaining({ id: uploaded.id, sha256: uploaded.sha256 })]);
    const defaults = await (await get('coordinator', `/cases/${ids.caseA}/documents`)).json();
    expect(defaults).toMatchObject({ page: 1, pageSize: 20, total: 1 });
    const tooBig = await get('anna@nordlys.example', `/cases/${ids.caseA}/documents?pageSize=101`);
    expect(tooBig.status).toBe(400);
    expect((await tooBig.json()).code).toBe('REQUEST.VALIDATION_FAILED');
  });

  it("answers another organisation's applicant with 404 everywhere and adds nothing", async () => {
    const before = await counts();
    const res = await upload('bo@bolge.example', ids.caseA, form({ file: { data: PDF, name: 'x.pdf' } }));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await res.json()).code).toBe('CASE.NOT_FOUND');
    expect(await counts()).toEqual(before);
    expect((await (await get('bo@bolge.example', `/cases/${ids.caseA}/documents`)).json()).code).toBe('CASE.NOT_FOUND');
    const dl = await get('bo@bolge.example', `/documents/${uploaded.id}/content`);
    expect(dl.status).toBe(404);
    expect((await dl.json()).code).toBe('DOCUMENT.NOT_FOUND');
    expect((await get('bo@bolge.example', `/documents/${uploaded.id}`)).status).toBe(404);
    expect((await get('bo@bolge.example', `/documents/not-a-uuid/content`)).status).toBe(404);
  });

  it('lets only caseworkers with a permit in the case upload, and only to their own permits', async () => {
    const before = await counts();
    const none = await upload('cw.kalundborg', ids.caseA, form({ file: { data: PDF, name: 'x.pdf' } }));
    expect(none.status).toBe(404);
    expect((await none.json()).code).toBe('CASE.NOT_FOUND');
    expect((await get('cw.kalundborg', `/documents/${uploaded.id}/content`)).status).toBe(404);
    expect(await counts()).toEqual(before);

    const ok = await upload('cw.mst', ids.caseA, form({ file: { data: Buffer.from('Høringssvar\nside 2\n'), name: 'notat.txt' }, fields: { permitId: ids.permitA } }));
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ contentType: 'text/plain; charset=utf-8', permitId: ids.permitA });
    const csv = await upload('anna@nordlys.example', ids.caseA, form({ file: { data: Buffer.from('a;b\n1;2\n'), name: 'data.csv' } }));
    expect(csv.status).toBe(201);
    expect((await csv.json()).contentType).toBe('text/csv; charset=utf-8');
    // The coordinator does not add material to a company's case (issue 12 point 8).
    const beforeCoord = await counts();
    const coord = await upload('coordinator', ids.caseA, form({ file: { data: Buffer.from('a;b\n1;2\n'), name: 'data.csv' } }));
    expect(coord.status).toBe(403);
    expect((await coord.json()).code).toBe('ACCESS.APPLICANT_ACTION_FORBIDDEN');
    expect(await counts()).toEqual(beforeCoord);
  });

  it('refuses a permit of another case with 404 PERMIT.NOT_FOUND', async () => {
    const res = await upload('anna@nordlys.example', ids.caseA, form({ file: { data: PDF, name: 'x.pdf' }, fields: { permitId: ids.permitB } }));
    expect(res.status).toBe(404);
    expect((await res.json()).code).toBe('PERMIT.NOT_FOUND');
  });

  it('refuses the admin role with 403', async () => {
    const res = await upload('admin', ids.caseA, form({ file: { data: PDF, name: 'x.pdf' } }));
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe('AUTH.FORBIDDEN');
  });

  it('refuses an executable disguised as .pdf with 415 and stores nothing', async () => {
    const before = await counts();
    const res = await upload('anna@nordlys.example', ids.caseA, form({ file: { data: EXE, name: 'faktura.pdf', type: 'application/pdf' } }));
    expect(res.status).toBe(415);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 415, code: 'DOCUMENT.TYPE_NOT_ALLOWED' });
    const mismatch = await upload('anna@nordlys.example', ids.caseA, form({ file: { data: PDF, name: 'scan.png' } }));
    expect(mismatch.status).toBe(415);
    const html = await upload('anna@nordlys.example', ids.caseA, form({ file: { data: Buffer.from('<html><script>alert(1)</script></html>'), name: 'x.txt' } }));
    expect(html.status).toBe(415);
    expect(await counts()).toEqual(before);
  });

  it('refuses a file over MAX_UPLOAD_BYTES with 413 DOCUMENT.TOO_LARGE as problem+json', async () => {
    const before = await counts();
    const justOver = Buffer.concat([PDF, Buffer.alloc(MAX_UPLOAD_BYTES + 1 - PDF.length, 0x20)]);
    const res = await upload('anna@nordlys.example', ids.caseA, form({ file: { data: justOver, name: 'big.pdf' } }));
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 413, code: 'DOCUMENT.TOO_LARGE' });
    // Far over the limit: refused from Content-Length, before the body is read.
    const huge = await upload('anna@nordlys.example', ids.caseA, form({ file: { data: Buffer.alloc(MAX_UPLOAD_BYTES * 4, 0x41), name: 'huge.txt' } }));
    expect(huge.status).toBe(413);
    expect((await huge.json()).code).toBe('DOCUMENT.TOO_LARGE');
    expect(await counts()).toEqual(before);
  });

  it('answers a missing or empty file with 400', async () => {
    const missing = await upload('anna@nordlys.example', ids.caseA, form({ fields: { description: 'no file' } }));
    expect(missing.status).toBe(400);
    expect((await missing.json()).code).toBe('DOCUMENT.MISSING_FILE');
    const empty = await upload('anna@nordlys.example', ids.caseA, form({ file: { data: Buffer.alloc(0), name: 'empty.pdf' } }));
    expect(empty.status).toBe(400);
    expect((await empty.json()).code).toBe('DOCUMENT.EMPTY');
  });

  it('answers unknown form fields, a second file field and bad field values with 400', async () => {
    const before = await counts();
    const unknown = await upload('anna@nordlys.example', ids.caseA, form({ file: { data: PDF, name: 'x.pdf' }, fields: { owner: 'someone-else' } }));
    expect(unknown.status).toBe(400);
    const problem = await unknown.json();
    expect(problem.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'owner', code: 'UNKNOWN_FIELD' })]);
    const second = await upload('anna@nordlys.example', ids.caseA, form({ file: { data: PDF, name: 'x.pdf' }, extraFiles: { attachment: { data: PDF, name: 'y.pdf' } } }));
    expect(second.status).toBe(400);
    expect((await second.json()).code).toBe('REQUEST.VALIDATION_FAILED');
    const longDescription = await upload('anna@nordlys.example', ids.caseA, form({ file: { data: PDF, name: 'x.pdf' }, fields: { description: 'x'.repeat(501) } }));
    expect(longDescription.status).toBe(400);
    const badPermit = await upload('anna@nordlys.example', ids.caseA, form({ file: { data: PDF, name: 'x.pdf' }, fields: { permitId: 'nope' } }));
    expect(badPermit.status).toBe(400);
    const json = await upload('anna@nordlys.example', ids.caseA, JSON.stringify({ file: 'x' }), { 'content-type': 'application/json' });
    expect(json.status).toBe(415);
    expect((await json.json()).code).toBe('REQUEST.UNSUPPORTED_MEDIA_TYPE');
    const malformed = await upload('anna@nordlys.example', ids.caseA, '--b\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-', {
      'content-type': 'multipart/form-data; boundary=b',
    });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).code).toBe('REQUEST.MALFORMED_MULTIPART');
    expect(await counts()).toEqual(before);
  });

  it('requires a bearer token', async () => {
    const res = await fetch(`${base}/api/v1/cases/${ids.caseA}/documents`, { method: 'POST', body: form({ file: { data: PDF, name: 'x.pdf' } }) });
    expect(res.status).toBe(401);
  });

  it('removes the stored bytes again when the transaction fails (no orphan rows, no orphan files)', async () => {
    await ds.query(`
      CREATE OR REPLACE FUNCTION rl_test_fail_document() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'forced failure'; END $$`);
    await ds.query(`CREATE TRIGGER rl_test_fail_document BEFORE INSERT ON audit_events FOR EACH ROW WHEN (NEW.payload->>'filename' = 'fail.pdf') EXECUTE FUNCTION rl_test_fail_document()`);
    try {
      const before = await counts();
      const res = await upload('anna@nordlys.example', ids.caseA, form({ file: { data: PDF, name: 'fail.pdf' } }));
      expect(res.status).toBe(500);
      expect((await res.json()).code).toBe('INTERNAL.ERROR');
      expect(await counts()).toEqual(before);
    } finally {
      await ds.query(`DROP TRIGGER rl_test_fail_document ON audit_events`);
      await ds.query(`DROP FUNCTION rl_test_fail_document`);
    }
  });

  it('documents the upload as multipart/form-data with a binary file in OpenAPI', async () => {
    const doc = await ((await fetch(`${base}/api/docs-json`)) as JsonResponse).json();
    const op = doc.paths['/api/v1/cases/{id}/documents'].post;
    expect(Object.keys(op.requestBody.content)).toEqual(['multipart/form-data']);
    const ref: string = op.requestBody.content['multipart/form-data'].schema.$ref;
    const schema = doc.components.schemas[ref.split('/').pop() as string];
    expect(schema.properties.file).toMatchObject({ type: 'string', format: 'binary' });
    expect(doc.paths['/api/v1/notifications'].get).toBeDefined();
    expect(Object.keys(doc.components.schemas.DocumentDto.properties)).toEqual(
      expect.arrayContaining(['id', 'caseId', 'permitId', 'filename', 'contentType', 'sizeBytes', 'sha256', 'description', 'uploadedBy', 'createdAt']),
    );
  });
});
