import { lockCase, permitTypeOf, VersionConflictError } from '@rl/case-engine';
import { execute, queryRows, sql, type Sql } from '@rl/db';
import type { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import type { AccessService } from '../access';
import type { Principal } from '../auth';
import { ApiError } from '../common/problem';
import { AUTHORITY_COLUMNS, authorityNames } from '../common/row-columns';
import { UUID } from '../common/uuid';

/**
 * Helpers for the case-scoped records several authorities work on together (bundled information
 * requests, joint hearings): a draft, then sent or open, each row on one case, each write under
 * the case lock and If-Match.
 */

/** The columns every case-scoped record has: its id, its case and its version (If-Match). */
export const CASE_SCOPED_COLUMNS = { id: z.string(), case_id: z.string(), version: z.number() };

/** A covered permit with its deciding authority, as selected by {@link PERMIT_AUTHORITY_COLS}. */
export const PERMIT_AUTHORITY_ROW = {
  code: z.string(),
  snapshot: z.unknown(),
  authority_id: z.string(),
  ...AUTHORITY_COLUMNS,
};
export type PermitAuthorityRow = z.infer<z.ZodObject<typeof PERMIT_AUTHORITY_ROW>>;
/** The columns of {@link PERMIT_AUTHORITY_ROW}, over `permits x JOIN authorities a ON a.id = x.authority_id`. */
export const PERMIT_AUTHORITY_COLS = sql.raw(`x.code, x.snapshot, x.authority_id, a.code AS authority_code, a.name_da AS authority_name_da, a.name_en AS authority_name_en`);

/** A covered permit as the views show it: its type's names (from its catalogue snapshot) and its deciding authority. */
export function permitRef(permitId: string, r: PermitAuthorityRow) {
  const t = permitTypeOf({ code: r.code, snapshot: r.snapshot as never });
  return { permitId, code: r.code, nameDa: t.nameDa, nameEn: t.nameEn, authority: authorityNames(r, 'authority_') };
}

/**
 * One row by id (`SELECT … FROM <table>` given as `from`), `FOR UPDATE` when `lock`; the record's
 * 404 when there is none, and for an id that is not a UUID without asking the database.
 */
export async function caseRowById<T>(m: EntityManager | DataSource, row: z.ZodType<T>, from: Sql, id: string, notFound: (id: string) => Error, lock = false): Promise<T> {
  if (!UUID.test(id)) throw notFound(id);
  const [r] = await queryRows(m, row, sql`${from} WHERE id = ${id}${sql.raw(lock ? ' FOR UPDATE' : '')}`);
  if (!r) throw notFound(id);
  return r;
}

/** 404 unless the caller sees the row's case; the company does not see a draft (it is the authorities' until sent or opened). */
export async function assertCaseRowVisible(access: AccessService, p: Principal, r: { case_id: string; status: string }, m: EntityManager, notFound: () => Error): Promise<void> {
  await access.assertCaseVisible(p, r.case_id, m).catch(() => {
    throw notFound();
  });
  if (p.role === 'applicant' && r.status === 'draft') throw notFound();
}

/**
 * The start of a versioned write: takes the case lock, then reads the row again under it
 * (`reread`, FOR UPDATE) and refuses a version other than the one the client named in If-Match (409).
 */
export async function lockAtVersion<T extends { version: number }>(m: EntityManager, caseId: string, reread: () => Promise<T>, expectedVersion: number): Promise<T> {
  await lockCase(m, caseId);
  const r = await reread();
  if (r.version !== expectedVersion) throw new VersionConflictError(r.version);
  return r;
}

/** The case's audit trail: who (user and role) did what, when. */
export async function auditCaseEvent(m: EntityManager, caseId: string, p: Principal, eventType: string, payload: object, now: Date): Promise<void> {
  await execute(
    m,
    sql`INSERT INTO audit_events (case_id, actor_user_id, actor_role, event_type, payload, occurred_at) VALUES (${caseId}, ${p.userId}, ${p.role}, ${eventType}, ${JSON.stringify(payload)}::jsonb, ${now})`,
  );
}

/**
 * Only a permit's own authority puts it into a cross-authority record: a coordinator opens the
 * draft (an invitation) but adds no permit (`messages.coordinator`); a caseworker adds only their
 * own authority's permits (`messages.caseworker`, listing the others). 403 `code` either way.
 */
export function assertOwnAuthorityPermits(
  p: Principal,
  permits: readonly { id: string; authority_id: string }[],
  ids: readonly string[],
  code: 'INFO_BUNDLE.NOT_YOUR_PERMIT' | 'JOINT_HEARING.NOT_YOUR_PERMIT',
  messages: { coordinator: string; caseworker: string },
): void {
  if (p.role !== 'caseworker' && ids.length > 0) throw new ApiError(code, messages.coordinator, { permitIds: ids });
  if (p.role === 'caseworker') {
    const others = permits.filter((x) => x.authority_id !== p.authorityId).map((x) => x.id);
    if (others.length > 0) throw new ApiError(code, messages.caseworker, { permitIds: others });
  }
}
