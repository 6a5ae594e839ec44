import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { execute, queryRows, sql } from '@rl/db';
import type { AppConfig } from '@rl/config';
import { MailerService } from '@rl/mailer';
import { APP_CONFIG, CLOCK, type Clock } from '@rl/server-infra';
import { CaseNotFoundError } from '../access';
import { PROXY_ROLES, type ProxyRole } from '../access/proxy-roles';
import type { Principal } from '../auth';
import { ApiError } from '../common/problem';
import type { CreateProxyGrantDto, ProxyGrantDto } from './proxy.dto';
import { UUID } from '../common/uuid';

const GRANT_ROW = z.object({
  id: z.string(),
  organisation_id: z.string(),
  org_cvr: z.string(),
  org_name: z.string(),
  case_id: z.string().nullable(),
  case_reference: z.string().nullable(),
  case_title: z.string().nullable(),
  invitee_email: z.string(),
  grantee_user_id: z.string().nullable(),
  grantee_username: z.string().nullable(),
  grantee_name: z.string().nullable(),
  grantee_org_name: z.string().nullable(),
  role: z.enum(PROXY_ROLES),
  valid_from: z.date(),
  valid_until: z.date(),
  created_at: z.date(),
  accepted_at: z.date().nullable(),
  revoked_at: z.date().nullable(),
});
type GrantRow = z.infer<typeof GRANT_ROW>;

const GRANT_SELECT = sql`
  SELECT g.id, g.organisation_id, o.cvr AS org_cvr, o.name AS org_name, g.case_id, c.reference AS case_reference, c.title AS case_title,
         g.invitee_email, g.grantee_user_id, u.username AS grantee_username, u.display_name AS grantee_name, uo.name AS grantee_org_name,
         g.role, g.valid_from, g.valid_until, g.created_at, g.accepted_at, g.revoked_at
    FROM proxy_grants g
    JOIN organisations o ON o.id = g.organisation_id
    LEFT JOIN cases c ON c.id = g.case_id
    LEFT JOIN users u ON u.id = g.grantee_user_id
    LEFT JOIN organisations uo ON uo.id = u.organisation_id`;

/** A fuldmagt runs for at most five years; a longer one is more likely a typo than intent (inference). */
const MAX_VALIDITY_MS = 5 * 366 * 24 * 3600 * 1000;

const sha256 = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export class ProxyGrantNotFoundError extends ApiError {
  constructor(id: string) {
    super('PROXY.GRANT_NOT_FOUND', `Power of attorney ${id} was not found.`);
  }
}

class InvitationNotFoundError extends ApiError {
  constructor() {
    super('PROXY.INVITATION_NOT_FOUND', 'No open invitation for you matches this token (it may have been revoked, have expired, or be addressed to someone else).');
  }
}

/**
 * Fuldmagter (issue 14 point 6). Grants are written with their history row (and, for a one-case
 * grant, an audit row on the case) in one transaction; the access predicate that uses them lives
 * in AccessService (`applicantCases`), so revocation and expiry take effect on the next request.
 */
@Injectable()
export class ProxyService {
  private readonly logger = new Logger(ProxyService.name);

