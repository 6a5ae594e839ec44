import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { PermitRefDto } from '../cases/permit-ref.dto';
import { NestedArray, OptionalUuids } from '../common/dto-decorators';
import { HearingCommentLimitsDto, HearingDocumentDto } from '../decisions/hearings.dto';

export class JointHearingPermitDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() permitId!: string;
  @ApiPropertyOptional({ example: 'PL_24_5', description: "The legal basis of this permit's minimum period (an id of its catalogue's hearing options); default: the catalogue's general rule" })
  @IsOptional()
  @Matches(/^[A-Z0-9_]{1,40}$/)
  minimumBasis?: string;
}

export class JointHearingDraftDto {
  @ApiPropertyOptional({
    type: [JointHearingPermitDto],
    description: "Permits to cover. A caseworker adds their own authority's permits (at least one); a coordinator opens the draft (an invitation) and adds none.",
  })
  @IsOptional()
  @NestedArray(() => JointHearingPermitDto, { max: 20 })
  permits?: JointHearingPermitDto[];
  @ApiPropertyOptional({ maxLength: 500, example: 'Offentligheden' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(500) audience?: string;
  @OptionalUuids('The proposal documents (documents of the case) shown on the public page', 50)
  documentIds?: string[];
}

/** A permit a joint hearing covers, with its own hearing and its own lawful minimum. */
export class JointHearingCoveredPermitDto extends PermitRefDto {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "The permit's own hearing (its comments: GET /permits/{id}/hearings); null while the joint hearing is a draft, and for another authority's permit when the caller is a caseworker",
  })
  hearingId!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: "The earliest end of this permit's own hearing: its lawful minimum counted with the business calendar, closing after the last day (issue 13 item 6); null while a draft",
  })
  ownEarliestEndAt!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'PL_24_5',
    description: "The legal basis chosen for this permit's minimum period (an id of its catalogue's hearing options, e.g. PL_24_5 = PL §24(5): at least 4 weeks for a local plan); null: the catalogue's general rule (e.g. PL §24(3): 8 weeks)",
  })
  minimumBasis!: string | null;
}

/** A joint hearing (fælles høring, issue 17 item 3): one public hearing period for several permits of one case. */
export class JointHearingDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ enum: ['draft', 'open', 'ended'], description: 'draft: permits are being added (an invitation to the authorities); open: every covered permit is in its hearing; ended' })
  status!: 'draft' | 'open' | 'ended';
  @ApiProperty({ example: 'Offentligheden', description: 'Who is heard' }) audience!: string;
  @ApiProperty({ type: [String], format: 'uuid', description: 'The proposal documents (documents of the case) shown on the public page' }) documentIds!: string[];
  @ApiProperty({ type: 'integer', description: 'Send as If-Match to start or end the joint hearing' }) version!: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null while a draft' }) startedAt!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: "The one period's earliest end: the latest of the covered permits' own earliest ends, i.e. the longest lawful minimum; the joint hearing may not end before it. Null while a draft",
  })
  earliestEndAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null until ended' }) endedAt!: string | null;
  @ApiProperty({ type: [JointHearingCoveredPermitDto], description: 'The covered permits, by permit code' }) permits!: JointHearingCoveredPermitDto[];
  @ApiProperty({ type: String, nullable: true, example: '/api/v1/public/joint-hearings/{id}', description: 'The one public page (no login); null while a draft' }) publicUrl!: string | null;
}

/** A case's joint hearings, oldest first (the company does not see drafts). */
export class JointHearingListDto {
  @ApiProperty({ type: [JointHearingDto] }) items!: JointHearingDto[];
}

/** A covered permit on the public page, through its own hearing. */
export class PublicJointHearingPermitDto {
  @ApiProperty({ format: 'uuid', description: "The permit's own public hearing (GET /public/hearings/{id})" }) hearingId!: string;
  @ApiProperty({ example: 'LOKALPLAN' }) permitCode!: string;
  @ApiProperty() permitNameDa!: string;
  @ApiProperty() permitNameEn!: string;
  @ApiProperty({ example: 'MBL §33; godkendelsesbekendtgørelsen bilag 1/2', description: "The permit type's legal basis" }) legalBasis!: string;
  @ApiProperty() authorityNameDa!: string;
  @ApiProperty() authorityNameEn!: string;
  @ApiProperty({ type: String, format: 'date-time', description: "The earliest end of this permit's own hearing (its own lawful minimum)" }) earliestEndAt!: string;
}

/** The joint hearing's one public page (no login; not for a draft). */
export class PublicJointHearingDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() projectTitle!: string;
  @ApiProperty({ type: String, nullable: true, description: "The case's municipality (Danish name); null when unknown" }) municipality!: string | null;
  @ApiProperty({ example: 'Offentligheden' }) audience!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: "The one period's earliest end: the longest lawful minimum of the covered permits" }) earliestEndAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null while open' }) endedAt!: string | null;
  @ApiProperty({ description: 'True while the joint hearing is open (a comment after it ended is kept, marked late)' }) open!: boolean;
  @ApiProperty({ type: [PublicJointHearingPermitDto], description: 'The covered permits whose own hearing is part of this one, by permit code' }) permits!: PublicJointHearingPermitDto[];
  @ApiProperty({ type: [HearingDocumentDto], description: "The proposal documents (downloaded through the first covered permit's public hearing)" }) documents!: HearingDocumentDto[];
  @ApiProperty({ type: HearingCommentLimitsDto }) limits!: HearingCommentLimitsDto;
  @ApiProperty({ type: String, format: 'date-time', description: 'When this page was made' }) asOf!: string;
}

/** One comment row a joint-hearing comment made: one per covered permit's hearing it reaches. */
export class JointHearingCommentRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) hearingId!: string;
  @ApiProperty({ format: 'uuid' }) permitId!: string;
}

/** The receipt of a comment to a joint hearing: it reached every covered permit's hearing (or those named in permitIds). */
export class JointHearingCommentReceiptDto {
  @ApiProperty({ format: 'uuid' }) jointHearingId!: string;
  @ApiProperty({ description: 'Received after a hearing it reaches had closed: still kept, marked late' }) late!: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ type: [JointHearingCommentRefDto] }) comments!: JointHearingCommentRefDto[];
}
