import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18 item 1: outbound webhooks. PostgreSQL is the record: an endpoint, one delivery row per
 * (endpoint, event) — unique, so a re-relayed outbox row never fans out twice and the delivery's
 * id (the `webhook-id` header) is the same on every retry — and one attempt row per HTTP try (the
 * delivery log). BullMQ jobs `webhook-<deliveryId>` carry the retries and are rebuilt from
 * `status = 'pending'` rows by the sweep.
 */
export class CreateWebhooks1764000160100 implements MigrationInterface {
  name = 'CreateWebhooks1764000160100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        authority_id uuid REFERENCES authorities(id),
        organisation_id uuid REFERENCES organisations(id),
        url text NOT NULL,
        description text NOT NULL DEFAULT '',
        event_types text[] NOT NULL,
        -- HMAC keys must be readable to sign (Standard Webhooks symmetric scheme). During a
        -- rotation the previous secret also signs until previous_secret_expires_at.
        secret text NOT NULL,
        previous_secret text,
        previous_secret_expires_at timestamptz,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
        disabled_reason text,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1,
        CHECK ((authority_id IS NULL) <> (organisation_id IS NULL))
      )`);
    await q.query(`CREATE INDEX webhook_endpoints_authority_idx ON webhook_endpoints (authority_id) WHERE status = 'active'`);
    await q.query(`CREATE INDEX webhook_endpoints_organisation_idx ON webhook_endpoints (organisation_id) WHERE status = 'active'`);
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
        outbox_id bigint NOT NULL,
        event_type text NOT NULL,
        event jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead', 'cancelled')),
        attempts int NOT NULL DEFAULT 0,
        last_status_code int,
        last_latency_ms int,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        UNIQUE (endpoint_id, outbox_id)
      )`);
    await q.query(`CREATE INDEX webhook_deliveries_pending_idx ON webhook_deliveries (updated_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE webhook_attempts (
        id bigserial PRIMARY KEY,
        delivery_id uuid NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
        attempt int NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        status_code int,
        latency_ms int NOT NULL,
        error text
      )`);
    await q.query(`CREATE INDEX webhook_attempts_delivery_idx ON webhook_attempts (delivery_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_attempts`);
    await q.query(`DROP TABLE webhook_deliveries`);
    await q.query(`DROP TABLE webhook_endpoints`);
  }
}
