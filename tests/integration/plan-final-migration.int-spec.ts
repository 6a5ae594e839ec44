/**
 * Migration 1764000320100 (planned final dates count from the day after the klagefrist) on real
 * PostgreSQL. The test database is shared with the other test files, so the migration runs on
 * session-local TEMP tables of the same names (pg_temp comes first on the search_path of the one
 * connection the query runner holds) — never on the real plan tables.
 */
import type { DataSource, QueryRunner } from 'typeorm';
import { createDataSource } from '@rl/migrations';
import { PlanFinalDayAfterKlagefrist1764000320100 } from '../../migrations/1764000320100-PlanFinalDayAfterKlagefrist';
import { testConfig } from './support/env';

describe('migration: planned final dates from the day after the klagefrist', () => {
  let ds: DataSource;
  let q: QueryRunner;

  beforeAll(async () => {
    ds = createDataSource(testConfig().DATABASE_URL, { extra: { max: 1 } });
    await ds.initialize();
    q = ds.createQueryRunner();
    await q.connect();
    await q.query(`CREATE TEMP TABLE plan_items (permit_id text, baseline_decision_on date, baseline_final_on date, planned_decision_on date, planned_final_on date)`);
    await q.query(`CREATE TEMP TABLE plan_change_requests (id text, status text, from_decision_on date, from_final_on date, to_decision_on date, to_final_on date)`);
  });

  afterAll(async () => {
    await q?.query(`DROP TABLE IF EXISTS pg_temp.plan_items, pg_temp.plan_change_requests`);
    await q?.release();
    await ds?.destroy();
  });

  const items = async () => q.query(`SELECT permit_id, baseline_final_on::text AS baseline, planned_final_on::text AS planned FROM plan_items ORDER BY permit_id`);
  const requests = async () => q.query(`SELECT id, from_final_on::text AS "from", to_final_on::text AS "to" FROM plan_change_requests ORDER BY id`);

  it('moves every stored final date with an appeal tail one day, leaves final-on-decision dates and decided requests, and goes back down', async () => {
    // An environmental approval planned under the old rule (final = the klagefrist day, 28 days
    // after the decision) and a notice (final = its decision day); change requests for both, one
    // of them already applied (history).
    await q.query(`INSERT INTO plan_items VALUES
      ('a-approval', '2027-06-01', '2027-06-29', '2027-06-10', '2027-07-08'),
      ('b-notice',   '2027-05-01', '2027-05-01', '2027-05-03', '2027-05-03')`);
    await q.query(`INSERT INTO plan_change_requests VALUES
      ('r1-pending',  'pending',  '2027-06-10', '2027-07-08', '2027-06-20', '2027-07-18'),
      ('r2-applied',  'applied',  '2027-06-01', '2027-06-29', '2027-06-10', '2027-07-08'),
      ('r3-notice',   'pending',  '2027-05-03', '2027-05-03', '2027-05-05', '2027-05-05')`);
    // On this connection the names resolve to the temp tables, not the real ones.
    const schemas = await q.query(`SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid IN ('plan_items'::regclass, 'plan_change_requests'::regclass)`);
    expect(schemas.map((r: { nspname: string }) => r.nspname.startsWith('pg_temp'))).toEqual([true, true]);
    const migration = new PlanFinalDayAfterKlagefrist1764000320100();

    await migration.up(q);
    expect(await items()).toEqual([
      { permit_id: 'a-approval', baseline: '2027-06-30', planned: '2027-07-09' },
      { permit_id: 'b-notice', baseline: '2027-05-01', planned: '2027-05-03' },
    ]);
    expect(await requests()).toEqual([
      { id: 'r1-pending', from: '2027-07-09', to: '2027-07-19' },
      { id: 'r2-applied', from: '2027-06-29', to: '2027-07-08' },
      { id: 'r3-notice', from: '2027-05-03', to: '2027-05-05' },
    ]);

    await migration.down(q);
    expect(await items()).toEqual([
      { permit_id: 'a-approval', baseline: '2027-06-29', planned: '2027-07-08' },
      { permit_id: 'b-notice', baseline: '2027-05-01', planned: '2027-05-03' },
    ]);
    expect((await requests()).map((r: { from: string; to: string }) => [r.from, r.to])).toEqual([
      ['2027-07-08', '2027-07-18'],
      ['2027-06-29', '2027-07-08'],
      ['2027-05-03', '2027-05-05'],
    ]);
  });
});
