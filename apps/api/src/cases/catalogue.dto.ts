import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { DurationDto } from '../common/duration.dto';
import { ValidityNoteDto } from './cases.dto';

/**
 * The answer of GET /permit-types: one version of the permit catalogue (`CatalogVersion` and
 * `PermitType` of @rl/permits-catalog) as published. A value nobody has stated is not left out:
 * it is a {@link CatalogueUnknownDto} (`KnownOrUnknown<T>` in the catalogue).
 */

/** An explicit "nobody has stated this" value, in place of a value the catalogue does not know. */
export class CatalogueUnknownDto {
  @ApiProperty({ enum: [true] }) unknown!: true;
  @ApiProperty({ example: 'no statutory deadline; municipal practice varies', description: 'Why it is unknown' }) note!: string;
}

/** `T` or a {@link CatalogueUnknownDto}: the property options of a `KnownOrUnknown<T>`. */
const knownOrUnknown = (known: object, description?: string) => ({
  oneOf: [known, { $ref: getSchemaPath(CatalogueUnknownDto) }],
  ...(description ? { description } : {}),
});
const DURATION = { $ref: getSchemaPath(DurationDto) };

/** A processing-time rule; almost every Danish permit clock starts at the fyldestgørende (complete) application. */
export class CatalogueClockRuleDto {
  @ApiProperty({ enum: ['statutory', 'serviceTarget'], description: 'statutory: set by law or executive order (e.g. DKMA 90 days, BEK 1358/2012 §6(1)); serviceTarget: a political servicemål, not legally binding' })
  kind!: string;
  @ApiProperty({ type: DurationDto }) duration!: DurationDto;
  @ApiProperty({ enum: ['completeApplication', 'receivedApplication'] }) startsAt!: string;
  @ApiProperty({ description: 'The clock stops while the authority waits for the applicant (e.g. BEK 1358/2012 §5(2))' }) stopsWhileAwaitingApplicant!: boolean;
  @ApiProperty() source!: string;
  @ApiPropertyOptional({ type: DurationDto, description: 'The longest the authority may extend the deadline to (e.g. BEK 1358/2012 §6(2))' }) extendableTo?: DurationDto;
}

/** A statutory deadline that applies instead of the permit type's under a condition. */
export class CatalogueDeadlineVariantDto {
  @ApiProperty({ example: 'CHANGE_OF_AUTHORISATION' }) id!: string;
  @ApiProperty() appliesWhen!: string;
  @ApiProperty({ type: CatalogueClockRuleDto }) rule!: CatalogueClockRuleDto;
}

/** A service target that applies instead of the permit type's under a condition (screening picks it from the facts). */
@ApiExtraModels(CatalogueClockRuleDto, CatalogueUnknownDto)
export class CatalogueServiceTargetVariantDto {
  @ApiProperty({ example: 'ANNEX_2' }) id!: string;
  @ApiProperty() appliesWhen!: string;
  @ApiProperty(knownOrUnknown({ $ref: getSchemaPath(CatalogueClockRuleDto) })) rule!: CatalogueClockRuleDto | CatalogueUnknownDto;
}

/** Who decides; a municipal permit is resolved to the concrete municipality at screening. */
export class CatalogueAuthorityRuleDto {
  @ApiProperty({ enum: ['municipality', 'stateAgency', 'region', 'museum', 'gridOperator'] }) kind!: string;
  @ApiProperty({ enum: ['municipal', 'state', 'other'] }) level!: string;
  @ApiPropertyOptional({ enum: ['MST', 'DKMA', 'AT', 'ENS', 'VD', 'SLKS', 'KDI', 'ERST'], description: 'For a state agency: which one' }) agency?: string;
  @ApiPropertyOptional({ description: 'Special routing in plain words' }) note?: string;
}

/** A shorter lawful minimum hearing period the authority may choose, with its legal basis. */
export class CatalogueHearingOptionDto {
  @ApiProperty({ example: 'PL_24_5', description: 'Stable id of the legal basis (recorded with the hearing)' }) id!: string;
  @ApiProperty({ type: DurationDto }) minDuration!: DurationDto;
  @ApiProperty() appliesWhen!: string;
  @ApiProperty() source!: string;
}

