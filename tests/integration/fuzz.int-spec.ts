import fc from 'fast-check';
import { loadConfig } from '@rl/config';
import { buildOpenApiOffline } from '../../apps/api/src/app.factory';
import { offlineConfigEnv } from '../../apps/api/src/print-openapi';
import { checkContract } from './support/contract';
import { createCase, PHARMA_FACTS, SIMPLE_FACTS, TestApi } from './support/http';

/**
 * Spec-driven fuzz (issue 12, acceptance): hostile bodies, query strings, headers and path
 * parameters generated from the served OpenAPI document, sent to EVERY operation as each role
 * (demo users through dev-login, and anonymous), at least FUZZ_RUNS (default 50) requests per
 * operation × role, all with valid JSON bodies (so they get past JSON parsing). Asserted:
 *   - no 5xx;
 *   - every 4xx is application/problem+json with a stable `code` that the document lists for
 *     that operation and status;
 *   - a 4xx writes nothing: case/permit/task versions and the row counts of every written table
 *     (audit_events, outbox, documents, notifications, …) are the same before and after it.
 * Reproducible: `FUZZ_SEED=<n> npm run test:fuzz` (the seed is printed). `npm run test:fuzz`
 * runs only this file; it also runs in `npm test` (integration step), bounded to 60 s.
 *
 * Two 5xx classes are tracked separately because other changes fix them (issue 12 #2 and #12):
 * bodies with unpaired UTF-16 surrogates and deeply nested JSON. The generator keeps producing
 * both; their tests fail until those fixes are merged.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 1764006000);
const RUNS = Number(process.env.FUZZ_RUNS ?? 50);
/**
 * Guard against a pathological operation (a regex that backtracks on fuzzed input, a query that
 * explodes): no one operation — all roles × RUNS requests of it — may take longer than this. It is
 * a guard, not a speed measurement (speed is measured in `npm run bench`): an operation takes
 * about 0.5–1.5 s here. The earlier total budget (1 s per operation) failed on a machine that was
 * only slower: the same 38,296 requests took 107 s in one CI run and 168 s in the next, with the
 * same code, and this process's CPU time rose alike (114 → 173 s).
 */
const OPERATION_HANG_GUARD_MS = 30_000;
/** Stops a hung run only (the budget itself is asserted below, with the numbers). */
const HANG_MS = 900_000;
const ROLES: Record<string, string | undefined> = {
  applicant: 'anna@nordlys.example',
  caseworker: 'cw.kalundborg',
  coordinator: 'coordinator',
  admin: 'admin',
  anonymous: undefined,
};
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
/** Requests in flight at once (the API runs in this process; a few overlap its database waits). */
const BATCH = 16;
/** Every table of migrations/ (also ones added later), read from the catalogue. */
const TABLES_SQL = `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('schema_migrations', 'fuzz_row_writes') ORDER BY tablename`;
/** Nesting deeper than this counts as the "deeply nested JSON" class (issue 12 #2). */
const DEEP = 64;
const LONE_SURROGATE = /\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2}/i;

type Json = unknown;
interface Op {
  method: string;
  path: string;
  op: any;
}
interface Sent {
  op: string;
  role: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}
interface Outcome extends Sent {
  status: number;
  contentType: string;
  problem: any;
  surrogate: boolean;
  depth: number;
  wrote?: string;
  /** How the reply breaks the operation's response schema (support/contract.ts), if it does. */
  contract?: string;
  /** The contract check looked at this reply (it has a JSON body). */
  checked?: boolean;
}

// ---------------------------------------------------------------- generators from the spec

const ODD_STRINGS = [
  '',
  ' ',
  '\t\n\r',
  'null',
  'undefined',
  'NaN',
  'true',
  '0',
  '-1',
  '1e309',
  '<script>alert(1)</script>',
  "'; DROP TABLE cases; --",
  '{{7*7}}',
  '${jndi:ldap://x}',
  '%s%n%x',
  '../../../etc/passwd',
  '\u202eevil\u202c',
  'Z\u0351\u0362\u0360A\u0353L\u035bG\u0328O',
  '\u200b\u200d\ufeff',
  '😀👩‍👩‍👧‍👦',
  'İıǅß',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udc00',
  'x\udbff',
  '\udfffy',
  '2027-02-30',
  '2027-13-01',
  '0000-00-00',
  '9999-12-31T23:59:59Z',
  '2027-06-01T08:00:00+99:99',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '00000000-0000-0000-0000-000000000000',
];
const ODD_NUMBERS = [0, -0, -1, 1.5, 1e308, -1e308, 5e-324, 2 ** 31, 2 ** 53, 2 ** 53 + 2, 1e21, Number.MAX_SAFE_INTEGER];
const ODD_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '', ' ', 'type ', 'TYPE', '$where', 'a.b', 'k'.repeat(500), 'ø', '\ud800'];

