import { Body, type CanActivate, Controller, Get, HttpCode, Inject, Injectable, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { AppConfig } from '@rl/config';
import { APP_CONFIG } from '@rl/server-infra';
import { ApiError } from '../common/problem';
import { ProblemDto } from '../common/problem.dto';
import { DevLoginDto, DevLoginResponseDto, LoginUserDto, MeDto } from './auth.dto';
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
  ) {}

  @Public()
  @Post('dev-login')
  @HttpCode(200)
  @UseGuards(DevLoginEnabledGuard)
  @ApiOperation({ summary: 'Log in as a seeded user without a password (AUTH_MODE=dev only).' })
  @ApiOkResponse({ type: DevLoginResponseDto })
  @ApiResponse({ status: 400, type: ProblemDto, description: 'REQUEST.VALIDATION_FAILED' })
  @ApiResponse({ status: 401, type: ProblemDto, description: 'AUTH.UNKNOWN_USER' })
  @ApiResponse({ status: 403, type: ProblemDto, description: 'AUTH.USER_DEACTIVATED' })
  @ApiResponse({ status: 404, type: ProblemDto, description: 'AUTH.DEV_LOGIN_DISABLED (AUTH_MODE=oidc)' })
  async devLogin(@Body() body: DevLoginDto): Promise<DevLoginResponseDto> {
    const user = await this.directory.findByUsername(body.username);
    if (!user) throw new ApiError('AUTH.UNKNOWN_USER', 'No user with this username.');
    assertActive(user);
    const { accessToken, expiresIn } = await this.tokens.issueDevToken(user);
    return { accessToken, tokenType: 'Bearer', expiresIn, user: loginUser(user) };
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The authenticated principal, with organisation / authority names.' })
  @ApiOkResponse({ type: MeDto })
  @ApiResponse({ status: 401, type: ProblemDto, description: 'AUTH.UNAUTHENTICATED, AUTH.INVALID_TOKEN or AUTH.UNKNOWN_USER' })
  @ApiResponse({ status: 403, type: ProblemDto, description: 'AUTH.USER_DEACTIVATED' })
  @ApiResponse({ status: 503, type: ProblemDto, description: "DEPENDENCY.UNAVAILABLE (AUTH_MODE=oidc: the issuer's keys cannot be fetched)" })
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
