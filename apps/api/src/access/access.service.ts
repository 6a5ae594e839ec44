import { Injectable } from '@nestjs/common';
import { preparedQuery } from '@rl/db';
import { DataSource, type EntityManager } from 'typeorm';
import { ApiError } from '../common/problem';

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Object-level access (OWASP ASVS 8.2.2), in one place. A caller who may not see an object gets
 * the same 404 as for an object that does not exist, so ids cannot be probed.
 *
 * - applicant: cases of their own organisation, and all permits in them;
 * - caseworker: cases that have a permit at their authority, and only those permits in full;
 * - coordinator: every case and permit (read; coordinator actions are role-checked);
 * - admin: operations only, no case data.
 */
@Injectable()
export class AccessService {
  constructor(private readonly ds: DataSource) {}

  /** SQL predicate over a `cases` alias, with its parameters starting at `$${first}`. */
  caseFilter(p: AccessPrincipal, alias: string, first: number): { sql: string; params: unknown[] } {
    switch (p.role) {
      case 'applicant':
        return { sql: `${alias}.organisation_id = $${first}`, params: [p.organisationId] };
      case 'caseworker':
        return {
          sql: `EXISTS (SELECT 1 FROM permits ap WHERE ap.case_id = ${alias}.id AND ap.authority_id = $${first})`,
          params: [p.authorityId],
        };
      case 'coordinator':
        return { sql: 'TRUE', params: [] };
      default:
        return { sql: 'FALSE', params: [] };
    }
  }

  /** SQL predicate over a `permits` alias joined with its case alias. */
  permitFilter(p: AccessPrincipal, permitAlias: string, caseAlias: string, first: number): { sql: string; params: unknown[] } {
    switch (p.role) {
      case 'applicant':
        return { sql: `${caseAlias}.organisation_id = $${first}`, params: [p.organisationId] };
      case 'caseworker':
        return { sql: `${permitAlias}.authority_id = $${first}`, params: [p.authorityId] };
      case 'coordinator':
        return { sql: 'TRUE', params: [] };
      default:
        return { sql: 'FALSE', params: [] };
    }
  }

  /** Returns the case row id if visible, else throws 404 (also for malformed ids). */
  async assertCaseVisible(p: AccessPrincipal, caseId: string, m: EntityManager = this.ds.manager): Promise<void> {
    if (!UUID.test(caseId)) throw new CaseNotFoundError(caseId);
    const f = this.caseFilter(p, 'c', 2);
    const rows = await m.query(`SELECT 1 FROM cases c WHERE c.id = $1 AND ${f.sql}`, [caseId, ...f.params]);
    if (rows.length === 0) throw new CaseNotFoundError(caseId);
  }

  /** The permit's case id if the permit is visible, else 404 (also for malformed ids). With
   *  `lockCase`, also takes the case's row lock (`FOR UPDATE`) in `m`'s transaction, in the same statement. */
  async assertPermitVisible(p: AccessPrincipal, permitId: string, m: EntityManager = this.ds.manager, lockCase = false): Promise<{ caseId: string }> {
    if (!UUID.test(permitId)) throw new PermitNotFoundError(permitId);
    const f = this.permitFilter(p, 'p', 'c', 2);
    // Prepared: it runs before every permit read and write (a handful of texts, one per role).
    const { rows } = await preparedQuery<{ case_id: string }>(
      m,
      `SELECT p.case_id FROM permits p JOIN cases c ON c.id = p.case_id WHERE p.id = $1 AND ${f.sql}${lockCase ? ' FOR UPDATE OF c' : ''}`,
      [permitId, ...f.params],
    );
    if (rows.length === 0) throw new PermitNotFoundError(permitId);
    return { caseId: rows[0].case_id };
  }
}