const oddString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ODD_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('x', 'ø', '😀', '\u0301'), fc.integer({ min: 2000, max: 20_000 })).map(([c, n]) => c.repeat(n)) },
);
/** For URLs: long, but under Node's 16 KB header limit (a bigger URL is a different defect, issue 12 #13). */
const oddQueryString = fc.oneof(fc.constantFrom(...ODD_STRINGS), fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('x', 'ø', '😀').map((c) => c.repeat(300)));
const oddScalar: fc.Arbitrary<Json> = fc.oneof(oddString, fc.constantFrom(...ODD_NUMBERS), fc.boolean(), fc.constant(null));
const hostileJson: fc.Arbitrary<Json> = fc.oneof(
  { weight: 3, arbitrary: oddScalar },
  { weight: 1, arbitrary: fc.constantFrom<Json>([], {}, [null], [[]], { '': {} }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

function resolve(doc: any, schema: any): any {
  let s = schema;
  for (let i = 0; s?.$ref && i < 10; i++) s = doc.components.schemas[s.$ref.split('/').pop()];
  return s ?? {};
}

/** Values that conform to the schema (the starting point of most mutations). */
function validArb(doc: any, raw: any, pool: Pool, depth = 0, allKeys = false): fc.Arbitrary<Json> {
  const s = resolve(doc, raw);
  const alternatives: fc.Arbitrary<Json>[] = [];
  if (s.example !== undefined) alternatives.push(fc.constant(s.example));
  if (s.oneOf) return fc.oneof(...s.oneOf.map((b: any) => validArb(doc, b, pool, depth + 1, allKeys)));
  if (s.allOf) return validArb(doc, Object.assign({}, ...s.allOf.map((b: any) => resolve(doc, b))), pool, depth + 1);
  if (s.enum) return fc.constantFrom(...s.enum);
  if (s.type === 'object' || s.properties) {
    const props = s.properties ?? {};
    const required = new Set<string>(s.required ?? []);
    const model: Record<string, fc.Arbitrary<Json>> = {};
    for (const [k, p] of Object.entries(props)) model[k] = depth > 4 ? fc.constant(null) : validArb(doc, p, pool, depth + 1);
    const obj = fc.record(model, { requiredKeys: allKeys ? Object.keys(model) : [...required].filter((k) => k in model) });
    alternatives.push(s.additionalProperties === true ? fc.tuple(obj, fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 })).map(([a, b]) => ({ ...b, ...a })) : obj);
  } else if (s.type === 'array') {
    alternatives.push(fc.array(validArb(doc, s.items ?? {}, pool, depth + 1), { maxLength: Math.min(s.maxItems ?? 3, 3) }));
  } else if (s.type === 'string') {
    if (s.format === 'date') alternatives.push(fc.date({ min: new Date('2027-01-01'), max: new Date('2029-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)));
    else if (s.format === 'date-time') alternatives.push(fc.date({ min: new Date('2027-06-01'), max: new Date('2027-07-01'), noInvalidDate: true }).map((d) => d.toISOString()));
    else if (s.format === 'uuid') alternatives.push(fc.constantFrom(...pool.all()), fc.uuid());
    else alternatives.push(fc.string({ minLength: Math.max(s.minLength ?? 1, 1), maxLength: Math.min(s.maxLength ?? 30, 30) }));
  } else if (s.type === 'integer' || s.type === 'number') {
    alternatives.push(fc.integer({ min: s.minimum ?? 0, max: Math.min(s.maximum ?? 100, 1000) }));
  } else if (s.type === 'boolean') {
    alternatives.push(fc.boolean());
  } else {
    alternatives.push(fc.jsonValue({ maxDepth: 2 }));
  }
  return fc.oneof(...alternatives);
}

function withEveryString(v: Json, f: (s: string) => string): Json {
  if (typeof v === 'string') return f(v);
  if (Array.isArray(v)) return v.map((x) => withEveryString(x, f));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withEveryString(x, f)]));
  return v;
}

const DEEP_MARK = '"\u0001deep\u0001"';
/** Nested arrays/objects, as JSON text (JSON.stringify would recurse as deep). */
const deepText = fc.tuple(fc.integer({ min: 1000, max: 3000 }), fc.constantFrom('[', '{"a":')).map(([n, open]) => open.repeat(n) + '1' + (open === '[' ? ']' : '}').repeat(n));

/** A mutation of a valid body: the hostile part of the fuzz. Returns JSON text. */
function bodyArb(doc: any, schema: any, pool: Pool): fc.Arbitrary<string> {
  const s = resolve(doc, schema);
  const branches: any[] = s.oneOf ? s.oneOf.map((b: any) => resolve(doc, b)) : [s];
  const types: string[] = s.discriminator ? Object.keys(s.discriminator.mapping) : [];
  const valid = validArb(doc, s, pool);
  // Every optional field present, every string but the discriminator ending in an unpaired surrogate.
  const surrogates = fc
    .tuple(validArb(doc, s, pool, 0, true), fc.constantFrom('\udc00', '\ud800', 'x\udbff'))
    .map(([v, lone]) => (v && typeof v === 'object' && !Array.isArray(v) ? { ...(withEveryString(v, (str) => str + lone) as object), ...('type' in v ? { type: v.type } : {}) } : v));
  const objectValid = valid.map((v) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, Json>) : {}));
  const keysOf = (v: Record<string, Json>) => [...new Set([...Object.keys(v), ...branches.flatMap((b) => Object.keys(b.properties ?? {}))])];
  const pickKey = (v: Record<string, Json>) => fc.constantFrom(...(keysOf(v).length ? keysOf(v) : ['x']));
  const mutations: fc.Arbitrary<Json | { raw: string }>[] = [
    valid,
    valid,
    objectValid.chain((v) => pickKey(v).map((k) => Object.fromEntries(Object.entries(v).filter(([key]) => key !== k)))),
    objectValid.chain((v) => fc.tuple(pickKey(v), hostileJson).map(([k, x]) => ({ ...v, [k]: x }))),
    objectValid.chain((v) => fc.tuple(pickKey(v), oddString).map(([k, x]) => ({ ...v, [k]: x }))),
    objectValid.chain((v) => fc.tuple(fc.oneof(fc.constantFrom(...ODD_KEYS), fc.string({ maxLength: 20 })), hostileJson).map(([k, x]) => JSON.parse(`${JSON.stringify(v).slice(0, -1)}${Object.keys(v).length ? ',' : ''}${JSON.stringify(k)}:${JSON.stringify(x)}}`))),
    fc.constantFrom<Json>(null, [], 'string', 42, true, {}, [{}]),
    objectValid.map((v) => [v]),
    deepText.map((raw) => ({ raw })),
    // Every string of a valid body with an unpaired surrogate: reaches the database when the rest is right.
    surrogates,
    surrogates,
    objectValid.chain((v) => fc.tuple(pickKey(v), deepText).map(([k, raw]) => ({ raw: JSON.stringify({ ...v, [k]: '\u0001deep\u0001' }).replace(DEEP_MARK, raw) }))),
  ];
  if (types.length) {
    // Discriminated union: another event's payload under this type, unknown/odd types.
    mutations.push(objectValid.chain((v) => fc.constantFrom(...types).map((type) => ({ ...v, type }))));
    mutations.push(objectValid.chain((v) => fc.oneof(oddScalar, fc.constantFrom('AUTHORITY.INFOREQUESTED', 'case.submitted ', 'permit.unknown', ...types.map((t) => [t]))).map((type) => ({ ...v, type }))));
  }
  return fc.oneof(...mutations).map((b) => (b && typeof b === 'object' && 'raw' in (b as object) ? (b as { raw: string }).raw : JSON.stringify(b)));
}

