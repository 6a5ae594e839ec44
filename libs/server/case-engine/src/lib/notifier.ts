import type { EntityManager } from 'typeorm';
import { renderNotification, type NotificationData, type NotificationKind } from '@rl/mailer';
import { permitTypeOf } from './planning';
import type { PermitRow } from './rows';

export type Audience = 'applicant' | 'caseworker' | 'coordinator';

export interface CaseInfo {
  id: string;
  reference: string;
  title: string;
  organisation_id: string;
}

export interface Recipient {
  id: string;
  locale: string;
}

/**
 * Who can receive a notification about one permit (or its case): the applicant organisation's
 * users, the permit authority's caseworkers, the coordinators; and the authority's names for the
 * text. Read once per transition (see `loadTransition`), or per call by `loadDirectory`.
 */
export interface Directory {
  authority?: { name_da: string; name_en: string };
  recipients: (audience: Audience) => Recipient[];
}

export interface NotificationArgs {
  kind: NotificationKind;
  audience: Audience[];
  caseInfo: CaseInfo;
  permit: PermitRow | null;
  data: Partial<NotificationData>;
  dedupeKey: string;
}

/** A `notifications` row to insert (the e-mail goes through the outbox once it is inserted). */
export interface NotificationRow {
  userId: string;
  kind: NotificationKind;
  caseId: string;
  permitId: string | null;
  title: string;
  body: string;
  dedupeKey: string;
  data: NotificationData;
}

/** Recipients of a notification: the applicant's organisation, the permit's authority, or all coordinators. */
async function recipients(m: EntityManager, audience: Audience, c: CaseInfo, permit: PermitRow | null): Promise<Recipient[]> {
  if (audience === 'applicant') return m.query(`SELECT id, locale FROM users WHERE role = 'applicant' AND organisation_id = $1`, [c.organisation_id]);
  if (audience === 'caseworker') {
    if (!permit) return [];
    return m.query(`SELECT id, locale FROM users WHERE role = 'caseworker' AND authority_id = $1`, [permit.authority_id]);
  }
  return m.query(`SELECT id, locale FROM users WHERE role = 'coordinator'`);
}

/** Reads the directory a notification needs (a query per audience). */
export async function loadDirectory(m: EntityManager, args: Pick<NotificationArgs, 'audience' | 'caseInfo' | 'permit'>): Promise<Directory> {
  const authority = args.permit
    ? ((await m.query(`SELECT name_da, name_en FROM authorities WHERE id = $1`, [args.permit.authority_id])) as { name_da: string; name_en: string }[])[0]
    : undefined;
  const byAudience = new Map<Audience, Recipient[]>();
  for (const a of new Set(args.audience)) byAudience.set(a, await recipients(m, a, args.caseInfo, args.permit));
  return { authority, recipients: (a) => byAudience.get(a) ?? [] };
}

/** The rows of one notification: one per recipient (deduplicated), rendered in the recipient's language. */
export function buildNotifications(args: NotificationArgs, dir: Directory): NotificationRow[] {
  const type = args.permit ? permitTypeOf(args.permit) : null;
  const authority = args.permit ? dir.authority : undefined;
  const data: NotificationData = {
    caseReference: args.caseInfo.reference,
    caseTitle: args.caseInfo.title,
    ...(type ? { permitCode: type.code, permitNameDa: type.nameDa, permitNameEn: type.nameEn } : {}),
    ...(authority ? { authorityNameDa: authority.name_da, authorityNameEn: authority.name_en } : {}),
    ...args.data,
  };
  const rows: NotificationRow[] = [];
  const seen = new Set<string>();
  for (const audience of args.audience) {
    if (audience === 'caseworker' && !args.permit) continue;
    for (const u of dir.recipients(audience)) {
      if (seen.has(u.id)) continue;
      seen.add(u.id);
      const r = renderNotification(args.kind, u.locale === 'en' ? 'en' : 'da', data);
      rows.push({ userId: u.id, kind: args.kind, caseId: args.caseInfo.id, permitId: args.permit?.id ?? null, title: r.subject, body: r.text, dedupeKey: `${args.dedupeKey}-${u.id}`, data });
    }
  }
  return rows;
}

/**
 * `INSERT INTO notifications … RETURNING id` for `rows`, the lists passed as arrays (`unnest`),
 * so the text does not depend on the row count (it can be a prepared statement). `add` appends a
 * parameter and returns its placeholder; `from` joins more relations (e.g. a CTE the insert
 * depends on).
 */
export function insertNotificationsSql(rows: NotificationRow[], add: (value: unknown) => string, from = ''): string {
  return `INSERT INTO notifications (user_id, kind, case_id, permit_id, title, body, dedupe_key, data, email_status)
    SELECT v.user_id, v.kind, v.case_id, v.permit_id, v.title, v.body, v.dedupe_key, v.data, 'pending'
      FROM ${from}unnest(${add(rows.map((n) => n.userId))}::uuid[], ${add(rows.map((n) => n.kind))}::text[], ${add(rows.map((n) => n.caseId))}::uuid[],
                  ${add(rows.map((n) => n.permitId))}::uuid[], ${add(rows.map((n) => n.title))}::text[], ${add(rows.map((n) => n.body))}::text[],
                  ${add(rows.map((n) => n.dedupeKey))}::text[], ${add(rows.map((n) => JSON.stringify(n.data)))}::jsonb[])
           v(user_id, kind, case_id, permit_id, title, body, dedupe_key, data)
    ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`;
}

/**
 * Writes in-app notifications in the caller's transaction (PostgreSQL is the record) and one
 * outbox row per notification for the e-mail, which the worker sends. `dedupeKey` makes a
 * repeated call (retry, replay) a no-op per recipient.
 */
export async function notify(m: EntityManager, args: NotificationArgs, outbox: (type: string, payload: Record<string, unknown>) => Promise<void>): Promise<number> {
  const rows = buildNotifications(args, await loadDirectory(m, args));
  if (rows.length === 0) return 0;
  const params: unknown[] = [];
  const sql = insertNotificationsSql(rows, (v) => `$${params.push(v)}`);
  const inserted: { id: string }[] = await m.query(sql, params);
  for (const n of inserted) await outbox('email.send', { notificationId: n.id });
  return inserted.length;
}
