import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { OrganisationRefDto } from '../auth/auth.dto';
import { SHARED_PART_OPENAPI } from '../application/openapi-schema';
import { IsObject, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { OptionalIn, OptionalUuid, SearchQuery } from '../common/dto-decorators';
import { PageOf, PageQueryDto } from '../documents/pagination.dto';
import { DurationDto } from '../common/duration.dto';
import { MissingItemDto } from '../common/missing-item.dto';

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

  @OptionalUuid("Only this company's cases (a consultant serving several companies); within the cases the caller may see")
  organisationId?: string;
}

export class AuthorityRefDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'KOMMUNE-326' }) code!: string;
  @ApiProperty() nameDa!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty() kind!: string;
}

/** What a client needs of one computed clock (as of today, Europe/Copenhagen). */
export class ClockSummaryDto {
  @ApiProperty({ enum: ['notStarted', 'onTrack', 'atRisk', 'breached', 'stopped'] }) status!: string;
  @ApiProperty({ description: 'True when the clock counts today (started, not paused by a stop, not ended)' }) running!: boolean;
  @ApiProperty({ description: 'Units counted from the start to today (or to the end), in the counting unit (business or calendar days)' }) elapsed!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Units left (never below 0); null before the clock starts' }) remaining!: number | null;
  @ApiProperty({ description: 'elapsed / length × 100, one decimal, not capped' }) percentUsed!: number;
  @ApiProperty({ description: 'True while an open stop makes dueOn a projection "as if the stop ended today"' }) dueOnIsProjected!: boolean;
  @ApiProperty({ type: [String], enum: ['awaitingApplicant', 'hearing', 'awaitingOtherAuthority', 'applicantRequest', 'legalAction'], description: 'Reasons of the stops that pause the clock today' })
  pausedBy!: string[];
}

export class PermitTargetClockDto extends ClockSummaryDto {
  @ApiProperty({ enum: ['serviceTarget', 'statutory', 'planning'], description: 'serviceTarget: a servicemål; statutory: the statute\'s own deadline; planning: a typical duration for planning only' }) kind!: string;
  @ApiProperty({ enum: ['calendarDays', 'businessDays', 'weeks', 'months'] }) unit!: string;
  @ApiProperty({ type: 'integer' }) length!: number;
}

export class PermitStatutoryClockDto extends ClockSummaryDto {
  @ApiProperty({ enum: ['calendarDays', 'businessDays', 'weeks', 'months'] }) unit!: string;
  @ApiProperty({ type: 'integer' }) length!: number;
}

/** A period a clock stood still. */
export class ClockStopDto {
  @ApiProperty({ enum: ['awaitingApplicant', 'hearing', 'awaitingOtherAuthority', 'applicantRequest', 'legalAction'] }) reason!: string;
  @ApiProperty({ type: String, format: 'date', description: 'Day the stop began (still counted)' }) from!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Day the stop ended (not counted; counting resumes the day after); null: still open' }) to!: string | null;
}

/** An extension of the target (FAST-41 style: a reason code, audited). */
export class ClockExtensionDto {
  @ApiProperty({ example: 'COMPLEX_CASE' }) reasonCode!: string;
  @ApiProperty({ type: DurationDto }) duration!: DurationDto;
  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'When it was granted (absent on extensions recorded before issue 13 item 11)' }) grantedAt?: string;
}

