import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The worker's forecast refresh asks every 10 s which open cases have a stale forecast. It used
 * to scan every open case with a subquery over its permits: 5.6 s of PostgreSQL per run at
 * 100,000 cases, which starved the coordinator dashboard (issue 20). It now reads only what
 * changed since today's midnight and the forecasts of an earlier day (ForecastService
 * staleCasesSql), through these indexes. One more index entry per permit update (the state
 * column is indexed already, so those updates are not HOT anyway).
 */
export class AddForecastStalenessIndexes1764000280100 implements MigrationInterface {
  name = 'AddForecastStalenessIndexes1764000280100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX permits_updated_at_idx ON permits (updated_at)`);
    await q.query(`CREATE INDEX cases_updated_at_idx ON cases (updated_at)`);
    await q.query(`CREATE INDEX case_forecasts_as_of_idx ON case_forecasts (as_of, computed_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX case_forecasts_as_of_idx`);
    await q.query(`DROP INDEX cases_updated_at_idx`);
    await q.query(`DROP INDEX permits_updated_at_idx`);
  }
}
