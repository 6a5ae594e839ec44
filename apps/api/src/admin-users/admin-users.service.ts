import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '@rl/config';
import { APP_CONFIG } from '@rl/server-infra';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth';
import { ApiError } from '../common/problem';
import type { AdminUserDto, AdminUsersQueryDto, DeactivateUserDto, DirectoryAuditPageDto, LinkIdentityDto } from './admin-users.dto';
import { audit, IdentityNotFoundError, linkIdentity, lockUser, UserNotFoundError, type DirectoryActor } from './directory-admin';
import { UUID } from '../common/uuid';

export class SelfLockoutError extends ApiError {
  constructor(what: string) {
    super('ADMIN.SELF_LOCKOUT', `An admin cannot ${what} themselves; ask another admin.`);
  }
}

/** One row per user with its binding and linked identities (no case data: admins never see any). */
const USER_SELECT = `
  SELECT u.id, u.username, u.display_name, u.email, u.role, u.deactivated_at,
         o.cvr AS org_cvr, o.name AS org_name, a.code AS authority_code, a.name_da AS authority_name_da, a.name_en AS authority_name_en,
         COALESCE((SELECT json_agg(json_build_object('id', x.id, 'issuer', x.issuer, 'subject', x.subject, 'linkedAt', x.linked_at, 'linkedBy', x.linked_by)
                                   ORDER BY x.linked_at, x.id)
                     FROM user_external_identities x WHERE x.user_id = u.id), '[]') AS identities
    FROM users u
    LEFT JOIN organisations o ON o.id = u.organisation_id
    LEFT JOIN authorities a ON a.id = u.authority_id`;

type Row = Record<string, unknown> & { identities: { id: string; issuer: string; subject: string; linkedAt: string; linkedBy: string | null }[] };

function toDto(r: Row): AdminUserDto {
  return {
    id: r.id as string,
    username: r.username as string,
    displayName: r.display_name as string,
    email: r.email as string,
    role: r.role as AdminUserDto['role'],
    organisation: r.org_cvr ? { cvr: r.org_cvr as string, name: r.org_name as string } : null,
    authority: r.authority_code ? { code: r.authority_code as string, nameDa: r.authority_name_da as string, nameEn: r.authority_name_en as string } : null,
    deactivatedAt: r.deactivated_at ? new Date(r.deactivated_at as string).toISOString() : null,
    identities: r.identities.map((i) => ({ ...i, linkedAt: new Date(i.linkedAt).toISOString() })),
  };
}

/**
 * User administration for admins: list users, link/unlink external (OIDC) identities,
 * deactivate/reactivate. Every change is audited in directory_audit in the same transaction.
 * Admins may manage every user (the directory is their object scope) but never themselves in a
 * way that locks them out.
 */
