import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ROLES, type Role } from './principal';

export class DevLoginDto {
  @ApiProperty({ description: 'Username of a seeded user (AUTH_MODE=dev only).', example: 'anna@nordlys.example', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  username!: string;
}

export class OrganisationRefDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ description: 'CVR number', example: '10000001' })
  cvr!: string;
  @ApiProperty({ example: 'Nordlys Pharma A/S' })
  name!: string;
}

/** A user's authority (sign-in, directory); named apart from cases' AuthorityRefDto, which has more fields — Swagger merges same-named classes. */
export class UserAuthorityDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ description: 'Routing code: KOMMUNE-<kommunekode> or a state agency code.', example: 'KOMMUNE-326' })
  code!: string;
  @ApiProperty({ example: 'Kalundborg Kommune' })
  nameDa!: string;
}

export class AuthorityDetailDto extends UserAuthorityDto {
  @ApiProperty({ example: 'Kalundborg Municipality' })
  nameEn!: string;
}

export class LoginUserDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ example: 'anna@nordlys.example' })
  username!: string;
  @ApiProperty({ example: 'Anna Nordlys' })
  displayName!: string;
  @ApiProperty({ enum: ROLES })
  role!: Role;
  @ApiPropertyOptional({ type: OrganisationRefDto, description: 'Applicants only.' })
  organisation?: OrganisationRefDto;
  @ApiPropertyOptional({ type: UserAuthorityDto, description: 'Caseworkers only.' })
  authority?: UserAuthorityDto;
}

export class DevLoginResponseDto {
  @ApiProperty({ description: 'HS256 JWT; send as Authorization: Bearer <accessToken>.' })
  accessToken!: string;
  @ApiProperty({ enum: ['Bearer'], example: 'Bearer' })
  tokenType!: 'Bearer';
  @ApiProperty({ description: 'Lifetime in seconds.', example: 28800 })
  expiresIn!: number;
  @ApiProperty({ type: LoginUserDto })
  user!: LoginUserDto;
}

/** The OpenID provider the web app logs in with (authorization code + PKCE, RFC 7636). */
export class OidcWebClientDto {
  @ApiProperty({ format: 'uri', description: 'OIDC_ISSUER: where the web app finds the provider (`/.well-known/openid-configuration`).', example: 'https://login.example.dk' })
  issuer!: string;
  @ApiProperty({ description: "The web app's public client id at the provider (OIDC_WEB_CLIENT_ID).", example: 'rod-lober-web' })
  clientId!: string;
  @ApiProperty({ description: 'Scopes to ask for, space-separated (OIDC_WEB_SCOPE).', example: 'openid' })
  scope!: string;
  @ApiProperty({ description: 'The resource indicator (RFC 8707) to ask the access token for: OIDC_AUDIENCE, which the API requires in `aud`.', example: 'https://api.rod-lober.dk' })
  resource!: string;
}

/** GET /auth/config: how the web app logs in. */
export class AuthConfigDto {
  @ApiProperty({ enum: ['dev', 'oidc'], description: '`dev`: POST /auth/dev-login; `oidc`: tokens from the OpenID provider in `oidc`.' })
  mode!: 'dev' | 'oidc';
  @ApiProperty({ type: OidcWebClientDto, nullable: true, description: 'Null in dev mode, and in oidc mode when no web client is configured (OIDC_WEB_CLIENT_ID unset).' })
  oidc!: OidcWebClientDto | null;
}

/** GET /auth/me: the principal plus the names of its organisation / authority. */
export class MeDto {
  @ApiProperty({ format: 'uuid' })
  userId!: string;
  @ApiProperty()
  username!: string;
  @ApiProperty()
  displayName!: string;
  @ApiProperty({ enum: ROLES })
  role!: Role;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  organisationId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  authorityId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'KOMMUNE-326' })
  authorityCode!: string | null;
  @ApiProperty({ enum: ['da', 'en'] })
  locale!: 'da' | 'en';
  @ApiProperty({ type: OrganisationRefDto, nullable: true })
  organisation!: OrganisationRefDto | null;
  @ApiProperty({ type: AuthorityDetailDto, nullable: true })
  authority!: AuthorityDetailDto | null;
}
