import type { ApiPropertyOptions } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { SHARED_PART_SCHEMA, type FormSchema } from '@rl/permits-catalog';

const GEOJSON_NOTE =
  'GeoJSON geometry (RFC 7946): Point, Polygon or MultiPolygon in WGS84, longitude first. Beyond this schema the server checks the structure ' +
  '(positions, closed rings of ≥ 4 positions; @placemarkio/check-geojson), that every position lies in Denmark (7.9–15.3° E, 54.45–57.85° N; a swapped pair is named) ' +
  'and that a polygon does not cross itself — each failure a 422 APPLICATION.INVALID at /shared/site/geometry.';

/**
 * A catalogue form schema (issue 14) as an OpenAPI 3.0 schema for the API document: the same
 * fields, types and bounds Ajv checks, the Danish/English labels and the rule asking for each in
 * `description`. `required`/`minItems` are left out: a draft may be incomplete (what filing
 * needs is listed by GET /cases/:id/application/check).
 */
export function openApiSchemaOf(s: FormSchema): SchemaObject {
  const out: SchemaObject = {};
  if (s.type) out.type = s.type;
  for (const k of ['pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'maxItems', 'format', 'enum', 'additionalProperties'] as const) {
    if (s[k] !== undefined) (out as Record<string, unknown>)[k] = s[k];
  }
  const label = s.title ? `${s.title}${s['x-title-en'] ? ` / ${s['x-title-en']}` : ''}` : undefined;
  const help = s['x-help-en'] ?? s.description;
  const source = s['x-source'] ? `Asked for by: ${s['x-source']}${s['x-inference'] ? ' (inference)' : ''}` : undefined;
  const description = [label, help, s['x-widget'] === 'geojson' ? GEOJSON_NOTE : undefined, source]
    .filter((x): x is string => !!x)
    .map((x) => (/[.!?)]$/.test(x) ? x : `${x}.`))
    .join(' ');
  if (description) out.description = description;
  if (s.properties) out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, openApiSchemaOf(v)]));
  if (s.items) out.items = openApiSchemaOf(s.items);
  // OpenAPI 3.0 needs `items` on every array (GeoJSON coordinates nest by type: any item here).
  else if (s.type === 'array') out.items = {};
  return out;
}

/** The shared part of the application (entered once, shown to every authority), as documented in the API. */
export const SHARED_PART_OPENAPI: SchemaObject = {
  ...openApiSchemaOf(SHARED_PART_SCHEMA),
  description:
    'The shared part, entered once and shown in every authority’s view: company (CVR, P-number), contact persons, the site (address, municipality, ' +
    'matrikler with ejerlav, optional GeoJSON geometry), the project (description, wished construction and operation start, investment, capacity, listed activity). ' +
    'A save accepts it incomplete; filing needs company, contacts, site (address, municipalityCode, cadastralParcels) and project (description, constructionStartWish, ' +
    'operationStartWish) — see the pre-submission check. JSON Schema with labels and sources: GET /application-form → shared.',
};

/** Options for `@ApiProperty` of a shared part (Nest's option type is narrower than an OpenAPI schema; the schema is plain OpenAPI 3.0). */
export function sharedPartProperty(extra: Record<string, unknown> = {}): ApiPropertyOptions {
  return { ...SHARED_PART_OPENAPI, type: 'object', ...extra } as unknown as ApiPropertyOptions;
}
