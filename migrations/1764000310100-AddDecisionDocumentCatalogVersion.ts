import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A decision letter cites the legal basis of the catalogue version its permit ran under when it
 * was issued. The audited catalogue upgrade moves permits in their klagefrist to a newer version
 * (libs/server/case-engine/src/lib/catalog-upgrade.ts), so the permit's current version is not
 * always the letter's: the published list (PublicationService) named the permit type and legal
 * basis from the permit and could contradict the published PDF. The letter now records its own.
 *
 * Backfill: the version an existing letter was issued under is the `fromVersion` of the first
 * `catalog.upgraded` audit row of its permit after the letter, or, without one, the permit's
 * current version (the case's audit index finds the rows: `audit_case_idx`). Null where neither
 * names a version (a snapshot from before versions were recorded; read as the newest, as everywhere
 * else: `permitTypeAt`). New letters always record one. The rows are immutable (trigger), so the
 * trigger is off for the backfill inside this migration's transaction.
 */
export class AddDecisionDocumentCatalogVersion1764000310100 implements MigrationInterface {
  name = 'AddDecisionDocumentCatalogVersion1764000310100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE decision_documents ADD COLUMN catalog_version text`);
    await q.query(`ALTER TABLE decision_documents DISABLE TRIGGER decision_documents_immutable`);
    await q.query(`
      UPDATE decision_documents x
         SET catalog_version = COALESCE(
               (SELECT a.payload->>'fromVersion' FROM audit_events a
                 WHERE a.case_id = x.case_id AND a.permit_id = x.permit_id AND a.event_type = 'catalog.upgraded' AND a.occurred_at > x.issued_at
                 ORDER BY a.occurred_at, a.id LIMIT 1),
               p.snapshot->'context'->>'catalogVersion')
        FROM permits p
       WHERE p.id = x.permit_id`);
    await q.query(`ALTER TABLE decision_documents ENABLE TRIGGER decision_documents_immutable`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE decision_documents DROP COLUMN catalog_version`);
  }
}
