import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The L 206 statistics export (GET /statistics, StatisticsService) groups every decided permit by
 * quarter, type and authority. It read them with a sequential scan of the whole permits table
 * (3.1 GB at 100,000 cases / 2 million permits: each row carries its machine snapshot), 2.9 of
 * its 4.4 s. `permits_decided_stats_idx` holds only what the export reads of a decided, complete,
 * current permit (~80 bytes each: 58 MB there), so the export is an index-only scan: 4.4 → 1.9 s
 * in PostgreSQL (EXPLAIN ANALYZE on bench step (d)'s database, 2026-12-01).
 *
 * The clock stops are included, and a B-tree entry holds at most ~2.7 kB: a permit whose stops
 * outgrow that could not be decided (the UPDATE would fail on the index). So that index only takes
 * permits with up to 1,600 characters of stops (~20 stops; the export's first part), and
 * `permits_decided_long_stops_idx` (no stops in it; normally empty) finds the rest.
 *
 * Write cost: running permits are outside both predicates. A decided permit gets an entry when it
 * is decided and on each later update (not HOT: `state` and `updated_at` are indexed already).
 * Built without CONCURRENTLY, like the other index migrations: it blocks writes to permits while
 * it builds (2.5 s on that database).
 */
export class AddPermitDecidedStatsIndex1764000300100 implements MigrationInterface {
  name = 'AddPermitDecidedStatsIndex1764000300100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX permits_decided_stats_idx ON permits (decided_at) INCLUDE (code, authority_id, complete_on, target_due_on, stops)
        WHERE decided_at IS NOT NULL AND complete_on IS NOT NULL AND superseded_by IS NULL AND length(stops::text) <= 1600`,
    );
    await q.query(
      `CREATE INDEX permits_decided_long_stops_idx ON permits (decided_at)
        WHERE decided_at IS NOT NULL AND complete_on IS NOT NULL AND superseded_by IS NULL AND length(stops::text) > 1600`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX permits_decided_long_stops_idx`);
    await q.query(`DROP INDEX permits_decided_stats_idx`);
  }
}
