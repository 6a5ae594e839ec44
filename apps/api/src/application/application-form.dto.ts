import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { DOCUMENT_TYPES } from '@rl/permits-catalog';
import { DurationDto } from '../common/duration.dto';

/**
 * The answer of GET /application-form: the catalogue's application form (`ApplicationForm` of
 * @rl/permits-catalog, issue 14) — JSON Schemas of the shared part and of each permit section,
 * what each permit asks for, and the document types.
 */

const SCHEMA_NODE = 'ApplicationFormSchemaDto';

/**
 * A node of a form's JSON Schema (`FormSchema` of @rl/permits-catalog: a draft 2020-12 subset Ajv
 * validates) with its annotations: labels, help texts and the rule that asks for the field.
 */
export class ApplicationFormSchemaDto {
  @ApiPropertyOptional({ enum: ['object', 'array', 'string', 'integer', 'number', 'boolean'] }) type?: string;
  @ApiPropertyOptional({ description: 'Danish label' }) title?: string;
  @ApiPropertyOptional({ name: 'x-title-en', description: 'English label' }) xTitleEn?: string;
  @ApiPropertyOptional({ description: 'Danish help text' }) description?: string;
  @ApiPropertyOptional({ name: 'x-help-en', description: 'English help text' }) xHelpEn?: string;
  @ApiPropertyOptional({ name: 'x-source', description: 'The statute or guidance that asks for the field' }) xSource?: string;
  @ApiPropertyOptional({ name: 'x-inference', description: 'True when the source is an inference, not seen in a source' }) xInference?: boolean;
  @ApiPropertyOptional({ name: 'x-widget', enum: ['textarea', 'date', 'geojson'], description: 'Rendering hint; geojson: a GeoJSON geometry, also checked beyond its schema' }) xWidget?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { $ref: getSchemaPath(SCHEMA_NODE) }, description: 'An object\'s fields, each a schema node' })
  properties?: Record<string, ApplicationFormSchemaDto>;
  @ApiPropertyOptional({ type: [String], description: 'Fields filing needs (a draft may leave them out)' }) required?: string[];
  @ApiPropertyOptional() additionalProperties?: boolean;
  @ApiPropertyOptional({ type: () => ApplicationFormSchemaDto, description: "An array's items" }) items?: ApplicationFormSchemaDto;
  @ApiPropertyOptional({ type: 'integer' }) minItems?: number;
  @ApiPropertyOptional({ type: 'integer' }) maxItems?: number;
  @ApiPropertyOptional({ type: 'integer' }) minLength?: number;
  @ApiPropertyOptional({ type: 'integer' }) maxLength?: number;
  @ApiPropertyOptional() pattern?: string;
  @ApiPropertyOptional() minimum?: number;
  @ApiPropertyOptional() maximum?: number;
  @ApiPropertyOptional({ type: 'array', items: { oneOf: [{ type: 'string' }, { type: 'number' }] } }) enum?: (string | number)[];
  @ApiPropertyOptional({ example: 'date' }) format?: string;
}

/** A field of the shared part a permit needs (entered once, shown in each authority's view). */
export class ApplicationFormSharedFieldDto {
  @ApiProperty({ example: '/site/address', description: 'JSON Pointer into the shared part' }) pointer!: string;
  @ApiProperty() source!: string;
  @ApiProperty() inference!: boolean;
}

/** A document a permit's application must include. */
export class ApplicationFormRequiredDocumentDto {
  @ApiProperty({ description: 'Stable key within the permit type: what an upload names as requirementKey' }) key!: string;
  @ApiProperty({ enum: DOCUMENT_TYPES }) documentType!: string;
  @ApiProperty() da!: string;
  @ApiProperty() en!: string;
  @ApiProperty() source!: string;
  @ApiProperty() inference!: boolean;
}

/** How long the authority has, from filing, to confirm completeness or ask for what is missing. */
export class ApplicationFormCompletenessDto {
  @ApiProperty({ type: DurationDto }) duration!: DurationDto;
  @ApiProperty() source!: string;
  @ApiProperty() inference!: boolean;
}

/** One permit type's section of the application form. */
export class ApplicationFormSectionDto {
  @ApiProperty({ example: 'MILJOEGODKENDELSE' }) permitCode!: string;
  @ApiProperty({ type: ApplicationFormSchemaDto, description: "JSON Schema of the permit's section" }) schema!: ApplicationFormSchemaDto;
  @ApiProperty({ type: [ApplicationFormSharedFieldDto] }) sharedFields!: ApplicationFormSharedFieldDto[];
  @ApiProperty({ type: [ApplicationFormRequiredDocumentDto] }) requiredDocuments!: ApplicationFormRequiredDocumentDto[];
  @ApiProperty({ type: ApplicationFormCompletenessDto }) completenessCheck!: ApplicationFormCompletenessDto;
}

/** A document type with its Danish and English label. */
export class ApplicationDocumentTypeDto {
  @ApiProperty({ enum: DOCUMENT_TYPES }) code!: string;
  @ApiProperty() da!: string;
  @ApiProperty() en!: string;
}

/** The application form of one catalogue version (issue 14). */
@ApiExtraModels(ApplicationFormSchemaDto, ApplicationFormSectionDto)
export class ApplicationFormDto {
  @ApiProperty({ example: '2025.2' }) catalogVersion!: string;
  @ApiProperty({ type: ApplicationFormSchemaDto, description: 'JSON Schema of the shared part (entered once, shown to every authority)' }) shared!: ApplicationFormSchemaDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(ApplicationFormSectionDto) },
    description: 'One section per permit type of the catalogue version, keyed by permit code',
  })
  sections!: Record<string, ApplicationFormSectionDto>;
  @ApiProperty({ type: [ApplicationDocumentTypeDto] }) documentTypes!: ApplicationDocumentTypeDto[];
}
