/**
 * Issue 18 item 3: the open exchange format. The published JSON Schemas validate the API's own
 * answers; a case bundle is a ZIP whose manifest names every file with its SHA-256; an operator
 * imports it into another instance with the CLI, idempotently and audited.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { ROOT } from './support/env';
import { tsArgv, tsEnv } from '../../scripts/lib/harness';
import { createSubmittedCase, SIMPLE_FACTS, TestApi } from './support/http';

const APPLICANT = 'anna@nordlys.example';

describe('exchange format (issue 18)', () => {
  const api = TestApi.forSuite();
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rl-bundle-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function submittedCaseWithDocument() {
    const c = await createSubmittedCase(api, APPLICANT, SIMPLE_FACTS, `Exchange ${Date.now()}`);
    expect((await api.upload(APPLICANT, c.id, { description: 'Site plan' })).status).toBe(201);
    return c as { id: string; reference: string; permits: { id: string }[] };
  }

  const download = async (caseId: string, as: string) => fetch(`${api.base}/cases/${caseId}/bundle`, { headers: { authorization: `Bearer ${await api.token(as)}` } });

  it('publishes versioned JSON Schemas that the API\'s own answers satisfy', async () => {
    const index = await api.get('/schemas');
    expect(index.status).toBe(200);
    expect(index.body.items.map((i: { name: string }) => i.name)).toEqual(['case', 'permit', 'document', 'decision', 'plan', 'event', 'bundle-manifest']);
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const schema = async (name: string) => {
      const r = await fetch(`${api.base}/schemas/v1/${name}.json`);
      expect(r.headers.get('content-type')).toMatch(/application\/schema\+json/);
      return ajv.compile((await r.json()) as object);
    };
    const c = await submittedCaseWithDocument();
    const checks: [string, unknown][] = [
      ['case', (await api.get(`/cases/${c.id}`, APPLICANT)).body],
      ['permit', (await api.get(`/permits/${c.permits[0].id}`, APPLICANT)).body],
      ['document', (await api.get(`/cases/${c.id}/documents`, APPLICANT)).body.items[0]],
      ['plan', (await api.get(`/cases/${c.id}/plan`, APPLICANT)).body],
    ];
    for (const [name, value] of checks) {
      const validate = await schema(name);
      expect([name, validate(value), validate.errors]).toEqual([name, true, null]);
      // …and they are not vacuous: a wrong shape fails.
      expect([name, validate({ id: 42 })]).toEqual([name, false]);
    }
    expect((await api.get('/schemas/v1/nothing.json')).status).toBe(404);
    expect((await api.get('/schemas/v2/case.json')).status).toBe(404);
  }, 60_000);

  it('exports a bundle for the company and coordinators; the manifest lists every file with its SHA-256; others get 403/404', async () => {
    const c = await submittedCaseWithDocument();
    for (const who of [APPLICANT, 'coordinator']) {
      const r = await download(c.id, who);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/application\/zip/);
      const files = unzipSync(new Uint8Array(await r.arrayBuffer()));
      const manifest = JSON.parse(strFromU8(files['manifest.json']));
      expect(manifest).toMatchObject({ format: 'dk.roedloeber.case-bundle', schemaVersion: 'v1', caseId: c.id, reference: c.reference });
      expect(Object.keys(files).sort()).toEqual([...manifest.files.map((f: { path: string }) => f.path), 'manifest.json'].sort());
      for (const f of manifest.files) expect([f.path, createHash('sha256').update(files[f.path]).digest('hex')]).toEqual([f.path, f.sha256]);
      expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['case.json', 'plan.json', 'timeline.json', 'documents.json', `permits/${c.permits[0].id}.json`]));
      const doc = manifest.files.find((f: { path: string }) => f.path.startsWith('documents/') && f.path.endsWith('.pdf'));
      expect(strFromU8(files[doc.path]).startsWith('%PDF')).toBe(true);
    }
    expect((await download(c.id, 'cw.hillerod')).status).toBe(403);
    expect((await download(c.id, 'bo@bolge.example')).status).toBe(404);
  }, 60_000);

  /** The operator's CLI, as `npm run import-bundle` runs it. */
  const cli = (file: string) =>
    spawnSync(process.execPath, tsArgv(['scripts/import-bundle.ts', file, '--actor', 'ops@test']), {
      cwd: ROOT,
      env: tsEnv({ DATABASE_URL: process.env.DATABASE_URL, LOG_LEVEL: 'silent', NODE_ENV: 'test' }),
      encoding: 'utf8',
    });

  it('imports a bundle with the CLI: idempotent, audited, a tampered bundle refused', async () => {
    const c = await submittedCaseWithDocument();
    const zip = new Uint8Array(await (await download(c.id, 'coordinator')).arrayBuffer());
    const file = join(dir, 'case.zip');
    await writeFile(file, zip);
    const first = cli(file);
    expect([first.status, first.stderr]).toEqual([0, '']);
    expect(JSON.parse(first.stdout)).toMatchObject({ status: 'imported', reference: c.reference, documents: 1 });
    const again = cli(file);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'alreadyImported', importId: JSON.parse(first.stdout).importId });
    const [{ n }] = await api.ds.query(`SELECT count(*)::int AS n FROM case_imports WHERE original_case_id = $1`, [c.id]);
    expect(n).toBe(1);
    const [row] = await api.ds.query(`SELECT case_json, files FROM case_imports WHERE original_case_id = $1`, [c.id]);
    expect(row.case_json).toMatchObject({ id: c.id, reference: c.reference });
    expect((await api.ds.query(`SELECT count(*)::int AS n FROM case_import_documents d JOIN case_imports i ON i.id = d.case_import_id WHERE i.original_case_id = $1`, [c.id]))[0].n).toBe(1);

    // One changed byte in a document: the manifest no longer matches, nothing is imported.
    const files = unzipSync(zip);
    const docPath = Object.keys(files).find((p) => p.endsWith('.pdf')) as string;
    files[docPath] = strToU8(`${strFromU8(files[docPath])} `);
    const tampered = join(dir, 'tampered.zip');
    await writeFile(tampered, zipSync(files));
    const refused = cli(tampered);
    expect(refused.status).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ status: 'refused', reason: expect.stringMatching(/SHA-256/) });
    const log = await api.ds.query(`SELECT actor, action FROM case_import_log WHERE actor = 'ops@test' ORDER BY id`);
    expect(log.map((l: { action: string }) => l.action)).toEqual(['bundle.imported', 'bundle.alreadyImported', 'bundle.refused']);
  }, 120_000);
});
