import { Injectable } from '@nestjs/common';
import { preparedQuery } from '@rl/db';
import { DataSource } from 'typeorm';
import { isRole, MACHINE_SCOPES, type MachineScope, type Principal } from './principal';
import { UUID } from '../common/uuid';

export interface OrganisationRef {
  id: string;
  cvr: string;
  name: string;
}

export interface AuthorityRef {
  id: string;
  code: string;
  nameDa: string;
  nameEn: string;
}

/** A user row with its binding, as the guard and /auth/me need it. */
export interface DirectoryUser {
  principal: Principal;
  /** Set when an admin deactivated the user: the guard and dev-login refuse them (403). */
  deactivatedAt: string | null;
  organisation: OrganisationRef | null;
  authority: AuthorityRef | null;
}

interface Row {
  id: string;
  username: string;
  display_name: string;
  role: string;
  locale: string;
  deactivated_at: Date | null;
  org_id: string | null;
  org_cvr: string | null;
  org_name: string | null;
  authority_id: string | null;
  authority_code: string | null;
  authority_name_da: string | null;
  authority_name_en: string | null;
}

const SELECT = `
  SELECT u.id, u.username, u.display_name, u.role, u.locale, u.deactivated_at,
         o.id AS org_id, o.cvr AS org_cvr, o.name AS org_name,
         a.id AS authority_id, a.code AS authority_code, a.name_da AS authority_name_da, a.name_en AS authority_name_en
    FROM users u
    LEFT JOIN organisations o ON o.id = u.organisation_id
    LEFT JOIN authorities a ON a.id = u.authority_id`;

/**
 * Read-only access to the user directory (users + organisations + authorities). One indexed
 * query per authenticated request; the directory, not the token, decides role and binding.
 */
@Injectable()
export class UserDirectory {
  constructor(private readonly ds: DataSource) {}

  async findById(id: string): Promise<DirectoryUser | null> {
    if (!UUID.test(id)) return null; // would be a uuid cast error in PostgreSQL
    return this.one(`${SELECT} WHERE u.id = $1`, [id]);
  }

  async findByUsername(username: string): Promise<DirectoryUser | null> {
    return this.one(`${SELECT} WHERE u.username = $1`, [username]);
  }

  /**
   * OIDC: the user an admin (or the link-admin CLI) linked to this (issuer, subject) pair, and
   * nobody else. Username and e-mail claims are never used to find a user: any account at the
   * issuer can carry `preferred_username: admin` (issue 12.1, account takeover).
   */
  async findByExternalIdentity(issuer: string, subject: string): Promise<DirectoryUser | null> {
    return this.one(`${SELECT} JOIN user_external_identities x ON x.user_id = u.id WHERE x.issuer = $1 AND x.subject = $2`, [issuer, subject]);
  }

  /** The active machine client `clientId` whose service user is `userId`, with its scopes; null when revoked or unknown. */
  async findMachineClient(userId: string, clientId: string): Promise<{ clientId: string; scopes: MachineScope[] } | null> {
    const { rows } = await preparedQuery<{ client_id: string; scopes: string[] }>(
      this.ds,
      `SELECT client_id, scopes FROM machine_clients WHERE user_id = $1 AND client_id = $2 AND revoked_at IS NULL`,
      [userId, clientId],
    );
    if (rows.length !== 1) return null;
    return { clientId: rows[0].client_id, scopes: rows[0].scopes.filter((s): s is MachineScope => (MACHINE_SCOPES as readonly string[]).includes(s)) };
  }

  private async one(sql: string, params: unknown[]): Promise<DirectoryUser | null> {
    // Prepared: it runs on every authenticated request.
    const { rows } = await preparedQuery<Row>(this.ds, sql, params);
    return rows.length === 1 ? toDirectoryUser(rows[0]) : null;
  }
}

function toDirectoryUser(r: Row): DirectoryUser {
  if (!isRole(r.role)) throw new Error(`user ${r.id} has unknown role ${r.role}`);
  return {
    principal: {
      userId: r.id,
      username: r.username,
      displayName: r.display_name,
      role: r.role,
      organisationId: r.org_id,
      authorityId: r.authority_id,
      authorityCode: r.authority_code,
      locale: r.locale === 'en' ? 'en' : 'da',
    },
    deactivatedAt: r.deactivated_at ? new Date(r.deactivated_at).toISOString() : null,
    organisation: r.org_id ? { id: r.org_id, cvr: r.org_cvr ?? '', name: r.org_name ?? '' } : null,
    authority: r.authority_id
      ? { id: r.authority_id, code: r.authority_code ?? '', nameDa: r.authority_name_da ?? '', nameEn: r.authority_name_en ?? '' }
      : null,
  };
}
