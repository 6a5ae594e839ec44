import { applyDecorators, Body, Controller, Delete, Get, HttpCode, Module, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '../auth';
import { ProblemDto } from '../common/problem.dto';
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

const problem = (status: number, description: string) => ApiResponse({ status, type: ProblemDto, description });
const AUTH_PROBLEMS = [
  problem(401, 'AUTH.UNAUTHENTICATED, AUTH.INVALID_TOKEN or AUTH.UNKNOWN_USER'),
  problem(403, 'AUTH.FORBIDDEN (not an admin) or AUTH.USER_DEACTIVATED'),
];

/**
 * User administration (admins only): external OIDC identities and deactivation. See
 * docs/security.md. Unknown user or identity ids are 404; every change is audited.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/users')
@Roles('admin')
export class AdminUsersController {
  constructor(private readonly users: AdminUsersService) {}

  @Get()
  @ApiOperation({ summary: 'Users with their binding, status and linked external identities.' })
  @ApiOkResponse({ type: AdminUserPageDto })
  @applyDecorators(problem(400, 'REQUEST.VALIDATION_FAILED'), ...AUTH_PROBLEMS)
  list(@Query() q: AdminUsersQueryDto): Promise<AdminUserPageDto> {
    return this.users.list(q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user.' })
  @ApiOkResponse({ type: AdminUserDto })
  @applyDecorators(...AUTH_PROBLEMS, problem(404, 'USER.NOT_FOUND'))
  get(@Param('id') id: string): Promise<AdminUserDto> {
    return this.users.get(id);
  }

  @Get(':id/audit')
  @ApiOperation({ summary: 'Audit log of directory changes to this user (who, when, what), newest first.' })
  @ApiOkResponse({ type: DirectoryAuditPageDto })
  @applyDecorators(problem(400, 'REQUEST.VALIDATION_FAILED'), ...AUTH_PROBLEMS, problem(404, 'USER.NOT_FOUND'))
  audit(@Param('id') id: string, @Query() q: PageQueryDto): Promise<DirectoryAuditPageDto> {
    return this.users.auditLog(id, q.page, q.pageSize);
  }

  @Post(':id/identities')
  @ApiOperation({ summary: 'Link an external identity (issuer + subject) to the user: tokens with that iss/sub then log in as this user.' })
  @ApiCreatedResponse({ type: AdminUserDto })
  @applyDecorators(
    problem(400, 'REQUEST.VALIDATION_FAILED or IDENTITY.ISSUER_REQUIRED (no issuer given and no OIDC_ISSUER configured)'),
    ...AUTH_PROBLEMS,
    problem(404, 'USER.NOT_FOUND'),
    problem(409, 'IDENTITY.ALREADY_LINKED (to this or another user)'),
  )
  link(@CurrentPrincipal() me: Principal, @Param('id') id: string, @Body() dto: LinkIdentityDto): Promise<AdminUserDto> {
    return this.users.link(me, id, dto);
  }

  @Delete(':id/identities/:identityId')
  @ApiOperation({ summary: 'Unlink an external identity from the user.' })
  @ApiOkResponse({ type: AdminUserDto })
  @applyDecorators(...AUTH_PROBLEMS, problem(404, 'USER.NOT_FOUND or IDENTITY.NOT_FOUND'), problem(422, 'ADMIN.SELF_LOCKOUT (own identity)'))
  unlink(@CurrentPrincipal() me: Principal, @Param('id') id: string, @Param('identityId') identityId: string): Promise<AdminUserDto> {
    return this.users.unlink(me, id, identityId);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deactivate the user: every request with their tokens gets 403 AUTH.USER_DEACTIVATED. Idempotent.' })
  @ApiOkResponse({ type: AdminUserDto })
  @applyDecorators(problem(400, 'REQUEST.VALIDATION_FAILED'), ...AUTH_PROBLEMS, problem(404, 'USER.NOT_FOUND'), problem(422, 'ADMIN.SELF_LOCKOUT'))
  deactivate(@CurrentPrincipal() me: Principal, @Param('id') id: string, @Body() dto: DeactivateUserDto): Promise<AdminUserDto> {
    return this.users.deactivate(me, id, dto);
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reactivate a deactivated user. Idempotent.' })
  @ApiOkResponse({ type: AdminUserDto })
  @applyDecorators(...AUTH_PROBLEMS, problem(404, 'USER.NOT_FOUND'))
  reactivate(@CurrentPrincipal() me: Principal, @Param('id') id: string): Promise<AdminUserDto> {
    return this.users.reactivate(me, id);
  }
}

@Module({ controllers: [AdminUsersController], providers: [AdminUsersService] })
export class AdminUsersModule {}
