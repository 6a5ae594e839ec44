import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { PROBLEM_EXTENSIONS } from '../../../apps/api/src/common/problem-extensions';
import { toJsonSchema } from '../../../apps/api/src/schemas/json-schemas';

/**
 * The published contract checked against what the API really answers: every JSON reply a test
 * receives through `TestApi` (and every reply of the fuzz) is validated against the response
 * schema the OpenAPI document gives for its operation and status — 2xx bodies and problem+json
 * alike. Clients outside this repo are generated from that document, so a field the document
 * promises and the reply lacks, a value outside a documented enum, a problem code the operation
 * does not list, or a member the reply carries and the document does not name (a generated client
 * drops it: see `undocumented`) is a broken contract even when every assertion of the test holds.
 * The document is the one the API under test serves (`/api/docs-json`, built from the code as it
 * is); the committed copy where that API does not serve it (production settings). Its schemas are
 * read as JSON Schema the way the exchange format publishes them (`toJsonSchema`: OpenAPI 3.0's
 * `nullable` as a null type), so this check and the published schemas cannot read `nullable`
 * differently.
 *
 * `CONTRACT_REPORT=<file>` writes findings as JSON lines instead of failing (to survey a change).
 */
const DEFS_ID = 'https://rod-lober.invalid/openapi-components';

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
type OpenApi = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, unknown> } };
type Loaded = {
  doc: OpenApi;
  ajv: Ajv2020;
  routes: { re: RegExp; template: string; literal: number }[];
  compiled: Map<string, ValidateFunction | string>;
  bySchemaText: Map<string, ValidateFunction>;
};

const loaded = new Map<string, Promise<Loaded>>();
const COMMITTED = 'committed';

/**
 * The document the API under test serves (`/api/docs-json`, built from the code as it is now);
 * with `docsUrl` null, or when that API answers 404 (API_DOCS off, production settings), the
 * committed copy. Any other failure to read it fails the test: the check never goes quiet.
 */
function load(docsUrl: string | null): Promise<Loaded> {
  const key = docsUrl ?? COMMITTED;
  let doc = loaded.get(key);
  if (!doc) {
    const committed = () => JSON.parse(readFileSync(join(__dirname, '../../../apps/web/src/api/openapi.json'), 'utf8')) as OpenApi;
    doc = (
      docsUrl === null
        ? Promise.resolve(committed())
        : fetch(docsUrl).then(async (r) => {
            if (r.status === 404) return committed();
            if (!r.ok) throw new Error(`contract check: ${docsUrl} answered ${r.status}`);
            return (await r.json()) as OpenApi;
          })
    ).then(build);
    loaded.set(key, doc);
  }
  return doc;
}

/** `#/$defs/X` (what toJsonSchema makes of a component ref) → the shared components schema. */
const absoluteRefs = (schema: unknown): unknown => JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\/\$defs\//g, `"$ref":"${DEFS_ID}#/$defs/`));

function build(doc: OpenApi): Loaded {
  // `example`, `discriminator` and other OpenAPI words are not JSON Schema keywords → not strict.
  const ajv = new Ajv2020({ strict: false, allErrors: true, verbose: true });
  addFormats(ajv);
  const defs = Object.fromEntries(Object.entries(doc.components?.schemas ?? {}).map(([name, s]) => [name, toJsonSchema(s)]));
  ajv.addSchema({ $id: DEFS_ID, $defs: absoluteRefs(defs) });
  // A literal segment beats a parameter (`/cases/mine` before `/cases/{id}`).
  const routes = Object.keys(doc.paths)
    .map((template) => ({
      template,
      re: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
      literal: template.split('/').filter((s) => s && !s.startsWith('{')).length,
    }))
    .sort((a, b) => b.literal - a.literal);
  return { doc, ajv, routes, compiled: new Map(), bySchemaText: new Map() };
}

/** The operation's documented answer for this status (or its default), and all its answers. */
function responseOf(doc: OpenApi, template: string, method: string, status: number) {
  const responses = doc.paths[template]?.[method]?.responses ?? {};
  return { responses, response: responses[String(status)] ?? responses.default };
}

/**
 * The validator of one operation's answer: a function, or why there is none — the document lists
 * no such status for the operation, or not this media type for it (both are findings: the reply
 * is not what the document says the operation can answer).
 */
