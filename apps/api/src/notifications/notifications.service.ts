import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { queryRows, sql } from '@rl/db';
import { CLOCK, type Clock } from '@rl/server-infra';
import type { Principal } from '../auth';
import { ApiError } from '../common/problem';
import type { NotificationDto, NotificationPageDto } from './notifications.dto';

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
});
type NotificationRow = z.infer<typeof NOTIFICATION_ROW>;
const TOTAL_ROW = z.object({ total: z.number().int() });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COLUMNS = sql.raw('id, kind, case_id, permit_id, title, body, read_at, created_at');

function toDto(r: NotificationRow): NotificationDto {
  return {
    id: r.id,
    kind: r.kind,
    caseId: r.case_id,
    permitId: r.permit_id,
    title: r.title,
    body: r.body,
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
  ) {}

  async list(p: Principal, q: { page: number; pageSize: number; unread?: boolean }): Promise<NotificationPageDto> {
    const filter = sql.raw(q.unread === true ? ' AND read_at IS NULL' : q.unread === false ? ' AND read_at IS NOT NULL' : '');
    const where = sql`WHERE user_id = ${p.userId}${filter}`;
    const [{ total }] = await queryRows(this.ds, TOTAL_ROW, sql`SELECT count(*)::int AS total FROM notifications ${where}`);
    const rows = await queryRows(this.ds, NOTIFICATION_ROW, sql`SELECT ${COLUMNS} FROM notifications ${where} ORDER BY created_at DESC, id DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`);
    return { items: rows.map(toDto), page: q.page, pageSize: q.pageSize, total };
  }

  /** Idempotent: marking a read notification again keeps the first read time. */
  async markRead(p: Principal, id: string): Promise<NotificationDto> {
    if (!UUID.test(id)) throw new NotificationNotFoundError(id);
    const [row] = await queryRows(
      this.ds,
      NOTIFICATION_ROW,
      sql`UPDATE notifications SET read_at = COALESCE(read_at, ${this.clock.now()}) WHERE id = ${id} AND user_id = ${p.userId} RETURNING ${COLUMNS}`,
    );
    if (!row) throw new NotificationNotFoundError(id);
    return toDto(row);
  }
}
