/**
 * The reads of the engine, each typed where it leaves the database (zod schemas beside the
 * queries). A permit transition reads ONE row: the permit with its whole context.
 */
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { execute, preparedQuery, queryRows, sql } from '@rl/db';
import type { Audience, Directory, Recipient } from './notifier';
import { ALERT_CLOCKS as ALERT_CLOCK_LIST, ALERT_THRESHOLDS as ALERT_THRESHOLD_LIST, type ExistingAlert } from './alerts';
import { LOAD_TRANSITION_TEXT, loadTransitionSql, usersJson } from './transition-read-sql';
import { caseRowSchema, parsePermitRow, RowShapeError, type CaseRow, type PermitRow } from './rows';
import type { ClaimedAlert } from './transition/alert-plan';
import type { NewPermitInsert } from './transition/reapplication-plan';
import type { TransitionContext } from './transition/types';

const AUDIENCES: ReadonlySet<unknown> = new Set(['applicant', 'caseworker', 'coordinator']);
const ALERT_CLOCKS: ReadonlySet<unknown> = new Set(ALERT_CLOCK_LIST);
const ALERT_THRESHOLDS: ReadonlySet<unknown> = new Set(ALERT_THRESHOLD_LIST);
type DirectoryUser = Recipient & { role: Audience };

/** The `ctx_users` JSON of a read (hand-checked: it is on every transition's path, see parsePermitRow). */
function usersOf(v: unknown): DirectoryUser[] {
  if (!Array.isArray(v)) throw new RowShapeError('users', 'ctx_users', v);
  for (const u of v) if (typeof u?.id !== 'string' || typeof u.locale !== 'string' || !AUDIENCES.has(u.role)) throw new RowShapeError('users', 'role', u);
  return v as DirectoryUser[];
}

function alertsOf(v: unknown): ExistingAlert[] {
  if (!Array.isArray(v)) throw new RowShapeError('deadline_alerts', 'ctx_alerts', v);
  return v.map((a) => {
    if (typeof a?.id !== 'string' || !ALERT_CLOCKS.has(a.clock) || !ALERT_THRESHOLDS.has(a.threshold) || typeof a.fired !== 'boolean') throw new RowShapeError('deadline_alerts', 'clock/threshold', a);
    return { id: a.id, clock: a.clock, threshold: a.threshold, dueMs: Number(a.dueMs), fired: a.fired, firedMs: a.firedMs == null ? null : Number(a.firedMs) };
  });
}

/** The context columns of the transition read, hand-checked (zod's parse of them cost more than
 *  the rest of the read's JavaScript; the checks are the same: strings, a boolean, the two lists). */
function transitionContextOf(raw: unknown) {
  const r = raw as Record<string, unknown>;
  if (typeof r !== 'object' || r === null) throw new RowShapeError('permits', '*', raw);
  const text = (column: string): string => {
    const v = r[column];
    if (typeof v !== 'string') throw new RowShapeError('permits', column, v);
    return v;
  };
  if (typeof r.ctx_case_national_strategic !== 'boolean') throw new RowShapeError('cases', 'ctx_case_national_strategic', r.ctx_case_national_strategic);
  return {
    case_id: text('case_id'),
    ctx_case_reference: text('ctx_case_reference'),
    ctx_case_title: text('ctx_case_title'),
    ctx_case_organisation_id: text('ctx_case_organisation_id'),
    ctx_case_national_strategic: r.ctx_case_national_strategic,
    ctx_authority_code: text('ctx_authority_code'),
    ctx_authority_name_da: text('ctx_authority_name_da'),
    ctx_authority_name_en: text('ctx_authority_name_en'),
    ctx_authority_kind: text('ctx_authority_kind'),
    ctx_alerts: alertsOf(r.ctx_alerts),
    ctx_users: usersOf(r.ctx_users),
  };
}

function directoryOf(users: DirectoryUser[], authority?: Directory['authority']): Directory {
  return { authority, recipients: (audience: Audience): Recipient[] => users.filter((u) => u.role === audience).map((u) => ({ id: u.id, locale: u.locale })) };
}

/** `now`: the instant of the transition (whose fuldmagter are in force decides who is notified). */
export async function loadTransition(m: EntityManager, permitId: string, now: Date): Promise<{ row: PermitRow; ctx: TransitionContext }> {
  const {
    rows: [raw],
  } = await preparedQuery(m, LOAD_TRANSITION_TEXT, loadTransitionSql(permitId, now).values);
  const x = transitionContextOf(raw);
  const authority = { name_da: x.ctx_authority_name_da, name_en: x.ctx_authority_name_en };
  const ctx: TransitionContext = {
    caseInfo: { id: x.case_id, reference: x.ctx_case_reference, title: x.ctx_case_title, organisation_id: x.ctx_case_organisation_id, national_strategic: x.ctx_case_national_strategic },
    authority: { code: x.ctx_authority_code, kind: x.ctx_authority_kind, ...authority },
    directory: directoryOf(x.ctx_users, authority),
    alerts: x.ctx_alerts,
  };
  return { row: parsePermitRow(raw), ctx };
}

