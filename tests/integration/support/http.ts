import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApp } from '../../../apps/api/src/app.factory';
import { createDataSource } from '@rl/migrations';
import { seedAll } from '@rl/seeds';
import { SIMPLE_FACTS } from '../../../scripts/lib/demo-fixtures';
import { checkContract } from './contract';
import { testConfig } from './env';

export interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

/** A response as a Reply: JSON parsed when it is JSON, else the text (null when empty). */
export async function toReply(res: Response): Promise<Reply> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers: res.headers, body };
}

/** A minimal valid PDF. */
export const SMALL_PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');

/** A running API (in process, real PostgreSQL + Redis) with a tiny HTTP client for tests. */
export class TestApi {
  private tokens = new Map<string, string>();
  private running: { app: INestApplication; base: string; ds: DataSource } | undefined;
  private stopped = false;

  private constructor() {}

  /** The Nest application. */
  get app(): INestApplication {
    return this.started().app;
  }

  /** The API's base URL, ending in /api/v1. */
  get base(): string {
    return this.started().base;
  }

  /** The API's database (4 connections). */
  get ds(): DataSource {
    return this.started().ds;
  }

  /** `keepClock`: join the shared test clock as it is (default: start from wall time, as a fresh deployment would). */
  static async start(overrides: Record<string, string> = {}, opts: { keepClock?: boolean } = {}): Promise<TestApi> {
    const api = new TestApi();
    await api.open(overrides, opts);
    return api;
  }

  /**
   * The enclosing `describe`'s API: started by a `beforeAll` declared here and stopped by an
   * `afterAll`, so the file's own hooks declared after this call run while it is up. `overrides`
   * may be a function, read at start (after earlier hooks, e.g. one that starts an SMTP sink).
   */
  static forSuite(overrides: Record<string, string> | (() => Record<string, string>) = {}, opts: { keepClock?: boolean } = {}): TestApi {
    const api = new TestApi();
    beforeAll(() => api.open(typeof overrides === 'function' ? overrides() : overrides, opts));
    afterAll(() => api.stop());
    return api;
  }

  private async open(overrides: Record<string, string>, opts: { keepClock?: boolean }): Promise<void> {
    const config = testConfig({ ENABLE_TEST_CLOCK: '1', RATE_LIMIT_PER_MINUTE: '100000', ...overrides });
    const ds = createDataSource(config.DATABASE_URL, { extra: { max: 4 } });
    await ds.initialize();
    await seedAll(ds);
    // The test clock is shared through PostgreSQL: a new API starts from wall time (like every
    // test file, see fresh-clock.ts), unless it is to join the clock another one set.
    if (!opts.keepClock) await ds.query(`UPDATE app_clock SET offset_ms = 0, set_to = NULL, updated_at = now()`);
    const app = await createApp(config);
    await app.listen(0, '127.0.0.1');
    this.running = { app, base: `${await app.getUrl()}/api/v1`, ds };
  }

  private started(): { app: INestApplication; base: string; ds: DataSource } {
    if (!this.running) throw new Error('the test API is not started: use it inside a hook or a test of its describe');
    return this.running;
  }

  /** Stops the API (nothing when it never started or is stopped already); `app` stays readable. */
  async stop(): Promise<void> {
    if (!this.running || this.stopped) return;
    this.stopped = true;
    await this.running.app.close();
    await this.running.ds.destroy();
  }

