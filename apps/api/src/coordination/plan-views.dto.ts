import { ApiProperty } from '@nestjs/swagger';
import { PERMIT_STATES, V0_PERMIT_STATES } from '@rl/case-engine';
import { AuthorityNamesDto } from '../common/authority-names.dto';
import { TARGET_CHANGE_REASON_CODES } from '../insight/reason-codes';
import { PlanCaseForecastDto, PlanItemForecastDto } from './forecast-views.dto';

/* The coordinated plan's answers, as built by plan-view.ts (planView, requestView) from the rows of plan-rows.ts. */

const DATE = { type: String, format: 'date' } as const;
const INSTANT = { type: String, format: 'date-time' } as const;

/** A permit's plan dates (Europe/Copenhagen days): start, decision (= the permit's target) and final (the decision, or with an appeal period the day after its last day). */
export class PlanDatesDto {
  @ApiProperty({ ...DATE, description: 'Planned start: the application is filed' }) startOn!: string;
  @ApiProperty({ ...DATE, description: "Planned decision date: the permit's target date" }) decisionOn!: string;
  @ApiProperty({ ...DATE, description: 'Planned final date: the decision is final (klagefrist over)' }) finalOn!: string;
}

/** A user who acted on the plan, by id and display name. */
export class PlanUserRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: "The user's display name" }) name!: string;
}

/** Who recorded the plan's agreement: the company's applicant, or a coordinator recording it. */
export class PlanAgreedByDto extends PlanUserRefDto {
  @ApiProperty({ enum: ['applicant', 'coordinator'], description: "The agreeing user's role" }) role!: string;
}

/** A planned decision date that passed without a decision, with the authority's explanation. */
export class PlanMissedDateDto {
  @ApiProperty({ ...DATE, description: 'The missed planned decision date' }) on!: string;
  @ApiProperty({ type: String, nullable: true, description: "The authority's explanation" }) explanation!: string | null;
  @ApiProperty({ ...INSTANT, nullable: true, description: 'When the explanation was recorded' }) recordedAt!: string | null;
}

/** One permit of the coordinated plan: the agreed baseline, the current plan and the stored P50/P80 beside it. */
export class PlanItemDto {
  @ApiProperty({ format: 'uuid' }) permitId!: string;
  @ApiProperty({ example: 'VANDINDVINDING' }) code!: string;
  @ApiProperty({ description: "The permit type's name (its code where the catalogue does not know it)" }) nameDa!: string;
  @ApiProperty({ description: "The permit type's name (its code where the catalogue does not know it)" }) nameEn!: string;
  @ApiProperty({ type: AuthorityNamesDto, description: 'The deciding authority' }) authority!: AuthorityNamesDto;
  @ApiProperty({ enum: [...PERMIT_STATES, ...V0_PERMIT_STATES], example: 'submitted.underReview', description: 'The permit state now (flat v0 names on rows not yet migrated)' }) state!: string;
  @ApiProperty({ type: PlanDatesDto, description: 'The agreed baseline (until agreement: the proposal); kept when the plan changes' }) baseline!: PlanDatesDto;
  @ApiProperty({ type: PlanDatesDto, description: 'The current plan' }) planned!: PlanDatesDto;
  @ApiProperty({ type: 'integer', description: 'Calendar days the planned final date lies after (negative: before) the baseline final date' }) finalMovedDays!: number;
  @ApiProperty({ description: 'The planned decision date has passed and the permit is neither decided nor final, withdrawn or superseded (explained or not)' }) overdue!: boolean;
  @ApiProperty({ type: PlanMissedDateDto, nullable: true, description: 'The recorded missed date; null when none was recorded' }) missed!: PlanMissedDateDto | null;
  @ApiProperty({ type: PlanItemForecastDto, nullable: true, description: 'The stored forecast of this permit; null until the worker computed one. A forecast, never a deadline' }) forecast!: PlanItemForecastDto | null;
}

/**
 * A change of a permit's planned dates (reason code + note; FAST-41 style). One that moves the final date more than
 * 30 days from the baseline, or past the ceiling (L 206), waits for a second coordinator; rejected requests are kept.
 */
