import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { OrganisationRefDto } from '../auth/auth.dto';
import { SHARED_PART_OPENAPI } from '../application/openapi-schema';
import { IsObject, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { OptionalIn, SearchQuery } from '../common/dto-decorators';
import { PageOf, PageQueryDto } from '../documents/pagination.dto';

export class CreateCaseDto {
  @ApiProperty({ example: 'Udvidelse af API-fabrik, Kalundborg', minLength: 3, maxLength: 200 })
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  /** Project facts (see POST /screening); validated by the screening rules. */
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Project facts: municipalityCode (3-digit kommunekode), siteZone, and the triggers (groundwaterAbstraction, sevesoTier, gmoClass, …). Unknown facts are refused.',
    example: { municipalityCode: '326', siteZone: 'landzone', groundwaterAbstraction: true, sevesoTier: 'lower', medicinalProductManufacture: true, newBuildingOrExtension: true },
  })
  @IsObject()
  facts!: Record<string, unknown>;

  /** The structured application (issue 14), optional: without it the case starts with an empty one. */
  @ApiPropertyOptional({
    type: 'object',
    properties: {
      shared: SHARED_PART_OPENAPI as never,
      sections: { type: 'object', additionalProperties: { type: 'object', additionalProperties: true }, description: 'One section per permit code of the case; JSON Schema per code: GET /application-form → sections.' },
    },
    required: ['shared', 'sections'],
    description: 'Shared part + one section per permit code (JSON Schemas: GET /application-form). Validated as a draft: 422 APPLICATION.INVALID lists every failing field.',
  })
  @IsOptional()
  @IsObject()
  application?: { shared: Record<string, unknown>; sections: Record<string, unknown> };
}

export const CASE_SORTS = ['created', 'reference', 'title', 'ceilingDue', 'state'] as const;

export class ListCasesQueryDto extends PageQueryDto {
  @OptionalIn(['draft', 'submitted', 'inProgress', 'completed', 'withdrawn'])
  state?: string;

  @SearchQuery('Search in reference, title, description, company name and CVR (only cases the caller may see)')
  q?: string;

  @OptionalIn(['onTrack', 'atRisk', 'breached'], { description: 'Cases with at least one permit at this risk' })
  risk?: string;

  @OptionalIn(CASE_SORTS, { default: 'created', description: 'created: newest first by default' })
  sort?: (typeof CASE_SORTS)[number];

  @OptionalIn(['asc', 'desc'], { description: 'Default: desc for created, asc otherwise' })
  direction?: 'asc' | 'desc';
}

export class AuthorityRefDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'KOMMUNE-326' }) code!: string;
  @ApiProperty() nameDa!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty() kind!: string;
}

export class PermitClocksDto {
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'Modtaget: the application was filed' }) receivedAt!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'Fyldestgørende ansøgning: the clock starts this day' }) completeOn!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'Due date of the target clock incl. stops and extensions' }) dueOn!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) statutoryDueOn!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) decidedAt!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'Klagefrist (moved to the next business day)' }) appealDeadlineOn!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'First day the permit may be used; null while refused, overturned on appeal or under a pending suspensive appeal (not yet known)' }) usableFrom!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) finalAt!: string | null;
}

export class ValidityNoteDto {
  @ApiProperty() da!: string;
  @ApiProperty() en!: string;
}

/** How long a granted decision stays valid (issue 13 item 4). */
export class PermitValidityDto {
  @ApiProperty({ enum: ['lapsesIfUnused', 'maxTerm', 'termSetInDecision'] }) kind!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2029-03-02', description: 'Last day (to start the project / of validity); null until granted or when the decision sets the term' })
  validUntil!: string | null;
  @ApiProperty({ type: [String], description: 'Reminder days: 6 and 3 months before validUntil' }) remindOn!: string[];
  @ApiProperty({ example: 'MVL §39' }) source!: string;
  @ApiProperty({ description: 'True when the rule (or its application here) is an inference' }) inference!: boolean;
  @ApiProperty({ type: ValidityNoteDto }) note!: ValidityNoteDto;
}

export class PermitDto {
  @ApiProperty() id!: string;
  @ApiProperty() caseId!: string;
  @ApiProperty({ example: 'MILJOEGODKENDELSE' }) code!: string;
  @ApiProperty() nameDa!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty({ type: AuthorityRefDto }) authority!: AuthorityRefDto;
  @ApiProperty({ example: 'submitted.underReview' }) state!: string;
  @ApiPropertyOptional({ nullable: true, enum: ['granted', 'grantedWithConditions', 'refused'] }) outcome!: string | null;
  @ApiProperty({ description: 'Send as If-Match to change the permit' }) version!: number;
  @ApiProperty({ enum: ['onTrack', 'atRisk', 'breached'] }) risk!: string;
  @ApiProperty({ type: PermitClocksDto }) clocks!: PermitClocksDto;
  @ApiProperty({ type: [String], description: 'Events the caller may send now' }) allowedEvents!: string[];
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid', description: 'The refused or overturned permit this one is a new application for' }) replacesPermitId!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid', description: 'The new application that replaced this permit (this one is history)' }) supersededBy!: string | null;
  @ApiProperty({ type: PermitValidityDto, nullable: true, description: 'Decision validity and lapse (null: no such rule)' }) validity!: PermitValidityDto | null;
}

