import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18 item 3: case bundles imported from another instance by an operator (CLI). An imported
 * case is a read-only record (its JSON files and documents as exported, checked against the
 * manifest's SHA-256 sums), not a live case: the engine's machine snapshots are not part of the
 * open format. Idempotent: one row per (source, original case, bundle SHA-256). Every import
 * attempt is logged in case_import_log (append-only).
 */
export class CreateCaseImports1764000160300 implements MigrationInterface {
  name = 'CreateCaseImports1764000160300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        source text NOT NULL,
        original_case_id uuid NOT NULL,
        reference text NOT NULL,
        bundle_sha256 text NOT NULL CHECK (bundle_sha256 ~ '^[0-9a-f]{64}$'),
        manifest jsonb NOT NULL,
        case_json jsonb NOT NULL,
        files jsonb NOT NULL,
        imported_by text NOT NULL,
        imported_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (source, original_case_id, bundle_sha256)
      )`);
    await q.query(`
      CREATE TABLE case_import_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_import_id uuid NOT NULL REFERENCES case_imports(id),
        path text NOT NULL,
        sha256 text NOT NULL,
        size_bytes bigint NOT NULL,
        content_type text NOT NULL,
        storage_key text NOT NULL,
        UNIQUE (case_import_id, path)
      )`);
    await q.query(`
      CREATE TABLE case_import_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        action text NOT NULL CHECK (action IN ('bundle.imported', 'bundle.alreadyImported', 'bundle.refused')),
        bundle_sha256 text NOT NULL,
        case_import_id uuid REFERENCES case_imports(id),
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`
      CREATE FUNCTION case_import_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_import_log is append-only';
      END $$`);
    await q.query(`CREATE TRIGGER case_import_log_no_update BEFORE UPDATE OR DELETE ON case_import_log FOR EACH ROW EXECUTE FUNCTION case_import_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_import_log`);
    await q.query(`DROP FUNCTION case_import_log_append_only()`);
    await q.query(`DROP TABLE case_import_documents`);
    await q.query(`DROP TABLE case_imports`);
  }
}
