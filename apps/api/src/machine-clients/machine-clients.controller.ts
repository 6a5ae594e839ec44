import { Body, Controller, Headers, Module, Param, Res } from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import { AuthModule, CurrentPrincipal, Public, type Principal } from '../auth';
import { AdminController, Endpoint } from '../common/endpoint';
import { ApiError } from '../common/problem';
import {
  CreateMachineClientDto,
  MachineClientDto,
  MachineClientListDto,
  MachineClientWithSecretDto,
  RotateClientSecretDto,
  TokenRequestDto,
  TokenResponseDto,
} from './machine-clients.dto';
import { MachineClientsService } from './machine-clients.service';

/** Admin API of machine clients (issue 18 item 2; docs/machine-clients.md). */
@AdminController('admin/machine-clients')
export class MachineClientsController {
  constructor(private readonly clients: MachineClientsService) {}

  @Endpoint('GET', '/', { summary: 'Machine clients (OAuth2 client credentials) of the authorities.', ok: { type: MachineClientListDto } })
  async list(): Promise<MachineClientListDto> {
    return { items: await this.clients.list() };
  }

  @Endpoint('POST', '/', { summary: 'Create a client bound to one authority; the answer carries its secret, shown only here.', created: { type: MachineClientWithSecretDto } })
  create(@CurrentPrincipal() me: Principal, @Body() dto: CreateMachineClientDto): Promise<MachineClientWithSecretDto> {
    return this.clients.create(me, dto);
  }

  @Endpoint('GET', ':id', { summary: 'One client.', ok: { type: MachineClientDto }, problems: ['CLIENT.NOT_FOUND'] })
  get(@Param('id') id: string): Promise<MachineClientDto> {
    return this.clients.get(id);
  }

  @Endpoint('POST', ':id/rotate-secret', {
    code: 200,
    summary: 'New secret; the previous one keeps working for graceSeconds (default 24 h).',
    ok: { type: MachineClientWithSecretDto },
    problems: ['CLIENT.NOT_FOUND'],
  })
  rotate(@CurrentPrincipal() me: Principal, @Param('id') id: string, @Body() dto: RotateClientSecretDto): Promise<MachineClientWithSecretDto> {
    return this.clients.rotate(me, id, dto);
  }

  @Endpoint('POST', ':id/revoke', { code: 200, summary: 'Revoke: no new tokens, and issued tokens stop working at once. Idempotent.', ok: { type: MachineClientDto }, problems: ['CLIENT.NOT_FOUND'] })
  revoke(@CurrentPrincipal() me: Principal, @Param('id') id: string): Promise<MachineClientDto> {
    return this.clients.revoke(me, id);
  }
}

/** HTTP Basic client authentication (RFC 6749 §2.3.1: form-urlencoded id and secret). */
function basicCredentials(header: string | undefined): { id: string; secret: string } | null {
  const m = /^Basic[ \t]+([A-Za-z0-9+/]+=*)$/i.exec(header ?? '');
  if (!m) return null;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  try {
    return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  } catch {
    return null;
  }
}

/** The OAuth2 token endpoint (client credentials grant only). */
@ApiTags('auth')
@Controller('oauth')
export class OAuthController {
  constructor(private readonly clients: MachineClientsService) {}

  @Public()
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @Endpoint('POST', 'token', {
    code: 200,
    summary: 'OAuth2 client credentials (RFC 6749 §4.4): a short-lived bearer token for a machine client.',
    ok: { type: TokenResponseDto },
    problems: ['OAUTH.INVALID_REQUEST', 'OAUTH.INVALID_CLIENT', 'OAUTH.INVALID_SCOPE', 'OAUTH.UNSUPPORTED_GRANT_TYPE'],
  })
  async token(@Body() dto: TokenRequestDto, @Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) res: { setHeader(k: string, v: string): void }): Promise<TokenResponseDto> {
    // RFC 6749 §5.1: token responses are never cached.
    res.setHeader('Pragma', 'no-cache');
    if (dto.grant_type !== 'client_credentials') throw new ApiError('OAUTH.UNSUPPORTED_GRANT_TYPE', 'Only grant_type=client_credentials is supported.', { error: 'unsupported_grant_type' });
    const basic = basicCredentials(authorization);
    if (basic && (dto.client_id !== undefined || dto.client_secret !== undefined)) {
      throw new ApiError('OAUTH.INVALID_REQUEST', 'Authenticate with HTTP Basic or with client_id/client_secret, not both.', { error: 'invalid_request' });
    }
    const id = basic?.id ?? dto.client_id;
    const secret = basic?.secret ?? dto.client_secret;
    if (!id || !secret) {
      res.setHeader('WWW-Authenticate', 'Basic realm="rod-lober"');
      throw new ApiError('OAUTH.INVALID_CLIENT', 'Client authentication failed.', { error: 'invalid_client' });
    }
    return this.clients.token(id, secret, dto.scope);
  }
}

@Module({ imports: [AuthModule], controllers: [MachineClientsController, OAuthController], providers: [MachineClientsService] })
export class MachineClientsModule {}
