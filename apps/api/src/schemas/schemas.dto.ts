import { ApiProperty } from '@nestjs/swagger';
import { SCHEMA_NAMES, SCHEMA_VERSION } from './json-schemas';

/** One published JSON Schema of the exchange format and where to fetch it. */
export class SchemaIndexItemDto {
  @ApiProperty({ enum: SCHEMA_NAMES }) name!: string;
  @ApiProperty({ format: 'uri', example: 'https://api.example/api/v1/schemas/v1/case.json', description: 'Absolute URL of the schema (also its `$id`)' }) url!: string;
}

/** The exchange format's published JSON Schemas of one version (issue 18 item 3). */
export class SchemaIndexDto {
  @ApiProperty({ enum: [SCHEMA_VERSION], description: 'The exchange format version; a breaking change adds the next one beside it' }) version!: string;
  @ApiProperty({ type: [SchemaIndexItemDto] }) items!: SchemaIndexItemDto[];
}
