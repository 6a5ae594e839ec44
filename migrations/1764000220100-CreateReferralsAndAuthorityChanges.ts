import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17 (across authorities), items 1 and 5.
 *
 * - `referrals`: the deciding authority of a permit asks another authority for an opinion or its
 *   consent, with a deadline (catalogue rule or chosen). The asked authority sees only the parts
 *   listed (`shared_part`, `document_ids`), answers with text and documents; after `due_on` the
 *   requester may proceed without an answer (`status = 'proceeded'`, recorded and audited).
 *   `stops_clock`: the permit's clock stops (reason `awaitingOtherAuthority`) while it is open.
 *   `version` guards concurrent writes (If-Match → 409). Written only by the case engine's writer.
 *   `overdue_notified_at`: the sweep told the asking authority once that the answer date passed.
 * - `permit_authority_changes`: the deciding authority of a permit changed mid-case — delegation
 *   between municipalities (L 206) or a minister's call-in — with reason and legal basis. The
 *   former authority keeps read access to what it did before `changed_at`.
 */
export class CreateReferralsAndAuthorityChanges1764000220100 implements MigrationInterface {
  name = 'CreateReferralsAndAuthorityChanges1764000220100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE referrals (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        permit_id uuid NOT NULL REFERENCES permits(id),
        from_authority_id uuid NOT NULL REFERENCES authorities(id),
        to_authority_id uuid NOT NULL REFERENCES authorities(id),
        kind text NOT NULL CHECK (kind IN ('opinion', 'consent')),
        rule_id text,
        question text NOT NULL,
        shared_part boolean NOT NULL DEFAULT true,
        document_ids uuid[] NOT NULL DEFAULT '{}',
        due_on date NOT NULL,
        stops_clock boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'proceeded')),
        requested_by uuid NOT NULL REFERENCES users(id),
        requested_at timestamptz NOT NULL,
        answer_text text,
        answer_document_ids uuid[] NOT NULL DEFAULT '{}',
        answer_consent text CHECK (answer_consent IN ('given', 'refused')),
        answered_by uuid REFERENCES users(id),
        answered_at timestamptz,
        answered_late boolean,
        proceeded_by uuid REFERENCES users(id),
        proceeded_at timestamptz,
        proceed_note text,
        overdue_notified_at timestamptz,
        version int NOT NULL DEFAULT 1 CHECK (version > 0),
        CHECK (from_authority_id <> to_authority_id),
        CHECK ((status = 'answered') = (answered_at IS NOT NULL)),
        CHECK ((status = 'proceeded') = (proceeded_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX referrals_inbox_idx ON referrals (to_authority_id, status, due_on)`);
    await q.query(`CREATE INDEX referrals_permit_idx ON referrals (permit_id)`);
    await q.query(`CREATE INDEX referrals_case_idx ON referrals (case_id)`);
    await q.query(`
      CREATE TABLE permit_authority_changes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id),
        permit_id uuid NOT NULL REFERENCES permits(id),
        kind text NOT NULL CHECK (kind IN ('delegation', 'callIn')),
        from_authority_id uuid NOT NULL REFERENCES authorities(id),
        to_authority_id uuid NOT NULL REFERENCES authorities(id),
        reason text NOT NULL,
        legal_basis text NOT NULL,
        changed_by uuid NOT NULL REFERENCES users(id),
        changed_at timestamptz NOT NULL,
        CHECK (from_authority_id <> to_authority_id)
      )`);
    await q.query(`CREATE INDEX permit_authority_changes_from_idx ON permit_authority_changes (from_authority_id, case_id)`);
    await q.query(`CREATE INDEX permit_authority_changes_permit_idx ON permit_authority_changes (permit_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE permit_authority_changes`);
    await q.query(`DROP TABLE referrals`);
  }
}
