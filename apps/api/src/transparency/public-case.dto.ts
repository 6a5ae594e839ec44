import { ApiProperty } from '@nestjs/swagger';
import { PlanDatesDto } from '../coordination/plan-views.dto';
import { PublicCompanyDto } from './transparency.dto';

const DATE = { type: String, format: 'date' } as const;
const DATE_OR_NULL = { ...DATE, nullable: true } as const;

/** An authority's names on a public page. */
export class PublicAuthorityNamesDto {
  @ApiProperty() nameDa!: string;
  @ApiProperty() nameEn!: string;
}

/** What really happened to a permit, each date null until it did (Europe/Copenhagen days). */
export class PublicActualDatesDto {
  @ApiProperty({ ...DATE_OR_NULL, description: 'The application was filed' }) receivedOn!: string | null;
  @ApiProperty({ ...DATE_OR_NULL, description: 'Fyldestgørende ansøgning: the clock starts this day' }) completeOn!: string | null;
  @ApiProperty(DATE_OR_NULL) decidedOn!: string | null;
  @ApiProperty({ ...DATE_OR_NULL, description: 'Klagefrist (moved to the next business day)' }) appealDeadlineOn!: string | null;
  @ApiProperty({ ...DATE_OR_NULL, description: 'The decision became final (appeal period over)' }) finalOn!: string | null;
}

/** A missed planned decision date and the authority's explanation. */
export class PublicMissedDateDto {
  @ApiProperty(DATE) on!: string;
  @ApiProperty({ type: String, nullable: true }) explanation!: string | null;
}

/** A permit on a public case page: its step, never its inner state, outcome or documents. */
export class PublicPermitDto {
  @ApiProperty({ example: 'VANDINDVINDING' }) code!: string;
  @ApiProperty({ description: "The permit type's name (its code where the catalogue does not know it)" }) nameDa!: string;
  @ApiProperty({ description: "The permit type's name (its code where the catalogue does not know it)" }) nameEn!: string;
  @ApiProperty({ type: PublicAuthorityNamesDto, description: 'The deciding authority' }) authority!: PublicAuthorityNamesDto;
  @ApiProperty({
    enum: ['waiting', 'inProcess', 'decided', 'final', 'withdrawn'],
    description: '`waiting`: not yet filed (blocked or ready); `inProcess`: filed, not decided (also any state the public pages do not know)',
  })
  stage!: string;
  @ApiProperty({ type: PlanDatesDto, nullable: true, description: 'The agreed baseline; null without a plan item' }) baseline!: PlanDatesDto | null;
  @ApiProperty({ type: PlanDatesDto, nullable: true, description: 'The current plan; null without a plan item' }) planned!: PlanDatesDto | null;
  @ApiProperty({ ...DATE_OR_NULL, description: 'Due date of the target clock; null once decided or when there is none' }) targetDueOn!: string | null;
  @ApiProperty({ ...DATE_OR_NULL, description: 'Statutory due date; null once decided or when there is none' }) statutoryDueOn!: string | null;
  @ApiProperty({ type: PublicActualDatesDto }) actual!: PublicActualDatesDto;
  @ApiProperty({ description: 'Not decided, not withdrawn, and the planned decision date has passed' }) overdue!: boolean;
  @ApiProperty({ type: PublicMissedDateDto, nullable: true, description: 'The missed planned date with the explanation; null when none was recorded' }) missed!: PublicMissedDateDto | null;
}

/** The decision and final dates of a plan change, before or after it. */
export class PublicPlanChangeDatesDto {
  @ApiProperty(DATE) decisionOn!: string;
  @ApiProperty(DATE) finalOn!: string;
}

/** An applied change of the coordinated plan: its reason code, never its note or who asked. */
export class PublicPlanChangeDto {
  @ApiProperty({ type: String, nullable: true, example: 'VANDINDVINDING', description: 'null when the permit is no longer on the page (superseded by a new application)' }) permitCode!: string | null;
  @ApiProperty({ example: 'AUTHORITY_CAPACITY' }) reasonCode!: string;
  @ApiProperty({ description: 'The reason in words (the code where unknown)' }) reasonDa!: string;
  @ApiProperty({ description: 'The reason in words (the code where unknown)' }) reasonEn!: string;
  @ApiProperty({ type: PublicPlanChangeDatesDto }) from!: PublicPlanChangeDatesDto;
  @ApiProperty({ type: PublicPlanChangeDatesDto }) to!: PublicPlanChangeDatesDto;
  @ApiProperty({ ...DATE, description: 'When it was applied (Europe/Copenhagen day)' }) appliedOn!: string;
}

/** The coordinated plan's status. */
export class PublicPlanStatusDto {
  @ApiProperty({ enum: ['proposed', 'agreed'] }) status!: string;
  @ApiProperty({ ...DATE_OR_NULL, description: 'null while proposed' }) agreedOn!: string | null;
}

/** The forecast completion of the case (simulated percentiles). */
export class PublicForecastDto {
  @ApiProperty(DATE) completionP50!: string;
  @ApiProperty(DATE) completionP80!: string;
}

/**
 * A published case (issue 16 item 5): only what the company consented to publish, chosen field by
 * field — company name and CVR, reference, permits with authority, step and dates, missed dates
 * with the explanation, reason codes of plan changes. No people, title, notes, outcomes or documents.
 */
export class PublicCaseDto {
  @ApiProperty({ example: 'RL-2027-000001' }) reference!: string;
  @ApiProperty({ type: PublicCompanyDto }) company!: PublicCompanyDto;
  @ApiProperty({ enum: ['draft', 'inProcess', 'completed', 'withdrawn'], description: '`inProcess`: submitted or in progress (also any state the public pages do not know)' }) stage!: string;
  @ApiProperty(DATE_OR_NULL) submittedOn!: string | null;
  @ApiProperty(DATE_OR_NULL) completedOn!: string | null;
  @ApiProperty({ enum: [12, 18], nullable: true, description: 'The statutory ceiling in months (L 206); null: not eligible for Én indgang (L 206 §2)' }) ceilingMonths!: number | null;
  @ApiProperty(DATE_OR_NULL) ceilingDueOn!: string | null;
  @ApiProperty({ type: PublicPlanStatusDto, nullable: true, description: 'null without a coordinated plan' }) plan!: PublicPlanStatusDto | null;
  @ApiProperty({ type: PublicForecastDto, nullable: true, description: 'null until forecast' }) forecast!: PublicForecastDto | null;
  @ApiProperty({ format: 'date-time', description: 'Since when the consent in force was given' }) publishedSince!: string;
  @ApiProperty({ ...DATE, description: 'Today (Europe/Copenhagen): the day `overdue` is computed for' }) asOf!: string;
  @ApiProperty({ type: [PublicPermitDto], description: 'The current permits (superseded ones left out), in plan order' }) permits!: PublicPermitDto[];
  @ApiProperty({ type: [PublicPlanChangeDto], description: 'Applied plan changes, oldest first' }) changes!: PublicPlanChangeDto[];
}
