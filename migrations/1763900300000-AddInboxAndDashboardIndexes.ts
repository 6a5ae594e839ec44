import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reads that must stay fast at 100,000 cases / 2M permits (npm run bench):
 * - the authority inbox is ranked by priority lane, risk and due date: those keys are copied onto
 *   `tasks` (kept in step by the transition host) and indexed in ranking order, so a page is an
 *   index range scan instead of a sort of every open task;
 * - the dashboard's breach and at-risk lists read a partial index of open, risky permits;
 * - the per-authority / per-permit-type KPIs come from a materialized view the worker refreshes
 *   (and the test clock, on demand), instead of aggregating 2M rows per request.
 */
export class AddInboxAndDashboardIndexes1763900300000 implements MigrationInterface {
  name = 'AddInboxAndDashboardIndexes1763900300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tasks ADD COLUMN risk_rank smallint NOT NULL DEFAULT 2, ADD COLUMN due_on date`);
    await q.query(`
      UPDATE tasks t SET due_on = p.target_due_on,
             risk_rank = CASE p.risk WHEN 'breached' THEN 0 WHEN 'atRisk' THEN 1 ELSE 2 END
        FROM permits p WHERE p.id = t.permit_id`);
    await q.query(`DROP INDEX tasks_inbox_idx`);
    await q.query(`CREATE INDEX tasks_inbox_idx ON tasks (authority_id, status, national_strategic DESC, risk_rank, due_on NULLS LAST, routed_at, id)`);
    await q.query(`CREATE INDEX permits_open_risk_idx ON permits (risk, target_due_on, id) WHERE state LIKE 'submitted%' AND risk <> 'onTrack'`);
    await q.query(`CREATE INDEX cases_active_ceiling_idx ON cases (ceiling_due_on, id) WHERE state IN ('submitted', 'inProgress')`);
    await q.query(`
      CREATE MATERIALIZED VIEW permit_stats AS
      SELECT p.authority_id, p.code,
             count(*)::int AS permits,
             count(*) FILTER (WHERE p.state LIKE 'submitted%')::int AS open,
             count(*) FILTER (WHERE p.state LIKE 'submitted%' AND p.risk = 'breached')::int AS open_breached,
             count(*) FILTER (WHERE p.state LIKE 'submitted%' AND p.risk = 'atRisk')::int AS open_at_risk,
             count(*) FILTER (WHERE p.decided_at IS NOT NULL)::int AS decided,
             count(*) FILTER (WHERE p.decided_at IS NOT NULL AND p.target_due_on IS NOT NULL)::int AS decided_with_target,
             count(*) FILTER (WHERE (p.decided_at AT TIME ZONE 'Europe/Copenhagen')::date <= p.target_due_on)::int AS decided_within_target,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY (p.decided_at AT TIME ZONE 'Europe/Copenhagen')::date - p.complete_on)
               FILTER (WHERE p.decided_at IS NOT NULL AND p.complete_on IS NOT NULL) AS median_processing_days,
             now() AS refreshed_at
        FROM permits p
       GROUP BY p.authority_id, p.code`);
    // REFRESH … CONCURRENTLY needs a unique index; readers are never blocked by a refresh.
    await q.query(`CREATE UNIQUE INDEX permit_stats_key ON permit_stats (authority_id, code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP MATERIALIZED VIEW permit_stats`);
    await q.query(`DROP INDEX cases_active_ceiling_idx`);
    await q.query(`DROP INDEX permits_open_risk_idx`);
    await q.query(`DROP INDEX tasks_inbox_idx`);
    await q.query(`CREATE INDEX tasks_inbox_idx ON tasks (authority_id, status)`);
    await q.query(`ALTER TABLE tasks DROP COLUMN due_on, DROP COLUMN risk_rank`);
  }
}
