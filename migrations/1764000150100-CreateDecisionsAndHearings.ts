import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15: decision letters, public hearings and publication.
 * - `decision_documents`: one row per issued decision letter (PDF), linked to its `documents`
 *   row (listed with the case's documents, SHA-256 registered). Append-only like the audit log:
 *   a new decision is a new row that supersedes the old one (`supersedes_id`), never an edit.
 *   The PDF bytes are kept here too, so the worker attaches them to the e-mail from PostgreSQL
 *   (the record) without reaching into the API's document storage.
 * - `documents` rows cannot be updated any more (a registered document is immutable).
 * - `decision_drafts`: a draft sent to the company (partshøring) and its answer.
 * - `hearings` / `hearing_comments`: a hearing opened and closed by the permit transition;
 *   comments from the public (no login), late ones marked.
 */
export class CreateDecisionsAndHearings1764000150100 implements MigrationInterface {
  name = 'CreateDecisionsAndHearings1764000150100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE decision_documents (
        id uuid PRIMARY KEY,
        permit_id uuid NOT NULL REFERENCES permits(id),
        case_id uuid NOT NULL REFERENCES cases(id),
        document_id uuid NOT NULL UNIQUE REFERENCES documents(id),
        locale text NOT NULL CHECK (locale IN ('da', 'en')),
        outcome text NOT NULL CHECK (outcome IN ('granted', 'grantedWithConditions', 'refused')),
        conditions jsonb NOT NULL,
        appeal_deadline_on date,
        usable_from date,
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        pdf bytea NOT NULL,
        publish boolean NOT NULL,
        supersedes_id uuid UNIQUE REFERENCES decision_documents(id),
        issued_by uuid REFERENCES users(id),
        issued_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX decision_documents_permit_idx ON decision_documents (permit_id, issued_at)`);
    // The public list: published decisions whose klagefrist has not passed.
    await q.query(`CREATE INDEX decision_documents_published_idx ON decision_documents (appeal_deadline_on) WHERE publish`);
    await q.query(`
      CREATE FUNCTION immutable_row() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% rows are immutable', TG_TABLE_NAME;
      END $$`);
    await q.query(`CREATE TRIGGER decision_documents_immutable BEFORE UPDATE OR DELETE ON decision_documents FOR EACH ROW EXECUTE FUNCTION immutable_row()`);
    await q.query(`CREATE TRIGGER documents_immutable BEFORE UPDATE ON documents FOR EACH ROW EXECUTE FUNCTION immutable_row()`);

    await q.query(`
      CREATE TABLE decision_drafts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        permit_id uuid NOT NULL REFERENCES permits(id),
        case_id uuid NOT NULL REFERENCES cases(id),
        outcome text NOT NULL CHECK (outcome IN ('granted', 'grantedWithConditions', 'refused')),
        conditions jsonb NOT NULL,
        reasons text NOT NULL,
        sent_by uuid NOT NULL REFERENCES users(id),
        sent_at timestamptz NOT NULL,
        respond_by date NOT NULL,
        response text CHECK (response IN ('accepted', 'commented')),
        response_text text,
        responded_by uuid REFERENCES users(id),
        responded_at timestamptz,
        CHECK ((response IS NULL) = (responded_at IS NULL))
      )`);
    await q.query(`CREATE INDEX decision_drafts_permit_idx ON decision_drafts (permit_id, sent_at)`);

    await q.query(`
      CREATE TABLE hearings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        permit_id uuid NOT NULL REFERENCES permits(id),
        case_id uuid NOT NULL REFERENCES cases(id),
        audience text NOT NULL,
        document_ids uuid[] NOT NULL DEFAULT '{}',
        started_at timestamptz NOT NULL,
        earliest_end_at timestamptz NOT NULL,
        ended_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX hearings_one_open_idx ON hearings (permit_id) WHERE ended_at IS NULL`);
    await q.query(`
      CREATE TABLE hearing_comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        hearing_id uuid NOT NULL REFERENCES hearings(id),
        name text NOT NULL,
        email text NOT NULL,
        body text NOT NULL,
        attachment_filename text,
        attachment_content_type text,
        attachment_sha256 text,
        attachment bytea,
        late boolean NOT NULL,
        received_at timestamptz NOT NULL,
        considered_at timestamptz,
        considered_note text,
        considered_by uuid REFERENCES users(id),
        version int NOT NULL DEFAULT 1,
        CHECK ((attachment IS NULL) = (attachment_sha256 IS NULL))
      )`);
    await q.query(`CREATE INDEX hearing_comments_hearing_idx ON hearing_comments (hearing_id, received_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE hearing_comments`);
    await q.query(`DROP TABLE hearings`);
    await q.query(`DROP TABLE decision_drafts`);
    await q.query(`DROP TRIGGER documents_immutable ON documents`);
    await q.query(`DROP TABLE decision_documents`);
    await q.query(`DROP FUNCTION immutable_row()`);
  }
}