  constructor(
    private readonly ds: DataSource,
    private readonly mailer: MailerService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private status(r: GrantRow, now: Date): ProxyGrantDto['status'] {
    if (r.revoked_at) return 'revoked';
    if (r.valid_until <= now) return 'expired';
    if (!r.accepted_at) return 'invited';
    return r.valid_from > now ? 'notYetValid' : 'active';
  }

  private toDto(r: GrantRow, now: Date): ProxyGrantDto {
    return {
      id: r.id,
      organisation: { id: r.organisation_id, cvr: r.org_cvr, name: r.org_name },
      case: r.case_id ? { id: r.case_id, reference: r.case_reference ?? '', title: r.case_title ?? '' } : null,
      inviteeEmail: r.invitee_email,
      grantee: r.grantee_user_id ? { id: r.grantee_user_id, username: r.grantee_username ?? '', name: r.grantee_name ?? '', organisationName: r.grantee_org_name } : null,
      role: r.role,
      validFrom: r.valid_from.toISOString(),
      validUntil: r.valid_until.toISOString(),
      status: this.status(r, now),
      createdAt: r.created_at.toISOString(),
      acceptedAt: r.accepted_at?.toISOString() ?? null,
      revokedAt: r.revoked_at?.toISOString() ?? null,
    };
  }

  private async one(m: EntityManager, id: string): Promise<ProxyGrantDto> {
    const [row] = await queryRows(m, GRANT_ROW, sql`${GRANT_SELECT} WHERE g.id = ${id}`);
    return this.toDto(row, this.clock.now());
  }

  /** History row of the grant, and the same fact on the case's audit trail for a one-case grant. */
  private async record(m: EntityManager, me: Principal, g: { id: string; organisationId: string; caseId: string | null }, type: 'proxy.invited' | 'proxy.accepted' | 'proxy.revoked', payload: Record<string, unknown>, now: Date): Promise<void> {
    const body = JSON.stringify({ grantId: g.id, ...payload });
    await execute(
      m,
      sql`INSERT INTO proxy_grant_events (grant_id, organisation_id, case_id, actor_user_id, event_type, payload, occurred_at)
          VALUES (${g.id}, ${g.organisationId}, ${g.caseId}, ${me.userId}, ${type}, ${body}, ${now})`,
    );
    if (g.caseId) {
      await execute(
        m,
        sql`INSERT INTO audit_events (case_id, actor_user_id, actor_role, event_type, payload, occurred_at)
            VALUES (${g.caseId}, ${me.userId}, ${me.role}, ${type}, ${body}, ${now})`,
      );
    }
  }

  /** Stores the grant and its history, then sends the invitation. Returns the token too (the demo seed accepts with it; the API never shows it). */
  async invite(me: Principal, dto: CreateProxyGrantDto, opts: { sendEmail: boolean } = { sendEmail: true }): Promise<{ grant: ProxyGrantDto; token: string }> {
    const now = this.clock.now();
    const validFrom = dto.validFrom ? new Date(dto.validFrom) : now;
    const validUntil = new Date(dto.validUntil);
    const invalid = (field: string, code: string, message: string) => new ApiError('PROXY.INVALID_GRANT', message, { errors: [{ field, code, message }] });
    if (validUntil <= validFrom) throw invalid('validUntil', 'NOT_AFTER_VALID_FROM', 'validUntil must be after validFrom.');
    if (validUntil <= now) throw invalid('validUntil', 'IN_THE_PAST', 'validUntil must be in the future.');
    if (validUntil.getTime() - now.getTime() > MAX_VALIDITY_MS) throw invalid('validUntil', 'TOO_LONG', 'A power of attorney runs for at most 5 years.');
    const organisationId = me.organisationId as string;
    const email = dto.email.trim().toLowerCase();
    const token = randomBytes(32).toString('base64url');

    const { id, caseTitle, orgName } = await this.ds.transaction(async (m) => {
      let caseTitle: string | undefined;
      if (dto.caseId) {
        // Only the company's OWN cases: a fuldmægtig cannot pass a grant on.
        const [c] = await queryRows(m, z.object({ title: z.string() }), sql`SELECT title FROM cases WHERE id = ${dto.caseId} AND organisation_id = ${organisationId}`);
        if (!c) throw new CaseNotFoundError(dto.caseId);
        caseTitle = c.title;
      }
      const [g] = await queryRows(
        m,
        z.object({ id: z.string(), org_name: z.string() }),
        sql`INSERT INTO proxy_grants (organisation_id, case_id, invitee_email, role, valid_from, valid_until, token_sha256, invited_by, created_at)
            VALUES (${organisationId}, ${dto.caseId ?? null}, ${email}, ${dto.role}, ${validFrom}, ${validUntil}, ${sha256(token)}, ${me.userId}, ${now})
            RETURNING id, (SELECT name FROM organisations WHERE id = ${organisationId}) AS org_name`,
      );
      await this.record(m, me, { id: g.id, organisationId, caseId: dto.caseId ?? null }, 'proxy.invited', { inviteeEmail: email, role: dto.role, validFrom: validFrom.toISOString(), validUntil: validUntil.toISOString() }, now);
      return { id: g.id, caseTitle, orgName: g.org_name };
    });

    const grant = await this.one(this.ds.manager, id);
    if (opts.sendEmail) grant.invitationEmail = await this.sendInvitation(me, email, { orgName, caseTitle, role: dto.role, validFrom, validUntil, token });
    return { grant, token };
  }

  /** After commit: a failed send does not undo the grant (the company sees `failed` and can invite again). */
  private async sendInvitation(me: Principal, email: string, d: { orgName: string; caseTitle?: string; role: ProxyRole; validFrom: Date; validUntil: Date; token: string }): Promise<'sent' | 'failed'> {
    const [known] = await queryRows(this.ds, z.object({ locale: z.enum(['da', 'en']) }), sql`SELECT locale FROM users WHERE lower(email) = ${email} LIMIT 1`);
    const acceptLink = `${this.config.WEB_ORIGIN.replace(/\/$/, '')}/#/fuldmagt/accept/${encodeURIComponent(d.token)}`;
    try {
      await this.mailer.sendInvitation(email, known?.locale ?? me.locale, {
        organisationName: d.orgName,
        inviterName: me.displayName,
        role: d.role,
        caseTitle: d.caseTitle,
        validFrom: d.validFrom.toISOString(),
        validUntil: d.validUntil.toISOString(),
        acceptLink,
      });
      return 'sent';
    } catch (e) {
      this.logger.warn(`fuldmagt invitation e-mail could not be sent: ${(e as Error)?.message ?? e}`);
      return 'failed';
    }
  }

  async issued(me: Principal): Promise<ProxyGrantDto[]> {
    const rows = await queryRows(this.ds, GRANT_ROW, sql`${GRANT_SELECT} WHERE g.organisation_id = ${me.organisationId} ORDER BY g.created_at DESC, g.id LIMIT 500`);
    const now = this.clock.now();
    return rows.map((r) => this.toDto(r, now));
  }

  async received(me: Principal): Promise<ProxyGrantDto[]> {
    const rows = await queryRows(this.ds, GRANT_ROW, sql`${GRANT_SELECT} WHERE g.grantee_user_id = ${me.userId} ORDER BY o.name, g.created_at DESC LIMIT 500`);
    const now = this.clock.now();
    return rows.map((r) => this.toDto(r, now));
  }

  async accept(me: Principal, token: string): Promise<ProxyGrantDto> {
    const now = this.clock.now();
    const id = await this.ds.transaction(async (m) => {
      const [g] = await queryRows(
        m,
        z.object({ id: z.string(), organisation_id: z.string(), case_id: z.string().nullable(), invitee_email: z.string(), grantee_user_id: z.string().nullable(), revoked_at: z.date().nullable(), valid_until: z.date(), me_email: z.string() }),
        sql`SELECT g.id, g.organisation_id, g.case_id, g.invitee_email, g.grantee_user_id, g.revoked_at, g.valid_until,
                   (SELECT lower(email) FROM users WHERE id = ${me.userId}) AS me_email
              FROM proxy_grants g WHERE g.token_sha256 = ${sha256(token)} FOR UPDATE`,
      );
      // The token is a bearer secret sent to one address: only that address's user may use it.
      if (!g || g.revoked_at || g.valid_until <= now || g.invitee_email !== g.me_email) throw new InvitationNotFoundError();
      if (g.grantee_user_id === me.userId) return g.id;
      if (g.grantee_user_id) throw new ApiError('PROXY.INVITATION_USED', 'This invitation has already been accepted.');
      await execute(m, sql`UPDATE proxy_grants SET grantee_user_id = ${me.userId}, accepted_at = ${now}, version = version + 1 WHERE id = ${g.id}`);
      await this.record(m, me, { id: g.id, organisationId: g.organisation_id, caseId: g.case_id }, 'proxy.accepted', { granteeUserId: me.userId }, now);
      return g.id;
    });
    return this.one(this.ds.manager, id);
  }

  async revoke(me: Principal, id: string): Promise<void> {
    if (!UUID.test(id)) throw new ProxyGrantNotFoundError(id);
    const now = this.clock.now();
    await this.ds.transaction(async (m) => {
      const [g] = await queryRows(
        m,
        z.object({ case_id: z.string().nullable(), revoked_at: z.date().nullable() }),
        sql`SELECT case_id, revoked_at FROM proxy_grants WHERE id = ${id} AND organisation_id = ${me.organisationId} FOR UPDATE`,
      );
      if (!g) throw new ProxyGrantNotFoundError(id);
      if (g.revoked_at) return; // already revoked: nothing changes, nothing to audit
      await execute(m, sql`UPDATE proxy_grants SET revoked_at = ${now}, revoked_by = ${me.userId}, version = version + 1 WHERE id = ${id}`);
      await this.record(m, me, { id, organisationId: me.organisationId as string, caseId: g.case_id }, 'proxy.revoked', {}, now);
    });
  }
}
