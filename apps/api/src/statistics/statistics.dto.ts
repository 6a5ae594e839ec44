import { ApiProperty } from '@nestjs/swagger';
import SCHEMA from './statistics.schema.json';

/**
 * The published JSON Schema (2020-12) of the statistics export, `statistics.schema.json`
 * (schemaVersion rl-l206-statistics/1, docs/statistics.md): its top-level keywords. The export
 * itself is the JSON answer of GET /statistics.
 */
export class StatisticsSchemaDocumentDto {
  @ApiProperty({ enum: [SCHEMA.$schema], description: 'The JSON Schema dialect' }) $schema!: string;
  @ApiProperty({ enum: [SCHEMA.$id], description: 'The identifier of this version of the schema' }) $id!: string;
  @ApiProperty({ example: SCHEMA.title }) title!: string;
  @ApiProperty({ description: 'The counting rules in short (in full: docs/statistics.md)' }) description!: string;
  @ApiProperty({ enum: ['object'] }) type!: string;
  @ApiProperty({ type: [String], description: 'The properties every export has' }) required!: string[];
  @ApiProperty({ description: 'False: an export has no other properties' }) additionalProperties!: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'JSON Schema of each property of an export (schemaVersion, generatedAt, rules, range, permits, cases)' })
  properties!: Record<string, unknown>;
}
