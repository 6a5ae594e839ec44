/**
 * What filing a permit needs to know besides the permit row (issue 14): the pre-submission check
 * of the case's application for this permit (missing fields and required documents, each with
 * its rule) and the catalogue's completeness-check period. Read here, once, when the event is
 * `application.submitted`; the pure planner turns it into the filing's columns and audit.
 */
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { queryRows, sql } from '@rl/db';
import { checkPermit, getPermitSection } from '@rl/permits-catalog';
import type { PermitRow } from './rows';
import type { FilingCheck } from './transition/types';

const APPLICATION_ROW = z.object({
  catalog_version: z.string(),
  shared: z.record(z.string(), z.unknown()).nullable(),
  sections: z.record(z.string(), z.unknown()).nullable(),
  uploads: z.array(z.object({ permitCode: z.string(), requirementKey: z.string() })),
});

export async function loadFilingCheck(m: EntityManager, row: Pick<PermitRow, 'case_id' | 'code'>): Promise<FilingCheck> {
  const [a] = await queryRows(
    m,
    APPLICATION_ROW,
    sql`SELECT c.catalog_version, ca.shared, ca.sections,
               COALESCE((SELECT json_agg(json_build_object('permitCode', dp.code, 'requirementKey', d.requirement_key))
                           FROM documents d JOIN permits dp ON dp.id = d.permit_id
                          WHERE d.case_id = c.id AND d.requirement_key IS NOT NULL), '[]'::json) AS uploads
          FROM cases c LEFT JOIN case_applications ca ON ca.case_id = c.id WHERE c.id = ${row.case_id}`,
  );
  const app = { shared: a.shared ?? {}, sections: a.sections ?? {} };
  return { missing: checkPermit(a.catalog_version, app, row.code, a.uploads), completenessCheck: getPermitSection(row.code, a.catalog_version).completenessCheck.duration };
}
