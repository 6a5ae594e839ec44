import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsObject, IsOptional, Min } from 'class-validator';
import { sharedPartProperty } from './openapi-schema';

/** PUT /cases/:id/application: the whole application document (a new version). */
export class SaveApplicationDto {
  @ApiProperty(
    sharedPartProperty({
      example: {
        company: { cvr: '10000001', name: 'Nordlys Pharma A/S' },
        site: { address: 'Hovedvejen 1, 4400 Kalundborg', municipalityCode: '326', cadastralParcels: [{ matrikelnummer: '12a', ejerlav: 'Kalundborg Markjorder' }], geometry: { type: 'Point', coordinates: [11.0932, 55.6786] } },
      },
    }),
  )
  @IsObject()
  shared!: Record<string, unknown>;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'object', additionalProperties: true }, description: 'One section per permit code of the case; JSON Schema per code: GET /application-form → sections.' })
  @IsObject()
  sections!: Record<string, unknown>;
}

export class ChangeFactsDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The new project facts (as POST /screening takes them).' })
  @IsObject()
  facts!: Record<string, unknown>;

  @ApiPropertyOptional({
    type: 'object',
    properties: { added: { type: 'array', items: { type: 'string' } }, dropped: { type: 'array', items: { type: 'string' } } },
    description: 'The permit-set change the company confirms: exactly the codes a 409 APPLICATION.PERMIT_SET_CHANGE_UNCONFIRMED listed.',
  })
  @IsOptional()
  @IsObject()
  confirm?: { added: string[]; dropped: string[] };
}

export class MarkSeenDto {
  @ApiProperty({ example: 3, description: 'The application version the caller has looked at.' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class ApplicationDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseReference!: string;
  @ApiProperty({ example: 2 }) version!: number;
  @ApiProperty() catalogVersion!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty(sharedPartProperty()) shared!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Screening facts (edited through PUT /cases/:id/application/facts).' }) facts!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Sections of the permits the caller may see.' }) sections!: Record<string, unknown>;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) permits!: unknown[];
}

export class ApplicationCheckDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'Per permit: complete (green) or the missing items (kind field|document, JSON Pointer, da/en label and message, source, inference).',
  })
  permits!: unknown[];
}

export class PermitApplicationDto {
  @ApiProperty({ format: 'uuid' }) permitId!: string;
  @ApiProperty() code!: string;
  @ApiProperty() applicationVersion!: number;
  @ApiProperty(sharedPartProperty()) shared!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true }) section!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "The permit's catalogue form (schema, shared fields, required documents, completeness period)." }) form!: Record<string, unknown>;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) documents!: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'Every information request with the full answer text and attachments.' }) infoRequests!: unknown[];
  @ApiProperty({ type: 'object', additionalProperties: true }) filing!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Fields and documents changed since the caller last marked the application seen.' }) changes!: Record<string, unknown>;
}

/** A permit type the changed facts add or drop. */
export class PermitSetEntryDto {
  @ApiProperty({ example: 'MILJOEGODKENDELSE' }) code!: string;
  @ApiProperty() nameDa!: string;
  @ApiProperty() nameEn!: string;
}

/** The case ceiling as screening of the new facts sets it (L 206). */
export class FactsCeilingDto {
  @ApiProperty({ description: 'The ceiling moved (details in the audit entry case.ceilingRescreened)' }) changed!: boolean;
  @ApiProperty({ description: 'A simple case: the 12-month ceiling' }) simple!: boolean;
  @ApiProperty({ type: 'integer', enum: [12, 18], nullable: true, description: 'Null when the project is not eligible for Én indgang (L 206 §2): no statutory ceiling' }) ceilingMonths!: number | null;
}

/** The answer of a facts change: the permits added and dropped (withdrawn unless decided), the ceiling, and the application. */
export class FactsChangeResultDto {
  @ApiProperty({ type: [PermitSetEntryDto], description: 'Permits the new facts add (created now; filed at once in a submitted case)' }) added!: PermitSetEntryDto[];
  @ApiProperty({ type: [PermitSetEntryDto], description: 'Permits the new facts drop (withdrawn unless already decided)' }) dropped!: PermitSetEntryDto[];
  @ApiProperty({ type: FactsCeilingDto }) ceiling!: FactsCeilingDto;
  @ApiProperty({ type: ApplicationDto, description: 'The application, a new version (its version is the ETag)' }) application!: ApplicationDto;
}
