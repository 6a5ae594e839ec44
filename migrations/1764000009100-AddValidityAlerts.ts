import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13 item 4: reminders 6 and 3 months before a granted decision lapses (MVL §39) or
 * expires (VFL §22) go through the deadline-alert path — a `deadline_alerts` row per reminder,
 * unique on (permit, clock, threshold, due_at) and fired by claiming it, so each fires once.
 */
export class AddValidityAlerts1764000009100 implements MigrationInterface {
  name = 'AddValidityAlerts1764000009100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deadline_alerts DROP CONSTRAINT deadline_alerts_clock_check`);
    await q.query(`ALTER TABLE deadline_alerts DROP CONSTRAINT deadline_alerts_threshold_check`);
    await q.query(`ALTER TABLE deadline_alerts ADD CONSTRAINT deadline_alerts_clock_check CHECK (clock IN ('target', 'statutory', 'validity'))`);
    await q.query(
      `ALTER TABLE deadline_alerts ADD CONSTRAINT deadline_alerts_threshold_check
         CHECK (threshold IN ('warning', 'breach', 'expiry6m', 'expiry3m') AND ((clock = 'validity') = (threshold IN ('expiry6m', 'expiry3m'))))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM deadline_alerts WHERE clock = 'validity'`);
    await q.query(`ALTER TABLE deadline_alerts DROP CONSTRAINT deadline_alerts_threshold_check`);
    await q.query(`ALTER TABLE deadline_alerts DROP CONSTRAINT deadline_alerts_clock_check`);
    await q.query(`ALTER TABLE deadline_alerts ADD CONSTRAINT deadline_alerts_clock_check CHECK (clock IN ('target', 'statutory'))`);
    await q.query(`ALTER TABLE deadline_alerts ADD CONSTRAINT deadline_alerts_threshold_check CHECK (threshold IN ('warning', 'breach'))`);
  }
}
