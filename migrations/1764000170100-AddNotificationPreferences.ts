import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 19: per-user e-mail preferences per notification kind (immediate / daily digest / off)
 * and two more e-mail states for a notification: `digest` (waits for the user's daily digest)
 * and `skipped` (the user turned e-mail off for this kind). No row = immediate (the default).
 */
export class AddNotificationPreferences1764000170100 implements MigrationInterface {
  name = 'AddNotificationPreferences1764000170100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_preferences (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind text NOT NULL,
        email_mode text NOT NULL CHECK (email_mode IN ('immediate', 'digest', 'off')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, kind)
      )`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_email_status_check`);
    await q.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_email_status_check CHECK (email_status IN ('none', 'pending', 'sent', 'failed', 'digest', 'skipped'))`);
    await q.query(`CREATE INDEX notifications_email_digest_idx ON notifications (user_id, created_at) WHERE email_status = 'digest'`);
    // The unread badge counts a user's unread notifications on every page view.
    await q.query(`CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notifications_unread_idx`);
    await q.query(`DROP INDEX notifications_email_digest_idx`);
    await q.query(`UPDATE notifications SET email_status = 'sent' WHERE email_status IN ('digest', 'skipped')`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_email_status_check`);
    await q.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_email_status_check CHECK (email_status IN ('none', 'pending', 'sent', 'failed'))`);
    await q.query(`DROP TABLE notification_preferences`);
  }
}
