import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A new application for a permit after a refusal or an appeal board's overturn (issue 13 item 1):
 * a new permit row in the same case, linked to the one it replaces (`replaces_permit_id`); the old
 * row records its successor (`superseded_by`, no foreign key: it is set in the same transaction
 * just before the successor is inserted). One current permit per code and case (the partial
 * unique index replaces UNIQUE (case_id, code)); a permit is replaced at most once.
 */
export class AddPermitReapplication1764000008000 implements MigrationInterface {
  name = 'AddPermitReapplication1764000008000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE permits ADD COLUMN replaces_permit_id uuid REFERENCES permits(id), ADD COLUMN superseded_by uuid`);
    await q.query(`ALTER TABLE permits DROP CONSTRAINT permits_case_id_code_key`);
    await q.query(`CREATE UNIQUE INDEX permits_case_code_current ON permits (case_id, code) WHERE superseded_by IS NULL`);
    await q.query(`CREATE UNIQUE INDEX permits_replaces_once ON permits (replaces_permit_id) WHERE replaces_permit_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX permits_replaces_once`);
    await q.query(`DROP INDEX permits_case_code_current`);
    await q.query(`DELETE FROM permits WHERE replaces_permit_id IS NOT NULL`);
    await q.query(`ALTER TABLE permits ADD CONSTRAINT permits_case_id_code_key UNIQUE (case_id, code)`);
    await q.query(`ALTER TABLE permits DROP COLUMN superseded_by, DROP COLUMN replaces_permit_id`);
  }
}
