import { type INestApplication, SetMetadata } from '@nestjs/common';
import { ModulesContainer, Reflector } from '@nestjs/core';
import type { OpenAPIObject, OperationObject, PathItemObject, ResponseObject, SchemaObject } from '@nestjs/swagger';
import { isErrorCode } from '@rl/errors';
import { IS_PUBLIC_KEY, ROLES_KEY } from '../auth/decorators';
import { statusForCode, titleForStatus } from './error-status';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { PROBLEM_EXTENSIONS } from './problem-extensions';

const PROBLEMS_KEY = 'rl:openapi:problems';

/**
 * The stable problem codes an operation (or every operation of a controller) can answer,
 * beyond those derived from its route: authentication, role checks, JSON body parsing and
 * validation, and the rate limit are added by {@link finishOpenApi}. Each code is documented
 * under the HTTP status that `error-status.ts` maps it to, so the document cannot disagree with
 * the API about statuses.
 */
export const ApiProblems = (...codes: string[]): MethodDecorator & ClassDecorator => SetMetadata(PROBLEMS_KEY, codes);

/**
 * Every operation behind the global AuthGuard can answer these: no, bad or unknown token; a
 * deactivated user; and (AUTH_MODE=oidc) the issuer's keys unreachable for an unknown key id.
 */
const AUTH_CODES = ['AUTH.UNAUTHENTICATED', 'AUTH.INVALID_TOKEN', 'AUTH.UNKNOWN_USER', 'AUTH.USER_DEACTIVATED', 'DEPENDENCY.UNAVAILABLE'];
/**
 * App-wide middleware in front of every /api/v1 operation (app.factory.ts), whatever the route
 * declares: the rate limit; JSON body parsing (any request may carry a body, and the parser is
 * strict: a top-level scalar is refused as malformed); the media-type check; the NUL check on
 * the query string and the body (common/reject-nul.ts); DTO validation.
 */
const API_WIDE_CODES = [
  'REQUEST.RATE_LIMITED',
  'REQUEST.MALFORMED_JSON',
  'REQUEST.MALFORMED',
  'REQUEST.TOO_LARGE',
  'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  'REQUEST.VALIDATION_FAILED',
  // common/json-guard.ts: checked on the raw bytes before parsing, on every route
  'REQUEST.JSON_TOO_DEEP',
  'REQUEST.JSON_TOO_MANY_ITEMS',
  'REQUEST.INVALID_UTF8',
  'REQUEST.UNPAIRED_SURROGATE',
  // the HTTP server's deadlines and header limit (app.factory.ts)
  'REQUEST.TIMEOUT',
  'REQUEST.HEADERS_TOO_LARGE',
];

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

export const PROBLEM_SCHEMA_REF = '#/components/schemas/ProblemDto';

interface HandlerMeta {
  isPublic: boolean;
  roles: readonly string[] | undefined;
  problems: string[];
}

/**
 * Route metadata by Nest's default operationId (`<Controller>_<method>`), read from the same
 * decorators the AuthGuard reads (@Public, @Roles), so `security` and the 401/403 answers in the
 * document follow the access rules instead of being restated by hand.
 */
function handlerMetadata(app: INestApplication): Map<string, HandlerMeta> {
  const reflector = new Reflector();
  const out = new Map<string, HandlerMeta>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller || typeof controller !== 'function') continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const targets = [handler, controller];
        out.set(`${controller.name}_${name}`, {
          isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets) === true,
          roles: reflector.getAllAndOverride<string[] | undefined>(ROLES_KEY, targets),
          problems: reflector.getAllAndMerge<string[]>(PROBLEMS_KEY, targets) ?? [],
        });
      }
    }
  }
  return out;
}

/**
 * The problem+json schema narrowed to the codes this response can carry, with the extension
 * members (RFC 9457 §3.2) those codes carry beside ProblemDto's, from PROBLEM_EXTENSIONS.
 */
export function problemSchema(codes: string[]): SchemaObject {
  return { allOf: [{ $ref: PROBLEM_SCHEMA_REF }, { type: 'object', properties: { code: { type: 'string', enum: codes }, ...extensionMembers(codes) } }] };
}

