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
 * text. Read with the transition's context (see `load.ts`), so planning needs no I/O.
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
