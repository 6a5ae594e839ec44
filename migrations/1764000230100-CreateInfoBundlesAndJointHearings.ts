import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17 items 2 and 3: one information request across authorities, and joint hearings.
 *
 * - `info_bundles`: one request to the company covering questions of several permits of ONE
 *   case, with one answer deadline (`due_on`). `draft` while authorities add questions (at most
 *   one draft per case: a second caseworker bundling joins the same draft), `sent` when every
 *   covered permit's own `authority.infoRequested` transition ran, `answered` when the company's
 *   one answer ran `applicant.infoProvided` on each. `version` guards If-Match (409 when stale).
 * - `info_bundle_questions`: a question once per bundle (`question_key` = normalised text), with
 *   the company's one answer and its documents.
 * - `info_bundle_question_permits`: which permits asked a question (and which caseworker asked).
 * - `info_bundle_permits`: the permits a bundle covers; a permit is in at most ONE open bundle
 *   (unique index), so two caseworkers bundling the same question can never stop a clock twice.
 * - `joint_hearings`: one public hearing covering several permits of one case (`draft` while
 *   authorities add their permits, `open`, `ended`); its `earliest_end_at` is the latest of the
 *   covered permits' own earliest ends (the longest minimum). `joint_hearing_permits`: which
 *   permits (and which caseworker added each; a permit in at most one open joint hearing).
 *   `hearings.joint_hearing_id` links each permit's own hearing row to it.
 */
export class CreateInfoBundlesAndJointHearings1764000230100 implements MigrationInterface {
  name = 'CreateInfoBundlesAndJointHearings1764000230100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE info_bundles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id),
        status text NOT NULL CHECK (status IN ('draft', 'sent', 'answered')),
        due_on date NOT NULL,
        version int NOT NULL DEFAULT 1 CHECK (version > 0),
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL,
        sent_by uuid REFERENCES users(id),
        sent_at timestamptz,
        answered_by uuid REFERENCES users(id),
        answered_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX info_bundles_one_draft_idx ON info_bundles (case_id) WHERE status = 'draft'`);
    await q.query(`CREATE INDEX info_bundles_case_idx ON info_bundles (case_id, created_at)`);
    await q.query(`
      CREATE TABLE info_bundle_questions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        bundle_id uuid NOT NULL REFERENCES info_bundles(id),
        question_key text NOT NULL,
        question text NOT NULL,
        position int NOT NULL,
        created_at timestamptz NOT NULL,
        answer text,
        document_ids uuid[] NOT NULL DEFAULT '{}',
        answered_at timestamptz,
        UNIQUE (bundle_id, question_key)
      )`);
    await q.query(`
      CREATE TABLE info_bundle_question_permits (
        question_id uuid NOT NULL REFERENCES info_bundle_questions(id),
        permit_id uuid NOT NULL REFERENCES permits(id),
        asked_by uuid NOT NULL REFERENCES users(id),
        PRIMARY KEY (question_id, permit_id)
      )`);
    await q.query(`
      CREATE TABLE info_bundle_permits (
        bundle_id uuid NOT NULL REFERENCES info_bundles(id),
        permit_id uuid NOT NULL REFERENCES permits(id),
        asked_by uuid NOT NULL REFERENCES users(id),
        open boolean NOT NULL DEFAULT true,
        PRIMARY KEY (bundle_id, permit_id)
      )`);
    await q.query(`CREATE UNIQUE INDEX info_bundle_permits_one_open_idx ON info_bundle_permits (permit_id) WHERE open`);
    await q.query(`
      CREATE TABLE joint_hearings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id),
        status text NOT NULL CHECK (status IN ('draft', 'open', 'ended')),
        audience text NOT NULL,
        document_ids uuid[] NOT NULL DEFAULT '{}',
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL,
        started_by uuid REFERENCES users(id),
        started_at timestamptz,
        earliest_end_at timestamptz,
        ended_by uuid REFERENCES users(id),
        ended_at timestamptz,
        version int NOT NULL DEFAULT 1 CHECK (version > 0)
      )`);
    await q.query(`
      CREATE TABLE joint_hearing_permits (
        joint_hearing_id uuid NOT NULL REFERENCES joint_hearings(id),
        permit_id uuid NOT NULL REFERENCES permits(id),
        added_by uuid NOT NULL REFERENCES users(id),
        minimum_basis text,
        open boolean NOT NULL DEFAULT true,
        PRIMARY KEY (joint_hearing_id, permit_id)
      )`);
    await q.query(`CREATE UNIQUE INDEX joint_hearing_permits_one_open_idx ON joint_hearing_permits (permit_id) WHERE open`);
    await q.query(`CREATE INDEX joint_hearings_case_idx ON joint_hearings (case_id)`);
    await q.query(`ALTER TABLE hearings ADD COLUMN joint_hearing_id uuid REFERENCES joint_hearings(id)`);
    await q.query(`CREATE INDEX hearings_joint_idx ON hearings (joint_hearing_id) WHERE joint_hearing_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE hearings DROP COLUMN joint_hearing_id`);
    await q.query(`DROP TABLE joint_hearing_permits, joint_hearings, info_bundle_permits, info_bundle_question_permits, info_bundle_questions, info_bundles`);
  }
}
