import { Body, Module, Param, Query } from '@nestjs/common';
import { CurrentPrincipal, type Principal } from '../auth';
import { AdminController, Endpoint } from '../common/endpoint';
import { PageQueryDto } from '../documents/pagination.dto';
import {
  AdminUserDto,
  AdminUserPageDto,
  AdminUsersQueryDto,
  DeactivateUserDto,
  DirectoryAuditPageDto,
  LinkIdentityDto,
} from './admin-users.dto';
import { AdminUsersService } from './admin-users.service';

/**
 * User administration (admins only): external OIDC identities and deactivation. See
 * docs/security.md. Unknown user or identity ids are 404; every change is audited.
 */
@AdminController('admin/users')
export class AdminUsersController {
  constructor(private readonly users: AdminUsersService) {}

  @Endpoint('GET', '/', { summary: 'Users with their binding, status and linked external identities.', ok: { type: AdminUserPageDto } })
  list(@Query() q: AdminUsersQueryDto): Promise<AdminUserPageDto> {
    return this.users.list(q);
  }

  @Endpoint('GET', ':id', { summary: 'One user.', ok: { type: AdminUserDto }, problems: ['USER.NOT_FOUND'] })
  get(@Param('id') id: string): Promise<AdminUserDto> {
    return this.users.get(id);
  }

  @Endpoint('GET', ':id/audit', { summary: 'Audit log of directory changes to this user (who, when, what), newest first.', ok: { type: DirectoryAuditPageDto }, problems: ['USER.NOT_FOUND'] })
  audit(@Param('id') id: string, @Query() q: PageQueryDto): Promise<DirectoryAuditPageDto> {
    return this.users.auditLog(id, q.page, q.pageSize);
  }

  // IDENTITY.ISSUER_REQUIRED: no issuer given and no OIDC_ISSUER configured; ALREADY_LINKED: to this or another user.
  @Endpoint('POST', ':id/identities', {
    summary: 'Link an external identity (issuer + subject) to the user: tokens with that iss/sub then log in as this user.',
    created: { type: AdminUserDto },
    problems: ['IDENTITY.ISSUER_REQUIRED', 'USER.NOT_FOUND', 'IDENTITY.ALREADY_LINKED'],
  })
  link(@CurrentPrincipal() me: Principal, @Param('id') id: string, @Body() dto: LinkIdentityDto): Promise<AdminUserDto> {
    return this.users.link(me, id, dto);
  }

  @Endpoint('DELETE', ':id/identities/:identityId', {
    summary: 'Unlink an external identity from the user.',
    ok: { type: AdminUserDto },
    problems: ['USER.NOT_FOUND', 'IDENTITY.NOT_FOUND', 'ADMIN.SELF_LOCKOUT'],
  })
  unlink(@CurrentPrincipal() me: Principal, @Param('id') id: string, @Param('identityId') identityId: string): Promise<AdminUserDto> {
    return this.users.unlink(me, id, identityId);
  }

  @Endpoint('POST', ':id/deactivate', {
    code: 200,
    summary: 'Deactivate the user: every request with their tokens gets 403 AUTH.USER_DEACTIVATED. Idempotent.',
    ok: { type: AdminUserDto },
    problems: ['USER.NOT_FOUND', 'ADMIN.SELF_LOCKOUT'],
  })
  deactivate(@CurrentPrincipal() me: Principal, @Param('id') id: string, @Body() dto: DeactivateUserDto): Promise<AdminUserDto> {
    return this.users.deactivate(me, id, dto);
  }

  @Endpoint('POST', ':id/reactivate', { code: 200, summary: 'Reactivate a deactivated user. Idempotent.', ok: { type: AdminUserDto }, problems: ['USER.NOT_FOUND'] })
  reactivate(@CurrentPrincipal() me: Principal, @Param('id') id: string): Promise<AdminUserDto> {
    return this.users.reactivate(me, id);
  }
}

@Module({ controllers: [AdminUsersController], providers: [AdminUsersService] })
export class AdminUsersModule {}