/** Partshøring / offentlig høring. */
@ApiExtraModels(DurationDto, CatalogueUnknownDto)
export class CatalogueHearingRuleDto {
  @ApiProperty(knownOrUnknown(DURATION, 'Minimum hearing period; a hearing cannot end before it (e.g. PL §24(3): 8 weeks)')) minDuration!: DurationDto | CatalogueUnknownDto;
  @ApiProperty({ example: 'public' }) audience!: string;
  @ApiProperty() source!: string;
  @ApiPropertyOptional({ example: 'PL_24_3', description: 'Stable id of the legal basis of minDuration' }) minDurationBasis?: string;
  @ApiPropertyOptional({ type: [CatalogueHearingOptionDto], description: 'Shorter minimum periods the law lets the authority choose (e.g. PL §24(5), §24(6))' }) minimumOptions?: CatalogueHearingOptionDto[];
}

/** How a klagefrist that ends on a non-working day moves, with its statute. */
export class CatalogueAppealRollDto {
  @ApiProperty({
    enum: ['saturdayOrHelligdagToNextHverdag', 'nextBusinessDay'],
    description: 'saturdayOrHelligdagToNextHverdag: MBL §93(2), MVL §51(2); nextBusinessDay: the office-day roll catalogue 2025.1 published (corrected in 2025.2)',
  })
  rule!: string;
  @ApiProperty() source!: string;
}

/** Klageadgang. */
@ApiExtraModels(DurationDto, CatalogueUnknownDto)
export class CatalogueAppealRuleDto {
  @ApiProperty(knownOrUnknown(DURATION, 'Klagefrist, e.g. 4 weeks (MBL §93, PL §60)')) period!: DurationDto | CatalogueUnknownDto;
  @ApiProperty({ type: CatalogueAppealRollDto }) deadlineRoll!: CatalogueAppealRollDto;
  @ApiProperty(knownOrUnknown({ type: 'string' }, "Appeal body, e.g. 'MFKN' (Miljø- og Fødevareklagenævnet), 'PKN' (Planklagenævnet)")) body!: string | CatalogueUnknownDto;
  @ApiProperty(knownOrUnknown({ type: 'boolean' }, 'Opsættende virkning: lodging an appeal suspends the permit (e.g. landzone, PL §40)')) suspendsPermit!: boolean | CatalogueUnknownDto;
  @ApiProperty({ description: 'The permit may not be used before the appeal period ends (landzone, GMO)' }) usableOnlyAfterAppealPeriod!: boolean;
  @ApiProperty() source!: string;
}

/** A typed dependency between permits. */
export class CataloguePrerequisiteDto {
  @ApiProperty() code!: string;
  @ApiProperty({ enum: ['decided', 'final'], description: "decided: the prerequisite must have a decision; final: its appeal period must also have run out (or the appeal be decided)" }) requires!: string;
  @ApiProperty() why!: string;
  @ApiPropertyOptional({ description: 'Default true: when the project does not need this permit, its dependants inherit the edge' }) carriesThrough?: boolean;
}

/** A non-blocking "normally runs together with" edge. */
export class CatalogueRunsWithDto {
  @ApiProperty() code!: string;
  @ApiProperty() why!: string;
}

/** How long a granted decision stays valid, counted from the day it is given (issue 13 item 4). */
export class CatalogueValidityDto {
  @ApiProperty({ enum: ['lapsesIfUnused', 'maxTerm', 'termSetInDecision'], description: 'lapsesIfUnused: e.g. MVL §39 (3 years); maxTerm: e.g. VFL §22 (30 years); termSetInDecision: no length in the statute' })
  kind!: string;
  @ApiPropertyOptional({ type: DurationDto, description: 'Present unless termSetInDecision' }) duration?: DurationDto;
  @ApiProperty() source!: string;
  @ApiProperty() inference!: boolean;
  @ApiProperty({ type: ValidityNoteDto }) note!: ValidityNoteDto;
}