function validatorFor({ doc, ajv, compiled, bySchemaText }: Loaded, template: string, method: string, status: number, media: string): ValidateFunction | string {
  const key = `${method} ${template} ${status} ${media}`;
  if (!compiled.has(key)) {
    const { responses, response } = responseOf(doc, template, method, status);
    const schema = response?.content?.[media]?.schema;
    compiled.set(
      key,
      !response
        ? `status ${status} is not among the operation's documented answers (${Object.keys(responses).join(', ')})`
        : !schema
          ? `${media} is not a documented media type of its ${status} answer (${Object.keys(response.content ?? {}).join(', ') || 'none'})`
          : bySchema(ajv, bySchemaText, JSON.stringify(schema)),
    );
  }
  return compiled.get(key) as ValidateFunction | string;
}

/**
 * One compiled validator per distinct schema: most operations share their problem answers' schemas
 * (the same codes per status), and compiling is what the check costs (~30 ms a schema).
 */
function bySchema(ajv: Ajv2020, cache: Map<string, ValidateFunction>, text: string): ValidateFunction {
  let v = cache.get(text);
  if (!v) {
    v = ajv.compile(absoluteRefs(toJsonSchema(JSON.parse(text))) as object);
    cache.set(text, v);
  }
  return v;
}

const isJson = (media: string) => media === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(media);

/**
 * Checks one reply with a JSON body (`application/json`, `application/problem+json`, any `+json`)
 * of a documented operation. Resolves to whether it was checked (false: not JSON, no body, or no
 * documented operation for the method and path); rejects — or, with CONTRACT_REPORT, records —
 * when the reply breaks the document. `docsUrl` null: check against the committed document.
 */
export async function checkContract(docsUrl: string | null, method: string, path: string, status: number, contentType: string | null, body: unknown): Promise<boolean> {
  if (!contentType || body === null || typeof body === 'string') return false;
  const media = contentType.split(';')[0].trim().toLowerCase();
  if (!isJson(media)) return false;
  const loadedDoc = await load(docsUrl);
  const route = loadedDoc.routes.find((r) => r.re.test(path) && loadedDoc.doc.paths[r.template][method.toLowerCase()]);
  if (!route) return false; // not a documented operation (e.g. test-only routes)
  const v = validatorFor(loadedDoc, route.template, method.toLowerCase(), status, media);
  const valid = typeof v !== 'string' && v(body);
  const extra: string[] = [];
  const otherCodes: string[] = [];
  const isProblem = media === 'application/problem+json';
  const code = isProblem && typeof (body as { code?: unknown }).code === 'string' ? (body as { code: string }).code : undefined;
  if (valid) {
    const schema = responseOf(loadedDoc.doc, route.template, method.toLowerCase(), status).response?.content?.[media]?.schema;
    undocumented(loadedDoc.doc, schema, body, '', extra);
    if (code) for (const key of notOfThisCode(loadedDoc.doc, code, body as Record<string, unknown>)) if (!extra.includes(`/${key}`)) otherCodes.push(key);
    if (extra.length === 0 && otherCodes.length === 0) return true;
  }
  const errors =
    typeof v === 'string'
      ? [v]
      : valid
        ? [
            ...extra.map((at) => `${at} is sent but not documented (a generated client drops it)`),
            ...otherCodes.map((key) => `/${key} is documented for another code of this status, not for ${code}`),
          ]
        : (v.errors ?? [])
            .filter((e) => e.keyword !== 'anyOf') // a nullable's wrapper; its branches say what is wrong
            .slice(0, 8)
            .map((e) => `${e.instancePath || '/'} ${e.message}${e.keyword === 'enum' || e.keyword === 'type' || e.keyword === 'const' ? ` (got ${JSON.stringify(e.data)?.slice(0, 80)})` : ''}`);
  const finding = { method: method.toUpperCase(), template: route.template, status, ...(code ? { code } : {}), errors };
  if (process.env.CONTRACT_REPORT) {
    appendFileSync(process.env.CONTRACT_REPORT, `${JSON.stringify(finding)}\n`);
    return true;
  }
  throw new Error(`The reply breaks the OpenAPI document: ${finding.method} ${route.template} → ${status}${code ? ` ${code}` : ''}: ${errors.join('; ')}`);
}

type Schema = Record<string, unknown>;