export class PlanChangeRequestDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) permitId!: string;
  @ApiProperty({ enum: ['pending', 'applied', 'rejected'], description: 'pending: waits for a second coordinator' }) status!: string;
  @ApiProperty({ type: PlanUserRefDto, description: 'The coordinator who asked for the change' }) requestedBy!: PlanUserRefDto;
  @ApiProperty(INSTANT) requestedAt!: string;
  @ApiProperty({ enum: TARGET_CHANGE_REASON_CODES, description: 'Why the dates move (FAST-41 style reason code)' }) reasonCode!: string;
  @ApiProperty() note!: string;
  @ApiProperty({ type: PlanDatesDto, description: 'The planned dates before the change' }) from!: PlanDatesDto;
  @ApiProperty({ type: PlanDatesDto, description: 'The planned dates the change asks for' }) to!: PlanDatesDto;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Calendar days between the baseline final date and the new final date (absolute)' }) baselineMoveDays!: number;
  @ApiProperty({ description: 'The new final date is after the case ceiling (L 206: 12/18 months)' }) pastCeiling!: boolean;
  @ApiProperty({ description: 'Moves the final date more than 30 days from the baseline or past the ceiling: a second coordinator decides (four eyes)' }) needsSecondApproval!: boolean;
  @ApiProperty({ type: PlanUserRefDto, nullable: true, description: 'The second coordinator who approved or rejected it; null while pending and for a change applied at once' }) decidedBy!: PlanUserRefDto | null;
  @ApiProperty({ ...INSTANT, nullable: true, description: 'null while pending and for a change applied at once' }) decidedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The second coordinator's note, if any" }) decisionNote!: string | null;
}

/**
 * The coordinated plan (issue 16): the coordinator's schedule of all authorities' permits under the L 206 ceiling
 * (12/18 months), as every party sees it. Status `none` (version 0, no items) before a proposal.
 */
export class CoordinatedPlanDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ enum: ['none', 'proposed', 'agreed'], description: 'none: no plan proposed yet; proposed: not yet agreed; agreed: the baseline is fixed' }) status!: string;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'The plan version to send as If-Match on the next plan write; 0 before a proposal' }) version!: number;
  @ApiProperty({ type: PlanUserRefDto, nullable: true, description: 'The coordinator who (last) proposed it; null before a proposal' }) proposedBy!: PlanUserRefDto | null;
  @ApiProperty({ ...INSTANT, nullable: true, description: 'null before a proposal' }) proposedAt!: string | null;
  @ApiProperty({ type: PlanAgreedByDto, nullable: true, description: 'null until agreed' }) agreedBy!: PlanAgreedByDto | null;
  @ApiProperty({ ...INSTANT, nullable: true, description: 'null until agreed' }) agreedAt!: string | null;
  @ApiProperty({ type: [PlanItemDto], description: 'One per permit live when the plan was (last) proposed, by planned start, planned decision and code; empty before a proposal' }) items!: PlanItemDto[];
  @ApiProperty({ type: [PlanChangeRequestDto], description: 'Every change request, oldest first' }) requests!: PlanChangeRequestDto[];
  @ApiProperty({ type: PlanCaseForecastDto, nullable: true, description: 'The stored case forecast; null until the worker computed it' }) forecast!: PlanCaseForecastDto | null;
}

/** A plan change request (asked for, approved or rejected) and the plan after it. */
export class PlanChangeResultDto {
  @ApiProperty({ type: PlanChangeRequestDto }) request!: PlanChangeRequestDto;
  @ApiProperty({ type: CoordinatedPlanDto }) plan!: CoordinatedPlanDto;
}

/** A permit escalated by hand. */
export class PermitEscalatedDto {
  @ApiProperty({ format: 'uuid' }) permitId!: string;
  @ApiProperty({ type: 'integer', description: "The permit's version after the escalation (its ETag)" }) version!: number;
  @ApiProperty({ enum: [true], description: 'Always true' }) escalated!: true;
}
