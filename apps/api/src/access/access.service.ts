import { Inject, Injectable, Optional } from '@nestjs/common';
import { execute, preparedQuery, queryRows, sql, type Sql } from '@rl/db';
import { CLOCK, type Clock, SystemClock } from '@rl/server-infra';
import { DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { ApiError } from '../common/problem';
import { activeGrantSql, actionNeeds, PROXY_RANK, ProxyRoleInsufficientError, type ProxyRole } from './proxy-roles';
import { UUID } from '../common/uuid';

/** The caller, as resolved by the auth guard. */
export interface AccessPrincipal {
  userId: string;
  role: 'applicant' | 'caseworker' | 'coordinator' | 'admin';
  organisationId: string | null;
  authorityId: string | null;
}

export class CaseNotFoundError extends ApiError {
  constructor(id: string) {
    super('CASE.NOT_FOUND', `Case ${id} was not found.`);
  }
}

export class PermitNotFoundError extends ApiError {
  constructor(id: string) {
    super('PERMIT.NOT_FOUND', `Permit ${id} was not found.`);
  }
}

/** 403: the caller's role may not do what only the company (the applicant) does. */
export class ApplicantActionForbiddenError extends ApiError {
  constructor(action: string, role: string) {
    super('ACCESS.APPLICANT_ACTION_FORBIDDEN', `Only the applicant company may ${action}; a ${role} does not act for the company.`, { action, role });
  }
}

/**
 * What only the company itself does: file, answer, withdraw, upload its material. Coordinators
 * steer (targets, assignment, escalation) but never act on the company's behalf — a withdrawal
 * or an answer "for" the company would be a legal act the company did not make. (The machines'
 * role tables still list `case.withdrawn` for the coordinator; this API-level rule is the one
 * that decides, with a 403 instead of the machine's 422.)
 */
export const APPLICANT_ACTIONS: ReadonlySet<string> = new Set([
  'case.submitted',
  'case.withdrawn',
  'application.submitted',
  'application.withdrawn',
  'applicant.infoProvided',
  'document.upload',
  'document.version',
]);

/** Whether `role` may do `action` (an event type, or `document.upload`) as far as acting for the company goes. */
export function mayActFor(role: string, action: string): boolean {
  return !(role === 'coordinator' && APPLICANT_ACTIONS.has(action));
}

/**
 * Object-level access (OWASP ASVS 8.2.2), in one place. A caller who may not see an object gets
 * the same 404 as for an object that does not exist, so ids cannot be probed.
 *
 * - applicant: cases of their own organisation, and all permits in them; plus the cases a
 *   fuldmagt of another company gives them (all that company's cases, or one), while in force;
 * - caseworker: cases in which a permit of their authority has been filed (submitted) or routed
 *   to them (the case was submitted), and only those permits in full. A draft is the company's
 *   own business: an authority that will later decide one of its permits sees nothing of it yet;
 * - coordinator: every case and permit (read; coordinator actions are role-checked);
 * - admin: operations only, no case data.
 */
const ACTING_ROW = z.object({ own: z.boolean(), rank: z.number().int() });

@Injectable()
export class AccessService {
  constructor(
    private readonly ds: DataSource,
    @Optional() @Inject(CLOCK) private readonly clock: Clock = new SystemClock(),
  ) {}

  /**
   * Cases a company-side user sees beyond their own organisation's: those a fuldmagt (proxy
   * grant) gives them, while it is accepted, in force and not revoked (issue 14 point 6). Both
   * sets are InitPlans (`ARRAY(…)`, evaluated once per statement), so `= ANY(…)` stays an index
   * lookup on cases and an own-organisation user with no grants pays two empty index probes.
   */
  private applicantCases(p: AccessPrincipal, caseAlias: string): Sql {
    const c = sql.raw(caseAlias);
    const now = this.clock.now();
    return sql`(${c}.organisation_id = ANY(ARRAY(SELECT ${p.organisationId}::uuid UNION ALL SELECT g.organisation_id FROM proxy_grants g WHERE g.case_id IS NULL AND ${activeGrantSql('g', p.userId, now)}))
             OR ${c}.id = ANY(ARRAY(SELECT g.case_id FROM proxy_grants g WHERE g.case_id IS NOT NULL AND ${activeGrantSql('g', p.userId, now)})))`;
  }

  /**
   * The action check for one case: the coordinator rule of {@link assertMayAct}, then, for a
   * company-side user acting through a fuldmagt (not their own organisation's case), the grant's
   * role: `read` may not write, `prepare` may edit and upload but not file (403
   * ACCESS.PROXY_ROLE_INSUFFICIENT). Call it after the visibility check (a case the caller
   * cannot see is a 404 first), inside the transaction that writes.
   */
  async assertMayActOnCase(p: AccessPrincipal, caseId: string, action: string, m: EntityManager = this.ds.manager, caseOrganisationId?: string): Promise<void> {
    this.assertMayAct(p, action);
    // The company's own users act for it anyway; the visibility check's answer saves a read.
    if (p.role !== 'applicant' || (caseOrganisationId !== undefined && caseOrganisationId === p.organisationId)) return;
    const [row] = await queryRows(m, ACTING_ROW, this.actingSql(p, caseId));
    if (!row || row.own) return;
    const needed = actionNeeds(action);
    if (row.rank < PROXY_RANK[needed]) {
      const held = (Object.keys(PROXY_RANK) as ProxyRole[]).find((r) => PROXY_RANK[r] === row.rank) ?? null;
      throw new ProxyRoleInsufficientError(action, held, needed);
    }
  }

  /**
   * Whether a permit (alias `permitAlias`, of the case `caseAlias`) has reached its authority:
   * filed (`received_at`), or routed there because the case was submitted (a permit still
   * waiting for a prerequisite is routed with its case and filed automatically later).
   */
  private static reachedAuthority(permitAlias: string, caseAlias: string): Sql {
    return sql.raw(`(${permitAlias}.received_at IS NOT NULL OR ${caseAlias}.submitted_at IS NOT NULL)`);
  }

  /**
   * Referral hook: cases referred to an authority (høring / referral of parts of a case to an
   * authority that decides none of its permits). Deliberately FALSE since referrals exist (issue
   * 17): the asked authority reads only what a referral lists, through the referral endpoints
   * (apps/api/src/referrals), never the case, its permits or its other documents.
   */
  private static referredTo(_caseAlias: string): Sql {
    return sql.raw('FALSE');
  }

  /** 403 ACCESS.APPLICANT_ACTION_FORBIDDEN unless the principal may do this applicant action. */
  assertMayAct(p: Pick<AccessPrincipal, 'role'>, action: string): void {
    if (!mayActFor(p.role, action)) throw new ApplicantActionForbiddenError(action, p.role);
  }

  /**
   * The caller acting for `organisationId` when creating a case (`X-Acting-For`): their own
   * organisation as is; another company only through a fuldmagt for ALL its cases with a role
   * that covers `case.create` (404 PROXY.GRANT_NOT_FOUND without one, 403 with `read`).
   */
  async actingPrincipal<T extends AccessPrincipal>(p: T, organisationId: string): Promise<T> {
    if (p.role !== 'applicant' || organisationId.toLowerCase() === p.organisationId) return p;
    const none = new ApiError('PROXY.GRANT_NOT_FOUND', `You hold no power of attorney for all cases of organisation ${organisationId}.`);
    if (!UUID.test(organisationId)) throw none;
    const [row] = await queryRows(
      this.ds.manager,
      ACTING_ROW.pick({ rank: true }),
      sql`SELECT COALESCE(max(CASE g.role WHEN 'submit' THEN 3 WHEN 'prepare' THEN 2 ELSE 1 END), 0)::int AS rank FROM proxy_grants g
           WHERE g.organisation_id = ${organisationId} AND g.case_id IS NULL AND ${activeGrantSql('g', p.userId, this.clock.now())}`,
    );
    if (!row || row.rank === 0) throw none;
    if (row.rank < PROXY_RANK[actionNeeds('case.create')]) throw new ProxyRoleInsufficientError('case.create', 'read', actionNeeds('case.create'));
    return { ...p, organisationId: organisationId.toLowerCase() };
  }

  /**
   * The fuldmagt role through which `p` reaches the case, or null when it is the company's own
   * case (or `p` is not company-side). For views: the events offered are narrowed to the role.
   */
  async proxyRoleOn(p: AccessPrincipal, caseId: string, caseOrganisationId?: string): Promise<ProxyRole | null> {
    if (p.role !== 'applicant' || (caseOrganisationId !== undefined && caseOrganisationId === p.organisationId)) return null;
    const [row] = await queryRows(this.ds.manager, ACTING_ROW, this.actingSql(p, caseId));
    if (!row || row.own) return null;
    return (Object.keys(PROXY_RANK) as ProxyRole[]).find((r) => PROXY_RANK[r] === row.rank) ?? 'read';
  }

  /** Whether the case is the caller's company's own, and the best fuldmagt role the caller holds on it (0: none). */
  private actingSql(p: AccessPrincipal, caseId: string): Sql {
    return sql`SELECT c.organisation_id = ${p.organisationId} AS own,
                      COALESCE((SELECT max(CASE g.role WHEN 'submit' THEN 3 WHEN 'prepare' THEN 2 ELSE 1 END) FROM proxy_grants g
                                 WHERE g.organisation_id = c.organisation_id AND (g.case_id IS NULL OR g.case_id = c.id) AND ${activeGrantSql('g', p.userId, this.clock.now())}), 0)::int AS rank
                 FROM cases c WHERE c.id = ${caseId}`;
  }

  /** SQL predicate over a `cases` alias (a fragment of the `sql` tag: its placeholders are numbered where it is used). */
  caseFilter(p: AccessPrincipal, alias: string): Sql {
    const c = sql.raw(alias);
    switch (p.role) {
      case 'applicant':
        return this.applicantCases(p, alias);
      case 'caseworker':
        return sql`(EXISTS (SELECT 1 FROM permits ap WHERE ap.case_id = ${c}.id AND ap.authority_id = ${p.authorityId} AND ${AccessService.reachedAuthority('ap', alias)})
                 OR ${AccessService.referredTo(alias)})`;
      case 'coordinator':
        return sql.raw('TRUE');
      default:
        return sql.raw('FALSE');
    }
  }

  /** SQL predicate over a `permits` alias joined with its case alias. */
  permitFilter(p: AccessPrincipal, permitAlias: string, caseAlias: string): Sql {
    switch (p.role) {
      case 'applicant':
        return this.applicantCases(p, caseAlias);
      case 'caseworker':
        return sql`${sql.raw(permitAlias)}.authority_id = ${p.authorityId} AND ${AccessService.reachedAuthority(permitAlias, caseAlias)}`;
      case 'coordinator':
        return sql.raw('TRUE');
      default:
        return sql.raw('FALSE');
    }
  }

  /** Returns the case row id if visible, else throws 404 (also for malformed ids). */
  async assertCaseVisible(p: AccessPrincipal, caseId: string, m: EntityManager = this.ds.manager): Promise<void> {
    if (!UUID.test(caseId)) throw new CaseNotFoundError(caseId);
    const visible = await execute(m, sql`SELECT 1 FROM cases c WHERE c.id = ${caseId} AND ${this.caseFilter(p, 'c')}`);
    if (visible === 0) throw new CaseNotFoundError(caseId);
  }

  /** The permit's case id if the permit is visible, else 404 (also for malformed ids). With
   *  `lockCase`, also takes the case's row lock (`FOR UPDATE`) in `m`'s transaction, in the same statement. */
  async assertPermitVisible(p: AccessPrincipal, permitId: string, m: EntityManager = this.ds.manager, lockCase = false): Promise<{ caseId: string; organisationId: string }> {
    if (!UUID.test(permitId)) throw new PermitNotFoundError(permitId);
    // Prepared: it runs before every permit read and write (a handful of texts, one per role).
    const { rows } = await preparedQuery<{ case_id: string; organisation_id: string }>(
      m,
      sql`SELECT p.case_id, c.organisation_id FROM permits p JOIN cases c ON c.id = p.case_id WHERE p.id = ${permitId} AND ${this.permitFilter(p, 'p', 'c')}${sql.raw(lockCase ? ' FOR UPDATE OF c' : '')}`,
    );
    if (rows.length === 0) throw new PermitNotFoundError(permitId);
    return { caseId: rows[0].case_id, organisationId: rows[0].organisation_id };
  }

  /**
   * For a permit event: `assertPermitVisible` with the case lock and, for a caseworker, the
   * permit's open task of their authority, locked as well (what claim-on-act reads, issue 19), in
   * ONE statement — a caseworker's transition made a separate round trip for it (issue 20 item 3).
   * The case is locked first (the materialised CTE runs before the lateral task read), the order
   * every transition takes its locks in. `task` is undefined when not read (other roles), null when
   * the permit has no open task of the caseworker's authority.
   *
   * The task is read with the statement's snapshot, taken before the wait for the case lock (READ
   * COMMITTED): a task row changed meanwhile is re-checked at its newest version, but a task the
   * lock holder inserted or reopened is not seen. That is safe because tasks are only opened by the
   * writer (the plan's task upsert), which also raises the permit's version — so this request's
   * If-Match is stale and it ends in 409 before anything is claimed. Opening tasks anywhere else
   * without a version bump would need the claim read back as its own statement.
   */
  async lockPermitForEvent(p: AccessPrincipal, permitId: string, m: EntityManager): Promise<{ caseId: string; organisationId: string; task?: OpenTask | null }> {
    if (p.role !== 'caseworker' || !p.authorityId) return this.assertPermitVisible(p, permitId, m, true);
    if (!UUID.test(permitId)) throw new PermitNotFoundError(permitId);
    const rows = await queryRows(
      m,
      LOCKED_PERMIT_TASK_ROW,
      sql`WITH c AS MATERIALIZED (
            SELECT p.case_id, c.organisation_id FROM permits p JOIN cases c ON c.id = p.case_id
             WHERE p.id = ${permitId} AND ${this.permitFilter(p, 'p', 'c')} FOR UPDATE OF c)
          SELECT c.case_id, c.organisation_id, t.id AS task_id, t.assigned_to, u.display_name AS assigned_to_name
            FROM c LEFT JOIN LATERAL (
                   SELECT t.id, t.assigned_to FROM tasks t
                    WHERE t.case_id = c.case_id AND t.permit_id = ${permitId} AND t.authority_id = ${p.authorityId} AND t.status = 'open'
                      FOR UPDATE OF t) t ON true
            LEFT JOIN users u ON u.id = t.assigned_to`,
      { prepared: true },
    );
    if (rows.length === 0) throw new PermitNotFoundError(permitId);
    const [r] = rows;
    return { caseId: r.case_id, organisationId: r.organisation_id, task: r.task_id === null ? null : { id: r.task_id, assigned_to: r.assigned_to, assigned_to_name: r.assigned_to_name } };
  }
}

/** A permit's open task as claim-on-act needs it (apps/api/src/tasks/claim-on-act.ts). */
export interface OpenTask {
  id: string;
  assigned_to: string | null;
  assigned_to_name: string | null;
}

const LOCKED_PERMIT_TASK_ROW = z.object({
  case_id: z.string(),
  organisation_id: z.string(),
  task_id: z.string().nullable(),
  assigned_to: z.string().nullable(),
  assigned_to_name: z.string().nullable(),
});
