import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appendOnlyTrigger } from './sql-shapes';

/**
 * Issue 19: who claimed, took over or assigned an authority task, and from whom. A table of its
 * own, append-only like `audit_events`, which records workflow transitions only (one row per
 * accepted event).
 */
export class CreateTaskAssignmentAudit1764000170200 implements MigrationInterface {
  name = 'CreateTaskAssignmentAudit1764000170200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE task_assignment_events (
        id bigserial PRIMARY KEY,
        task_id uuid NOT NULL REFERENCES tasks(id),
        permit_id uuid NOT NULL REFERENCES permits(id),
        actor_user_id uuid NOT NULL REFERENCES users(id),
        action text NOT NULL CHECK (action IN ('claimed', 'takenOver', 'assigned')),
        previous_assignee uuid REFERENCES users(id),
        new_assignee uuid NOT NULL REFERENCES users(id),
        occurred_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX task_assignment_events_permit_idx ON task_assignment_events (permit_id, id)`);
    await q.query(appendOnlyTrigger('task_assignment_events'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE task_assignment_events`);
  }
}
