import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16 item 5 (transparency): the company's consent to a public page of its case (FAST-41
 * dashboard style). One row per consent given; revoking it fills `revoked_*` (the row stays, so
 * the history of consents is kept beside the audit events `publication.consentGiven` /
 * `publication.consentRevoked`). At most one consent is in force per case.
 */
export class CreateCasePublicationConsents1764000240100 implements MigrationInterface {
  name = 'CreateCasePublicationConsents1764000240100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_publication_consents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id),
        granted_by uuid NOT NULL REFERENCES users(id),
        granted_at timestamptz NOT NULL,
        revoked_by uuid REFERENCES users(id),
        revoked_at timestamptz,
        CHECK ((revoked_by IS NULL) = (revoked_at IS NULL)),
        CHECK (revoked_at IS NULL OR revoked_at >= granted_at)
      )`);
    await q.query(`CREATE UNIQUE INDEX case_publication_consents_in_force ON case_publication_consents (case_id) WHERE revoked_at IS NULL`);
    await q.query(`CREATE INDEX case_publication_consents_case_idx ON case_publication_consents (case_id, granted_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_publication_consents`);
  }
}
