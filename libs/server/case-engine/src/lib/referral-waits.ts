import type { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { queryRows, sql } from '@rl/db';

/**
 * Issue 17: per permit of the case, the latest answer date of its open referrals. The plan and
 * the forecast do not decide a running permit before it (the authority waits for the answer
 * until then; after it, it may proceed without).
 */
/** `caseId`: one case, or a page of cases (keyed by permit id, which no two cases share). */
export async function referralWaits(m: EntityManager | DataSource, caseId: string | readonly string[]): Promise<Map<string, string>> {
  const rows = await queryRows(
    m,
    z.object({ permit_id: z.string(), due_on: z.string() }),
    sql`SELECT permit_id, max(due_on)::text AS due_on FROM referrals WHERE case_id = ANY(${typeof caseId === 'string' ? [caseId] : [...caseId]}::uuid[]) AND status = 'open' GROUP BY permit_id`,
  );
  return new Map(rows.map((r) => [r.permit_id, r.due_on]));
}