/**
 * The extension members of these codes, by name (sorted). A name several codes carry with
 * different schemas is documented once, as the union: same type → enums united, nullable if any
 * is, each code's description named; different types → anyOf. Copies: the document's schemas are
 * completed in place later (nullInNullableEnums), the table must not change.
 */
function extensionMembers(codes: readonly string[]): Record<string, SchemaObject> {
  const byName = new Map<string, { codes: string[]; schema: SchemaObject }[]>();
  for (const code of codes) {
    if (!isErrorCode(code)) continue;
    for (const [name, schema] of Object.entries(PROBLEM_EXTENSIONS[code] ?? {})) {
      const variants = byName.get(name) ?? [];
      const same = variants.find((v) => JSON.stringify(v.schema) === JSON.stringify(schema));
      if (same) same.codes.push(code);
      else variants.push({ codes: [code], schema });
      byName.set(name, variants);
    }
  }
  const out: Record<string, SchemaObject> = {};
  for (const name of [...byName.keys()].sort()) {
    const variants = byName.get(name) as { codes: string[]; schema: SchemaObject }[];
    if (variants.length === 1) {
      out[name] = structuredClone(variants[0].schema);
      continue;
    }
    const bare = variants.map(({ schema: { description: _d, ...rest } }) => rest as SchemaObject);
    const union = bare.slice(1).reduce<SchemaObject | undefined>((acc, s) => acc && widen(acc, s), bare[0]);
    const descriptions = new Set(variants.map((v) => v.schema.description));
    const description =
      descriptions.size === 1 ? variants[0].schema.description : variants.filter((v) => v.schema.description).map((v) => `${v.codes.join(', ')}: ${v.schema.description}`).join(' ');
    out[name] = {
      ...structuredClone(union ?? { anyOf: variants.map((v) => v.schema) }),
      ...(description ? { description } : {}),
    };
  }
  return out;
}

const SCALAR_TYPES = new Set(['string', 'integer', 'number', 'boolean']);

/** One schema any value of `a` or `b` fits, where both have the same type; undefined when they do not. */
function widen(a: SchemaObject, b: SchemaObject): SchemaObject | undefined {
  if (JSON.stringify(a) === JSON.stringify(b)) return a;
  if (typeof a.type !== 'string' || a.type !== b.type) return undefined;
  const out: SchemaObject = { ...a };
  if (a.nullable || b.nullable) out.nullable = true;
  if (SCALAR_TYPES.has(a.type)) {
    if (a.format !== b.format) return undefined;
    if (a.enum && b.enum) out.enum = [...new Set([...a.enum, ...b.enum])];
    else delete out.enum;
    if (a.minimum !== undefined && b.minimum !== undefined) out.minimum = Math.min(a.minimum, b.minimum);
    else delete out.minimum;
    if (a.maximum !== undefined && b.maximum !== undefined) out.maximum = Math.max(a.maximum, b.maximum);
    else delete out.maximum;
    return out;
  }
  if (a.type === 'array') {
    const [x, y] = [a.items as SchemaObject | undefined, b.items as SchemaObject | undefined];
    if (x && y) out.items = widen(x, y) ?? { anyOf: [x, y] };
    else delete out.items;
    return out;
  }
  if (a.type === 'object') {
    const [pa, pb] = [a.properties ?? {}, b.properties ?? {}];
    out.properties = { ...pa };
    for (const [k, s] of Object.entries(pb)) {
      const mine = pa[k] as SchemaObject | undefined;
      out.properties[k] = mine ? (widen(mine, s as SchemaObject) ?? { anyOf: [mine, s] }) : s;
    }
    const required = (a.required ?? []).filter((r) => (b.required ?? []).includes(r));
    if (required.length > 0) out.required = required;
    else delete out.required;
    return out;
  }
  return undefined;
}

