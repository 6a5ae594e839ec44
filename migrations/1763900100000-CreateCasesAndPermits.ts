import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appendOnlyTrigger } from './sql-shapes';

/**
 * Cases, permits (with machine snapshots and clock columns), the append-only audit log, the
 * transactional outbox, idempotency keys, documents and in-app notifications.
 */
export class CreateCasesAndPermits1763900100000 implements MigrationInterface {
  name = 'CreateCasesAndPermits1763900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE case_reference_seq`);
    await q.query(`
      CREATE TABLE cases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference text NOT NULL UNIQUE,
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        facts jsonb NOT NULL,
        catalog_version text NOT NULL,
        state text NOT NULL,
        machine_id text NOT NULL,
        machine_version int NOT NULL,
        snapshot jsonb NOT NULL,
        version int NOT NULL DEFAULT 1 CHECK (version > 0),
        simple boolean NOT NULL,
        ceiling_months int NOT NULL CHECK (ceiling_months IN (12, 18)),
        national_strategic boolean NOT NULL DEFAULT false,
        submitted_at timestamptz,
        ceiling_due_on date,
        completed_at timestamptz,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX cases_org_idx ON cases (organisation_id, created_at DESC)`);
    await q.query(`CREATE INDEX cases_state_idx ON cases (state)`);

    await q.query(`
      CREATE TABLE permits (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id),
        code text NOT NULL,
        authority_id uuid NOT NULL REFERENCES authorities(id),
        state text NOT NULL,
        outcome text,
        machine_id text NOT NULL,
        machine_version int NOT NULL,
        snapshot jsonb NOT NULL,
        version int NOT NULL DEFAULT 1 CHECK (version > 0),
        prerequisites jsonb NOT NULL DEFAULT '[]',
        reasons jsonb NOT NULL DEFAULT '[]',
        assigned_to uuid REFERENCES users(id),
        received_at timestamptz,
        complete_on date,
        target_unit text,
        target_length int,
        target_kind text,
        target_due_on date,
        statutory_unit text,
        statutory_length int,
        statutory_due_on date,
        stops jsonb NOT NULL DEFAULT '[]',
        extensions jsonb NOT NULL DEFAULT '[]',
        decided_at timestamptz,
        appeal_deadline_on date,
        final_at timestamptz,
        usable_from date,
        risk text NOT NULL DEFAULT 'onTrack',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (case_id, code)
      )`);
    await q.query(`CREATE INDEX permits_authority_idx ON permits (authority_id, state)`);
    await q.query(`CREATE INDEX permits_case_idx ON permits (case_id)`);

    // Append-only: every transition and document, who/role/what/when (UTC)/from/to/reason.
    await q.query(`
      CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        permit_id uuid REFERENCES permits(id),
        actor_user_id uuid REFERENCES users(id),
        actor_role text NOT NULL,
        event_type text NOT NULL,
        from_state text,
        to_state text,
        reason text,
        payload jsonb NOT NULL DEFAULT '{}',
        occurred_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX audit_case_idx ON audit_events (case_id, id)`);
    await q.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only';
      END $$`);
    await q.query(appendOnlyTrigger('audit_events'));

    // Transactional outbox: written in the same transaction as the state change, relayed to
    // BullMQ after commit (at-least-once; consumers are idempotent).
    await q.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        aggregate_type text NOT NULL,
        aggregate_id uuid NOT NULL,
        type text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        attempts int NOT NULL DEFAULT 0
      )`);
    await q.query(`CREATE INDEX outbox_unsent_idx ON outbox (id) WHERE sent_at IS NULL`);

    // Idempotency-Key (draft-ietf-httpapi-idempotency-key-header): same key + same body
    // replays the stored response; same key + different body is refused.
    await q.query(`
      CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL REFERENCES users(id),
        key text NOT NULL,
        method text NOT NULL,
        path text NOT NULL,
        request_hash text NOT NULL,
        response_status int,
        response_body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      )`);

    await q.query(`
      CREATE TABLE documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id),
        permit_id uuid REFERENCES permits(id),
        filename text NOT NULL,
        content_type text NOT NULL,
        size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        storage_key text NOT NULL UNIQUE,
        description text NOT NULL DEFAULT '',
        uploaded_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX documents_case_idx ON documents (case_id, created_at)`);

    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        kind text NOT NULL,
        case_id uuid REFERENCES cases(id),
        permit_id uuid REFERENCES permits(id),
        title text NOT NULL,
        body text NOT NULL DEFAULT '',
        dedupe_key text NOT NULL UNIQUE,
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['notifications', 'documents', 'idempotency_keys', 'outbox']) await q.query(`DROP TABLE ${t}`);
    await q.query(`DROP TABLE audit_events`);
    await q.query(`DROP FUNCTION audit_events_append_only`);
    await q.query(`DROP TABLE permits`);
    await q.query(`DROP TABLE cases`);
    await q.query(`DROP SEQUENCE case_reference_seq`);
  }
}