const headerSafe = fc.string({ unit: 'binary-ascii', maxLength: 60 }).map((s) => s.replace(/[^\x20-\x7e]/g, ''));

/** Ids of real objects of every kind (other organisations' too), and odd ids. */
class Pool {
  cases: string[] = [];
  permits: string[] = [];
  documents: string[] = [];
  tasks: string[] = [];
  notifications: string[] = [];
  users: string[] = [];
  /** Per role: the objects it may see (reaching deeper code), next to everyone else's. */
  own: Record<string, string[]> = {};
  all(): string[] {
    return [...this.cases, ...this.permits, ...this.documents, ...this.tasks, ...this.notifications, ...this.users];
  }
  /** Ids for the `{id}` of `path`: mostly objects of its kind the role may see, also others' and other kinds'. */
  idArb(path: string, role: string): fc.Arbitrary<string> {
    const kind = /\/(cases|permits|documents|tasks|notifications)\/\{id\}/.exec(path)?.[1] as 'cases' | 'permits' | 'documents' | 'tasks' | 'notifications' | undefined;
    const ofKind = kind && this[kind].length ? this[kind] : this.all();
    const own = ofKind.filter((id) => this.own[role]?.includes(id));
    return fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...(own.length ? own : ofKind)) },
      { weight: 3, arbitrary: fc.constantFrom(...ofKind) },
      { weight: 2, arbitrary: fc.constantFrom(...this.all()) },
      { weight: 1, arbitrary: fc.uuid() },
      { weight: 1, arbitrary: fc.constantFrom('not-a-uuid', '1', '-1', '0', 'null', '%00', '...', ' ', 'x'.repeat(300), "' OR '1'='1", '😀', '\u202e', '00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF') },
      { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
      // '', '.' and '..' would make the URL name another route (dot segments are resolved), not this operation.
    ).filter((id) => id !== '' && id !== '.' && id !== '..');
  }
}

