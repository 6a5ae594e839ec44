import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14 point 3, document versions: a new version supersedes the current one; every version
 * stays readable. Versions of one document share `lineage_id` (the id of its first version) and
 * are numbered 1, 2, …; `supersedes_id` is UNIQUE, so two concurrent uploads over the same
 * version cannot both win (the loser gets 409). A version's content and identity never change
 * (trigger); what may still change are links and descriptions (e.g. the requirement it serves).
 */
export class AddDocumentVersions1764000140200 implements MigrationInterface {
  name = 'AddDocumentVersions1764000140200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE documents ADD COLUMN lineage_id uuid`);
    await q.query(`ALTER TABLE documents ADD COLUMN version int NOT NULL DEFAULT 1 CHECK (version >= 1)`);
    await q.query(`ALTER TABLE documents ADD COLUMN supersedes_id uuid UNIQUE REFERENCES documents(id)`);
    await q.query(`UPDATE documents SET lineage_id = id`);
    await q.query(`ALTER TABLE documents ALTER COLUMN lineage_id SET NOT NULL`);
    await q.query(`ALTER TABLE documents ADD CONSTRAINT documents_lineage_version_key UNIQUE (lineage_id, version)`);
    await q.query(`ALTER TABLE documents ADD CONSTRAINT documents_first_version_check CHECK ((version = 1) = (supersedes_id IS NULL) AND (version > 1 OR lineage_id = id))`);
    // A first version is its own lineage: inserts that name no lineage (every upload written
    // before versions existed, and any writer that only adds documents) get lineage_id = id.
    await q.query(`
      CREATE FUNCTION documents_default_lineage() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.lineage_id := COALESCE(NEW.lineage_id, NEW.id);
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER documents_default_lineage BEFORE INSERT ON documents
      FOR EACH ROW EXECUTE FUNCTION documents_default_lineage()`);
    await q.query(`
      CREATE FUNCTION documents_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'document versions are kept (journaliseringspligt)';
        END IF;
        IF (NEW.case_id, NEW.filename, NEW.content_type, NEW.size_bytes, NEW.sha256, NEW.storage_key, NEW.uploaded_by, NEW.created_at, NEW.lineage_id, NEW.version, NEW.supersedes_id)
           IS DISTINCT FROM
           (OLD.case_id, OLD.filename, OLD.content_type, OLD.size_bytes, OLD.sha256, OLD.storage_key, OLD.uploaded_by, OLD.created_at, OLD.lineage_id, OLD.version, OLD.supersedes_id) THEN
          RAISE EXCEPTION 'a document version is immutable; upload a new version instead';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER documents_version_immutable BEFORE UPDATE OR DELETE ON documents
      FOR EACH ROW EXECUTE FUNCTION documents_version_immutable()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER documents_version_immutable ON documents`);
    await q.query(`DROP FUNCTION documents_version_immutable`);
    await q.query(`DROP TRIGGER documents_default_lineage ON documents`);
    await q.query(`DROP FUNCTION documents_default_lineage`);
    await q.query(`ALTER TABLE documents DROP CONSTRAINT documents_first_version_check`);
    await q.query(`ALTER TABLE documents DROP CONSTRAINT documents_lineage_version_key`);
    await q.query(`ALTER TABLE documents DROP COLUMN supersedes_id`);
    await q.query(`ALTER TABLE documents DROP COLUMN version`);
    await q.query(`ALTER TABLE documents DROP COLUMN lineage_id`);
  }
}
