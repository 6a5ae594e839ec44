import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The deadline sweep (every 30 s) looks for permits whose klagefrist has run out. Without this
 * partial index that is a sequential scan of every permit (2M in the benchmark) twice a minute.
 */
export class AddAppealPeriodIndex1763900400000 implements MigrationInterface {
  name = 'AddAppealPeriodIndex1763900400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX permits_appeal_period_idx ON permits (appeal_deadline_on, id) WHERE state = 'decided.appealPeriod'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX permits_appeal_period_idx`);
  }
}
