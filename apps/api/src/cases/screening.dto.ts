import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { RISKS } from '@rl/case-engine';
import { SIMPLE_CASE_CRITERIA } from '@rl/permits-screening';
import { DurationDto } from '../common/duration.dto';
import { CatalogueAppealRuleDto, CatalogueClockRuleDto, CatalogueHearingRuleDto, CataloguePrerequisiteDto, CatalogueUnknownDto } from './catalogue.dto';
import { CeilingReasonDto, IndustrialParkDto, PermitReasonDto, PossiblePermitDto } from './cases.dto';

/**
 * The answer of POST /screening (`CaseService.preview`): `ScreeningResult` of @rl/permits-screening
 * with the critical-path projection of `planForScreening` (@rl/case-engine) and the ceiling risk
 * of @rl/critical-path, as if the case started today. No case is created.
 */

/** `T` or a {@link CatalogueUnknownDto}: the property options of a catalogue `KnownOrUnknown<T>`. */
const knownOrUnknown = (known: object, description: string) => ({
  oneOf: [known, { $ref: getSchemaPath(CatalogueUnknownDto) }],
  description,
});
const DATE = { type: String, format: 'date' } as const;

/** The concrete authority screening resolved for a permit (`ResolvedAuthority`). */
export class ScreenedAuthorityDto {
  @ApiProperty({ enum: ['municipality', 'stateAgency', 'region', 'museum', 'gridOperator'] }) kind!: string;
  @ApiProperty({ enum: ['municipal', 'state', 'other'], description: "The L 206 level; 'other' (region, museum, grid company) counts for neither" }) level!: string;
  @ApiProperty({ example: '326', description: "Municipality code ('326'), state agency code ('MST'), region routing code ('REGION-1084'), or 'MUSEUM' / 'GRID_OPERATOR'" })
  code!: string;
  @ApiProperty() nameDa!: string;
  @ApiProperty() nameEn!: string;
}

/** A prerequisite restricted to the permits the project needs (`ScreenedPrerequisite`). */
export class ScreenedPrerequisiteDto extends CataloguePrerequisiteDto {
  @ApiProperty({
    type: [String],
    description: 'Permits the project does not need that the ordering was carried through (A → B → C kept as A → C, via [B]); empty for a direct edge',
  })
  via!: string[];
}

/** The clocks that apply to this project's permit (a catalogue variant may replace the default target or deadline). */
@ApiExtraModels(CatalogueClockRuleDto, CatalogueHearingRuleDto, CatalogueAppealRuleDto, CatalogueUnknownDto)
export class ScreenedPermitClocksDto {
  @ApiProperty(knownOrUnknown({ $ref: getSchemaPath(CatalogueClockRuleDto) }, 'Servicemål (service target) that applies to this project'))
  serviceTarget!: CatalogueClockRuleDto | CatalogueUnknownDto;
  @ApiProperty(knownOrUnknown({ $ref: getSchemaPath(CatalogueClockRuleDto) }, 'Lovbestemt frist (statutory deadline) that applies to this project'))
  statutoryDeadline!: CatalogueClockRuleDto | CatalogueUnknownDto;
  @ApiProperty({ type: DurationDto, description: 'Typical duration from practice: used for projections when neither target nor statutory deadline is known' })
  typicalDuration!: DurationDto;
  @ApiProperty(knownOrUnknown({ $ref: getSchemaPath(CatalogueHearingRuleDto) }, 'Partshøring / offentlig høring'))
  hearing!: CatalogueHearingRuleDto | CatalogueUnknownDto;
  @ApiProperty(knownOrUnknown({ $ref: getSchemaPath(CatalogueAppealRuleDto) }, 'Klageadgang'))
  appeal!: CatalogueAppealRuleDto | CatalogueUnknownDto;
}

