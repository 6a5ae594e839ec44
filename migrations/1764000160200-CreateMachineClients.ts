import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18 item 2: machine clients (OAuth2 client credentials) of an authority's case system.
 * Each client acts through a service user of its authority (role caseworker), so it can do what
 * the authority's caseworkers can and its audit rows name it (`users.username = client:<id>`).
 * Secrets are stored as scrypt hashes; during a rotation the previous hash stays valid until
 * `previous_secret_expires_at`. Management is audited in directory_audit.
 */
export class CreateMachineClients1764000160200 implements MigrationInterface {
  name = 'CreateMachineClients1764000160200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE machine_clients (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        client_id text NOT NULL UNIQUE CHECK (client_id ~ '^rlc_[A-Za-z0-9_-]{16,64}$'),
        name text NOT NULL,
        authority_id uuid NOT NULL REFERENCES authorities(id),
        user_id uuid NOT NULL UNIQUE REFERENCES users(id),
        scopes text[] NOT NULL,
        secret_hash text NOT NULL,
        previous_secret_hash text,
        previous_secret_expires_at timestamptz,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        version int NOT NULL DEFAULT 1
      )`);
    await q.query(`ALTER TABLE directory_audit DROP CONSTRAINT IF EXISTS directory_audit_action_check`);
    await q.query(
      `ALTER TABLE directory_audit ADD CONSTRAINT directory_audit_action_check
         CHECK (action IN ('identity.linked', 'identity.unlinked', 'user.deactivated', 'user.reactivated', 'user.created', 'client.created', 'client.secretRotated', 'client.revoked'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM directory_audit WHERE action LIKE 'client.%'`);
    await q.query(`ALTER TABLE directory_audit DROP CONSTRAINT directory_audit_action_check`);
    await q.query(
      `ALTER TABLE directory_audit ADD CONSTRAINT directory_audit_action_check
         CHECK (action IN ('identity.linked', 'identity.unlinked', 'user.deactivated', 'user.reactivated', 'user.created'))`,
    );
    await q.query(`DROP TABLE machine_clients`);
  }
}
