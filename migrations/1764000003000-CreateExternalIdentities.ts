import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * OIDC identities are (issuer, subject) pairs linked to a user by an admin or by the
 * `link-admin` CLI, never found by a username or e-mail claim (issue 12.1). Users can be
 * deactivated; every directory change is audited (who, when, what).
 *
 * Replaces `users.external_subject`, which had no issuer: a subject is only unique within its
 * issuer. Existing values are carried over with the issuer in OIDC_ISSUER (the one issuer the
 * API trusted when they were written); without it the migration refuses rather than guess.
 */
export class CreateExternalIdentities1764000003000 implements MigrationInterface {
  name = 'CreateExternalIdentities1764000003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE user_external_identities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        issuer text NOT NULL CHECK (length(issuer) BETWEEN 1 AND 2048),
        subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        linked_at timestamptz NOT NULL DEFAULT now(),
        linked_by uuid REFERENCES users(id),
        UNIQUE (issuer, subject)
      )`);
    await q.query(`CREATE INDEX user_external_identities_user_idx ON user_external_identities (user_id)`);
    await q.query(`ALTER TABLE users ADD COLUMN deactivated_at timestamptz`);
    await q.query(`
      CREATE TABLE directory_audit (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_user_id uuid REFERENCES users(id),
        actor text NOT NULL CHECK (actor IN ('admin', 'cli')),
        action text NOT NULL CHECK (action IN ('identity.linked', 'identity.unlinked', 'user.deactivated', 'user.reactivated', 'user.created')),
        target_user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        details jsonb NOT NULL DEFAULT '{}',
        CHECK ((actor = 'admin') = (actor_user_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX directory_audit_target_idx ON directory_audit (target_user_id, id)`);

    const [{ n }] = await q.query(`SELECT count(*)::int AS n FROM users WHERE external_subject IS NOT NULL`);
    if (n > 0) {
      const issuer = process.env.OIDC_ISSUER;
      if (!issuer) throw new Error(`${n} users have an external_subject: set OIDC_ISSUER (the issuer of those subjects) for this migration`);
      await q.query(
        `INSERT INTO user_external_identities (issuer, subject, user_id) SELECT $1, external_subject, id FROM users WHERE external_subject IS NOT NULL`,
        [issuer],
      );
      await q.query(
        `INSERT INTO directory_audit (actor, action, target_user_id, details)
         SELECT 'cli', 'identity.linked', id, jsonb_build_object('issuer', $1::text, 'subject', external_subject, 'migratedFrom', 'users.external_subject')
           FROM users WHERE external_subject IS NOT NULL`,
        [issuer],
      );
    }
    await q.query(`ALTER TABLE users DROP COLUMN external_subject`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN external_subject text UNIQUE`);
    await q.query(`
      UPDATE users u SET external_subject = i.subject
        FROM (SELECT DISTINCT ON (user_id) user_id, subject FROM user_external_identities ORDER BY user_id, linked_at) i
       WHERE i.user_id = u.id`);
    await q.query(`DROP TABLE directory_audit`);
    await q.query(`ALTER TABLE users DROP COLUMN deactivated_at`);
    await q.query(`DROP TABLE user_external_identities`);
  }
}
