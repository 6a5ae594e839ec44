import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';
import { OptionalIn } from '../common/dto-decorators';
import { ROLES, type Role } from '../auth';
import { PageOf, PageQueryDto } from '../documents/pagination.dto';

export const USER_STATUSES = ['active', 'deactivated', 'all'] as const;

export class AdminUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Substring of username, display name or e-mail (case-insensitive).', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @OptionalIn(ROLES)
  role?: Role;

  @OptionalIn(USER_STATUSES, { default: 'all' })
  status?: (typeof USER_STATUSES)[number];
}

export class LinkIdentityDto {
  @ApiPropertyOptional({
    description: 'Issuer URL exactly as in the token `iss`. Defaults to the configured OIDC_ISSUER.',
    example: 'https://login.example.dk/realms/rod-lober',
    maxLength: 2048,
  })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  issuer?: string;

  // OpenID Connect Core 1.0 §2: `sub` is at most 255 ASCII characters.
  @ApiProperty({ description: 'The `sub` the issuer gives this person (printable ASCII, ≤ 255).', example: 'a1b2c3d4-nemlogin-uuid', maxLength: 255 })
  @IsString()
  @Matches(/^[\x20-\x7E]{1,255}$/, { message: 'subject must be 1–255 printable ASCII characters' })
  subject!: string;
}

export class DeactivateUserDto {
  @ApiPropertyOptional({ description: 'Why (kept in the audit log).', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class ExternalIdentityDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() issuer!: string;
  @ApiProperty() subject!: string;
  @ApiProperty({ format: 'date-time' }) linkedAt!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Admin who linked it; null when linked by the link-admin CLI or a migration.' })
  linkedBy!: string | null;
}

export class AdminUserOrganisationDto {
  @ApiProperty() cvr!: string;
  @ApiProperty() name!: string;
}

export class AdminUserAuthorityDto {
  @ApiProperty() code!: string;
  @ApiProperty() nameDa!: string;
  @ApiProperty() nameEn!: string;
}

/** A directory entry as admins see it: identity and binding only, never case data. */
export class AdminUserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ type: AdminUserOrganisationDto, nullable: true }) organisation!: AdminUserOrganisationDto | null;
  @ApiProperty({ type: AdminUserAuthorityDto, nullable: true }) authority!: AdminUserAuthorityDto | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deactivatedAt!: string | null;
  @ApiProperty({ type: [ExternalIdentityDto] }) identities!: ExternalIdentityDto[];
}

export class AdminUserPageDto extends PageOf(AdminUserDto) {}

export const DIRECTORY_ACTIONS = ['identity.linked', 'identity.unlinked', 'user.deactivated', 'user.reactivated', 'user.created'] as const;

export class DirectoryAuditEntryDto {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ enum: DIRECTORY_ACTIONS }) action!: (typeof DIRECTORY_ACTIONS)[number];
  @ApiProperty({ enum: ['admin', 'cli'], description: 'cli = the link-admin command (operator with database access).' }) actor!: 'admin' | 'cli';
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorUserId!: string | null;
  @ApiProperty({ type: String, nullable: true }) actorUsername!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'issuer/subject for identity changes, reason for deactivations.' })
  details!: Record<string, unknown>;
}

export class DirectoryAuditPageDto extends PageOf(DirectoryAuditEntryDto) {}