/** Writes one problem+json response per status (from error-status.ts) listing its codes. */
export function setProblemResponses(op: OperationObject, codes: Iterable<string>): void {
  const byStatus = new Map<number, string[]>();
  for (const code of new Set(codes)) {
    const status = statusForCode(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    list.sort();
    const existing = op.responses[String(status)] as ResponseObject | undefined;
    // A hand-written description (e.g. "also when the case is not visible to you") is kept.
    const note = existing?.description && !existing.content ? `${existing.description} ` : '';
    op.responses[String(status)] = {
      description: `${note}${titleForStatus(status)}: ${list.join(', ')}.`,
      content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema(list) } },
    };
  }
}

/**
 * /admin/queues is Bull Board, plain Express middleware outside Nest's router (see
 * ops/ops.module.ts), so Nest cannot describe it: its entry is written here.
 */
function adminQueuesPath(): PathItemObject {
  const op: OperationObject = {
    operationId: 'BullBoard_dashboard',
    tags: ['operations'],
    summary: 'Queue dashboard (Bull Board), admins only',
    description:
      'HTML dashboard of the BullMQ queues and its JSON endpoints under /admin/queues/…. Authenticate with `Authorization: Bearer <admin token>`, ' +
      'or open `/admin/queues?token=<admin token>` once in a browser: the token is moved into the HttpOnly cookie `rl_admin_token` ' +
      '(303 to /admin/queues without the token), which later requests send.',
    parameters: [{ name: 'token', in: 'query', required: false, description: 'Admin bearer token, moved into the cookie (browser sign-in).', schema: { type: 'string' } }],
    security: [{ bearer: [] }, { adminCookie: [] }],
    responses: {
      '200': { description: 'The dashboard (HTML).', content: { 'text/html': { schema: { type: 'string' } } } },
      '303': { description: 'The token was moved into the `rl_admin_token` cookie; follow Location.', headers: { Location: { schema: { type: 'string' } } } },
    },
  };
  setProblemResponses(op, [...AUTH_CODES, 'AUTH.FORBIDDEN']);
  return { get: op };
}

/**
 * OpenAPI 3.0.3 (§4.7.24.1, `nullable`): "A true value adds "null" to the allowed types …
 * Other Schema Object constraints retain their defined behavior, and therefore may disallow the
 * use of null" — an `enum` without null disallows it. So a nullable enum (`outcome`, `ceilingMonths`,
 * `documentType` …) lists null among its values, or strict validators and generated clients
 * refuse the null the API sends.
 */
function nullInNullableEnums(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(nullInNullableEnums);
  if (!node || typeof node !== 'object') return;
  const schema = node as { nullable?: unknown; enum?: unknown[] };
  // A new array: the old one may be a runtime constant the decorator was given (e.g. EMAIL_MODES).
  if (schema.nullable === true && Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
  for (const v of Object.values(node)) nullInNullableEnums(v);
}

/**
 * Completes the document Nest generated: `security` per operation (`[]` on public ones), the
 * problem+json answers of every operation, the Bull Board entry and its cookie scheme, null in
 * nullable enums.
 * Throws when an operation has no known handler, so a renamed controller cannot silently lose
 * its security or error documentation.
 */
export function finishOpenApi(doc: OpenAPIObject, app: INestApplication): OpenAPIObject {
  const meta = handlerMetadata(app);
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const m = meta.get(op.operationId ?? '');
      if (!m) throw new Error(`OpenAPI: no handler metadata for ${method.toUpperCase()} ${path} (${op.operationId})`);
      op.security = m.isPublic ? [] : [{ bearer: [] }];
      const codes = [...m.problems];
      if (!m.isPublic) codes.push(...AUTH_CODES);
      if (m.roles && m.roles.length > 0) codes.push('AUTH.FORBIDDEN');
      if (path.startsWith('/api/')) codes.push(...API_WIDE_CODES);
      setProblemResponses(op, codes);
    }
  }
  doc.paths['/admin/queues'] = adminQueuesPath();
  nullInNullableEnums(doc);
  doc.components ??= {};
  doc.components.securitySchemes = {
    ...doc.components.securitySchemes,
    adminCookie: { type: 'apiKey', in: 'cookie', name: 'rl_admin_token', description: 'Set by /admin/queues?token=… (Bull Board only).' },
  };
  return doc;
}
