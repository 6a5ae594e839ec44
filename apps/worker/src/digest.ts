import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { stillEntitledSql } from '@rl/case-engine';
import { execute, queryRows, sql } from '@rl/db';
import { DIGEST_MAX_ITEMS, isNotificationKind, MailerService, renderNotification, type DigestItem, type NotificationData } from '@rl/mailer';
import { CLOCK, type Clock, SystemClock, syncedNow } from '@rl/server-infra';

const DIGEST_USER_ROW = z.object({ user_id: z.string(), email: z.string(), locale: z.enum(['da', 'en']) });
const ID_ROW = z.object({ id: z.string() });
const DIGEST_ITEM_ROW = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  data: z.custom<NotificationData>((v) => typeof v === 'object' && v !== null),
  created_at: z.date(),
});

/** Some users' digests could not be sent (the others were, and are marked sent). */
export class DigestFailedError extends Error {
  constructor(
    readonly failedUsers: number,
    readonly users: number,
    readonly notificationsSent: number,
  ) {
    super(`digest failed for ${failedUsers} of ${users} users (${notificationsSent} notifications sent to the others)`);
  }
}

/**
 * The daily e-mail digest: per user, one e-mail listing every notification waiting with
 * `email_status = 'digest'` (kinds the user set to "daily digest"), then marks them sent. A
 * failed send leaves that user's rows waiting for the next run.
 */
@Injectable()
export class EmailDigestService {
  private readonly logger = new Logger(EmailDigestService.name);

  constructor(
    private readonly ds: DataSource,
    private readonly mailer: MailerService,
    @Optional() @Inject(CLOCK) private readonly clock: Clock = new SystemClock(),
  ) {}

  async sendAll(): Promise<{ users: number; notifications: number }> {
    // Waiting rows of a fuldmægtig whose grant was revoked or ran out since: not sent (issue 14 point 6).
    const now = await syncedNow(this.clock);
    await execute(
      this.ds,
      sql`UPDATE notifications n SET email_status = 'skipped' FROM users u
           WHERE u.id = n.user_id AND n.email_status = 'digest' AND u.role = 'applicant' AND NOT ${stillEntitledSql('n', 'u', now)}`,
    );
    const users = await queryRows(
      this.ds,
      DIGEST_USER_ROW,
      sql`SELECT DISTINCT n.user_id, u.email, u.locale FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.email_status = 'digest' AND u.deactivated_at IS NULL`,
    );
    // One recipient's failure (a mailbox that answers 550, a timeout) must not hold back everyone
    // after it: each user is tried, and the job fails at the end (to be retried) if any did.
    let notifications = 0;
    const failed: string[] = [];
    for (const u of users) {
      try {
        notifications += await this.sendOne(u);
      } catch (e) {
        failed.push(u.user_id);
        this.logger.warn(`digest to user ${u.user_id} failed: ${(e as Error).message}`);
      }
    }
    if (failed.length > 0) throw new DigestFailedError(failed.length, users.length, notifications);
    return { users: users.length, notifications };
  }

  /**
   * One user's digest: every waiting notification is in it — the oldest DIGEST_MAX_ITEMS listed,
   * the rest counted ("… and N more") — and all of them are marked sent. (Sending only the first
   * 500 and leaving the rest for tomorrow made a user with more than 500 a day fall further behind
   * every day.)
   */
  private async sendOne(u: z.infer<typeof DIGEST_USER_ROW>): Promise<number> {
    const all = await queryRows(this.ds, ID_ROW, sql`SELECT id FROM notifications WHERE user_id = ${u.user_id} AND email_status = 'digest' ORDER BY created_at, id`);
    if (all.length === 0) return 0;
    const rows = await queryRows(
      this.ds,
      DIGEST_ITEM_ROW,
      sql`SELECT id, kind, title, data, created_at FROM notifications WHERE id = ANY(${all.slice(0, DIGEST_MAX_ITEMS).map((r) => r.id)}::uuid[]) ORDER BY created_at, id`,
    );
    // Subjects in the recipient's language of today (rendered from kind + data; stored title as fallback).
    const items: DigestItem[] = rows.map((r) => ({
      subject: isNotificationKind(r.kind) ? renderNotification(r.kind, u.locale, r.data).subject : r.title,
      createdAt: r.created_at,
    }));
    // The same set of notifications makes the same Message-ID (a retried digest is the same message).
    const messageId = `digest-${u.user_id}-${all.length}-${all[all.length - 1].id}`;
    await this.mailer.sendDigest({ to: u.email, locale: u.locale, items, more: all.length - Math.min(all.length, DIGEST_MAX_ITEMS), messageId });
    const ids = all.map((r) => r.id);
    await execute(this.ds, sql`UPDATE notifications SET email_status = 'sent', emailed_at = now() WHERE id = ANY(${ids}::uuid[]) AND email_status = 'digest'`);
    this.logger.debug(`digest of ${ids.length} (${rows.length} listed) → ${u.email}`);
    return ids.length;
  }
}
