/**
 * The audited catalogue upgrade (issue 13 item 13): moves every running permit whose type a
 * legal correction of `toVersion` concerns to that version, one case lock and transaction per
 * permit, through the one writer (audit row `catalog.upgraded` with the corrections and every
 * date it moved). A notice that was waiting out a klagefrist it never had becomes final and its
 * dependants are propagated. Idempotent: a permit already on `toVersion` is skipped. Run by
 * `npm run migrate` after the schema migrations (scripts/db.ts) and by the integration test.
 */
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { getCatalog } from '@rl/permits-catalog';
import { SnapshotInvalidError, SnapshotVersionError } from '@rl/permits-machines';
import { queryRows, sql } from '@rl/db';
import { transitionPermit } from './apply';
import { loadTransition, lockCase } from './load';
import { propagate } from './propagate';
import { planCatalogUpgrade } from './transition/catalog-upgrade-plan';
import { SYSTEM } from './transition/types';
import { writePlan } from './writer';

const CANDIDATE = z.object({ id: z.string(), case_id: z.string() });

export interface CatalogUpgradeReport {
  toVersion: string;
  /** Permits moved to `toVersion` (each with one audit row). */
  moved: number;
  /** Notices/opinions made final because the corrected version gives them no klagefrist. */
  finalized: number;
  /** Permits left where they are because their stored snapshot cannot be read (id and why); the
   *  rest are still upgraded — one unreadable row must not hold back a legal correction. */
  skipped: { permitId: string; reason: string }[];
}

export async function upgradeRunningPermits(ds: DataSource, now: Date, toVersion: string = getCatalog().version): Promise<CatalogUpgradeReport> {
  getCatalog(toVersion); // unknown version → CATALOG.UNKNOWN_VERSION before anything is read
  const candidates = await queryRows(
    ds,
    CANDIDATE,
    sql`SELECT id, case_id FROM permits
         WHERE state NOT IN ('final', 'withdrawn') AND superseded_by IS NULL
           AND snapshot->'context'->>'catalogVersion' IS DISTINCT FROM ${toVersion}
         ORDER BY case_id, id`,
  );
  const report: CatalogUpgradeReport = { toVersion, moved: 0, finalized: 0, skipped: [] };
  for (const c of candidates) {
    await upgradeOne(ds, c, toVersion, now, report).catch((e: unknown) => {
      if (!(e instanceof SnapshotInvalidError || e instanceof SnapshotVersionError)) throw e;
      report.skipped.push({ permitId: c.id, reason: e.message });
    });
  }
  return report;
}

/** One permit, under its case lock, in its own transaction (counts into `report`). */
async function upgradeOne(ds: DataSource, c: z.infer<typeof CANDIDATE>, toVersion: string, now: Date, report: CatalogUpgradeReport): Promise<void> {
  await ds.transaction(async (m) => {
    await lockCase(m, c.case_id);
    const { row, ctx } = await loadTransition(m, c.id, now);
    const upgrade = planCatalogUpgrade(row, ctx, toVersion, now);
    if (!upgrade) return;
    await writePlan(m, upgrade.plan);
    report.moved++;
    if (upgrade.finalizeNow) {
      await transitionPermit(m, c.id, { type: 'appeal.periodExpired', payload: { reason: 'catalogue upgrade: no klagefrist' }, actor: SYSTEM }, now);
      await propagate(m, c.case_id, now);
      report.finalized++;
    }
  });
}