export class CompletenessClockDto {
  @ApiProperty({ type: String, format: 'date' }) dueOn!: string;
  @ApiProperty({ enum: ['onTrack', 'atRisk', 'breached'] }) status!: string;
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
  @ApiProperty({ type: PermitTargetClockDto, nullable: true, description: 'The target clock (null: the permit type has none)' }) target!: PermitTargetClockDto | null;
  @ApiProperty({ type: PermitStatutoryClockDto, nullable: true, description: 'The statutory deadline beside a servicemål (null: none, or it is the target itself)' }) statutory!: PermitStatutoryClockDto | null;
  @ApiProperty({ type: [ClockStopDto], description: 'Periods the clocks stood still, oldest first' }) stops!: ClockStopDto[];
  @ApiProperty({ type: [ClockExtensionDto], description: 'Extensions of the target, oldest first (audited)' }) extensions!: ClockExtensionDto[];
  @ApiProperty({ type: CompletenessClockDto, nullable: true, description: "The authority's completeness-check deadline while it runs (issue 14; catalogue completenessCheck)" }) completeness!: CompletenessClockDto | null;
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

/** A screening rule that fired for a permit (screening's answer, and stored with the permit). */
export class PermitReasonDto {
  @ApiProperty({ example: 'ZONE-LANDZONE', description: 'Id of the rule' }) ruleId!: string;
  @ApiProperty() da!: string;
  @ApiProperty() en!: string;
  @ApiProperty({ example: 'Planloven §35(1); bonusvirkning §15(4)', description: 'The statute the rule applies' }) statute!: string;
}

export class PermitPrerequisiteDto {
  @ApiProperty({ example: 'LOKALPLAN' }) code!: string;
  @ApiProperty({ enum: ['decided', 'final'], description: 'What the other permit must reach first' }) requires!: string;
  @ApiPropertyOptional({ type: [String], description: 'Permit codes the requirement runs through (an indirect prerequisite)' }) via?: string[];
  @ApiProperty({ description: 'True once the other permit has reached it' }) satisfied!: boolean;
}

/** Filing (issue 14): flagged incomplete with what was missing, and the receipt's expected decision date. */
export class PermitFilingDto {
  @ApiProperty({ description: 'Filed with missing items (an API client may file an incomplete application; the list is kept)' }) filedIncomplete!: boolean;
  @ApiProperty({ type: [MissingItemDto], description: 'What was missing when it was filed' }) missingItems!: MissingItemDto[];
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The day the authority must have checked completeness by (catalogue completenessCheck), set at filing' }) completenessDueOn!: string | null;
  @ApiProperty({ description: 'The company held this permit back when it submitted the case: it is not filed with the others' }) held!: boolean;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: "The receipt's expected decision date: the target due date once the clock runs, else projected from the completeness deadline plus the target" })
  expectedDecisionOn!: string | null;
}

/** One information request round: the authority asks the applicant for missing information (the clock stops while it waits, where the catalogue says so). */
export class InfoRequestRoundDto {
  @ApiProperty({ type: 'integer', description: '1-based' }) round!: number;
  @ApiProperty() question!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The day the applicant is asked to answer by, if any' }) dueOn!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) answeredAt!: string | null;
  @ApiProperty({ enum: ['completenessCheck', 'underReview'], description: 'The step the request interrupted; the answer returns there' }) during!: string;
}

export class PermitHearingStateDto {
  @ApiProperty({ type: String, format: 'date-time' }) startedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'The lawful minimum hearing period ends here' }) earliestEndAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endedAt!: string | null;
}

export class PermitDecisionStateDto {
  @ApiProperty({ enum: ['granted', 'grantedWithConditions', 'refused'] }) outcome!: string;
  @ApiProperty({ type: [String] }) conditions!: string[];
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt!: string | null;
}