@Injectable()
export class AdminUsersService {
  constructor(
    private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(q: AdminUsersQueryDto) {
    const params: unknown[] = [];
    const where: string[] = [];
    if (q.q) {
      params.push(`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(u.username ILIKE $${params.length} OR u.display_name ILIKE $${params.length} OR u.email ILIKE $${params.length})`);
    }
    if (q.role) {
      params.push(q.role);
      where.push(`u.role = $${params.length}`);
    }
    if (q.status === 'active') where.push('u.deactivated_at IS NULL');
    if (q.status === 'deactivated') where.push('u.deactivated_at IS NOT NULL');
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM users u ${whereSql}`, params);
    const rows: Row[] = await this.ds.query(`${USER_SELECT} ${whereSql} ORDER BY u.role, u.username LIMIT $${params.length + 1} OFFSET $${params.length + 2}`, [
      ...params,
      q.pageSize,
      (q.page - 1) * q.pageSize,
    ]);
    return { items: rows.map(toDto), page: q.page, pageSize: q.pageSize, total };
  }

  async get(id: string): Promise<AdminUserDto> {
    if (!UUID.test(id)) throw new UserNotFoundError(id);
    const rows: Row[] = await this.ds.query(`${USER_SELECT} WHERE u.id = $1`, [id]);
    if (rows.length === 0) throw new UserNotFoundError(id);
    return toDto(rows[0]);
  }

  async link(me: Principal, userId: string, dto: LinkIdentityDto): Promise<AdminUserDto> {
    const issuer = dto.issuer ?? this.config.OIDC_ISSUER;
    if (!issuer) throw new ApiError('IDENTITY.ISSUER_REQUIRED', 'No OIDC_ISSUER is configured: give the issuer explicitly.');
    await this.ds.transaction((m) => linkIdentity(m, actorOf(me), userId, issuer, dto.subject));
    return this.get(userId);
  }

  async unlink(me: Principal, userId: string, identityId: string): Promise<AdminUserDto> {
    await this.ds.transaction(async (m) => {
      await lockUser(m, userId);
      if (!UUID.test(identityId)) throw new IdentityNotFoundError(identityId);
      // Unlinking one's own identity could leave no way back in (AUTH_MODE=oidc).
      if (userId === me.userId) throw new SelfLockoutError('unlink the identities of');
      const deleted = await m.query(`DELETE FROM user_external_identities WHERE id = $1 AND user_id = $2 RETURNING issuer, subject`, [identityId, userId]);
      const rows = deleted[0] as { issuer: string; subject: string }[];
      if (rows.length === 0) throw new IdentityNotFoundError(identityId);
      await audit(m, actorOf(me), 'identity.unlinked', userId, { identityId, issuer: rows[0].issuer, subject: rows[0].subject });
    });
    return this.get(userId);
  }

  /** Idempotent: deactivating a deactivated user changes nothing and writes no audit entry. */
  async deactivate(me: Principal, userId: string, dto: DeactivateUserDto): Promise<AdminUserDto> {
    await this.ds.transaction(async (m) => {
      const user = await lockUser(m, userId);
      if (userId === me.userId) throw new SelfLockoutError('deactivate');
      if (user.deactivatedAt) return;
      await m.query(`UPDATE users SET deactivated_at = now() WHERE id = $1`, [userId]);
      await audit(m, actorOf(me), 'user.deactivated', userId, dto.reason ? { reason: dto.reason } : {});
    });
    return this.get(userId);
  }

  async reactivate(me: Principal, userId: string): Promise<AdminUserDto> {
    await this.ds.transaction(async (m) => {
      const user = await lockUser(m, userId);
      if (!user.deactivatedAt) return;
      await m.query(`UPDATE users SET deactivated_at = NULL WHERE id = $1`, [userId]);
      await audit(m, actorOf(me), 'user.reactivated', userId, {});
    });
    return this.get(userId);
  }

  async auditLog(userId: string, page: number, pageSize: number): Promise<DirectoryAuditPageDto> {
    await this.get(userId);
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM directory_audit WHERE target_user_id = $1`, [userId]);
    const rows = await this.ds.query(
      `SELECT d.id::text, d.occurred_at, d.action, d.actor, d.actor_user_id, u.username AS actor_username, d.details
         FROM directory_audit d LEFT JOIN users u ON u.id = d.actor_user_id
        WHERE d.target_user_id = $1 ORDER BY d.id DESC LIMIT $2 OFFSET $3`,
      [userId, pageSize, (page - 1) * pageSize],
    );
    return {
      items: rows.map((r: Record<string, unknown>) => ({
        id: r.id as string,
        occurredAt: new Date(r.occurred_at as string).toISOString(),
        action: r.action as DirectoryAuditPageDto['items'][number]['action'],
        actor: r.actor as 'admin' | 'cli',
        actorUserId: (r.actor_user_id as string | null) ?? null,
        actorUsername: (r.actor_username as string | null) ?? null,
        details: r.details as Record<string, unknown>,
      })),
      page,
      pageSize,
      total,
    };
  }
}

function actorOf(me: Principal): DirectoryActor {
  return { kind: 'admin', userId: me.userId };
}
