import type { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { toCopenhagenDate } from '@rl/clocks';
import { queryRows, sql } from '@rl/db';
import type { JointHearingFloor } from './planning';

const ROW = z.object({ id: z.string(), permit_ids: z.array(z.string()), earliest_end_at: z.date() });

/**
 * The case's open joint hearings (issue 17 item 3) as floors for the plan and the forecast: the
 * permits they cover are not decided before the one period's earliest end (its Copenhagen date:
 * the hearing may close from 00:00 that day, issue 13 item 6).
 */
/** `caseId`: one case, or a page of cases (the floors name permit ids, which no two cases share). */
export async function loadJointHearingFloors(m: EntityManager | DataSource, caseId: string | readonly string[]): Promise<JointHearingFloor[]> {
  const rows = await queryRows(
    m,
    ROW,
    sql`SELECT array_agg(jp.permit_id::text ORDER BY jp.permit_id) AS permit_ids, j.id, j.earliest_end_at
          FROM joint_hearings j JOIN joint_hearing_permits jp ON jp.joint_hearing_id = j.id
         WHERE j.case_id = ANY(${typeof caseId === 'string' ? [caseId] : [...caseId]}::uuid[]) AND j.status = 'open' AND j.earliest_end_at IS NOT NULL
         GROUP BY j.id, j.earliest_end_at`,
  );
  return rows.map((r) => ({ id: r.id, permitIds: r.permit_ids, earliestEndOn: toCopenhagenDate(r.earliest_end_at) }));
}
