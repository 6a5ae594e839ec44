import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The application clock shared by every API and worker process under ENABLE_TEST_CLOCK=1: one
 * row holding how far the application's "now" is from wall time. `POST /test/clock` writes it;
 * each process reads it (cached briefly), so the worker's sweep and alert jobs run at the same
 * test-clock time as the API. Production never reads it (it runs on wall time).
 */
export class CreateAppClock1764000005000 implements MigrationInterface {
  name = 'CreateAppClock1764000005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_clock (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        offset_ms bigint NOT NULL DEFAULT 0,
        set_to timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`INSERT INTO app_clock (singleton, offset_ms) VALUES (true, 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE app_clock`);
  }
}
