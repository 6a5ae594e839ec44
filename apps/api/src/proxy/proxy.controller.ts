import { Body, Module, Param } from '@nestjs/common';
import { ApiNoContentResponse } from '@nestjs/swagger';
import { MailerModule } from '@rl/mailer';
import { CurrentPrincipal, Roles, type Principal } from '../auth';
import { BearerController } from '../common/bearer-controller';
import { Endpoint } from '../common/endpoint';
import { AcceptProxyInvitationDto, CreateProxyGrantDto, ProxyGrantDto, ProxyGrantListDto } from './proxy.dto';
import { ProxyService } from './proxy.service';

/**
 * Fuldmagter (issue 14 point 6): a company user grants colleagues and consultants access to the
 * company's cases. Only users of the company itself grant and revoke (a fuldmægtig cannot pass
 * the grant on); the grantee accepts with the token from the e-mail. Company-side users only.
 */
@BearerController('proxy', 'proxy-grants')
@Roles('applicant')
export class ProxyController {
  constructor(private readonly proxies: ProxyService) {}

  @Endpoint('POST', '/', {
    summary: 'Invite a colleague or consultant to the company’s cases (all, or one) with a role, for a period; the invitation goes by e-mail',
    created: { type: ProxyGrantDto },
    problems: ['REQUEST.VALIDATION_FAILED', 'PROXY.INVALID_GRANT', 'CASE.NOT_FOUND'],
  })
  async create(@CurrentPrincipal() me: Principal, @Body() dto: CreateProxyGrantDto): Promise<ProxyGrantDto> {
    return (await this.proxies.invite(me, dto)).grant;
  }

  @Endpoint('GET', '/', { summary: 'Grants the caller’s company has given (newest first)', ok: { type: ProxyGrantListDto } })
  async issued(@CurrentPrincipal() me: Principal): Promise<ProxyGrantListDto> {
    return { items: await this.proxies.issued(me) };
  }

  @Endpoint('GET', 'received', { summary: 'Grants the caller has accepted: the companies (and cases) they act for, with role and status', ok: { type: ProxyGrantListDto } })
  async received(@CurrentPrincipal() me: Principal): Promise<ProxyGrantListDto> {
    return { items: await this.proxies.received(me) };
  }

  @Endpoint('POST', 'accept', {
    code: 200,
    summary: 'Accept an invitation with the token from its e-mail (only the invited e-mail address’s user can)',
    ok: { type: ProxyGrantDto },
    problems: ['REQUEST.VALIDATION_FAILED', 'PROXY.INVITATION_NOT_FOUND', 'PROXY.INVITATION_USED'],
  })
  accept(@CurrentPrincipal() me: Principal, @Body() dto: AcceptProxyInvitationDto): Promise<ProxyGrantDto> {
    return this.proxies.accept(me, dto.token);
  }

  @ApiNoContentResponse()
  @Endpoint('DELETE', ':id', { code: 204, summary: 'Revoke a grant at once (idempotent); it stays listed as revoked', params: ['id'], problems: ['PROXY.GRANT_NOT_FOUND'] })
  async revoke(@CurrentPrincipal() me: Principal, @Param('id') id: string): Promise<void> {
    await this.proxies.revoke(me, id);
  }
}

@Module({ imports: [MailerModule], controllers: [ProxyController], providers: [ProxyService] })
export class ProxyModule {}
