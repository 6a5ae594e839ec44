import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14: the application itself. One structured application per case (shared part + one
 * section per permit type, validated against the catalogue's JSON Schemas), kept in every
 * version so an authority sees what changed since it last looked; documents tied to a permit's
 * required document; a permit filed with missing items is flagged with the list; a completeness
 * deadline per permit (catalogue `completenessCheck`) warned and breached through the ordinary
 * deadline-alert path; a permit the company holds back when submitting the case.
 */
export class CreateCaseApplications1764000130100 implements MigrationInterface {
  name = 'CreateCaseApplications1764000130100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_applications (
        case_id uuid PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
        version int NOT NULL DEFAULT 1 CHECK (version >= 1),
        shared jsonb NOT NULL DEFAULT '{}'::jsonb,
        sections jsonb NOT NULL DEFAULT '{}'::jsonb,
        updated_by uuid REFERENCES users(id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Every saved version, append-only: the "changed since you last looked" diff compares two of them.
    await q.query(`
      CREATE TABLE case_application_versions (
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        version int NOT NULL,
        shared jsonb NOT NULL,
        sections jsonb NOT NULL,
        document_ids uuid[] NOT NULL DEFAULT '{}',
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, version)
      )`);
    // The application version a user last looked at, per permit (caseworker's permit page).
    await q.query(`
      CREATE TABLE application_reads (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        permit_id uuid NOT NULL REFERENCES permits(id) ON DELETE CASCADE,
        version int NOT NULL,
        read_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, permit_id)
      )`);
    await q.query(`ALTER TABLE documents ADD COLUMN requirement_key text NULL, ADD COLUMN document_type text NULL`);
    await q.query(`CREATE INDEX documents_permit_requirement_idx ON documents (permit_id, requirement_key) WHERE requirement_key IS NOT NULL`);
    await q.query(`
      ALTER TABLE permits
        ADD COLUMN filed_incomplete boolean NOT NULL DEFAULT false,
        ADD COLUMN missing_items jsonb NOT NULL DEFAULT '[]'::jsonb,
        ADD COLUMN completeness_due_on date NULL,
        ADD COLUMN filing_held boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE deadline_alerts DROP CONSTRAINT deadline_alerts_clock_check`);
    await q.query(`ALTER TABLE deadline_alerts ADD CONSTRAINT deadline_alerts_clock_check CHECK (clock IN ('target', 'statutory', 'validity', 'completeness'))`);
    // Cases created before this migration get an empty application (version 1), so every case has one.
    await q.query(`INSERT INTO case_applications (case_id) SELECT id FROM cases ON CONFLICT DO NOTHING`);
    await q.query(`INSERT INTO case_application_versions (case_id, version, shared, sections) SELECT case_id, 1, shared, sections FROM case_applications ON CONFLICT DO NOTHING`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM deadline_alerts WHERE clock = 'completeness'`);
    await q.query(`ALTER TABLE deadline_alerts DROP CONSTRAINT deadline_alerts_clock_check`);
    await q.query(`ALTER TABLE deadline_alerts ADD CONSTRAINT deadline_alerts_clock_check CHECK (clock IN ('target', 'statutory', 'validity'))`);
    await q.query(`ALTER TABLE permits DROP COLUMN filed_incomplete, DROP COLUMN missing_items, DROP COLUMN completeness_due_on, DROP COLUMN filing_held`);
    await q.query(`DROP INDEX documents_permit_requirement_idx`);
    await q.query(`ALTER TABLE documents DROP COLUMN requirement_key, DROP COLUMN document_type`);
    await q.query(`DROP TABLE application_reads`);
    await q.query(`DROP TABLE case_application_versions`);
    await q.query(`DROP TABLE case_applications`);
  }
}
