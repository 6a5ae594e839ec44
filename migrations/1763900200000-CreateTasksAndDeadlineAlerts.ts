import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Authority inbox tasks and deadline alerts, both written in the transition's transaction so
 * PostgreSQL stays the record: Redis only carries delayed jobs and e-mail sends that can be
 * re-derived from these rows (the sweep does exactly that).
 */
export class CreateTasksAndDeadlineAlerts1763900200000 implements MigrationInterface {
  name = 'CreateTasksAndDeadlineAlerts1763900200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        permit_id uuid NOT NULL UNIQUE REFERENCES permits(id),
        case_id uuid NOT NULL REFERENCES cases(id),
        authority_id uuid NOT NULL REFERENCES authorities(id),
        kind text NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
        assigned_to uuid REFERENCES users(id),
        national_strategic boolean NOT NULL DEFAULT false,
        routed_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        version int NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX tasks_inbox_idx ON tasks (authority_id, status)`);

    // One row per (permit, clock, threshold, due instant): the unique key makes each alert fire
    // exactly once, whatever Redis does. A reschedule (stop/resume/extension) deletes the
    // unfired rows and inserts rows for the new instants.
    await q.query(`
      CREATE TABLE deadline_alerts (
        id bigserial PRIMARY KEY,
        permit_id uuid NOT NULL REFERENCES permits(id),
        case_id uuid NOT NULL REFERENCES cases(id),
        clock text NOT NULL CHECK (clock IN ('target', 'statutory')),
        threshold text NOT NULL CHECK (threshold IN ('warning', 'breach')),
        due_at timestamptz NOT NULL,
        fired_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (permit_id, clock, threshold, due_at)
      )`);
    await q.query(`CREATE INDEX deadline_alerts_due_idx ON deadline_alerts (due_at) WHERE fired_at IS NULL`);
    await q.query(`CREATE INDEX deadline_alerts_permit_idx ON deadline_alerts (permit_id)`);

    await q.query(`ALTER TABLE notifications ADD COLUMN data jsonb NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE notifications ADD COLUMN email_status text NOT NULL DEFAULT 'none' CHECK (email_status IN ('none', 'pending', 'sent', 'failed'))`);
    await q.query(`ALTER TABLE notifications ADD COLUMN emailed_at timestamptz`);
    await q.query(`CREATE INDEX notifications_email_pending_idx ON notifications (created_at) WHERE email_status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notifications_email_pending_idx`);
    await q.query(`ALTER TABLE notifications DROP COLUMN emailed_at, DROP COLUMN email_status, DROP COLUMN data`);
    await q.query(`DROP TABLE deadline_alerts`);
    await q.query(`DROP TABLE tasks`);
  }
}