export class CeilingReasonDto {
  @ApiProperty() da!: string;
  @ApiProperty() en!: string;
}

export class CaseCeilingDto {
  @ApiProperty({ description: 'False: not eligible for Én indgang (L 206 §2); no statutory ceiling' }) appliesUnderL206!: boolean;
  @ApiProperty({ enum: [12, 18], nullable: true }) months!: number | null;
  @ApiProperty({ type: CeilingReasonDto, nullable: true, description: "Screening's reason (null on cases created before issue 13 item 16)" }) reason!: CeilingReasonDto | null;
}

export class ConstructionStartRequirementDto {
  @ApiProperty({ example: 'MILJOEGODKENDELSE' }) code!: string;
  @ApiProperty({ enum: ['decided', 'final'] }) requires!: string;
  @ApiProperty({ type: CeilingReasonDto }) why!: CeilingReasonDto;
  @ApiProperty({ example: 'MBL §33(1)' }) source!: string;
  @ApiProperty() inference!: boolean;
  @ApiPropertyOptional({ description: 'Only in waitingFor: the permit state now' }) state?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Only in waitingFor' }) outcome?: string | null;
}

/** May building start (issue 13 item 17: MBL §33(1) "må ikke påbegyndes" before the environmental permit). */
export class ConstructionStartDto {
  @ApiProperty() allowed!: boolean;
  @ApiProperty({ type: [ConstructionStartRequirementDto] }) waitingFor!: ConstructionStartRequirementDto[];
  @ApiProperty({ type: [ConstructionStartRequirementDto] }) met!: ConstructionStartRequirementDto[];
}

export class PossiblePermitDto {
  @ApiProperty() code!: string;
  @ApiProperty() nameDa!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty({ type: [String], description: 'The "don\'t know" answers whose other answer would make the permit needed' }) settle!: string[];
}

export class SettlementDto {
  @ApiProperty({ type: [String] }) unsettledFacts!: string[];
  @ApiProperty({ type: [PossiblePermitDto] }) possiblePermits!: PossiblePermitDto[];
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) acceptedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) acceptedBy!: string | null;
  @ApiProperty({ description: 'False: the case cannot be submitted (422 CASE.UNSETTLED_FACTS) until settled or accepted by a coordinator' }) settled!: boolean;
}

export class CoveredPermitDto {
  @ApiProperty() code!: string;
  @ApiProperty() nameDa!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty({ type: 'array', description: 'The trigger rules that would need it outside the park', items: { type: 'object', properties: { ruleId: { type: 'string' }, da: { type: 'string' }, en: { type: 'string' }, statute: { type: 'string' } } } })
  reasons!: unknown[];
}

export class FastTrackBasisDto {
  @ApiProperty({ enum: ['planBasis', 'planLevelAssessment', 'ceilingAndTargets', 'notCovered'] }) effect!: string;
  @ApiProperty({ enum: ['statute', 'inference'] }) kind!: string;
  @ApiProperty() text!: string;
}

/** Issue 13 item 19: the fast track of a designated industrial park (L 206 part 2; every effect an inference). */
export class IndustrialParkDto {
  @ApiProperty({ example: 'L206-INDUSTRIAL-PARK' }) fastTrack!: string;
  @ApiProperty() source!: string;
  @ApiProperty() recommendation!: string;
  @ApiProperty({ type: [CoveredPermitDto], description: 'Plan permits the settled plan basis of the park covers (not part of the case)' }) coveredPermits!: CoveredPermitDto[];
  @ApiProperty({ description: "The VVM screening relies on the park's plan-level environmental assessment (reason PARK-EIA-PLAN-ASSESSMENT)" }) eiaScreeningOnPlanAssessment!: boolean;
  @ApiProperty({ enum: [12, 18] }) ceilingMonths!: number;
  @ApiProperty({ enum: [12, 18], description: 'The ceiling the same project would get outside the park' }) ceilingMonthsOutsidePark!: number;
  @ApiProperty({ type: [FastTrackBasisDto] }) basis!: FastTrackBasisDto[];
}

export class AcceptUnknownsDto {
  @ApiProperty({ description: 'Why the case may go ahead with the questions open (audited)', maxLength: 2000 })
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  reason!: string;
}

