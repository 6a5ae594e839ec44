import { OrganisationRefDto } from '../auth/auth.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsISO8601, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { OptionalUuid } from '../common/dto-decorators';
import { PROXY_ROLES, type ProxyRole } from '../access/proxy-roles';

export class CreateProxyGrantDto {
  @ApiProperty({ example: 'carl@raadgiver.example', description: 'Where the invitation goes; only the user with this e-mail can accept it.' })
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @ApiProperty({ enum: PROXY_ROLES, description: 'read: see only; prepare: also edit and upload; submit: also file, answer and withdraw on the company’s behalf.' })
  @IsIn(PROXY_ROLES)
  role!: ProxyRole;

  @OptionalUuid('One case of the company; leave out for all its cases (also future ones).')
  caseId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Default: now.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  validFrom?: string;

  @ApiProperty({ format: 'date-time', description: 'The grant ends at this instant (after validFrom and in the future; at most 5 years ahead).' })
  @IsISO8601({ strict: true })
  validUntil!: string;
}

export class AcceptProxyInvitationDto {
  @ApiProperty({ description: 'The one-time token from the invitation e-mail.' })
  @IsString()
  @Length(20, 200)
  token!: string;
}

/** The one case a power of attorney covers. */
export class ProxyGrantCaseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'RL-2026-000001' }) reference!: string;
  @ApiProperty() title!: string;
}

/** Who accepted a power of attorney (fuldmægtig). */
export class ProxyGranteeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true, description: "The grantee's own organisation (e.g. the consultancy); null for a person without one" }) organisationName!: string | null;
}

export class ProxyGrantDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ type: OrganisationRefDto, description: 'The company that grants (fuldmagtsgiver).' })
  organisation!: OrganisationRefDto;
  @ApiProperty({ type: ProxyGrantCaseDto, nullable: true, description: 'The one case covered, or null for all the company’s cases.' })
  case!: ProxyGrantCaseDto | null;
  @ApiProperty()
  inviteeEmail!: string;
  @ApiProperty({ type: ProxyGranteeDto, nullable: true, description: 'Who accepted (fuldmægtig); null while only invited.' })
  grantee!: ProxyGranteeDto | null;
  @ApiProperty({ enum: PROXY_ROLES })
  role!: ProxyRole;
  @ApiProperty({ format: 'date-time' })
  validFrom!: string;
  @ApiProperty({ format: 'date-time' })
  validUntil!: string;
  @ApiProperty({ enum: ['invited', 'active', 'notYetValid', 'expired', 'revoked'] })
  status!: 'invited' | 'active' | 'notYetValid' | 'expired' | 'revoked';
  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  acceptedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  revokedAt!: string | null;
  @ApiPropertyOptional({ enum: ['sent', 'failed'], description: 'Only on creation: whether the invitation e-mail was handed to the mail server.' })
  invitationEmail?: 'sent' | 'failed';
}

export class ProxyGrantListDto {
  @ApiProperty({ type: [ProxyGrantDto] })
  items!: ProxyGrantDto[];
}
