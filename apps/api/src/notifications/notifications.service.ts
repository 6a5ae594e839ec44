import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '@rl/server-infra';
import type { Principal } from '../auth';
import { ApiError } from '../common/problem';
import type { NotificationDto, NotificationPageDto } from './notifications.dto';

export class NotificationNotFoundError extends ApiError {
  constructor(id: string) {
    super('NOTIFICATION.NOT_FOUND', `Notification ${id} was not found.`);
  }
}

interface NotificationRow {
  id: string;
  kind: string;
  case_id: string | null;
  permit_id: string | null;
  title: string;
  body: string;
  read_at: Date | null;
  created_at: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COLUMNS = 'id, kind, case_id, permit_id, title, body, read_at, created_at';

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
    const filter = q.unread === true ? ' AND read_at IS NULL' : q.unread === false ? ' AND read_at IS NOT NULL' : '';
    const where = `WHERE user_id = $1${filter}`;
    const [{ total }]: { total: number }[] = await this.ds.query(`SELECT count(*)::int AS total FROM notifications ${where}`, [p.userId]);
    const rows: NotificationRow[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM notifications ${where} ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
      [p.userId, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return { items: rows.map(toDto), page: q.page, pageSize: q.pageSize, total };
  }

  /** Idempotent: marking a read notification again keeps the first read time. */
  async markRead(p: Principal, id: string): Promise<NotificationDto> {
    if (!UUID.test(id)) throw new NotificationNotFoundError(id);
    const rows: NotificationRow[] = await this.ds.query(
      `UPDATE notifications SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND user_id = $2 RETURNING ${COLUMNS}`,
      [id, p.userId, this.clock.now()],
    );
    // TypeORM's query() returns [rows, affected] for UPDATE … RETURNING on PostgreSQL.
    const list = Array.isArray(rows[0]) ? (rows[0] as unknown as NotificationRow[]) : rows;
    if (list.length === 0) throw new NotificationNotFoundError(id);
    return toDto(list[0]);
  }
}
