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
type Loaded = { doc: OpenApi; ajv: Ajv2020; routes: { re: RegExp; template: string; literal: number }[]; compiled: Map<string, ValidateFunction | null> };

let loaded: Promise<Loaded> | undefined;

function load(docsUrl: string): Promise<Loaded> {
  loaded ??= fetch(docsUrl)
    .then((r) => (r.ok ? (r.json() as Promise<OpenApi>) : undefined))
    .catch(() => undefined)
    .then((live) => build(live ?? (JSON.parse(readFileSync(join(__dirname, '../../../apps/web/src/api/openapi.json'), 'utf8')) as OpenApi)));
  return loaded;
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
  return { doc, ajv, routes, compiled: new Map() };
}

/** The validator of one operation's response, or null when the document gives no JSON schema for it. */
function validatorFor({ doc, ajv, compiled }: Loaded, template: string, method: string, status: number, media: string): ValidateFunction | null {
  const key = `${method} ${template} ${status} ${media}`;
  if (!compiled.has(key)) {
    const responses = doc.paths[template]?.[method]?.responses;
    const schema = (responses?.[String(status)] ?? responses?.default)?.content?.[media]?.schema;
    compiled.set(key, schema ? ajv.compile(absoluteRefs(toJsonSchema(schema)) as object) : null);
  }
  return compiled.get(key) ?? null;
}

/** Checks one reply (JSON bodies only); rejects, or reports with CONTRACT_REPORT, when it breaks the document. */
export async function checkContract(docsUrl: string, method: string, path: string, status: number, contentType: string | null, body: unknown): Promise<void> {
  if (!contentType || body === null || typeof body === 'string') return;
  const media = contentType.split(';')[0].trim();
  if (media !== 'application/json' && media !== 'application/problem+json') return;
  const loadedDoc = await load(docsUrl);
  const route = loadedDoc.routes.find((r) => r.re.test(path));
  if (!route) return; // not a documented path
  const v = validatorFor(loadedDoc, route.template, method.toLowerCase(), status, media);
  if (!v || v(body)) return;
  const errors = (v.errors ?? [])
    .filter((e) => e.keyword !== 'anyOf') // a nullable's wrapper; its branches say what is wrong
    .slice(0, 8)
    .map((e) => `${e.instancePath || '/'} ${e.message}${e.keyword === 'enum' || e.keyword === 'type' || e.keyword === 'const' ? ` (got ${JSON.stringify(e.data)?.slice(0, 80)})` : ''}`);
  const finding = { method: method.toUpperCase(), template: route.template, status, errors };
  if (process.env.CONTRACT_REPORT) {
    appendFileSync(process.env.CONTRACT_REPORT, `${JSON.stringify(finding)}\n`);
    return;
  }
  throw new Error(`The reply breaks the OpenAPI document: ${finding.method} ${route.template} → ${status}: ${errors.join('; ')}`);
}