/** A component reference followed (OpenAPI `#/components/schemas/X`). */
function resolved(doc: OpenApi, schema: unknown): Schema | null {
  let s = schema as Schema | null;
  for (let hops = 0; s && typeof s.$ref === 'string' && hops < 10; hops++) {
    s = (doc.components?.schemas?.[(s.$ref as string).replace('#/components/schemas/', '')] as Schema | undefined) ?? null;
  }
  return s && typeof s === 'object' ? s : null;
}

/** The named properties of an object schema, its allOf parts merged; `open`: any value (`{}`) or any member (`additionalProperties: true`). */
function objectShape(doc: OpenApi, schema: Schema): { properties: Record<string, unknown>; additional: unknown; open: boolean } {
  const properties: Record<string, unknown> = {};
  let additional: unknown = undefined;
  let named = false;
  for (const part of [schema, ...((schema.allOf as unknown[] | undefined) ?? []).map((x) => resolved(doc, x))]) {
    if (!part) continue;
    if (part.properties) {
      named = true;
      Object.assign(properties, part.properties);
    }
    if (part.additionalProperties !== undefined && part.additionalProperties !== false) additional = part.additionalProperties;
  }
  // `{}` (any value) is open; `{type: object}` naming nothing is a closed, empty object — a reply
  // with members there breaks it (a generated client types it as an empty object).
  const anyValue = !named && additional === undefined && schema.type === undefined && !schema.allOf;
  return { properties, additional, open: additional === true || anyValue };
}

/**
 * The places (JSON pointers) where a valid reply carries a member its schema does not name. A
 * client generated from the document drops such a member (or types it `unknown`): the field
 * exists only for readers of this code, which is what a published contract must not leave.
 * Free-form objects (`additionalProperties: true`, or a schema `{}`) are open by intent; a bare
 * `{type: object}` is an empty object;
 * of oneOf/anyOf the branch that names most of the reply's members is followed; arrays are
 * sampled (20 items).
 */
function undocumented(doc: OpenApi, schema: unknown, value: unknown, at: string, out: string[], depth = 0): void {
  if (out.length >= 8 || depth > 24 || value === null || typeof value !== 'object') return;
  const s = resolved(doc, schema);
  if (!s) return;
  const alternatives = [...((s.oneOf as unknown[] | undefined) ?? []), ...((s.anyOf as unknown[] | undefined) ?? [])]
    .map((x) => resolved(doc, x))
    .filter((x): x is Schema => !!x && x.type !== 'null');
  if (alternatives.length > 0) {
    const keys = Array.isArray(value) ? [] : Object.keys(value);
    const best = alternatives
      .map((a) => ({ a, named: Array.isArray(value) ? (a.type === 'array' ? 1 : 0) : keys.filter((k) => Object.hasOwn(objectShape(doc, a).properties, k)).length }))
      .sort((x, y) => y.named - x.named)[0].a;
    undocumented(doc, best, value, at, out, depth + 1);
    return;
  }
  if (Array.isArray(value)) {
    value.slice(0, 20).forEach((item, i) => undocumented(doc, s.items, item, `${at}/${i}`, out, depth + 1));
    return;
  }
  const shape = objectShape(doc, s);
  if (shape.open) return;
  for (const [key, member] of Object.entries(value)) {
    const where = `${at}/${key}`;
    if (Object.hasOwn(shape.properties, key)) undocumented(doc, shape.properties[key], member, where, out, depth + 1);
    else if (shape.additional !== undefined) undocumented(doc, shape.additional, member, where, out, depth + 1);
    else out.push(where);
  }
}

/**
 * A problem's members that ProblemDto does not name and its own code does not carry. A response
 * documents the extension members of all the codes of its status (one schema per status), so the
 * schema alone would let one code send another's member; the table the document is built from
 * (`PROBLEM_EXTENSIONS`) says which code carries which.
 */
function notOfThisCode(doc: OpenApi, code: string, body: Record<string, unknown>): string[] {
  const base = (resolved(doc, { $ref: '#/components/schemas/ProblemDto' })?.properties ?? {}) as Record<string, unknown>;
  const own = (PROBLEM_EXTENSIONS as Record<string, Record<string, unknown> | undefined>)[code] ?? {};
  return Object.keys(body).filter((k) => !Object.hasOwn(base, k) && !Object.hasOwn(own, k));
}
