import { ApiProperty } from '@nestjs/swagger';
import { AuthorityNamesDto } from '../common/authority-names.dto';

const KINDS = ['delegation', 'callIn'];
const KIND_DESCRIPTION = '`delegation`: a municipality delegates to another municipality by agreement (L 206); `callIn`: a minister takes over municipal powers (L 206)';

/** The answer to a change of deciding authority: the permit's new version and authority. */
export class AuthorityChangeResultDto {
  @ApiProperty({ format: 'uuid' }) permitId!: string;
  @ApiProperty({ type: 'integer', description: 'The permit version after the change: send as If-Match on the next write' }) version!: number;
  @ApiProperty({ enum: KINDS, description: KIND_DESCRIPTION }) kind!: string;
  @ApiProperty({ type: AuthorityNamesDto, description: 'The new deciding authority' }) authority!: AuthorityNamesDto;
  @ApiProperty({ description: "The legal basis recorded: the one given, else the rule's (L 206)" }) legalBasis!: string;
}

/** One change of a permit's deciding authority (delegation or call-in, L 206), as audited. */
export class AuthorityChangeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: KINDS, description: KIND_DESCRIPTION }) kind!: string;
  @ApiProperty({ type: AuthorityNamesDto, description: 'The authority that decided the permit before' }) from!: AuthorityNamesDto;
  @ApiProperty({ type: AuthorityNamesDto, description: 'The authority that decides it from then on' }) to!: AuthorityNamesDto;
  @ApiProperty() reason!: string;
  @ApiProperty({ description: "The legal basis recorded: the one given, else the rule's (L 206)" }) legalBasis!: string;
  @ApiProperty({ format: 'date-time' }) changedAt!: string;
}

/** An audit event of the permit up to the authority change. */
export class FormerRecordEventDto {
  @ApiProperty({ example: 'authority.decisionIssued' }) eventType!: string;
  @ApiProperty({ example: 'caseworker' }) actorRole!: string;
  @ApiProperty({ type: String, nullable: true }) fromState!: string | null;
  @ApiProperty({ type: String, nullable: true }) toState!: string | null;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

/** A document of the permit created up to the authority change (content: `…/former-record/documents/{documentId}/content`). */
export class FormerRecordDocumentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() filename!: string;
  @ApiProperty({ description: 'SHA-256 of the content, hex' }) sha256!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** What the former deciding authority did on a permit until its last hand-over (delegation or call-in): nothing newer. */
export class FormerRecordDto {
  @ApiProperty({ format: 'uuid' }) permitId!: string;
  @ApiProperty({ example: 'MILJOEGODKENDELSE' }) code!: string;
  @ApiProperty({ example: 'RL-2027-000001' }) caseReference!: string;
  @ApiProperty({ type: AuthorityChangeDto, description: "The caller's authority's last hand-over of the permit" }) change!: AuthorityChangeDto;
  @ApiProperty({ type: [FormerRecordEventDto], description: 'The audit trail up to the change, oldest first' }) events!: FormerRecordEventDto[];
  @ApiProperty({ type: [FormerRecordDocumentDto], description: 'The documents created up to the change, oldest first' }) documents!: FormerRecordDocumentDto[];
}
