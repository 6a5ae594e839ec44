import { ApiProperty } from '@nestjs/swagger';
import { CASE_STATES, PERMIT_STATES, RISKS, V0_PERMIT_STATES } from '@rl/case-engine';
import { PermitRefDto } from '../cases/permit-ref.dto';
import { AuthorityNamesDto } from '../common/authority-names.dto';
import { GatewayDto } from '../gateways/gateways.dto';

/** A YYYY-MM-DD day (Europe/Copenhagen), and one that may be null. */
export const DATE = { type: String, format: 'date' } as const;
export const DATE_OR_NULL = { type: String, format: 'date', nullable: true } as const;

/** What a plan row's `state` can be: the full permit state, or only its phase for a row the caller sees restricted. */
const PLAN_ROW_STATES = [...new Set([...PERMIT_STATES, ...V0_PERMIT_STATES, ...PERMIT_STATES.map((s) => s.split('.')[0])])];

/** A prerequisite of a plan row: the permit it waits for, and whether for its decision or its becoming final (the Gantt's arrows, issue 16). */
export class CasePlanPrerequisiteDto {
  @ApiProperty({ example: 'MILJOEGODKENDELSE' }) code!: string;
  @ApiProperty({ enum: ['decided', 'final'] }) requires!: string;
}

/** The open joint hearing a plan row is in (issue 17): its permits share one period. */
export class CasePlanRowJointHearingDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) id!: string | null;
  @ApiProperty({ ...DATE, description: 'The one period ends no earlier than this day (the longest minimum of its permits)' }) earliestEndOn!: string;
}

/** The worker's stored forecast of a permit: forecasts, never deadlines (docs/architecture.md "Which date is which"); all null before the first forecast. */
export class CasePlanForecastDto {
  @ApiProperty(DATE_OR_NULL) decisionP50!: string | null;
  @ApiProperty(DATE_OR_NULL) decisionP80!: string | null;
  @ApiProperty({ ...DATE_OR_NULL, description: 'Final = decided and the appeal period over' }) finalP50!: string | null;
  @ApiProperty(DATE_OR_NULL) finalP80!: string | null;
}

/** One Gantt row: a current (not withdrawn, not superseded) permit, planned by the critical path vs what happened. */
export class CasePlanRowDto extends PermitRefDto {
  @ApiProperty({ enum: PLAN_ROW_STATES, description: "The permit state ('submitted.underReview'); only its phase ('submitted') on a restricted row" }) state!: string;
  @ApiProperty({ ...DATE_OR_NULL, description: 'Earliest start by the critical path' }) plannedStart!: string | null;
  @ApiProperty({ ...DATE_OR_NULL, description: 'Earliest decision by the critical path' }) plannedEnd!: string | null;
  @ApiProperty({ ...DATE_OR_NULL, description: 'Earliest final: the decision, or with an appeal period the day after its last day' }) plannedFinal!: string | null;
  @ApiProperty({ ...DATE_OR_NULL, description: 'Latest decision day that keeps the projected completion' }) latestFinish!: string | null;
  @ApiProperty({ ...DATE_OR_NULL, description: 'Complete application (the clock started); null when restricted' }) actualStart!: string | null;
  @ApiProperty({ ...DATE_OR_NULL, description: 'Day of the decision; null when restricted' }) actualEnd!: string | null;
  @ApiProperty({ ...DATE_OR_NULL, description: 'Target due date; null when restricted' }) targetDueOn!: string | null;
  @ApiProperty({ description: 'On the critical path (no slack)' }) critical!: boolean;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Calendar days it can slip without moving the projected completion' }) slackDays!: number | null;
  @ApiProperty({ type: [CasePlanPrerequisiteDto] }) prerequisites!: CasePlanPrerequisiteDto[];
  @ApiProperty({ type: CasePlanRowJointHearingDto, nullable: true, description: 'The open joint hearing this permit is in, if any' }) jointHearing!: CasePlanRowJointHearingDto | null;
  @ApiProperty({ enum: RISKS, nullable: true, description: 'Null when restricted' }) risk!: string | null;
  @ApiProperty({ description: "True: another authority's permit, seen by a caseworker (state as phase only; no actual dates, target or risk)" }) restricted!: boolean;
  @ApiProperty({ type: CasePlanForecastDto }) forecast!: CasePlanForecastDto;
}