/** URLs carry UTF-8, which has no unpaired surrogates (String#toWellFormed, typed only from ES2024). */
const wellFormed = (s: string): string => (s as unknown as { toWellFormed(): string }).toWellFormed();

function queryArb(params: any[]): fc.Arbitrary<string> {
  const perParam = params.map((p) => {
    const s = p.schema ?? {};
    const valid: fc.Arbitrary<string> = s.enum
      ? fc.constantFrom(...s.enum.map(String))
      : s.type === 'integer' || s.type === 'number'
        ? fc.integer({ min: s.minimum ?? 0, max: s.maximum ?? 100 }).map(String)
        : s.type === 'boolean'
          ? fc.constantFrom('true', 'false')
          : fc.string({ maxLength: 20 });
    const hostile = fc.oneof(oddQueryString, fc.constantFrom('-1', '0', '1.5', '1e3', '99999999999', '', 'true', '[]', '{}'));
    return fc.option(
      fc.oneof(
        { weight: 3, arbitrary: valid.map((v) => [[p.name, v]]) },
        { weight: 2, arbitrary: hostile.map((v) => [[p.name, v]]) },
        { weight: 1, arbitrary: fc.tuple(valid, hostile).map(([a, b]) => [[p.name, a], [p.name, b]]) },
        { weight: 1, arbitrary: hostile.map((v) => [[`${p.name}[a]`, v]]) },
      ),
      { nil: [] as string[][] },
    );
  });
  const extra = fc.option(fc.tuple(fc.constantFrom(...ODD_KEYS.slice(0, -1), 'unknown', 'page[0]'), oddQueryString).map(([k, v]) => [[k, v]]), { nil: [] as string[][], freq: 4 });
  return fc.tuple(fc.tuple(...perParam), extra).map(([pairs, more]) => {
    const q = new URLSearchParams();
    for (const [k, v] of [...pairs.flat(), ...more]) q.append(wellFormed(k), wellFormed(v as string));
    const text = q.toString();
    return text ? `?${text}` : '';
  });
}

interface Plan {
  pathId?: string;
  query: string;
  ifMatch?: string;
  idempotencyKey?: string;
  body?: string;
}

function requestArb(doc: any, o: Op, pool: Pool, role: string): fc.Arbitrary<Plan> {
  const params: any[] = o.op.parameters ?? [];
  const hasId = o.path.includes('{id}');
  const hasIfMatch = params.some((p) => p.in === 'header' && p.name.toLowerCase() === 'if-match');
  const hasIdem = params.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key');
  const schema = o.op.requestBody?.content?.['application/json']?.schema;
  return fc.record(
    {
      pathId: hasId ? pool.idArb(o.path, role) : fc.constant(undefined),
      query: queryArb(params.filter((p) => p.in === 'query')),
      ifMatch: hasIfMatch
        ? fc.oneof({ weight: 6, arbitrary: fc.constant('CURRENT') }, fc.constantFrom(undefined, '"0"', '"-1"', 'W/"1"', '*', '"abc"', '1', '"99999999999999999999"', '""'), headerSafe)
        : fc.constant(undefined),
      idempotencyKey: hasIdem ? fc.option(fc.oneof(headerSafe, fc.constant('k'.repeat(300)), fc.uuid()), { nil: undefined }) : fc.constant(undefined),
      // Operations without a documented JSON body still get one now and then: it must be ignored or refused.
      body: schema
        ? bodyArb(doc, schema, pool)
        : o.method === 'get'
          ? fc.constant(undefined)
          : fc.option(fc.oneof(fc.object(), fc.array(hostileJson, { maxLength: 3 }), hostileJson).map((v) => JSON.stringify(v)), { freq: 3, nil: undefined }),
    },
  ) as fc.Arbitrary<Plan>;
}

/** Deepest bracket nesting of a JSON text (strings skipped). */
function depthOf(text: string | undefined): number {
  if (!text) return 0;
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') max = Math.max(max, ++depth);
    else if (c === ']' || c === '}') depth--;
  }
  return max;
}

