import { ApiProperty } from '@nestjs/swagger';
import { PublicCompanyDto } from '../transparency/transparency.dto';
import { PermitDto } from '../cases/cases.dto';
import { PublicPermitNoticeDto } from './public-permit-notice.dto';

/** The outcomes a decision (and its draft) can have. */
const OUTCOMES = ['granted', 'grantedWithConditions', 'refused'];
/** A SHA-256 digest as lower-case hex. */
const SHA256 = { pattern: '^[0-9a-f]{64}$', example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' };

/** The permit's new version after a partshøring step, and the draft it concerns (send and answer). */
export class DecisionDraftAckDto {
  @ApiProperty({ description: 'The permit version after the step: send it as If-Match on the next write' }) version!: number;
  @ApiProperty({ format: 'uuid', description: 'The draft decision sent (or answered)' }) draftId!: string;
}

/** The latest draft decision sent to the company for partshøring (forvaltningsloven §19), with its answer. */
export class DecisionDraftDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: OUTCOMES }) outcome!: string;
  @ApiProperty({ type: [String], description: "The draft's conditions (only with outcome grantedWithConditions; otherwise empty)" }) conditions!: string[];
  @ApiProperty({ description: 'The reasons (begrundelse) of the draft; may be empty where the template does not require them' }) reasons!: string;
  @ApiProperty({ type: String, format: 'date-time' }) sentAt!: string;
  @ApiProperty({
    type: String,
    format: 'date',
    description: "Last day the company may comment (partshøring, forvaltningsloven §19): the catalogue's shortest period for the permit, 2 weeks where the catalogue has none (FVL §19 gives no length; an inference)",
  })
  respondBy!: string;
  @ApiProperty({ type: String, enum: ['accepted', 'commented'], nullable: true, description: "The company's answer; null while unanswered" }) response!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The company's comment (with response commented); null otherwise" }) responseText!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the company answered; null while unanswered' }) respondedAt!: string | null;
}

/** An issued decision letter: an immutable PDF document registered with its SHA-256 (append-only; a new decision supersedes, never edits). */
export class DecisionLetterDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) permitId!: string;
  @ApiProperty({ format: 'uuid', description: "The letter's document (listed with the case's documents)" }) documentId!: string;
  @ApiProperty({ example: 'afgoerelse-RL-2026-000001-miljoegodkendelse-2026-03-02.pdf' }) filename!: string;
  @ApiProperty({ type: 'integer' }) sizeBytes!: number;
  @ApiProperty({ enum: ['da', 'en'], description: 'Language of the letter' }) locale!: string;
  @ApiProperty({ enum: OUTCOMES }) outcome!: string;
  @ApiProperty({ type: [String], description: 'Vilkår of the decision (only with outcome grantedWithConditions; otherwise empty)' }) conditions!: string[];
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description:
      'Klagefrist: last day to appeal, moved to the following weekday when it ends on a Saturday or helligdag (MBL §93(2), MVL §51(2)); null when there is nothing to appeal (a notice or an opinion)',
  })
  appealDeadlineOn!: string | null;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'First day the permit may be used: the day after the klagefrist where an appeal suspends the permit or it may only be used after the appeal period, otherwise the day of issue; null for a refusal. As fixed when issued (the permit\'s clocks.usableFrom may change later, e.g. under a suspensive appeal)',
  })
  usableFrom!: string | null;
  @ApiProperty({ ...SHA256, description: 'SHA-256 of the PDF (hex), as registered in the audit log' }) sha256!: string;
  @ApiProperty({ description: "Published on the public list (GET /public/decisions) until its klagefrist has passed, as the permit's catalogue entry requires" }) published!: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The earlier decision letter of the permit this one supersedes; null for the first' }) supersedesId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The later decision letter that superseded this one; null while it is the current one' }) supersededById!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) issuedAt!: string;
  @ApiProperty({ example: '/api/v1/documents/0b9f3c1e-6a4f-4e52-9f7a-1c2d3e4f5a6b/content', description: "The PDF's bytes (GET)" }) contentUrl!: string;
}

/** The answer to issuing a decision: the permit after the transition and the letter it registered. */
export class IssuedDecisionDto {
  @ApiProperty({ type: PermitDto, description: 'The permit after the decision (its version is also the ETag)' }) permit!: PermitDto;
  @ApiProperty({ type: DecisionLetterDto }) decision!: DecisionLetterDto;
}

/** A published decision on the public list, shown until its klagefrist has passed. */
export class PublishedDecisionDto extends PublicPermitNoticeDto {
  @ApiProperty({ enum: OUTCOMES }) outcome!: string;
  @ApiProperty({ type: PublicCompanyDto }) company!: PublicCompanyDto;
  @ApiProperty({ type: String, nullable: true, description: "The site's municipality (Danish name); null when the case names none" }) municipality!: string | null;
  @ApiProperty({ description: 'The deciding authority (Danish name)' }) authorityName!: string;
  @ApiProperty({ type: String, format: 'date-time' }) issuedAt!: string;
  @ApiProperty({
    type: String,
    format: 'date',
    description: 'Klagefrist: last day to appeal, moved to the following weekday when it ends on a Saturday or helligdag (MBL §93(2), MVL §51(2)); the decision is listed until this day',
  })
  appealDeadlineOn!: string;
  @ApiProperty({ example: '/api/v1/public/decisions/0b9f3c1e-6a4f-4e52-9f7a-1c2d3e4f5a6b/pdf', description: 'The PDF (no login, while published)' }) pdfUrl!: string;
}

/** The published decisions, newest first (at most 500). */
export class PublishedDecisionListDto {
  @ApiProperty({ type: [PublishedDecisionDto] }) items!: PublishedDecisionDto[];
}
