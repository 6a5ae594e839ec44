import { Controller, Injectable, Module, Param, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import { Public } from '../auth';
import { Endpoint } from '../common/endpoint';
import { ApiError } from '../common/problem';
import { buildJsonSchemas, SCHEMA_NAMES, SCHEMA_VERSION, type SchemaName } from './json-schemas';
import { SchemaIndexDto } from './schemas.dto';

/** Holds the exchange-format schemas, built from the app's own OpenAPI document at start-up (app.factory.ts). */
@Injectable()
export class SchemaRegistry {
  private schemas: Record<SchemaName, Record<string, unknown>> | null = null;
  private baseUrl = '';

  load(doc: OpenAPIObject, baseUrl: string): void {
    this.baseUrl = baseUrl.replace(/\/$/, '');
    this.schemas = buildJsonSchemas(doc, this.baseUrl);
  }

  index(): { version: string; items: { name: SchemaName; url: string }[] } {
    return { version: SCHEMA_VERSION, items: SCHEMA_NAMES.map((name) => ({ name, url: `${this.baseUrl}/schemas/${SCHEMA_VERSION}/${name}.json` })) };
  }

  get(name: string): Record<string, unknown> | undefined {
    return this.schemas && (SCHEMA_NAMES as readonly string[]).includes(name) ? this.schemas[name as SchemaName] : undefined;
  }
}

/**
 * The open exchange format (issue 18 item 3): versioned JSON Schemas (2020-12) of case, permit,
 * document, decision, plan, webhook event and bundle manifest, generated from the same DTOs
 * as the API's OpenAPI document. Public: a format is only open if anyone can read it.
 */
@ApiTags('exchange')
@Controller('schemas')
export class SchemasController {
  constructor(private readonly registry: SchemaRegistry) {}

  @Public()
  @Endpoint('GET', '/', { summary: 'The published JSON Schemas of the exchange format, by version.', ok: { type: SchemaIndexDto, description: 'The version and, per schema, its name and URL' } })
  index() {
    return this.registry.index();
  }

  @Public()
  @Endpoint('GET', ':version/:file', {
    summary: 'One JSON Schema, e.g. `v1/case.json` (application/schema+json).',
    produces: 'application/schema+json',
    ok: {
      description: 'A JSON Schema 2020-12 document.',
      // A JSON Schema document has no fixed shape: the one open-object answer of the API (the lint's bare-object check must allow it).
      schema: { type: 'object', description: 'A JSON Schema (2020-12) document: `$schema`, `$id`, `title`, the schema itself and the `$defs` it uses. Its shape is that of any JSON Schema, so it is not described here.', additionalProperties: true },
    },
    problems: ['REQUEST.NOT_FOUND'],
  })
  schema(@Param('version') version: string, @Param('file') file: string, @Res({ passthrough: true }) res: { type(t: string): unknown }) {
    const name = /^([a-z-]+)\.json$/.exec(file)?.[1];
    const schema = version === SCHEMA_VERSION && name ? this.registry.get(name) : undefined;
    if (!schema) throw new ApiError('REQUEST.NOT_FOUND', `No schema ${version}/${file}.`);
    res.type('application/schema+json');
    return schema;
  }
}

@Module({ controllers: [SchemasController], providers: [SchemaRegistry], exports: [SchemaRegistry] })
export class SchemasModule {}