export class PermitAppealStateDto {
  @ApiProperty({ type: String, format: 'date-time' }) lodgedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt!: string | null;
  @ApiProperty({ enum: ['upheld', 'changed', 'overturned', 'remitted'], nullable: true }) outcome!: string | null;
  @ApiProperty({ description: 'Opsættende virkning: the appeal suspends the permit while it runs' }) suspendsPermit!: boolean;
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
  @ApiPropertyOptional({ example: 'RL-2026-000001', description: "The case's reference (absent where the permit is shown inside its case's own answer)" }) caseReference?: string;
  @ApiProperty({ example: 'MBL §33', description: 'The statute the permit is granted under, as the catalogue version of the permit cites it' }) legalBasis!: string;
  @ApiProperty({ example: 'submitted', description: 'The first part of state' }) phase!: string;
  @ApiProperty({ enum: ['applicant', 'authority', 'appealBody'], nullable: true, description: 'Who has the next move (null: nobody, e.g. final or withdrawn)' }) awaiting!: string | null;
  @ApiProperty({ type: [PermitReasonDto], description: 'Why screening routed this permit (the rules that fired)' }) reasons!: PermitReasonDto[];
  @ApiProperty({ type: [PermitPrerequisiteDto], description: 'Permits this one waits for' }) prerequisites!: PermitPrerequisiteDto[];
  @ApiProperty({ type: PermitFilingDto }) filing!: PermitFilingDto;
  @ApiProperty({ type: [InfoRequestRoundDto], description: 'Every information request round, oldest first' }) infoRequests!: InfoRequestRoundDto[];
  @ApiProperty({ type: PermitHearingStateDto, nullable: true, description: 'The hearing (null: none started)' }) hearing!: PermitHearingStateDto | null;
  @ApiProperty({ type: PermitDecisionStateDto, nullable: true, description: 'The decision (null: not decided)' }) decision!: PermitDecisionStateDto | null;
  @ApiProperty({ type: PermitAppealStateDto, nullable: true, description: 'The administrative appeal (null: none lodged)' }) appeal!: PermitAppealStateDto | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The caseworker who holds the task' }) assignedTo!: string | null;
  @ApiProperty({ example: '2025.2', description: 'The catalogue version the permit runs under (its deadlines, forms and texts)' }) catalogVersion!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: string;
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

/** A permit type by its catalogue code and names. */
export class PermitTypeNamesDto {
  @ApiProperty() code!: string;
  @ApiProperty() nameDa!: string;
  @ApiProperty() nameEn!: string;
}

export class PossiblePermitDto extends PermitTypeNamesDto {
  @ApiProperty({ type: [String], description: 'The "don\'t know" answers whose other answer would make the permit needed' }) settle!: string[];
}

export class SettlementDto {
  @ApiProperty({ type: [String] }) unsettledFacts!: string[];
  @ApiProperty({ type: [PossiblePermitDto] }) possiblePermits!: PossiblePermitDto[];
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) acceptedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) acceptedBy!: string | null;
  @ApiProperty({ description: 'False: the case cannot be submitted (422 CASE.UNSETTLED_FACTS) until settled or accepted by a coordinator' }) settled!: boolean;
}

export class CoveredPermitDto extends PermitTypeNamesDto {
  @ApiProperty({ type: [PermitReasonDto], description: 'The trigger rules that would need it outside the park' }) reasons!: PermitReasonDto[];
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

/** The case's projection: the critical path through its permits against the L 206 ceiling. */
export class CaseProjectionDto {
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The day every permit is projected final (null: cannot be projected yet)' }) projectedCompletion!: string | null;
  @ApiProperty({ type: [String], description: 'Permit codes on the critical path, in order' }) criticalPath!: string[];
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The L 206 ceiling (null: not under L 206, or not submitted)' }) ceilingDueOn!: string | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'Projected completion on or before the ceiling (null: no ceiling or no projection)' }) withinCeiling!: boolean | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Calendar days between the projected completion and the ceiling (negative: past it)' }) marginDays!: number | null;
  @ApiProperty({ enum: ['onTrack', 'atRisk', 'breached'], nullable: true, description: "The ceiling's risk (null for a caseworker, or without a ceiling)" }) ceilingRisk!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Share of the ceiling period (submission to ceiling) the projection uses: 1 = exactly on the ceiling, above 1 past it; ≥ 0.8 is at risk' }) ceilingUsedShare!: number | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: "The stored forecast's P80 completion (null until the worker computed it)" }) p80!: string | null;
}

/** A case with its permits (GET /cases/:id and the answers of the case's operations). */
@ApiExtraModels(PermitDto, RestrictedPermitDto)
export class CaseDto extends CaseSummaryDto {
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ example: '2025.2', description: 'The catalogue version the case was screened with' }) catalogVersion!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The project facts (the screening input; see POST /screening)' }) facts!: Record<string, unknown>;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the case was completed (null: not completed)' }) completedAt!: string | null;
  @ApiProperty({ type: CaseProjectionDto }) projection!: CaseProjectionDto;
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

export class TimelineQueryDto extends PageQueryDto {}