/** JSON pointer of the first place where two JSON values differ, or undefined. */
function firstDifference(a: any, b: any, at = ''): string | undefined {
  if (a === b) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return `${at}: ${JSON.stringify(a)?.slice(0, 200)} ≠ ${JSON.stringify(b)?.slice(0, 200)}`;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  if (JSON.stringify(Object.keys(a)) !== JSON.stringify(Object.keys(b))) return `${at}: keys ${Object.keys(a)} ≠ ${Object.keys(b)}`;
  for (const k of keys) {
    const d = firstDifference(a[k], b[k], `${at}/${k}`);
    if (d) return d;
  }
  return undefined;
}

function documentedCodes(o: Op, status: number): string[] {
  const schema = o.op.responses?.[String(status)]?.content?.['application/problem+json']?.schema;
  return schema?.allOf?.[1]?.properties?.code?.enum ?? [];
}

// ---------------------------------------------------------------- the run

describe('spec-driven fuzz: every operation × every role', () => {
  let api: TestApi;
  let origin: string;
  let doc: any;
  let ops: Op[];
  const pool = new Pool();
  const outcomes: Outcome[] = [];
  const perPair = new Map<string, number>();
  let elapsedMs = 0;
  let slowest = { op: '', ms: 0 };

  /**
   * Every row any request inserts, updates or deletes, in any table, is logged by a row-level
   * trigger (installed for this test, removed after it) into fuzz_row_writes; the log's highest
   * id moves only when a transaction that wrote COMMITTED (a rolled-back row leaves no trace).
   * That brackets each request cheaply, so requests can run a few at a time.
   */
  const writeMark = async (): Promise<number> => Number((await api.ds.query(`SELECT coalesce(max(id), 0) AS m FROM fuzz_row_writes`))[0].m);
  const writesSince = async (mark: number): Promise<string> =>
    (await api.ds.query(`SELECT tbl, op, count(*)::int AS n FROM fuzz_row_writes WHERE id > $1 GROUP BY tbl, op`, [mark])).map((r: any) => `${r.op} ${r.tbl} ×${r.n}`).join(', ');

  async function installWriteLog(): Promise<void> {
    await api.ds.query(`CREATE TABLE fuzz_row_writes (id bigserial PRIMARY KEY, tbl text NOT NULL, op text NOT NULL)`);
    await api.ds.query(`CREATE FUNCTION fuzz_log_write() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO fuzz_row_writes (tbl, op) VALUES (TG_TABLE_NAME, TG_OP); RETURN NULL; END $$`);
    for (const { tablename: t } of await api.ds.query(TABLES_SQL)) await api.ds.query(`CREATE TRIGGER fuzz_log_write AFTER INSERT OR UPDATE OR DELETE ON "${t}" FOR EACH ROW EXECUTE FUNCTION fuzz_log_write()`);
  }

  async function removeWriteLog(): Promise<void> {
    for (const { tablename: t } of await api.ds.query(TABLES_SQL)) await api.ds.query(`DROP TRIGGER IF EXISTS fuzz_log_write ON "${t}"`);
    await api.ds.query(`DROP FUNCTION IF EXISTS fuzz_log_write()`);
    await api.ds.query(`DROP TABLE IF EXISTS fuzz_row_writes`);
  }

  /** Versions and row counts (migrations/): what a 4xx must leave as it was (audit is append-only). */
  const snapshot = async (): Promise<string> => {
    const [row] = await api.ds.query(`SELECT
      (SELECT count(*) || ':' || coalesce(sum(version), 0) FROM cases) AS cases,
      (SELECT count(*) || ':' || coalesce(sum(version), 0) FROM permits) AS permits,
      (SELECT count(*) || ':' || coalesce(sum(version), 0) FROM tasks) AS tasks,
      (SELECT count(*) FROM audit_events) AS audit,
      (SELECT count(*) FROM outbox) AS outbox,
      (SELECT count(*) FROM documents) AS documents,
      (SELECT count(*) || ':' || count(read_at) FROM notifications) AS notifications,
      (SELECT count(*) FROM deadline_alerts) AS alerts,
      (SELECT count(*) FROM idempotency_keys) AS idempotency,
      (SELECT count(*) FROM users) AS users`);
    return JSON.stringify(row);
  };

  async function fixture(): Promise<void> {
    const anna = ROLES.applicant as string;
    const pharma = await createCase(api, anna, PHARMA_FACTS, 'Fuzz pharma case');
    expect((await api.caseEvent(pharma.id, anna, { type: 'case.submitted' })).status).toBe(200);
    const draft = await createCase(api, anna, SIMPLE_FACTS, 'Fuzz draft case');
    const other = await createCase(api, 'bo@bolge.example', SIMPLE_FACTS, 'Fuzz other organisation case');
    expect((await api.caseEvent(other.id, 'bo@bolge.example', { type: 'case.submitted' })).status).toBe(200);
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1')], { type: 'application/pdf' }), 'fuzz.pdf');
    const upload = await fetch(`${api.base}/cases/${pharma.id}/documents`, { method: 'POST', headers: { authorization: `Bearer ${await api.token(anna)}` }, body: form });
    expect(upload.status).toBe(201);
    const ids = [pharma.id, draft.id, other.id];
    pool.cases = ids;
    pool.permits = (await api.ds.query(`SELECT id FROM permits WHERE case_id = ANY($1) ORDER BY id`, [ids])).map((r: any) => r.id);
    pool.documents = (await api.ds.query(`SELECT id FROM documents WHERE case_id = ANY($1) ORDER BY id`, [ids])).map((r: any) => r.id);
    pool.tasks = (await api.ds.query(`SELECT id FROM tasks WHERE case_id = ANY($1) ORDER BY id`, [ids])).map((r: any) => r.id);
    pool.notifications = (await api.ds.query(`SELECT id FROM notifications WHERE case_id = ANY($1) ORDER BY id LIMIT 6`, [ids])).map((r: any) => r.id);
    pool.users = (await api.ds.query(`SELECT id FROM users WHERE username = ANY($1) ORDER BY id`, [['cw.kalundborg', 'cw.mst', 'anna@nordlys.example']])).map((r: any) => r.id);
    const ownIds = async (sql: string, username: string | undefined) => (await api.ds.query(sql, [ids, username])).map((r: any) => r.id as string);
    pool.own = {
      applicant: await ownIds(
        `WITH mine AS (SELECT c.id FROM cases c JOIN users u ON u.organisation_id = c.organisation_id WHERE c.id = ANY($1) AND u.username = $2)
         SELECT id FROM mine UNION ALL SELECT id FROM permits WHERE case_id IN (SELECT id FROM mine) UNION ALL SELECT id FROM documents WHERE case_id IN (SELECT id FROM mine)
         UNION ALL SELECT n.id FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = $2 AND n.case_id = ANY($1)`,
        ROLES.applicant,
      ),
      caseworker: await ownIds(
        `WITH mine AS (SELECT p.id, p.case_id FROM permits p JOIN users u ON u.authority_id = p.authority_id WHERE p.case_id = ANY($1) AND u.username = $2)
         SELECT id FROM mine UNION ALL SELECT DISTINCT case_id FROM mine UNION ALL SELECT t.id FROM tasks t WHERE t.permit_id IN (SELECT id FROM mine)`,
        ROLES.caseworker,
      ),
    };
  }

  async function currentVersion(id: string | undefined): Promise<string> {
    const rows = id ? await api.ds.query(`SELECT version FROM cases WHERE id::text = $1 UNION ALL SELECT version FROM permits WHERE id::text = $1`, [id]) : [];
    return `"${rows[0]?.version ?? 1}"`;
  }

  async function send(o: Op, role: string, plan: Plan): Promise<Outcome> {
    const path = o.path.replace('{id}', encodeURIComponent(wellFormed(plan.pathId ?? '')));
    const url = `${origin}${path}${plan.query}`;
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
    const username = ROLES[role];
    if (username) headers.authorization = `Bearer ${await api.token(username)}`;
    if (plan.ifMatch !== undefined) headers['if-match'] = plan.ifMatch === 'CURRENT' ? await currentVersion(plan.pathId) : plan.ifMatch;
    if (plan.idempotencyKey !== undefined) headers['idempotency-key'] = plan.idempotencyKey;
    if (plan.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(url, { method: o.method.toUpperCase(), headers, body: plan.body, redirect: 'manual' });
    const text = await res.text();
    let problem: any = null;
    try {
      problem = JSON.parse(text);
    } catch {
      /* checked below for 4xx */
    }
    const contentType = res.headers.get('content-type');
    let contract: string | undefined;
    const checked = await checkContract(`${origin}/api/docs-json`, o.method, new URL(url).pathname, res.status, contentType, problem).catch((e: Error) => {
      contract = e.message;
      return true;
    });
    return {
      op: `${o.method.toUpperCase()} ${o.path}`,
      role,
      url,
      contract,
      checked,
      headers: { ...headers, authorization: headers.authorization ? 'Bearer …' : '' },
      body: plan.body,
      status: res.status,
      contentType: contentType ?? '',
      problem,
      surrogate: LONE_SURROGATE.test(plan.body ?? ''),
      depth: depthOf(plan.body),
    };
  }

  /** When the fuzz began (the database's clock): what it linked after that is its own. */
  let fuzzStartedAt: Date;

  beforeAll(async () => {
    // Rate limiting off for the fuzz: a budget no run can exhaust.
    api = await TestApi.start({ RATE_LIMIT_ENABLED: '0', RATE_LIMIT_PER_MINUTE: '1000000000' });
    fuzzStartedAt = (await api.ds.query(`SELECT now() AS at`))[0].at;
    origin = api.base.replace(/\/api\/v1$/, '');
    await api.setClock('2027-06-01T08:00:00Z');
    for (const username of Object.values(ROLES)) if (username) await api.token(username);
    doc = await (await fetch(`${origin}/api/docs-json`)).json();
    ops = Object.entries(doc.paths as Record<string, any>).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((method) => ({ method, path, op: item[method] })));
    await fixture();
    await removeWriteLog(); // a run killed before afterAll
    await installWriteLog();
  }, 60_000);

  afterAll(async () => {
    if (api) {
      await removeWriteLog();
      // Leave the directory as the seed made it: the fuzz's valid admin requests link identities
      // to (and may deactivate) the pool's users, and the files after this one run on the same
      // database (admin-users.int-spec lists those users' identities).
      await api.ds.query(`DELETE FROM user_external_identities WHERE user_id = ANY($1::uuid[]) AND linked_at >= $2`, [pool.users, fuzzStartedAt]);
      await api.ds.query(`UPDATE users SET deactivated_at = NULL WHERE id = ANY($1::uuid[])`, [pool.users]);
    }
    await api?.stop();
  });

  it('serves the document that `npm run gen:api` builds offline', async () => {
    const offline = await buildOpenApiOffline(loadConfig(offlineConfigEnv()));
    expect(firstDifference(JSON.parse(JSON.stringify(offline)), doc)).toBeUndefined();
  }, 30_000);

  it(`runs ≥ ${RUNS} requests with valid JSON per operation × role (seed and counts printed)`, async () => {
    const started = Date.now();
    const cpuStarted = process.cpuUsage();
    let pairIndex = 0;
    const record = (out: Outcome) => {
      outcomes.push(out);
      const key = `${out.op} as ${out.role}`;
      if (out.problem?.code !== 'REQUEST.MALFORMED_JSON' && out.problem?.code !== 'REQUEST.TOO_LARGE') perPair.set(key, (perPair.get(key) ?? 0) + 1);
    };
    for (const o of ops) {
      // Transitions use up their objects (a withdrawn case takes no more events): fresh ones per operation.
      if (/events|target-date/.test(o.path)) await fixture();
      const opStarted = Date.now();
      const opBefore = await snapshot();
      const opMark = await writeMark();
      for (const role of Object.keys(ROLES)) {
        const key = `${o.method.toUpperCase()} ${o.path} as ${role}`;
        const arb = requestArb(doc, o, pool, role);
        // Requests refused by the JSON parser (a top-level scalar, too large) do not count: draw
        // more until RUNS got past it (deterministic: the seeds follow the pair and the round).
        for (let round = 0; (perPair.get(key) ?? 0) < RUNS && round < 20; round++) {
          const plans = fc.sample(arb, { seed: SEED + pairIndex * 10 + round, numRuns: RUNS - (perPair.get(key) ?? 0) });
          for (let i = 0; i < plans.length; i += BATCH) {
            const batch = plans.slice(i, i + BATCH);
            const before = await writeMark();
            const outs = await Promise.all(batch.map((plan) => send(o, role, plan)));
            const after = await writeMark();
            outs.forEach(record);
            if (after === before) continue;
            // Something in the batch wrote (a 2xx, or a 4xx that must not have): replay its 4xx
            // one at a time, each between two marks.
            for (const [j, out] of outs.entries()) {
              if (out.status < 400 || out.status >= 500) continue;
              const m0 = await writeMark();
              const replay = await send(o, role, batch[j]);
              const m1 = await writeMark();
              if (replay.status >= 400 && replay.status < 500 && m1 !== m0) replay.wrote = `${m1 - m0} row(s) written: ${await writesSince(m0)}`;
              record(replay);
            }
          }
        }
        pairIndex++;
      }
      // The same, as the issue words it: with no row written, versions and counts are unchanged.
      if ((await writeMark()) === opMark) expect([`${o.method} ${o.path}`, await snapshot()]).toEqual([`${o.method} ${o.path}`, opBefore]);
      const opMs = Date.now() - opStarted;
      if (opMs > slowest.ms) slowest = { op: `${o.method.toUpperCase()} ${o.path}`, ms: opMs };
      if (process.env.FUZZ_VERBOSE) process.stdout.write(`fuzz: ${o.method.toUpperCase()} ${o.path} ${opMs} ms\n`);
    }
    elapsedMs = Date.now() - started;
    const cpu = process.cpuUsage(cpuStarted);
    const byStatus: Record<string, number> = {};
    for (const out of outcomes) byStatus[out.status] = (byStatus[out.status] ?? 0) + 1;
    process.stdout.write(
      `\nfuzz: seed ${SEED} (FUZZ_SEED=… to change), ${ops.length} operations × ${Object.keys(ROLES).length} roles × ${RUNS} runs: ${outcomes.length} requests in ${elapsedMs} ms ` +
        `(CPU of this process, the API included: ${Math.round((cpu.user + cpu.system) / 1000)} ms); slowest operation ${slowest.op}: ${slowest.ms} ms\n` +
        `fuzz: by status ${JSON.stringify(byStatus)}; 5xx from unpaired surrogates ${outcomes.filter((o) => o.status >= 500 && o.surrogate).length}, ` +
        `from nesting > ${DEEP} ${outcomes.filter((o) => o.status >= 500 && !o.surrogate && o.depth > DEEP).length}, other ${outcomes.filter((o) => o.status >= 500 && !o.surrogate && o.depth <= DEEP).length}\n`,
    );
    expect(ops.length).toBeGreaterThanOrEqual(28);
    const short = ops.flatMap((o) => Object.keys(ROLES).map((role) => `${o.method.toUpperCase()} ${o.path} as ${role}`)).filter((k) => (perPair.get(k) ?? 0) < RUNS);
    expect(short.map((k) => `${k}: ${perPair.get(k) ?? 0}`)).toEqual([]);
  }, HANG_MS);

  it(`has no operation that takes over ${OPERATION_HANG_GUARD_MS / 1000} s (all roles × ${RUNS} runs; a guard against pathological inputs, not a speed test)`, () => {
    expect(elapsedMs).toBeGreaterThan(0);
    expect(slowest.ms).toBeGreaterThan(0);
    // Which operation it was is in the "fuzz:" line printed above.
    expect(slowest.ms).toBeLessThan(OPERATION_HANG_GUARD_MS);
  });

  const show = (list: Outcome[]) =>
    list.slice(0, 5).map((o) => ({ op: o.op, role: o.role, url: o.url.slice(0, 200), body: o.body?.slice(0, 300), status: o.status, code: o.problem?.code, wrote: o.wrote }));
  const fiveXx = () => outcomes.filter((o) => o.status >= 500);

  it('answers no 5xx (other than the two classes below)', () => {
    expect(outcomes.length).toBeGreaterThan(0);
    expect(show(fiveXx().filter((o) => !o.surrogate && o.depth <= DEEP))).toEqual([]);
  });

  it('answers no 5xx to strings with unpaired UTF-16 surrogates (issue 12 #12)', () => {
    expect(outcomes.filter((o) => o.surrogate).length).toBeGreaterThan(0);
    expect(show(fiveXx().filter((o) => o.surrogate))).toEqual([]);
  });

  it(`answers no 5xx to JSON nested deeper than ${DEEP} levels (issue 12 #2)`, () => {
    expect(outcomes.filter((o) => o.depth > 1000).length).toBeGreaterThan(0);
    expect(show(fiveXx().filter((o) => !o.surrogate && o.depth > DEEP))).toEqual([]);
  });

  it('answers every 4xx as application/problem+json with a stable code the document lists for the operation', () => {
    const fourXx = outcomes.filter((o) => o.status >= 400 && o.status < 500);
    expect(fourXx.length).toBeGreaterThan(0);
    const byOp = new Map(ops.map((o) => [`${o.method.toUpperCase()} ${o.path}`, o]));
    const bad = fourXx.filter(
      (o) =>
        !o.contentType.startsWith('application/problem+json') ||
        typeof o.problem?.code !== 'string' ||
        !/^[A-Z][A-Z0-9_]*\.[A-Z][A-Z0-9_]*$/.test(o.problem.code) ||
        o.problem.status !== o.status ||
        !documentedCodes(byOp.get(o.op) as Op, o.status).includes(o.problem.code),
    );
    expect(show(bad)).toEqual([]);
  });

  it('answers every JSON reply (2xx and problems) as the document describes it (support/contract.ts)', () => {
    // The check is not quiet: every reply with a JSON body (every operation here is a documented one) was checked.
    const jsonBodies = outcomes.filter((o) => /^application\/([a-z0-9.+-]+\+)?json/.test(o.contentType) && o.problem !== null && typeof o.problem === 'object');
    expect(jsonBodies.filter((o) => o.status < 300).length).toBeGreaterThan(100);
    expect(jsonBodies.filter((o) => !o.checked).slice(0, 5).map((o) => show([o])[0])).toEqual([]);
    expect(outcomes.filter((o) => o.contract).slice(0, 5).map((o) => ({ ...show([o])[0], contract: o.contract }))).toEqual([]);
  });

  it('writes nothing on a 4xx (versions and audit/outbox/document/notification counts unchanged)', () => {
    expect(show(outcomes.filter((o) => o.wrote))).toEqual([]);
  });
});