  async token(username: string): Promise<string> {
    const cached = this.tokens.get(username);
    if (cached) return cached;
    const r = await this.call('POST', '/auth/dev-login', { body: { username } });
    if (r.status !== 200) throw new Error(`dev-login ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
    this.tokens.set(username, r.body.accessToken);
    return r.body.accessToken;
  }

  async call(
    method: string,
    path: string,
    opts: { as?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.as) headers.authorization = `Bearer ${await this.token(opts.as)}`;
    let body: string | undefined;
    if (opts.rawBody !== undefined) {
      body = opts.rawBody;
      headers['content-type'] ??= 'application/json';
    } else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] = 'application/json';
    }
    return this.checked(method, path, await fetch(`${this.base}${path}`, { method, headers, body }));
  }

  /** The reply, checked against the OpenAPI document (support/contract.ts). */
  private async checked(method: string, path: string, res: Response): Promise<Reply> {
    const reply = await toReply(res);
    await checkContract(this.base.replace(/\/api\/v1$/, '/api/docs-json'), method, new URL(`${this.base}${path}`).pathname, reply.status, reply.headers.get('content-type'), reply.body);
    return reply;
  }

  /** Multipart upload of a small PDF (or `file`) to a case, with extra form fields. */
  async upload(as: string, caseId: string, fields: Record<string, string> = {}, file: { data: Buffer; name: string; type: string } = { data: SMALL_PDF, name: 'note.pdf', type: 'application/pdf' }): Promise<Reply> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file.data)], { type: file.type }), file.name);
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    return this.checked('POST', `/cases/${caseId}/documents`, await fetch(`${this.base}/cases/${caseId}/documents`, { method: 'POST', headers: { authorization: `Bearer ${await this.token(as)}` }, body: form }));
  }

  get = (path: string, as?: string) => this.call('GET', path, { as });
  post = (path: string, body: unknown, as?: string, headers?: Record<string, string>) => this.call('POST', path, { as, body, headers });

  /** Sends a permit event with If-Match of the permit's current version. */
  async permitEvent(permitId: string, as: string, event: Record<string, unknown>): Promise<Reply> {
    const current = await this.get(`/permits/${permitId}`, as);
    if (current.status !== 200) return current;
    return this.call('POST', `/permits/${permitId}/events`, { as, body: event, headers: { 'if-match': `"${current.body.version}"` } });
  }

  async caseEvent(caseId: string, as: string, event: Record<string, unknown>): Promise<Reply> {
    const current = await this.get(`/cases/${caseId}`, as);
    if (current.status !== 200) return current;
    return this.call('POST', `/cases/${caseId}/events`, { as, body: event, headers: { 'if-match': `"${current.body.version}"` } });
  }

  async setClock(iso: string): Promise<Reply> {
    const r = await this.post('/test/clock', { now: iso });
    if (r.status !== 200) throw new Error(`test clock: ${r.status} ${JSON.stringify(r.body)}`);
    return r;
  }

  /** Row counts of every table a request could change (to prove bad input changed nothing). */
  async counts(): Promise<Record<string, number>> {
    const tables = ['cases', 'permits', 'audit_events', 'outbox', 'idempotency_keys', 'documents', 'notifications', 'users', 'organisations', 'authorities'];
    const [row] = await this.ds.query(`SELECT ${tables.map((t) => `(SELECT count(*)::int FROM ${t}) AS ${t}`).join(', ')}`);
    return row;
  }

  /** Sum of all row versions: changes if any case or permit was updated. */
  async versionSum(): Promise<number> {
    const [{ s }] = await this.ds.query(`SELECT (SELECT coalesce(sum(version),0) FROM cases) + (SELECT coalesce(sum(version),0) FROM permits) AS s`);
    return Number(s);
  }
}

// Shared with the bench and fault scripts.
export { CASEWORKER_FOR, PHARMA_APPLICATION, PHARMA_FACTS, SIMPLE_FACTS } from '../../../scripts/lib/demo-fixtures';

export async function createCase(api: TestApi, as: string, facts: object, title = 'Integration test case'): Promise<any> {
  const r = await api.post('/cases', { title, facts }, as);
  if (r.status !== 201) throw new Error(`create case: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** A case created by `as` and submitted by them (the submission must answer 200); the case as created. */
export async function createSubmittedCase(api: TestApi, as: string, facts: object, title?: string): Promise<any> {
  const c = await createCase(api, as, facts, title);
  const r = await api.caseEvent(c.id, as, { type: 'case.submitted' });
  if (r.status !== 200) throw new Error(`submit case: ${r.status} ${JSON.stringify(r.body)}`);
  return c;
}

/**
 * At `at` on the test clock: anna's submitted SIMPLE_FACTS case, whose one permit (Hillerød's
 * building permit) cw.hillerod confirms complete (must answer 200), so its clock starts at `at`.
 */
export async function createConfirmedSimpleCase(api: TestApi, at: string, title: string): Promise<{ created: any; permit: any; confirmed: Reply }> {
  await api.setClock(at);
  const created = await createSubmittedCase(api, 'anna@nordlys.example', SIMPLE_FACTS, title);
  const permit = created.permits[0];
  const confirmed = await api.permitEvent(permit.id, 'cw.hillerod', { type: 'authority.completenessConfirmed' });
  if (confirmed.status !== 200) throw new Error(`confirm completeness: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
  return { created, permit, confirmed };
}
