import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A lease on each webhook delivery (issue 18, at-least-once without needless doubles): a worker
 * claims a pending delivery (`claimed_until` in the future) in the statement that reads it, before
 * it POSTs, and clears the claim when it records the attempt. A second job for the same delivery
 * (the maintenance sweep's re-enqueue, a batch job left in Redis by a previous process, a stalled
 * job handed on) finds it claimed and does not POST. A worker killed mid-send leaves the claim to
 * expire (the POST timeout plus a margin), then the delivery is attempted again. A nullable column
 * without a default: adding it rewrites nothing.
 */
export class AddWebhookDeliveryLease1764000290100 implements MigrationInterface {
  name = 'AddWebhookDeliveryLease1764000290100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE webhook_deliveries ADD COLUMN claimed_until timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE webhook_deliveries DROP COLUMN claimed_until`);
  }
}
