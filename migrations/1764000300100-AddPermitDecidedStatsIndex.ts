import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The L 206 statistics export (GET /statistics, StatisticsService) groups every decided permit by
 * quarter, type and authority. It read them with a sequential scan of the whole permits table
 * (3.1 GB at 100,000 cases / 2 million permits: each row carries its machine snapshot), 2.9 of
 * its 4.4 s. This partial covering index holds only what the export reads of a decided,
 * complete, current permit (~80 bytes each: 58 MB there), so the export is an index-only scan:
 * 4.4 → 1.9 s in PostgreSQL (EXPLAIN ANALYZE on bench step (d)'s database, 2026-12-01).
 * Write cost: an entry only when a permit is decided (the predicate); a running permit's
 * updates never touch it.
 */
export class AddPermitDecidedStatsIndex1764000300100 implements MigrationInterface {
  name = 'AddPermitDecidedStatsIndex1764000300100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX permits_decided_stats_idx ON permits (decided_at) INCLUDE (code, authority_id, complete_on, target_due_on, stops)
        WHERE decided_at IS NOT NULL AND complete_on IS NOT NULL AND superseded_by IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX permits_decided_stats_idx`);
  }
}
