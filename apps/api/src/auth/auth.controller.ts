import { Body, type CanActivate, Controller, Inject, Injectable, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { AppConfig } from '@rl/config';
import { APP_CONFIG } from '@rl/server-infra';
import { ApiError } from '../common/problem';
import { MACHINE_USERNAME_PREFIX } from './principal';
import { Endpoint } from '../common/endpoint';
import { AuthConfigDto, DevLoginDto, DevLoginResponseDto, LoginUserDto, MeDto } from './auth.dto';
import { assertActive } from './auth.guard';
import { CurrentPrincipal, Public } from './decorators';
import type { Principal } from './principal';
import { TokenService } from './token.service';
import { type DirectoryUser, UserDirectory } from './user-directory.service';

/** Runs before the body is validated, so a disabled dev-login is a 404 whatever the body. */
@Injectable()
export class DevLoginEnabledGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}
  canActivate(): boolean {
    if (this.config.AUTH_MODE !== 'dev') throw new ApiError('AUTH.DEV_LOGIN_DISABLED', 'Dev login is only available when AUTH_MODE=dev.');
    return true;
  }
}

function loginUser(u: DirectoryUser): LoginUserDto {
  const p = u.principal;
  return {
    id: p.userId,
    username: p.username,
    displayName: p.displayName,
    role: p.role,
    ...(u.organisation ? { organisation: { id: u.organisation.id, cvr: u.organisation.cvr, name: u.organisation.name } } : {}),
    ...(u.authority ? { authority: { id: u.authority.id, code: u.authority.code, nameDa: u.authority.nameDa } } : {}),
  };
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly tokens: TokenService,
    private readonly directory: UserDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Endpoint('GET', 'config', { summary: 'How the web app logs in: dev login, or the OpenID provider it sends the user to (authorization code + PKCE).', ok: { type: AuthConfigDto } })
  authConfig(): AuthConfigDto {
    const c = this.config;
    if (c.AUTH_MODE === 'dev') return { mode: 'dev', oidc: null };
    // The config check makes OIDC_ISSUER and OIDC_AUDIENCE present in oidc mode.
    const oidc = c.OIDC_WEB_CLIENT_ID && c.OIDC_ISSUER && c.OIDC_AUDIENCE ? { issuer: c.OIDC_ISSUER, clientId: c.OIDC_WEB_CLIENT_ID, scope: c.OIDC_WEB_SCOPE, resource: c.OIDC_AUDIENCE } : null;
    return { mode: 'oidc', oidc };
  }

  @Public()
  @UseGuards(DevLoginEnabledGuard)
  @ApiResponse({ status: 404, description: 'Dev login is off (AUTH_MODE=oidc).' })
  @Endpoint('POST', 'dev-login', {
    code: 200,
    summary: 'Log in as a seeded user without a password (AUTH_MODE=dev only).',
    ok: { type: DevLoginResponseDto },
    problems: ['AUTH.UNKNOWN_USER', 'AUTH.USER_DEACTIVATED', 'AUTH.DEV_LOGIN_DISABLED'],
  })
  async devLogin(@Body() body: DevLoginDto): Promise<DevLoginResponseDto> {
    const user = await this.directory.findByUsername(body.username);
    // A machine client's service user gets tokens only from POST /oauth/token.
    if (!user || user.principal.username.startsWith(MACHINE_USERNAME_PREFIX)) throw new ApiError('AUTH.UNKNOWN_USER', 'No user with this username.');
    assertActive(user);
    const { accessToken, expiresIn } = await this.tokens.issueDevToken(user);
    return { accessToken, tokenType: 'Bearer', expiresIn, user: loginUser(user) };
  }

  @ApiBearerAuth()
  @Endpoint('GET', 'me', { summary: 'The authenticated principal, with organisation / authority names.', ok: { type: MeDto } })
  async me(@CurrentPrincipal() principal: Principal): Promise<MeDto> {
    const user = await this.directory.findById(principal.userId);
    if (!user) throw new ApiError('AUTH.UNKNOWN_USER', 'The user of this token is not known (any more).');
    return {
      ...user.principal,
      organisation: user.organisation,
      authority: user.authority,
    };
  }
}
