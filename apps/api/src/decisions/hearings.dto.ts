import { ApiProperty } from '@nestjs/swagger';
import { PublicPermitNoticeDto } from './public-permit-notice.dto';

/** A proposal document of a hearing, downloadable without login. */
export class HearingDocumentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() filename!: string;
  @ApiProperty({ example: 'application/pdf' }) contentType!: string;
  @ApiProperty({ type: 'integer' }) sizeBytes!: number;
  @ApiProperty({ example: '/api/v1/public/hearings/0b9f3c1e-6a4f-4e52-9f7a-1c2d3e4f5a6b/documents/5d2c7e10-3b1a-4c8e-9a7f-2e4d6c8b0a1f', description: 'The document (GET, no login)' })
  url!: string;
}

/** The limits a public comment must keep (size, no markup, rate per client). */
export class HearingCommentLimitsDto {
  @ApiProperty({ type: 'integer', example: 5000, description: 'Maximum characters of the text' }) textChars!: number;
  @ApiProperty({ type: 'integer', example: 200, description: 'Maximum characters of the name' }) nameChars!: number;
  @ApiProperty({ type: 'integer', example: 131072, description: 'Maximum bytes of the attachment (decoded)' }) attachmentBytes!: number;
  @ApiProperty({ type: 'integer', example: 5, description: 'Comments one client may send to one hearing per hour' }) perClientPerHour!: number;
}

/** A hearing as the public page shows it (no login): the proposal, the period and whether comments are still on time. */
export class PublicHearingDto extends PublicPermitNoticeDto {
  @ApiProperty({ description: 'Title of the project (the case)' }) projectTitle!: string;
  @ApiProperty({ type: String, nullable: true, description: "The site's municipality (Danish name); null when the case names none" }) municipality!: string | null;
  @ApiProperty() authorityNameDa!: string;
  @ApiProperty() authorityNameEn!: string;
  @ApiProperty({
    example: 'public',
    description: "Who is heard: the catalogue's hearing audience of the permit (e.g. public, neighbours, parties) unless the caseworker named another when starting the hearing; free text",
  })
  audience!: string;
  @ApiProperty({ type: String, format: 'date-time' }) startedAt!: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    description: "Earliest end by statute: the start plus the catalogue's minimum hearing period (e.g. PL §24(3): 8 weeks), at the start of that Copenhagen day; the start itself where no minimum is known",
  })
  earliestEndAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the hearing closed (the permit left it); null while it runs' }) endedAt!: string | null;
  @ApiProperty({ description: 'True while the hearing has not closed; a comment sent after it closed is kept and marked late' }) open!: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The joint hearing (one public page for several permits, issue 17) this hearing is part of; null otherwise' })
  jointHearingId!: string | null;
  @ApiProperty({ type: [HearingDocumentDto], description: 'The proposal documents (always empty in lists: GET /public/hearings and GET /permits/{id}/hearings)' })
  documents!: HearingDocumentDto[];
  @ApiProperty({ type: HearingCommentLimitsDto }) limits!: HearingCommentLimitsDto;
}

/** The open hearings, newest first (at most 100). */
export class PublicHearingListDto {
  @ApiProperty({ type: [PublicHearingDto] }) items!: PublicHearingDto[];
}

/** The attachment of a hearing comment (its bytes are not served here). */
export class HearingCommentAttachmentDto {
  @ApiProperty({ description: 'Sanitised file name' }) filename!: string;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the bytes (hex)' }) sha256!: string;
}

/** A comment received in a hearing, with the authority's consideration (personal data: the deciding authority and coordinators only). */
export class HearingCommentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) hearingId!: string;
  @ApiProperty({ description: "The commenter's name" }) name!: string;
  @ApiProperty({ description: "The commenter's e-mail address" }) email!: string;
  @ApiProperty({ description: 'The comment (plain text)' }) text!: string;
  @ApiProperty({ type: HearingCommentAttachmentDto, nullable: true, description: 'Null without an attachment' }) attachment!: HearingCommentAttachmentDto | null;
  @ApiProperty({ description: 'Received after the hearing closed (kept, marked late)' }) late!: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the authority marked it as considered; null until then' }) consideredAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The authority's note on how the comment was considered (summarised in the decision letter); null until considered" })
  consideredNote!: string | null;
  @ApiProperty({ description: 'Send as version to POST /hearing-comments/{id}/consideration' }) version!: number;
}

/** A hearing of a permit with the comments received in it (the deciding authority and coordinators). */
export class PermitHearingDto extends PublicHearingDto {
  @ApiProperty({ type: [HearingCommentDto], description: 'Oldest first' }) comments!: HearingCommentDto[];
}

/** The hearings of a permit, oldest first; always empty for an applicant. */
export class PermitHearingListDto {
  @ApiProperty({ type: [PermitHearingDto] }) items!: PermitHearingDto[];
}

/** The receipt of a public comment. */
export class HearingCommentReceiptDto {
  @ApiProperty({ format: 'uuid', description: 'The comment' }) id!: string;
  @ApiProperty({ format: 'uuid' }) hearingId!: string;
  @ApiProperty({ description: 'Received after the hearing closed: kept, but marked late' }) late!: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) receivedAt!: string;
}
