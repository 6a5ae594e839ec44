import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsObject, IsOptional, Min } from 'class-validator';
import { PERMIT_STATES, V0_PERMIT_STATES } from '@rl/case-engine';
import { DOCUMENT_TYPES } from '@rl/permits-catalog';
import { InfoRequestRoundDto } from '../cases/cases.dto';
import { PermitNamesDto } from '../cases/permit-ref.dto';
import { MissingItemDto } from '../common/missing-item.dto';
import { ApplicationFormSectionDto } from './application-form.dto';
import { sharedPartProperty } from './openapi-schema';

/** A live permit's state: the permit machine's leaf state, or a v0 state of a row not yet migrated. */
const LIVE_PERMIT_STATES = [...PERMIT_STATES, ...V0_PERMIT_STATES].filter((s) => s !== 'withdrawn');

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

/** A live permit of the application, as the caller may see it. */
export class ApplicationPermitDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'MILJOEGODKENDELSE' }) code!: string;
  @ApiProperty() nameDa!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty({ enum: LIVE_PERMIT_STATES, example: 'ready' }) state!: string;
  @ApiProperty({ description: 'The company held this permit back when it submitted the case' }) filingHeld!: boolean;
  @ApiProperty({ description: 'Filed with missing items (the list is kept on the permit)' }) filedIncomplete!: boolean;
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
  @ApiProperty({ type: [ApplicationPermitDto], description: 'The live permits the caller may see in full (not withdrawn, not superseded)' }) permits!: ApplicationPermitDto[];
}

/** One permit of the pre-submission check: complete (green) or what is missing. */
export class ApplicationCheckPermitDto extends PermitNamesDto {
  @ApiProperty({ enum: LIVE_PERMIT_STATES, example: 'ready' }) state!: string;
  @ApiProperty({ description: 'The permit is held back from filing' }) filingHeld!: boolean;
  @ApiProperty({ description: 'Nothing is missing (green)' }) complete!: boolean;
  @ApiProperty({ type: [MissingItemDto], description: 'Empty when complete' }) missing!: MissingItemDto[];
}

export class ApplicationCheckDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ description: 'The application version checked' }) version!: number;
  @ApiProperty({ type: [ApplicationCheckPermitDto], description: 'Per permit the caller may see (not withdrawn, not superseded): complete (green) or the missing items' })
  permits!: ApplicationCheckPermitDto[];
}

/** A document of the case, or of this permit, in the authority's view of the application (downloadable). */
export class PermitApplicationDocumentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: "This permit's id; null for a document of the whole case" }) permitId!: string | null;
  @ApiProperty({ example: 'miljøansøgning.pdf' }) filename!: string;
  @ApiProperty({ example: 'application/pdf' }) contentType!: string;
  @ApiProperty({ type: 'integer', example: 48213 }) sizeBytes!: number;
  @ApiProperty({ example: '' }) description!: string;
  @ApiProperty({ type: String, nullable: true, description: "The permit's required document this meets (catalogue key), or null" }) requirementKey!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: DOCUMENT_TYPES, description: 'Document type from the catalogue' }) documentType!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** One information request of the permit, with the applicant's answer. */
export class PermitApplicationInfoRequestDto extends InfoRequestRoundDto {
  @ApiProperty({ type: String, nullable: true, description: 'The full answer text; null while unanswered or when the answer had no text' }) answer!: string | null;
  @ApiProperty({ type: [String], format: 'uuid', description: 'Documents attached to the answer' }) answerDocumentIds!: string[];
}

/** How the permit was filed (issue 14): flagged incomplete with what was missing, and the completeness check. */
export class PermitApplicationFilingDto {
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Modtaget: the application was filed; null before filing' }) receivedAt!: string | null;
  @ApiProperty({ description: 'Filed while items were missing (the authority asks for the rest)' }) filedIncomplete!: boolean;
  @ApiProperty({ type: [MissingItemDto], description: 'What was missing when it was filed' }) missingItems!: MissingItemDto[];
  @ApiProperty({ type: String, format: 'date', nullable: true, description: "The authority's completeness-check deadline (catalogue completenessCheck)" }) completenessDueOn!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Fyldestgørende ansøgning: the clock starts this day' }) completeOn!: string | null;
}

/**
 * A leaf value of the application document (`diffFields`): a scalar, an array of scalars, an empty
 * object or array, or null (absent). OpenAPI 3.0 wants a `type` beside `nullable`, so null is
 * carried by the object branch (only one branch may match for oneOf).
 */
const LEAF_VALUE = [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'array', items: {} }, { type: 'object', nullable: true }];

/** A field whose value changed: a leaf of the application document (a scalar, an array of scalars, or an empty object or array). */
export class PermitApplicationFieldChangeDto {
  @ApiProperty({ example: '/shared/site/address', description: 'JSON Pointer into {shared, sections}' }) pointer!: string;
  @ApiProperty({ oneOf: LEAF_VALUE, description: 'The value before; null when the field was absent' }) before!: unknown;
  @ApiProperty({ oneOf: LEAF_VALUE, description: 'The value now; null when the field was removed' }) after!: unknown;
}

/** A document uploaded since the caller last looked. */
export class PermitApplicationChangedDocumentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() filename!: string;
}

/** What changed since the caller last marked the application seen (POST /permits/{id}/application/seen). */
export class PermitApplicationChangesDto {
  @ApiProperty({ type: 'integer', nullable: true, description: 'The version the caller last marked seen; null: never (then nothing is listed as changed)' }) sinceVersion!: number | null;
  @ApiProperty({ type: 'integer' }) currentVersion!: number;
  @ApiProperty({ type: [PermitApplicationFieldChangeDto], description: "Changed fields of the shared part and of this permit's section" }) fields!: PermitApplicationFieldChangeDto[];
  @ApiProperty({ type: [PermitApplicationChangedDocumentDto], description: 'Documents uploaded since' }) documents!: PermitApplicationChangedDocumentDto[];
}

export class PermitApplicationDto {
  @ApiProperty({ format: 'uuid' }) permitId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'RL-2026-000001' }) caseReference!: string;
  @ApiProperty({ example: 'MILJOEGODKENDELSE' }) code!: string;
  @ApiProperty() nameDa!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty({ example: '2025.2', description: 'The catalogue version the case was screened with (its form is the one shown)' }) catalogVersion!: string;
  @ApiProperty() applicationVersion!: number;
  @ApiProperty(sharedPartProperty()) shared!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The screening facts of the case (as POST /screening takes them)' }) facts!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "This permit's section (its JSON Schema: form.schema); empty when nothing is entered" }) section!: Record<string, unknown>;
  @ApiProperty({ type: ApplicationFormSectionDto, description: "The permit's catalogue form: schema, shared fields, required documents, completeness period" }) form!: ApplicationFormSectionDto;
  @ApiProperty({ type: [PermitApplicationDocumentDto], description: "The case's own documents and this permit's (not another authority's permit documents)" }) documents!: PermitApplicationDocumentDto[];
  @ApiProperty({ type: [PermitApplicationInfoRequestDto], description: 'Every information request with the full answer text and attachments' }) infoRequests!: PermitApplicationInfoRequestDto[];
  @ApiProperty({ type: PermitApplicationFilingDto }) filing!: PermitApplicationFilingDto;
  @ApiProperty({ type: PermitApplicationChangesDto, description: 'Fields and documents changed since the caller last marked the application seen' }) changes!: PermitApplicationChangesDto;
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