/** An open joint hearing of the case (issue 17): the permits it covers are not decided before its one period ends. */
export class CasePlanJointHearingDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) id!: string | null;
  @ApiProperty({ type: String, format: 'uuid', isArray: true }) permitIds!: string[];
  @ApiProperty({ ...DATE, description: 'The longest minimum of the permits it covers' }) earliestEndOn!: string;
}

/** A referral to another authority on the Gantt (issue 17): a bar from sent to answer. */
export class CasePlanReferralDto {
  @ApiProperty({ format: 'uuid' }) referralId!: string;
  @ApiProperty({ format: 'uuid' }) permitId!: string;
  @ApiProperty({ enum: ['opinion', 'consent'], description: 'opinion (udtalelse, advice) or consent (samtykke, binding)' }) kind!: string;
  @ApiProperty({ enum: ['open', 'answered', 'proceeded'] }) status!: string;
  @ApiProperty({ description: "The permit's clock stands still while it is open" }) stopsClock!: boolean;
  @ApiProperty({ type: AuthorityNamesDto, description: 'The authority asked' }) to!: AuthorityNamesDto;
  @ApiProperty(DATE) sentOn!: string;
  @ApiProperty({ ...DATE, description: 'Answer due' }) dueOn!: string;
  @ApiProperty({ ...DATE_OR_NULL, description: 'Answered or proceeded without an answer; null while open' }) closedOn!: string | null;
}

/** The plan of a case (GET /cases/{id}/plan): Gantt rows, critical path, projected completion against the 12/18-month ceiling (L 206), forecasts. */
export class CasePlanDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'RL-2027-000001' }) reference!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: CASE_STATES }) state!: string;
  @ApiProperty({ ...DATE, description: 'Today in Europe/Copenhagen (the plan is computed from it)' }) today!: string;
  @ApiProperty({ ...DATE, description: 'Submission day (creation day for a draft)' }) projectStart!: string;
  @ApiProperty({ ...DATE, description: 'Critical-path projection: the day every permit is final' }) projectedCompletion!: string;
  @ApiProperty({ type: 'integer', enum: [12, 18], nullable: true, description: 'Statutory ceiling (L 206); null: not eligible for Én indgang' }) ceilingMonths!: number | null;
  @ApiProperty(DATE_OR_NULL) ceilingDueOn!: string | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'Projection on or before the ceiling; null without a ceiling' }) withinCeiling!: boolean | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Calendar days from the projection to the ceiling (negative: past it); null without a ceiling' }) marginDays!: number | null;
  @ApiProperty({ enum: RISKS, description: "The one case risk (issue 16 item 1): worst of the permits' risks and the ceiling's; a caseworker's covers only their own permits" }) risk!: string;
  @ApiProperty({ enum: RISKS, nullable: true, description: "The ceiling's risk; null without a ceiling" }) ceilingRisk!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Share of the ceiling the projection uses (1 = exactly on it)' }) ceilingUsedShare!: number | null;
  @ApiProperty({ ...DATE_OR_NULL, description: 'Stored forecast P50 of completion; null before the first forecast' }) completionP50!: string | null;
  @ApiProperty({ ...DATE_OR_NULL, description: 'Stored forecast P80 of completion' }) completionP80!: string | null;
  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 1, description: 'Forecast probability of completing within the ceiling' }) ceilingProbability!: number | null;
  @ApiProperty({ type: [String], description: 'Permit codes of one critical path, first to last' }) criticalPath!: string[];
  @ApiProperty({ type: [CasePlanJointHearingDto] }) jointHearings!: CasePlanJointHearingDto[];
  @ApiProperty({ type: [CasePlanRowDto] }) rows!: CasePlanRowDto[];
  @ApiProperty({ type: [CasePlanReferralDto], description: 'Referrals of the permits the caller sees in full' }) referrals!: CasePlanReferralDto[];
  @ApiProperty({ type: [GatewayDto], description: 'The stages (plan → environment → construction → operation) of the current permits' }) gateways!: GatewayDto[];
}
