import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appendOnlyTrigger } from './sql-shapes';

/**
 * Issue 14 point 6, acting for a company (fuldmagt): a company user grants a colleague or an
 * external consultant access to the company's cases (all of them, or one) with a role
 * (read / prepare / submit), for a period, revocably. The grant is an invitation until the
 * invitee accepts it with the one-time token sent by e-mail (only its SHA-256 is stored).
 *
 * Every audit row now names who acted for whom: `actor_organisation_id` (the actor's own
 * organisation, e.g. the consultancy) and `on_behalf_of_organisation_id` (the company whose
 * case it is). A BEFORE INSERT trigger fills both for company-side actors, so every writer —
 * the engine's one writer, uploads, and writers added later — records it without each having
 * to remember, and the append-only row keeps the fact even after the grant is revoked.
 */
export class CreateProxyGrants1764000140100 implements MigrationInterface {
  name = 'CreateProxyGrants1764000140100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE proxy_grants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        case_id uuid REFERENCES cases(id),
        invitee_email text NOT NULL CHECK (invitee_email ~ '^[^@\\s]+@[^@\\s]+$'),
        grantee_user_id uuid REFERENCES users(id),
        role text NOT NULL CHECK (role IN ('read', 'prepare', 'submit')),
        valid_from timestamptz NOT NULL,
        valid_until timestamptz NOT NULL,
        token_sha256 text NOT NULL UNIQUE CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
        invited_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        accepted_at timestamptz,
        revoked_at timestamptz,
        revoked_by uuid REFERENCES users(id),
        version int NOT NULL DEFAULT 1,
        CHECK (valid_until > valid_from),
        CHECK ((accepted_at IS NULL) = (grantee_user_id IS NULL)),
        CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
      )`);
    // The access predicate looks grants up by grantee (every request of a consultant).
    await q.query(`CREATE INDEX proxy_grants_grantee_idx ON proxy_grants (grantee_user_id, organisation_id) WHERE grantee_user_id IS NOT NULL AND revoked_at IS NULL`);
    await q.query(`CREATE INDEX proxy_grants_org_idx ON proxy_grants (organisation_id, created_at DESC)`);

    // Append-only history of each grant (invited, accepted, revoked): who, when, what.
    await q.query(`
      CREATE TABLE proxy_grant_events (
        id bigserial PRIMARY KEY,
        grant_id uuid NOT NULL REFERENCES proxy_grants(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        case_id uuid REFERENCES cases(id),
        actor_user_id uuid NOT NULL REFERENCES users(id),
        event_type text NOT NULL CHECK (event_type IN ('proxy.invited', 'proxy.accepted', 'proxy.revoked')),
        payload jsonb NOT NULL DEFAULT '{}',
        occurred_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX proxy_grant_events_grant_idx ON proxy_grant_events (grant_id, id)`);
    await q.query(appendOnlyTrigger('proxy_grant_events'));

    await q.query(`ALTER TABLE audit_events ADD COLUMN actor_organisation_id uuid REFERENCES organisations(id)`);
    await q.query(`ALTER TABLE audit_events ADD COLUMN on_behalf_of_organisation_id uuid REFERENCES organisations(id)`);
    await q.query(`
      CREATE FUNCTION audit_events_acting_for() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.actor_role = 'applicant' AND NEW.actor_user_id IS NOT NULL THEN
          IF NEW.actor_organisation_id IS NULL THEN
            SELECT organisation_id INTO NEW.actor_organisation_id FROM users WHERE id = NEW.actor_user_id;
          END IF;
          IF NEW.on_behalf_of_organisation_id IS NULL THEN
            SELECT organisation_id INTO NEW.on_behalf_of_organisation_id FROM cases WHERE id = NEW.case_id;
          END IF;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_events_acting_for BEFORE INSERT ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_acting_for()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_events_acting_for ON audit_events`);
    await q.query(`DROP FUNCTION audit_events_acting_for`);
    await q.query(`ALTER TABLE audit_events DROP COLUMN on_behalf_of_organisation_id`);
    await q.query(`ALTER TABLE audit_events DROP COLUMN actor_organisation_id`);
    await q.query(`DROP TABLE proxy_grant_events`);
    await q.query(`DROP TABLE proxy_grants`);
  }
}
