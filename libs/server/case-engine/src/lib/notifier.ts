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

/** Recipients of a notification: the applicant's organisation, the permit's authority, or all coordinators. */
async function recipients(m: EntityManager, audience: Audience, c: CaseInfo, permit: PermitRow | null): Promise<{ id: string; locale: 'da' | 'en' }[]> {
  if (audience === 'applicant') return m.query(`SELECT id, locale FROM users WHERE role = 'applicant' AND organisation_id = $1`, [c.organisation_id]);
  if (audience === 'caseworker') {
    if (!permit) return [];
    return m.query(`SELECT id, locale FROM users WHERE role = 'caseworker' AND authority_id = $1`, [permit.authority_id]);
  }
  return m.query(`SELECT id, locale FROM users WHERE role = 'coordinator'`);
}

/**
 * Writes in-app notifications in the caller's transaction (PostgreSQL is the record) and one
 * outbox row per notification for the e-mail, which the worker sends. `dedupeKey` makes a
 * repeated call (retry, replay) a no-op per recipient.
 */
export async function notify(
  m: EntityManager,
  args: { kind: NotificationKind; audience: Audience[]; caseInfo: CaseInfo; permit: PermitRow | null; data: Partial<NotificationData>; dedupeKey: string },
  outbox: (type: string, payload: Record<string, unknown>) => Promise<void>,
): Promise<number> {
  let written = 0;
  const type = args.permit ? permitTypeOf(args.permit) : null;
  const authority = args.permit
    ? ((await m.query(`SELECT name_da, name_en FROM authorities WHERE id = $1`, [args.permit.authority_id])) as { name_da: string; name_en: string }[])[0]
    : undefined;
  const data: NotificationData = {
    caseReference: args.caseInfo.reference,
    caseTitle: args.caseInfo.title,
    ...(type ? { permitCode: type.code, permitNameDa: type.nameDa, permitNameEn: type.nameEn } : {}),
    ...(authority ? { authorityNameDa: authority.name_da, authorityNameEn: authority.name_en } : {}),
    ...args.data,
  };
  const seen = new Set<string>();
  for (const audience of args.audience) {
    for (const u of await recipients(m, audience, args.caseInfo, args.permit)) {
      if (seen.has(u.id)) continue;
      seen.add(u.id);
      const r = renderNotification(args.kind, u.locale === 'en' ? 'en' : 'da', data);
      const inserted: { id: string }[] = await m.query(
        `INSERT INTO notifications (user_id, kind, case_id, permit_id, title, body, dedupe_key, data, email_status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending')
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
        [u.id, args.kind, args.caseInfo.id, args.permit?.id ?? null, r.subject, r.text, `${args.dedupeKey}-${u.id}`, JSON.stringify(data)],
      );
      if (inserted.length) {
        written++;
        await outbox('email.send', { notificationId: inserted[0].id });
      }
    }
  }
  return written;
}
