import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DurationDto } from '../common/duration.dto';
import { SHARED_PART_OPENAPI, sharedPartProperty } from '../application/openapi-schema';
import { ReferralDto } from './referrals.dto';

/**
 * Response schemas of GET /permits/{id}/referral-options (the catalogue's referrals, `ReferralRule`
 * of @rl/permits-catalog) and GET /referrals/{id} (what the asked authority reads).
 */

/** Whom a catalogue referral asks, by kind (resolved to a concrete authority in `toAuthorityCode`). */
export class ReferralTargetDto {
  @ApiProperty({ enum: ['region', 'stateAgency', 'museum'], description: "region: the site's region; museum: museumsloven §25" }) kind!: 'region' | 'stateAgency' | 'museum';
  @ApiPropertyOptional({ enum: ['VD', 'SLKS', 'KDI', 'MST'], description: 'Only when kind is stateAgency' }) agency?: 'VD' | 'SLKS' | 'KDI' | 'MST';
}

/** A text in Danish and English. */
export class ReferralTextDto {
  @ApiProperty() da!: string;
  @ApiProperty() en!: string;
}

/** A referral the catalogue knows for this permit type, each value with its source (inferences marked). */
export class ReferralRuleOptionDto {
  @ApiProperty({ example: 'JFL_8_REGION', description: 'Send as ruleId' }) id!: string;
  @ApiProperty({ example: 'JFL_8' }) permitCode!: string;
  @ApiProperty({ type: ReferralTargetDto }) target!: ReferralTargetDto;
  @ApiProperty({ enum: ['opinion', 'consent'], description: 'opinion (udtalelse, advice) or consent (samtykke, binding)' }) kind!: 'opinion' | 'consent';
  @ApiProperty({ type: DurationDto, description: 'How long the asked authority has to answer, from the day the referral is sent' }) answerWithin!: DurationDto;
  @ApiProperty({ example: 'JFL §8(3): the Region is consulted, 4 weeks' }) answerWithinSource!: string;
  @ApiProperty({ description: 'True when answerWithin is our inference' }) answerWithinInference!: boolean;
  @ApiProperty({ description: "The permit's clock stops while the referral is open (stop reason awaitingOtherAuthority)" }) stopsClock!: boolean;
  @ApiProperty() stopsClockSource!: string;
  @ApiProperty({ description: 'True when stopsClock is our inference (no statute read says so)' }) stopsClockInference!: boolean;
  @ApiProperty({ type: ReferralTextDto, description: 'When the referral is needed, in plain words' }) appliesWhen!: ReferralTextDto;
  @ApiProperty({ example: 'Jordforureningsloven §8(3)' }) source!: string;
  @ApiProperty({ type: String, nullable: true, example: 'REGION-1085', description: "The authority to ask; null for a region target when the site's municipality is not known" })
  toAuthorityCode!: string | null;
}

/** An authority one may ask (regions, state agencies, the museum, grid operators; not the permit's own). */
export class ReferralAuthorityOptionDto {
  @ApiProperty({ example: 'REGION-1085' }) code!: string;
  @ApiProperty({ enum: ['region', 'stateAgency', 'museum', 'gridOperator'] }) kind!: string;
  @ApiProperty() nameDa!: string;
  @ApiProperty() nameEn!: string;
}

/** The catalogue's referrals of a permit and the authorities one may ask. */
export class ReferralOptionsDto {
  @ApiProperty({ format: 'uuid' }) permitId!: string;
  @ApiProperty({ type: [ReferralRuleOptionDto] }) rules!: ReferralRuleOptionDto[];
  @ApiProperty({ type: [ReferralAuthorityOptionDto], description: 'By kind, then Danish name' }) authorities!: ReferralAuthorityOptionDto[];
}

/** The permit type a referral is about. */
export class ReferralPermitTypeDto {
  @ApiProperty({ example: 'JFL_8' }) code!: string;
  @ApiProperty() nameDa!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty({ example: 'Jordforureningsloven §8' }) legalBasis!: string;
}

/** A document a referral lists (metadata only; the bytes: GET /referrals/{id}/documents/{documentId}/content). */
export class ReferralDocumentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'jordbundsundersøgelse.pdf' }) filename!: string;
  @ApiProperty({ example: 'application/pdf' }) contentType!: string;
  @ApiProperty({ type: 'integer', example: 48213 }) sizeBytes!: number;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the stored bytes (hex)' }) sha256!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** A referral with the parts it shows — and nothing else of the case. */
export class ReferralMaterialDto {
  @ApiProperty({ type: ReferralDto }) referral!: ReferralDto;
  @ApiProperty({ description: "The caller is a caseworker of the asked authority (may answer)" }) youWereAsked!: boolean;
  @ApiProperty({ type: ReferralPermitTypeDto }) permit!: ReferralPermitTypeDto;
  @ApiProperty(sharedPartProperty({ nullable: true, description: `Null unless the referral shows it (referral.sharedPart); an empty object when the case has no application. ${SHARED_PART_OPENAPI.description}` }))
  sharedPart!: Record<string, unknown> | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: "The application's section of this permit (JSON Schema per permit code: GET /application-form → sections); null when there is none",
  })
  permitSection!: Record<string, unknown> | null;
  @ApiProperty({ type: [ReferralDocumentDto], description: 'The documents listed with the question' }) documents!: ReferralDocumentDto[];
  @ApiProperty({ type: [ReferralDocumentDto], description: 'The documents attached to the answer' }) answerDocuments!: ReferralDocumentDto[];
}