/** A permit type of the catalogue. */
@ApiExtraModels(CatalogueClockRuleDto, CatalogueHearingRuleDto, CatalogueAppealRuleDto, CatalogueUnknownDto)
export class CataloguePermitTypeDto {
  @ApiProperty({ example: 'MILJOEGODKENDELSE', description: 'Stable code, never reused' }) code!: string;
  @ApiProperty() nameDa!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty({ example: 'MBL §33; godkendelsesbekendtgørelsen bilag 1/2' }) legalBasis!: string;
  @ApiProperty({ type: CatalogueAuthorityRuleDto }) authority!: CatalogueAuthorityRuleDto;
  @ApiProperty(knownOrUnknown({ $ref: getSchemaPath(CatalogueClockRuleDto) }, 'Servicemål (service target)')) serviceTarget!: CatalogueClockRuleDto | CatalogueUnknownDto;
  @ApiProperty(knownOrUnknown({ $ref: getSchemaPath(CatalogueClockRuleDto) }, 'Lovbestemt frist (statutory deadline)')) statutoryDeadline!: CatalogueClockRuleDto | CatalogueUnknownDto;
  @ApiProperty({ type: DurationDto, description: 'For projections only, when neither target nor statutory deadline is known' }) typicalDuration!: DurationDto;
  @ApiProperty(knownOrUnknown({ $ref: getSchemaPath(CatalogueHearingRuleDto) })) hearing!: CatalogueHearingRuleDto | CatalogueUnknownDto;
  @ApiProperty(knownOrUnknown({ $ref: getSchemaPath(CatalogueAppealRuleDto) })) appeal!: CatalogueAppealRuleDto | CatalogueUnknownDto;
  @ApiProperty({ type: [CataloguePrerequisiteDto] }) prerequisites!: CataloguePrerequisiteDto[];
  @ApiProperty({ description: 'A gate inside another decision (e.g. habitat assessment)' }) embeddedInHostDecision!: boolean;
  @ApiProperty() source!: string;
  @ApiProperty({ type: [String], description: 'Fields whose values are inferences and need checking' }) unconfirmedFields!: string[];
  @ApiPropertyOptional({ type: [CatalogueServiceTargetVariantDto] }) serviceTargetVariants?: CatalogueServiceTargetVariantDto[];
  @ApiPropertyOptional({ type: [CatalogueRunsWithDto] }) runsWith?: CatalogueRunsWithDto[];
  @ApiPropertyOptional() notes?: string;
  @ApiPropertyOptional({ enum: ['decision', 'notice', 'opinion'], description: "Default decision; a notice (anmeldelse) or opinion (udtalelse) has no klagefrist and is final when given (issue 13 item 3)" })
  instrument?: string;
  @ApiPropertyOptional({ type: [CatalogueDeadlineVariantDto] }) statutoryDeadlineVariants?: CatalogueDeadlineVariantDto[];
  @ApiPropertyOptional({ type: CatalogueValidityDto }) validity?: CatalogueValidityDto;
}

/** One change from the previous catalogue version (issue 13 item 13). */
export class CatalogueChangeDto {
  @ApiProperty({ example: 'KLAGEFRIST_ROLL' }) id!: string;
  @ApiProperty({ enum: ['legalCorrection', 'newCasesOnly'], description: 'legalCorrection: applied to running permits by the audited catalogue upgrade; newCasesOnly: only cases screened with this version' })
  kind!: string;
  @ApiProperty({ type: [String] }) permitCodes!: string[];
  @ApiProperty() summary!: string;
  @ApiProperty() source!: string;
}

/** One published version of the permit catalogue. */
export class PermitCatalogueDto {
  @ApiProperty({ example: '2025.2' }) version!: string;
  @ApiProperty({ type: String, format: 'date', description: 'The version applies to new screenings from this day' }) validFrom!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Last day for new screenings; null: open-ended' }) validTo!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) publishedOn!: string | null;
  @ApiProperty({ type: [String], description: 'Every published version, oldest first' }) versions!: string[];
  @ApiProperty({ type: [CataloguePermitTypeDto] }) permitTypes!: CataloguePermitTypeDto[];
  @ApiProperty({ type: [CatalogueChangeDto], description: 'What this version changed from the previous one (empty for the first)' }) changes!: CatalogueChangeDto[];
}
