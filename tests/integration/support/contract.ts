import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { toJsonSchema } from '../../../apps/api/src/schemas/json-schemas';

/**
 * The published contract checked against what the API really answers: every JSON reply a test
 * receives through `TestApi` (and every reply of the fuzz) is validated against the response
 * schema the OpenAPI document gives for its operation and status — 2xx bodies and problem+json
 * alike. Clients outside this repo are generated from that document, so a field the document
 * promises and the reply lacks, a value outside a documented enum, or a problem code the
 * operation does not list is a broken contract even when every assertion of the test holds.
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

/**
 * The validator of one operation's answer: a function, or why there is none — the document lists
 * no such status for the operation, or not this media type for it (both are findings: the reply
 * is not what the document says the operation can answer).
 */
function validatorFor({ doc, ajv, compiled, bySchemaText }: Loaded, template: string, method: string, status: number, media: string): ValidateFunction | string {
  const key = `${method} ${template} ${status} ${media}`;
  if (!compiled.has(key)) {
    const responses = doc.paths[template]?.[method]?.responses ?? {};
    const response = responses[String(status)] ?? responses.default;
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
  if (typeof v !== 'string' && v(body)) return true;
  const errors =
    typeof v === 'string'
      ? [v]
      : (v.errors ?? [])
          .filter((e) => e.keyword !== 'anyOf') // a nullable's wrapper; its branches say what is wrong
          .slice(0, 8)
          .map((e) => `${e.instancePath || '/'} ${e.message}${e.keyword === 'enum' || e.keyword === 'type' || e.keyword === 'const' ? ` (got ${JSON.stringify(e.data)?.slice(0, 80)})` : ''}`);
  const finding = { method: method.toUpperCase(), template: route.template, status, errors };
  if (process.env.CONTRACT_REPORT) {
    appendFileSync(process.env.CONTRACT_REPORT, `${JSON.stringify(finding)}\n`);
    return true;
  }
  throw new Error(`The reply breaks the OpenAPI document: ${finding.method} ${route.template} → ${status}: ${errors.join('; ')}`);
}
