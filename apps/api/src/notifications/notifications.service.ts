import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { execute, queryRows, sql } from '@rl/db';
import { EMAIL_MODES, isLegallyRequired, isNotificationKind, NOTIFICATION_KINDS, renderNotification, type NotificationData } from '@rl/mailer';
import { CLOCK, type Clock } from '@rl/server-infra';
import { AccessService } from '../access';
import type { Principal } from '../auth';
import { ApiError } from '../common/problem';
import type { NotificationDto, NotificationPageDto, NotificationPreferencesDto } from './notifications.dto';
import { UUID } from '../common/uuid';

export class NotificationNotFoundError extends ApiError {
  constructor(id: string) {
    super('NOTIFICATION.NOT_FOUND', `Notification ${id} was not found.`);
  }
}

const NOTIFICATION_ROW = z.object({
  id: z.string(),
  // Free text in the table (the engine writes NotificationKind values; older or test rows may hold others).
  kind: z.string(),
  case_id: z.string().nullable(),
  permit_id: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  read_at: z.date().nullable(),
  created_at: z.date(),
  data: z.custom<NotificationData>((v) => typeof v === 'object' && v !== null),
});
type NotificationRow = z.infer<typeof NOTIFICATION_ROW>;
const TOTAL_ROW = z.object({ total: z.number().int(), unread: z.number().int() });
const COUNT_ROW = z.object({ n: z.number().int() });
const PREF_ROW = z.object({ kind: z.string(), email_mode: z.enum(EMAIL_MODES) });

export class NotificationPreferenceLockedError extends ApiError {
  constructor(kind: string) {
    super('NOTIFICATION.PREFERENCE_LOCKED', `E-mails of kind ${kind} are legally required notices and are always sent at once.`);
  }
}

const COLUMNS = sql.raw('id, kind, case_id, permit_id, title, body, read_at, created_at, data');

/**
 * The text in the reader's language: rendered from kind + parameters (`data`) when the kind has
 * a template and the row carries its parameters; otherwise the text stored at creation.
 */
function textIn(r: NotificationRow, lang: 'da' | 'en' | undefined): { title: string; body: string } {
  if (!lang || !isNotificationKind(r.kind) || typeof r.data.caseReference !== 'string') return { title: r.title, body: r.body };
  try {
    const x = renderNotification(r.kind, lang, r.data);
    return { title: x.subject, body: x.text };
  } catch {
    return { title: r.title, body: r.body };
  }
}

function toDto(r: NotificationRow, lang?: 'da' | 'en'): NotificationDto {
  return {
    id: r.id,
    kind: r.kind,
    caseId: r.case_id,
    permitId: r.permit_id,
    ...textIn(r, lang),
    readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/**
 * In-app notifications: created by the worker (deadline warnings, breaches, routing …), read
 * and marked read here. Strictly the caller's own: someone else's notification is a 404.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly ds: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly access: AccessService,
  ) {}

  /**
   * A company-side user reads notifications only of cases they may still see: a fuldmægtig's
   * notifications of a case disappear with the grant (revoked or run out, issue 14 point 6), like
   * the case itself. Other roles: every own notification.
   */
  private visible(p: Principal) {
    if (p.role !== 'applicant') return sql.raw('');
    return sql` AND (case_id IS NULL OR EXISTS (SELECT 1 FROM cases vc WHERE vc.id = notifications.case_id AND ${this.access.caseFilter(p, 'vc')}))`;
  }

  async list(p: Principal, q: { page: number; pageSize: number; unread?: boolean; lang?: 'da' | 'en' }): Promise<NotificationPageDto> {
    const filter = sql.raw(q.unread === true ? ' AND read_at IS NULL' : q.unread === false ? ' AND read_at IS NOT NULL' : '');
    const where = sql`WHERE user_id = ${p.userId}${filter}${this.visible(p)}`;
    const [{ total, unread }] = await queryRows(
      this.ds,
      TOTAL_ROW,
      sql`SELECT count(*)::int AS total, (SELECT count(*)::int FROM notifications WHERE user_id = ${p.userId} AND read_at IS NULL${this.visible(p)}) AS unread FROM notifications ${where}`,
    );
    const rows = await queryRows(this.ds, NOTIFICATION_ROW, sql`SELECT ${COLUMNS} FROM notifications ${where} ORDER BY created_at DESC, id DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`);
    return { items: rows.map((r) => toDto(r, q.lang)), page: q.page, pageSize: q.pageSize, total, unreadCount: unread };
  }

  /** Marks every unread notification of the caller read; returns how many changed. */
  async markAllRead(p: Principal): Promise<{ marked: number }> {
    const rows = await queryRows(this.ds, COUNT_ROW, sql`WITH up AS (UPDATE notifications SET read_at = ${this.clock.now()} WHERE user_id = ${p.userId} AND read_at IS NULL RETURNING 1) SELECT count(*)::int AS n FROM up`);
    return { marked: rows[0].n };
  }

  /** Every kind with the caller's e-mail mode (no stored choice = immediate). */
  async preferences(p: Principal): Promise<NotificationPreferencesDto> {
    const rows = await queryRows(this.ds, PREF_ROW, sql`SELECT kind, email_mode FROM notification_preferences WHERE user_id = ${p.userId}`);
    const stored = new Map(rows.map((r) => [r.kind, r.email_mode]));
    return {
      items: NOTIFICATION_KINDS.map((kind) => {
        const legallyRequired = isLegallyRequired(kind);
        return { kind, emailMode: legallyRequired ? 'immediate' : (stored.get(kind) ?? 'immediate'), legallyRequired };
      }),
    };
  }

  /** Sets the caller's modes; all or nothing (a locked kind set to anything but immediate → 422). */
  async updatePreferences(p: Principal, items: { kind: string; emailMode: 'immediate' | 'digest' | 'off' }[]): Promise<NotificationPreferencesDto> {
    const locked = items.find((i) => isLegallyRequired(i.kind) && i.emailMode !== 'immediate');
    if (locked) throw new NotificationPreferenceLockedError(locked.kind);
    await this.ds.transaction(async (m) => {
      for (const i of items) {
        if (isLegallyRequired(i.kind)) continue;
        await execute(
          m,
          sql`INSERT INTO notification_preferences (user_id, kind, email_mode, updated_at) VALUES (${p.userId}, ${i.kind}, ${i.emailMode}, ${this.clock.now()})
              ON CONFLICT (user_id, kind) DO UPDATE SET email_mode = EXCLUDED.email_mode, updated_at = EXCLUDED.updated_at`,
        );
      }
    });
    return this.preferences(p);
  }

  /** Idempotent: marking a read notification again keeps the first read time. */
  async markRead(p: Principal, id: string, lang?: 'da' | 'en'): Promise<NotificationDto> {
    if (!UUID.test(id)) throw new NotificationNotFoundError(id);
    const [row] = await queryRows(
      this.ds,
      NOTIFICATION_ROW,
      sql`UPDATE notifications SET read_at = COALESCE(read_at, ${this.clock.now()}) WHERE id = ${id} AND user_id = ${p.userId}${this.visible(p)} RETURNING ${COLUMNS}`,
    );
    if (!row) throw new NotificationNotFoundError(id);
    return toDto(row, lang);
  }
}