/** A permit scheduled by the critical path of the preview (`ScheduledNode` of @rl/critical-path); every date a YYYY-MM-DD day. */
export class ScreenedPermitPlanDto {
  @ApiProperty({ example: 'MILJOEGODKENDELSE' }) code!: string;
  @ApiProperty({ enum: ['notStarted', 'inProgress', 'decided', 'final', 'done'], description: 'Always notStarted in a preview' }) status!: string;
  @ApiProperty({ ...DATE, description: 'The earliest day it can start' }) earliestStart!: string;
  @ApiProperty({ ...DATE, description: 'The earliest decision' }) earliestFinish!: string;
  @ApiProperty({ ...DATE, description: 'The earliest day it is final: the decision day, or with an appeal period the day after its last day (the klagefrist)' }) earliestFinal!: string;
  @ApiProperty({ ...DATE, description: 'The day it must start by for the projected completion to hold' }) latestStart!: string;
  @ApiProperty({ ...DATE, description: 'The day its decision is due by for the projected completion to hold' }) latestFinish!: string;
  @ApiProperty({ type: 'integer', description: 'Calendar days it can slip without moving the projected completion' }) slackDays!: number;
  @ApiProperty({ description: 'On the critical path (slackDays <= 0)' }) critical!: boolean;
  @ApiProperty({ type: 'integer', description: 'Calendar days from earliestStart to earliestFinish' }) durationDays!: number;
  @ApiProperty({ type: 'integer', description: 'Calendar days from earliestFinish to earliestFinal: the appeal period and the day after it; 0 without one' }) appealDays!: number;
}

/** A permit the project needs: why, who decides, after which permits, with which clocks, and when. */
export class ScreenedPermitDto {
  @ApiProperty({ example: 'MILJOEGODKENDELSE' }) code!: string;
  @ApiProperty() nameDa!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty({ example: 'MBL §33; godkendelsesbekendtgørelsen bilag 1/2' }) legalBasis!: string;
  @ApiProperty({ type: [PermitReasonDto], description: 'Every trigger rule that fired for this permit' }) reasons!: PermitReasonDto[];
  @ApiProperty({ type: ScreenedAuthorityDto, description: 'The deciding authority' }) authority!: ScreenedAuthorityDto;
  @ApiProperty({ type: [ScreenedAuthorityDto], description: 'Other authorities that take part (e.g. AT for Seveso); never the deciding one' }) coAuthorities!: ScreenedAuthorityDto[];
  @ApiProperty({ type: [PermitReasonDto], description: 'Routing rules that fired: they moved the decision away from the catalogue default, or added co-authorities' })
  routedBy!: PermitReasonDto[];
  @ApiProperty({ type: [ScreenedPrerequisiteDto] }) prerequisites!: ScreenedPrerequisiteDto[];
  @ApiProperty({ type: ScreenedPermitClocksDto }) clocks!: ScreenedPermitClocksDto;
  @ApiProperty({ type: ScreenedPermitPlanDto, nullable: true, description: 'The permit in the projection if the case started today' }) plan!: ScreenedPermitPlanDto | null;
}

/** A simple-case criterion the project fails (L 206 ceiling; every criterion an inference). */
export class ScreeningCeilingCriterionDto {
  @ApiProperty({ enum: SIMPLE_CASE_CRITERIA.map((c) => c.id) }) id!: string;
  @ApiProperty() da!: string;
  @ApiProperty() en!: string;
}

/** The L 206 ceiling screening sets (`CaseCeiling`), projected as if the case started today. */
export class ScreeningCaseCeilingDto {
  @ApiProperty({ description: "False when the project is not eligible for Én indgang (L 206 §2): no statutory ceiling; months is then only the yardstick shown" })
  appliesUnderL206!: boolean;
  @ApiProperty({ type: 'integer', enum: [12, 18] }) months!: number;
  @ApiProperty({ description: 'A simple case: the 12-month ceiling' }) simple!: boolean;
  @ApiProperty({ type: CeilingReasonDto }) reason!: CeilingReasonDto;
  @ApiProperty({ type: [ScreeningCeilingCriterionDto], description: 'Criteria that made the case non-simple (empty when simple)' }) failedCriteria!: ScreeningCeilingCriterionDto[];
  @ApiProperty({ ...DATE, nullable: true, description: 'The ceiling day if the case started today; null when L 206 does not apply' }) dueOnIfStartedToday!: string | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'The projection ends on or before the ceiling; null when L 206 does not apply' }) withinCeiling!: boolean | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Calendar days of spare time before the ceiling (negative: a breach by that many days); null when L 206 does not apply' })
  marginDays!: number | null;
  @ApiProperty({ enum: RISKS, nullable: true, description: "The ceiling's risk: breached past the ceiling, atRisk from 80 % of it; null when L 206 does not apply" }) risk!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Share of the ceiling the projection uses (1 = exactly on the ceiling); null when L 206 does not apply' })
  usedShare!: number | null;
}