/** Reads the case row; callers hold its row lock (`SELECT … FOR UPDATE`) for the transaction. */
export async function loadCase(m: EntityManager, caseId: string): Promise<CaseRow> {
  const [row] = await queryRows(m, caseRowSchema, sql`SELECT * FROM cases WHERE id = ${caseId}`, { prepared: true });
  return row;
}

const caseWithUsersSchema = caseRowSchema.extend({ ctx_users: z.unknown().transform(usersOf) });

/** The case row and who its notifications may reach (applicant organisation and its fuldmægtige in force at `now`, coordinators). */
export async function loadCaseTransition(m: EntityManager, caseId: string, now: Date): Promise<{ row: CaseRow; directory: Directory }> {
  const [raw] = await queryRows(m, caseWithUsersSchema, sql`SELECT c.*, ${usersJson('NULL', now)} FROM cases c WHERE c.id = ${caseId}`, { prepared: true });
  const { ctx_users, ...row } = raw;
  return { row, directory: directoryOf(ctx_users) };
}

/** The permits of a case in their stable order (creation, then code). */
export function loadCasePermits(m: EntityManager, caseId: string): Promise<PermitRow[]> {
  return queryRows(m, { parse: parsePermitRow }, sql`SELECT * FROM permits WHERE case_id = ${caseId} ORDER BY created_at, code`, { prepared: true });
}

export async function loadPermit(m: EntityManager, permitId: string): Promise<PermitRow | undefined> {
  const [row] = await queryRows(m, { parse: parsePermitRow }, sql`SELECT * FROM permits WHERE id = ${permitId}`);
  return row;
}

/** Takes the case row lock: every write of a case's rows happens under it, in this order. */
export async function lockCase(m: EntityManager, caseId: string): Promise<void> {
  await m.query(`SELECT 1 FROM cases WHERE id = $1 FOR UPDATE`, [caseId]);
}

const claimedAlertSchema = z.object({
  id: z.string(),
  permit_id: z.string(),
  case_id: z.string(),
  clock: z.enum(ALERT_CLOCK_LIST),
  threshold: z.enum(ALERT_THRESHOLD_LIST),
  due_at: z.date(),
});

/** The owner case of an unfired alert (to lock it first), or undefined when none is left to fire. */
export async function alertOwner(m: EntityManager, alertId: string): Promise<string | undefined> {
  const [row] = await queryRows(m, z.object({ case_id: z.string() }), sql`SELECT case_id FROM deadline_alerts WHERE id = ${alertId} AND fired_at IS NULL`);
  return row?.case_id;
}

/** Claims an unfired alert row (`FOR UPDATE SKIP LOCKED`): a parallel firing finds nothing. */
export async function claimAlert(m: EntityManager, alertId: string): Promise<(ClaimedAlert & { permit_id: string }) | undefined> {
  const [row] = await queryRows(
    m,
    claimedAlertSchema,
    sql`SELECT id, permit_id, case_id, clock, threshold, due_at FROM deadline_alerts WHERE id = ${alertId} AND fired_at IS NULL FOR UPDATE SKIP LOCKED`,
  );
  return row;
}

/** Inserts a new permit row (a new application in a running case, see planReapplication). */
export async function insertPermit(m: EntityManager, r: NewPermitInsert['row']): Promise<void> {
  await execute(
    m,
    sql`INSERT INTO permits (id, case_id, code, authority_id, state, machine_id, machine_version, snapshot, prerequisites, reasons,
                             target_unit, target_length, target_kind, statutory_unit, statutory_length, replaces_permit_id)
        VALUES (${r.id}::uuid, ${r.case_id}::uuid, ${r.code}, ${r.authority_id}::uuid, ${r.state}, ${r.machine_id}, ${r.machine_version}::int,
                ${JSON.stringify(r.snapshot)}::jsonb, ${JSON.stringify(r.prerequisites)}::jsonb, ${JSON.stringify(r.reasons)}::jsonb,
                ${r.target_unit}, ${r.target_length}::int, ${r.target_kind}, ${r.statutory_unit}, ${r.statutory_length}::int, ${r.replaces_permit_id}::uuid)`,
  );
}

/**
 * Whether the user (alias `userAlias`) may still hear about the notification's case (alias
 * `notificationAlias`) at `now`: anyone but a company-side user, a company-side user of the case's
 * own organisation, or one holding a fuldmagt for it in force (the same rule as the directory
 * above). The mail job and the digest check it when they send, so an e-mail waiting for its job
 * or for the morning digest is not sent once the grant was revoked or ran out.
 */
export function stillEntitledSql(notificationAlias: string, userAlias: string, now: Date) {
  const n = sql.raw(notificationAlias);
  const u = sql.raw(userAlias);
  return sql`(${u}.role <> 'applicant' OR ${n}.case_id IS NULL OR EXISTS (
      SELECT 1 FROM cases ec WHERE ec.id = ${n}.case_id AND (ec.organisation_id = ${u}.organisation_id OR EXISTS (
        SELECT 1 FROM proxy_grants g WHERE g.grantee_user_id = ${u}.id AND g.organisation_id = ec.organisation_id AND (g.case_id IS NULL OR g.case_id = ec.id)
           AND g.revoked_at IS NULL AND g.valid_from <= ${now}::timestamptz AND g.valid_until > ${now}::timestamptz))))`;
}