/** A case as the list shows it (GET /cases): no permits and no allowed events — those are in the detail. */
export class CaseSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'RL-2026-000001' }) reference!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ['draft', 'submitted', 'inProgress', 'completed', 'withdrawn'] }) state!: string;
  @ApiProperty({ description: 'Send as If-Match to change the case' }) version!: number;
  @ApiProperty({ type: OrganisationRefDto, description: 'The company that applies' }) organisation!: OrganisationRefDto;
  @ApiProperty({ description: 'A simple case: the 12-month ceiling (L 206)' }) simple!: boolean;
  @ApiProperty({ enum: [12, 18], nullable: true, description: 'L 206 ceiling; null when the project is not eligible for Én indgang (L 206 §2): an ordinary multi-permit case' })
  ceilingMonths!: number | null;
  @ApiProperty({ type: CaseCeilingDto }) ceiling!: CaseCeilingDto;
  @ApiProperty({ description: 'National strategic project (first in the authorities\' priority lane)' }) nationalStrategic!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the case was submitted; null for a draft' }) submittedAt!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) ceilingDueOn!: string | null;
  @ApiProperty({ enum: ['onTrack', 'atRisk', 'breached'], description: "The one case risk: the worst of the permits the caller sees in full and the ceiling's (issue 16)" }) risk!: string;
  @ApiPropertyOptional({ description: 'List view only: the number of permits' }) permitCount?: number;
  @ApiPropertyOptional({ description: 'List view only (issue 19 "action needed"): permits waiting for the company to answer an information request' })
  openInfoRequests?: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: string;
}

/** Another authority's permit as a caseworker sees it in a case (GET /cases/:id): who decides it and where it stands, no clocks. */
export class RestrictedPermitDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'MILJOEGODKENDELSE' }) code!: string;
  @ApiProperty() nameDa!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty({ type: AuthorityRefDto }) authority!: AuthorityRefDto;
  @ApiProperty({ example: 'submitted.underReview' }) state!: string;
  @ApiProperty({ example: 'submitted' }) phase!: string;
  @ApiProperty({ nullable: true, enum: ['granted', 'grantedWithConditions', 'refused'] }) outcome!: string | null;
  @ApiProperty({ enum: [true], description: 'Always true: a summary, not the permit' }) restricted!: true;
}

/** A case with its permits (GET /cases/:id and the answers of the case's operations). */
@ApiExtraModels(PermitDto, RestrictedPermitDto)
export class CaseDto extends CaseSummaryDto {
  @ApiProperty({
    type: 'array',
    items: { oneOf: [{ $ref: getSchemaPath(PermitDto) }, { $ref: getSchemaPath(RestrictedPermitDto) }] },
    description: "The case's permits; a caseworker sees another authority's permit as a RestrictedPermitDto",
  })
  permits!: (PermitDto | RestrictedPermitDto)[];
  @ApiPropertyOptional({ type: ConstructionStartDto, description: 'Detail view only (GET /cases/:id)' }) constructionStart?: ConstructionStartDto;
  @ApiPropertyOptional({ type: SettlementDto, description: 'Detail view only: open "don\'t know" answers (issue 13 item 15)' }) settlement?: SettlementDto;
  @ApiPropertyOptional({ type: IndustrialParkDto, nullable: true, description: 'Detail view only: the designated-park fast track (issue 13 item 19); null outside a park' }) industrialPark?: IndustrialParkDto | null;
  @ApiProperty({ type: [String], description: 'Case events the caller may send now' }) allowedEvents!: string[];
}

export class CasePageDto extends PageOf(CaseSummaryDto) {}

export class ScreenedPermitDto {
  @ApiProperty() code!: string;
  @ApiProperty() nameDa!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty({ type: 'array', items: { type: 'object', properties: { ruleId: { type: 'string' }, da: { type: 'string' }, en: { type: 'string' }, statute: { type: 'string' } } } })
  reasons!: unknown[];
  @ApiProperty({ type: 'object', properties: { kind: { type: 'string' }, level: { type: 'string' }, code: { type: 'string' }, nameDa: { type: 'string' }, nameEn: { type: 'string' } } })
  authority!: unknown;
  @ApiProperty({ type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, requires: { type: 'string', enum: ['decided', 'final'] } } } })
  prerequisites!: unknown[];
}

export class ScreeningResultDto {
  @ApiProperty() catalogVersion!: string;
  @ApiProperty({ type: [PossiblePermitDto], description: 'Permits an explicit "don\'t know" (facts.unknownFacts) may add, with the questions to settle (issue 13 item 15)' }) possiblePermits!: PossiblePermitDto[];
  @ApiProperty({ type: [String] }) unsettledFacts!: string[];
  @ApiProperty({ type: IndustrialParkDto, nullable: true, description: 'The designated-park fast track (issue 13 item 19); null outside a park' }) industrialPark!: IndustrialParkDto | null;
  @ApiProperty({ type: [ScreenedPermitDto] }) permits!: ScreenedPermitDto[];
  @ApiProperty({ description: 'Projected date every permit is final if the case started today' }) projectedDecisionDate!: string;
  @ApiProperty({ type: [String] }) criticalPath!: string[];
}

export class TimelineQueryDto extends PageQueryDto {}