/** A criterion of Én indgang eligibility that is met — or, when not eligible, why not. */
export class OneStopShopReasonDto {
  @ApiProperty({ enum: ['NOT_PRODUCTION_COMPANY', 'STATE_AND_MUNICIPAL', 'INVESTMENT_100M', 'NET_ZERO_OR_CRM', 'NOT_ELIGIBLE'] }) id!: string;
  @ApiProperty() da!: string;
  @ApiProperty() en!: string;
}

/** Who may use Én indgang (L 206; answer to ERU question 278, Oct 2025): a produktionsvirksomhed (L 206 §2) that meets one more criterion. */
export class OneStopShopEligibilityDto {
  @ApiProperty() eligible!: boolean;
  @ApiProperty({ type: [OneStopShopReasonDto], description: 'The criteria that are met — or, when not eligible, why not' }) reasons!: OneStopShopReasonDto[];
}

/** The listed activity screening used, and where it came from (issue 13 item 14). */
export class DerivedListedActivityDto {
  @ApiProperty({ type: String, nullable: true, description: 'List item of godkendelsesbekendtgørelsen; null when not declared' }) listItem!: string | null;
  @ApiProperty({ enum: ['annex1', 'annex2'] }) annex!: string;
  @ApiProperty({ description: 'S-marked: Miljøstyrelsen approves' }) sMarked!: boolean;
  @ApiProperty({ type: Boolean, nullable: true, description: 'IED activity; null when not known (no catalogue item)' }) ied!: boolean | null;
  @ApiProperty({ enum: ['catalogue', 'declared'], description: "catalogue: derived from the list item; declared: taken from the applicant's facts" }) basis!: string;
  @ApiProperty({ type: String, nullable: true }) source!: string | null;
  @ApiProperty({ type: [String], description: 'Catalogue fields of the item that are inferences' }) unconfirmedFields!: string[];
}

/** The EIA track (miljøvurderingsloven annex) and whether it was derived from the list item. */
export class DerivedEiaAnnexDto {
  @ApiProperty({ enum: ['annex1', 'annex2', 'none'] }) value!: string;
  @ApiProperty({ enum: ['catalogue', 'declared', 'default'] }) basis!: string;
}

/** What screening derived from the facts (listed activity, EIA track) and from what (issue 13 item 14). */
export class ScreeningDerivedDto {
  @ApiProperty({ type: DerivedListedActivityDto, nullable: true, description: 'Null when the project declares no listed activity' }) listedActivity!: DerivedListedActivityDto | null;
  @ApiProperty({ type: DerivedEiaAnnexDto }) eiaAnnex!: DerivedEiaAnnexDto;
}

/** POST /screening: which permits a project needs, why, who decides, in which order, and the projection (no case created). */
export class ScreeningResultDto {
  @ApiProperty({ example: '2025.2' }) catalogVersion!: string;
  @ApiProperty({ type: [ScreenedPermitDto], description: 'Permits in catalogue order' }) permits!: ScreenedPermitDto[];
  @ApiProperty({ ...DATE, description: 'Projected day every permit is final if the case started today' }) projectedDecisionDate!: string;
  @ApiProperty({ type: [String], description: 'Permit codes of one critical path, first to last' }) criticalPath!: string[];
  @ApiProperty({ type: ScreeningCaseCeilingDto }) caseCeiling!: ScreeningCaseCeilingDto;
  @ApiProperty({ enum: RISKS, description: "The one case risk (issue 16 item 1): the ceiling's; onTrack when L 206 does not apply" }) risk!: string;
  @ApiProperty({ type: OneStopShopEligibilityDto }) eligibleForOneStopShop!: OneStopShopEligibilityDto;
  @ApiProperty({ type: [CeilingReasonDto], description: 'Informational notes (e.g. national strategic importance: possible ministerial call-in, L 206)' }) notes!: CeilingReasonDto[];
  @ApiProperty({ type: ScreeningDerivedDto }) derived!: ScreeningDerivedDto;
  @ApiProperty({ type: [PossiblePermitDto], description: 'Permits an explicit "don\'t know" (facts.unknownFacts) may add, with the questions to settle (issue 13 item 15)' })
  possiblePermits!: PossiblePermitDto[];
  @ApiProperty({ type: [String], description: 'The "don\'t know" answers still open that decide whether a permit is needed' }) unsettledFacts!: string[];
  @ApiProperty({ type: IndustrialParkDto, nullable: true, description: 'The designated-park fast track (issue 13 item 19); null outside a park' }) industrialPark!: IndustrialParkDto | null;
}
