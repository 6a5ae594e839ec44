import { ApiProperty } from '@nestjs/swagger';
import { CASE_STATES, PERMIT_STATES, RISKS } from '@rl/case-engine';
import { DATE, DATE_OR_NULL } from './plan.dto';

/** The two risks the dashboard lists (on-track permits and cases are not listed). */
const LISTED_RISKS = ['breached', 'atRisk'];
const SHARE = { type: Number, nullable: true, minimum: 0, maximum: 1, description: 'Decided on or before the target due date, of those decided with a target; null: none decided with a target' } as const;
const MEDIAN = { type: Number, nullable: true, description: 'Median processing days (complete application → decision, calendar days, the span the servicemål measure); null: none decided' } as const;

/** Counts over all cases and permits (the permit counts from the `permit_stats` view, as of `statsAsOf`). */
export class DashboardTotalsDto {
  @ApiProperty({ type: 'integer' }) cases!: number;
  @ApiProperty({ type: 'integer', description: 'Submitted or in progress' }) activeCases!: number;
  @ApiProperty({ type: 'integer' }) permits!: number;
  @ApiProperty({ type: 'integer', description: 'Open permits past their target' }) breached!: number;
  @ApiProperty({ type: 'integer', description: 'Open permits at risk of missing their target' }) atRisk!: number;
  @ApiProperty({ type: 'integer' }) decided!: number;
}

/** An open permit past or at risk of missing its target, with its case and authority (live, not from the stats view). */
export class DashboardRiskPermitDto {
  @ApiProperty({ format: 'uuid' }) permitId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'RL-2027-000001' }) caseReference!: string;
  @ApiProperty() caseTitle!: string;
  @ApiProperty({ example: 'MILJOEGODKENDELSE' }) code!: string;
  @ApiProperty() nameDa!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty({ enum: PERMIT_STATES.filter((s) => s.startsWith('submitted.')), description: 'Only submitted (running) permits are listed' }) state!: string;
  @ApiProperty({ ...DATE_OR_NULL, description: 'Target due date' }) dueOn!: string | null;
  @ApiProperty({ enum: LISTED_RISKS, description: 'breached in `breaches`, atRisk in `atRisk`' }) risk!: string;
  @ApiProperty({ example: 'MST' }) authorityCode!: string;
  @ApiProperty() authorityNameDa!: string;
  @ApiProperty() authorityNameEn!: string;
}

/** Load and speed of one authority (from the `permit_stats` view). */
export class DashboardAuthorityLoadDto {
  @ApiProperty({ example: 'KOMMUNE-326' }) authorityCode!: string;
  @ApiProperty() nameDa!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty({ type: 'integer' }) open!: number;
  @ApiProperty({ type: 'integer', description: 'Open permits past their target' }) breached!: number;
  @ApiProperty({ type: 'integer' }) atRisk!: number;
  @ApiProperty({ type: 'integer' }) decided!: number;
  @ApiProperty(MEDIAN) medianProcessingDays!: number | null;
  @ApiProperty(SHARE) withinTargetShare!: number | null;
}

/** Load and speed of one permit type (from the `permit_stats` view). */
export class DashboardPermitTypeLoadDto {
  @ApiProperty({ example: 'MILJOEGODKENDELSE' }) code!: string;
  @ApiProperty() nameDa!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty({ type: 'integer' }) open!: number;
  @ApiProperty({ type: 'integer' }) decided!: number;
  @ApiProperty(MEDIAN) medianProcessingDays!: number | null;
  @ApiProperty(SHARE) withinTargetShare!: number | null;
}

/** A case to watch: with breached or at-risk permits, closest to its ceiling, or with its ceiling at risk; its one risk and projection. */
export class DashboardCaseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'RL-2027-000001' }) reference!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: CASE_STATES }) state!: string;
  @ApiProperty({ enum: RISKS, description: "The one case risk (issue 16 item 1): worst of the permits' risks and the ceiling's" }) risk!: string;
  @ApiProperty({ enum: RISKS, nullable: true, description: "The ceiling's risk; null without a ceiling or a projection" }) ceilingRisk!: string | null;
  @ApiProperty({ ...DATE_OR_NULL, description: 'Critical-path projection (stored with the forecast while current); null when it cannot be computed' }) projectedCompletion!: string | null;
  @ApiProperty({ ...DATE_OR_NULL, description: 'The 12/18-month ceiling (L 206)' }) ceilingDueOn!: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) withinCeiling!: boolean | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Calendar days from the projection to the ceiling (negative: past it)' }) marginDays!: number | null;
}

/** A running case whose stored forecast puts its ceiling (L 206) at risk or past it (issue 16 item 1). */
export class DashboardCeilingCaseDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'RL-2027-000001' }) caseReference!: string;
  @ApiProperty() caseTitle!: string;
  @ApiProperty({ enum: LISTED_RISKS, description: 'breached in `ceiling.breached`, atRisk in `ceiling.atRisk`' }) ceilingRisk!: string;
  @ApiProperty(DATE_OR_NULL) ceilingDueOn!: string | null;
  @ApiProperty(DATE) projectedCompletion!: string;
  @ApiProperty(DATE) completionP50!: string;
  @ApiProperty(DATE) completionP80!: string;
  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 1, description: 'Forecast probability of completing within the ceiling' }) ceilingProbability!: number | null;
}

/** The cases whose ceiling is breached or at risk by the stored forecasts (at most 50 each). */
export class DashboardCeilingDto {
  @ApiProperty({ type: [DashboardCeilingCaseDto] }) breached!: DashboardCeilingCaseDto[];
  @ApiProperty({ type: [DashboardCeilingCaseDto] }) atRisk!: DashboardCeilingCaseDto[];
}

/** A draft or running case in a designated industrial park (L 206's second part, issue 13 item 19). */
export class DashboardIndustrialParkCaseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'RL-2027-000001' }) reference!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ['draft', 'submitted', 'inProgress'] }) state!: string;
  @ApiProperty(DATE_OR_NULL) ceilingDueOn!: string | null;
}

/** The coordinators' overview (GET /dashboard): KPIs, breaches and risks, the L 206 ceiling, load and speed per authority and permit type. */
export class DashboardDto {
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the `permit_stats` view behind totals, byAuthority and byPermitType was refreshed (every 5 minutes); null before the first refresh' }) statsAsOf!: string | null;
  @ApiProperty({ type: DashboardTotalsDto }) totals!: DashboardTotalsDto;
  @ApiProperty({ type: [DashboardRiskPermitDto], description: 'The first 50 breached open permits, by target due date' }) breaches!: DashboardRiskPermitDto[];
  @ApiProperty({ type: [DashboardRiskPermitDto], description: 'The first 50 at-risk open permits, by target due date' }) atRisk!: DashboardRiskPermitDto[];
  @ApiProperty({ type: [DashboardAuthorityLoadDto], description: 'Most breached first' }) byAuthority!: DashboardAuthorityLoadDto[];
  @ApiProperty({ type: [DashboardPermitTypeLoadDto], description: 'By code' }) byPermitType!: DashboardPermitTypeLoadDto[];
  @ApiProperty({ type: [DashboardCaseDto], description: 'The cases to watch (up to 20)' }) cases!: DashboardCaseDto[];
  @ApiProperty({ type: DashboardCeilingDto }) ceiling!: DashboardCeilingDto;
  @ApiProperty({ type: [DashboardIndustrialParkCaseDto], description: 'At most 50, nearest ceiling first' }) industrialParkCases!: DashboardIndustrialParkCaseDto[];
}
