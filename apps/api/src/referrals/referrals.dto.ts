import { ApiProperty } from '@nestjs/swagger';
import { AuthorityNamesDto } from '../common/authority-names.dto';

/**
 * Response schemas of a referral (issue 17 item 1: *høring af anden myndighed*), as
 * `referralDto` (referrals.service.ts) writes it. The catalogue options and the asked
 * authority's material are in referral-views.dto.ts.
 */

/** The asked authority's answer (present once it answered, also after the answer date). */
export class ReferralAnswerDto {
  @ApiProperty({ type: String, nullable: true }) text!: string | null;
  @ApiProperty({ type: String, enum: ['given', 'refused'], nullable: true, description: 'Samtykke given or refused; null for an opinion' }) consent!: 'given' | 'refused' | null;
  @ApiProperty({ type: [String], format: 'uuid', description: 'Documents the asked authority attached (POST /referrals/{id}/documents)' }) documentIds!: string[];
  @ApiProperty({ format: 'date-time' }) answeredAt!: string;
  @ApiProperty({ description: 'Answered after the answer date (dueOn); the answer is kept and marked' }) late!: boolean;
}

/** The asking authority proceeded without the answer after the answer date (recorded, audited). */
export class ReferralProceededDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
}

/** A referral: the permit's authority asks another authority for an opinion (udtalelse) or its consent (samtykke). */
export class ReferralDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'RL-2026-000001' }) caseReference!: string;
  @ApiProperty() caseTitle!: string;
  @ApiProperty({ format: 'uuid' }) permitId!: string;
  @ApiProperty({ example: 'JFL_8' }) permitCode!: string;
  @ApiProperty({ type: AuthorityNamesDto, description: 'The asking authority' }) from!: AuthorityNamesDto;
  @ApiProperty({ type: AuthorityNamesDto, description: 'The asked authority' }) to!: AuthorityNamesDto;
  @ApiProperty({ enum: ['opinion', 'consent'], description: 'opinion (udtalelse: advice the decider may depart from) or consent (samtykke: the permit cannot be given without it)' })
  kind!: 'opinion' | 'consent';
  @ApiProperty({ type: String, nullable: true, example: 'JFL_8_REGION', description: 'The catalogue referral it follows (GET /permits/{id}/referral-options); null when the catalogue has none for this permit and authority' })
  ruleId!: string | null;
  @ApiProperty() question!: string;
  @ApiProperty({ description: "The asked authority may read the application's shared part" }) sharedPart!: boolean;
  @ApiProperty({ type: [String], format: 'uuid', description: 'Documents of the case the asked authority may read (and only those)' }) documentIds!: string[];
  @ApiProperty({ format: 'date', description: 'Answer by this day' }) dueOn!: string;
  @ApiProperty({ description: "The permit's clock stops while the referral is open (stop reason awaitingOtherAuthority); only where the catalogue says so" }) stopsClock!: boolean;
  @ApiProperty({ enum: ['open', 'answered', 'proceeded'] }) status!: 'open' | 'answered' | 'proceeded';
  @ApiProperty({ description: 'Open past its answer date: the asking authority may proceed without the answer' }) overdue!: boolean;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ type: ReferralAnswerDto, nullable: true, description: 'Null until answered' }) answer!: ReferralAnswerDto | null;
  @ApiProperty({ type: ReferralProceededDto, nullable: true, description: 'Null unless the asking authority proceeded without the answer' }) proceeded!: ReferralProceededDto | null;
  @ApiProperty({ type: 'integer', description: 'Send as If-Match to answer or proceed' }) version!: number;
}
