import type { SchemaObject } from '@nestjs/swagger';
import STATISTICS_JSON_SCHEMA from '../statistics/statistics.schema.json';

type Json = Record<string, unknown>;

/**
 * JSON Schema 2020-12 → OpenAPI 3.0 Schema Object, for the keywords the statistics schema uses:
 * `type: [T, 'null']` becomes `type: T, nullable: true`, `const` a one-value `enum`, and the
 * document keywords (`$schema`, `$id`) are dropped. (The reverse of `toJsonSchema`, so the
 * contract check reads the schema back as it is published.)
 */
function toOpenApi30(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toOpenApi30);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) {
    if (k === '$schema' || k === '$id') continue;
    if (k === 'properties') out.properties = Object.fromEntries(Object.entries(v as Json).map(([name, s]) => [name, toOpenApi30(s)]));
    else if (k === 'const') {
      out.enum = [v];
      if (!('type' in (node as Json)) && typeof v === 'string') out.type = 'string';
    } else if (k === 'type' && Array.isArray(v)) {
      const types = v.filter((t) => t !== 'null');
      if (types.length !== 1) throw new Error(`statistics.schema.json: type ${JSON.stringify(v)} has no OpenAPI 3.0 form`);
      out.type = types[0];
      if (v.includes('null')) out.nullable = true;
    } else out[k] = toOpenApi30(v);
  }
  return out;
}

/**
 * The answer of GET /public/statistics in the OpenAPI document: the published JSON Schema of the
 * export (`statistics.schema.json`, schemaVersion rl-l206-statistics/1, docs/statistics.md), not a
 * second copy of its shape.
 */
export const STATISTICS_OPENAPI_SCHEMA = toOpenApi30(STATISTICS_JSON_SCHEMA) as SchemaObject;
