import type { OpenAPIObject } from '@nestjs/swagger';
import { CLOUDEVENT_TYPE_PREFIX, WEBHOOK_EVENT_TYPES } from '@rl/webhooks';

/** The exchange format's version: a breaking change adds v2 beside it. */
export const SCHEMA_VERSION = 'v1';
export const SCHEMA_NAMES = ['case', 'permit', 'document', 'decision', 'plan', 'event', 'bundle-manifest'] as const;
export type SchemaName = (typeof SCHEMA_NAMES)[number];

type Json = Record<string, unknown>;
const REF = '#/components/schemas/';

/**
 * OpenAPI 3.0 schema → JSON Schema 2020-12: `nullable: true` becomes a `null` type (or a
 * `null` branch beside a `$ref`/`allOf`), component refs point into `$defs`, and OpenAPI-only
 * keywords (`example`) are dropped.
 */
export function toJsonSchema(node: unknown, refs: Set<string> = new Set()): unknown {
  if (Array.isArray(node)) return node.map((n) => toJsonSchema(n, refs));
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) {
    if (k === 'nullable' || k === 'example') continue;
    if (k === '$ref' && typeof v === 'string' && v.startsWith(REF)) {
      refs.add(v.slice(REF.length));
      out.$ref = `#/$defs/${v.slice(REF.length)}`;
      continue;
    }
    out[k] = toJsonSchema(v, refs);
  }
  if ((node as Json).nullable === true) {
    if (out.$ref || out.allOf || out.oneOf) {
      // Swagger writes `type: object` beside `allOf` for a nullable DTO property: the null branch carries it.
      delete out.type;
      return { anyOf: [out, { type: 'null' }] };
    }
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...(out.enum as unknown[]), null];
  }
  return out;
}

/** A component of the API's own OpenAPI document (built from its DTOs) with every schema it uses. */
function fromComponents(doc: OpenAPIObject, root: Json): { root: Json; defs: Json } {
  const all = (doc.components?.schemas ?? {}) as Json;
  const refs = new Set<string>();
  const converted = toJsonSchema(root, refs) as Json;
  const defs: Json = {};
  const todo = [...refs];
  while (todo.length > 0) {
    const name = todo.pop() as string;
    if (defs[name] || !all[name]) continue;
    const more = new Set<string>();
    defs[name] = toJsonSchema(all[name], more);
    for (const m of more) if (!defs[m]) todo.push(m);
  }
  return { root: converted, defs };
}

/** The webhook payload: a CloudEvents 1.0 event (structured mode) with our types. */
const EVENT: Json = {
  description: 'A webhook payload: CloudEvents 1.0, structured JSON mode, signed with Standard Webhooks (docs/webhooks.md).',
  type: 'object',
  required: ['specversion', 'id', 'source', 'type', 'time', 'data'],
  properties: {
    specversion: { const: '1.0' },
    id: { type: 'string', description: 'rl-<outbox id>: the same event on every endpoint.' },
    source: { type: 'string', format: 'uri' },
    type: { enum: WEBHOOK_EVENT_TYPES.map((t) => `${CLOUDEVENT_TYPE_PREFIX}${t}`) },
    subject: { type: 'string' },
    time: { type: 'string', format: 'date-time' },
    datacontenttype: { const: 'application/json' },
    dataschema: { type: 'string', format: 'uri' },
    data: {
      type: 'object',
      required: ['caseId'],
      properties: {
        caseId: { type: 'string', format: 'uuid' },
        permitId: { type: ['string', 'null'], format: 'uuid' },
        permitCode: { type: 'string' },
        eventType: { type: 'string' },
        fromState: { type: 'string' },
        toState: { type: 'string' },
      },
    },
  },
};

const MANIFEST: Json = {
  description: 'manifest.json of a case bundle (GET /api/v1/cases/{id}/bundle): every other file of the ZIP with its SHA-256.',
  type: 'object',
  required: ['format', 'schemaVersion', 'caseId', 'exportedAt', 'files'],
  properties: {
    format: { const: 'dk.roedloeber.case-bundle' },
    schemaVersion: { const: SCHEMA_VERSION },
    caseId: { type: 'string', format: 'uuid' },
    reference: { type: 'string' },
    exportedAt: { type: 'string', format: 'date-time' },
    exportedBy: { type: 'string' },
    source: { type: 'string' },
    files: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'sha256', 'sizeBytes'],
        properties: { path: { type: 'string' }, sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' }, sizeBytes: { type: 'integer', minimum: 0 }, contentType: { type: 'string' } },
      },
    },
  },
};

/** Every schema of the exchange format, built once from the API's OpenAPI document. */
export function buildJsonSchemas(doc: OpenAPIObject, baseUrl: string): Record<SchemaName, Json> {
  const ref = (name: string): Json => ({ $ref: `${REF}${name}` });
  const decision: Json = {
    description: 'A decision: the permit it decides (outcome, validity) and the decision as issued (the authority.decisionIssued event body).',
    type: 'object',
    required: ['permit', 'issued'],
    properties: { permit: ref('PermitDto'), issued: ref('AuthorityDecisionIssuedEvent'), issuedAt: { type: 'string', format: 'date-time' } },
  };
  const sources: Record<SchemaName, Json> = {
    case: ref('CaseDto'),
    permit: ref('PermitDto'),
    document: ref('DocumentDto'),
    decision,
    // The insight service's answer, described by its DTO (GET /cases/{id}/plan).
    plan: ref('CasePlanDto'),
    event: EVENT,
    'bundle-manifest': MANIFEST,
  };
  const out = {} as Record<SchemaName, Json>;
  for (const name of SCHEMA_NAMES) {
    const { root, defs } = fromComponents(doc, sources[name]);
    out[name] = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: `${baseUrl.replace(/\/$/, '')}/schemas/${SCHEMA_VERSION}/${name}.json`,
      title: `Rød Løber ${name} (${SCHEMA_VERSION})`,
      ...root,
      ...(Object.keys(defs).length > 0 ? { $defs: defs } : {}),
    };
  }
  return out;
}
