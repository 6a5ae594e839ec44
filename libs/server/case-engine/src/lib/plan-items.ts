/**
 * The coordinated plan's items (issue 16): per live permit its planned start, decision and final
 * date, from the critical path. Used when the plan is proposed, and when a permit joins a case
 * that already has a plan — a new application for a refused permit, or a permit a confirmed facts
 * change added — which otherwise had no planned dates at all and could not be changed, missed or
 * shown (`PLAN.PERMIT_NOT_IN_PLAN`).
 */
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { addCalendarDays, toCopenhagenDate } from '@rl/clocks';
import { execute, queryRows, sql } from '@rl/db';
import { computeRisk } from './permit-clocks';
import { laterOf, planForCase } from './planning';
import { parsePermitRow, type PermitRow } from './rows';

export interface PlannedItem {
  id: string;
  start: string;
  decision: string;
  final: string;
}

/** Planned dates of every live permit (withdrawn and superseded ones are history). */
export function plannedItems(permits: PermitRow[], now: Date, ceilingDueOn: string | null): PlannedItem[] {
  const today = toCopenhagenDate(now);
  const plan = planForCase(permits, now, ceilingDueOn);
  return permits
    .filter((p) => p.state !== 'withdrawn' && !p.superseded_by)
    .map((p) => {
      const s = plan.byCode[p.code];
      // A running permit's planned decision is its target (the date alerts follow).
      const target = p.complete_on && p.state.startsWith('submitted') ? computeRisk(p, today).target?.dueOn : undefined;
      const start = p.complete_on ?? s.earliestStart;
      const decision = laterOf(target ?? s.earliestFinish, start);
      const final = laterOf(target ? addCalendarDays(decision, s.appealDays) : s.earliestFinal, decision);
      return { id: p.id, start, decision, final };
    });
}

const CASE_PLAN_ROW = z.object({ ceiling_due_on: z.string().nullable() });

/**
 * Adds the live permits of a planned case that have no plan item yet, in the caller's transaction
 * (which holds the case lock). Their planned dates come from the critical path; a new application
 * keeps the baseline of the permit it replaces (the date agreed with the company stays the yardstick),
 * a permit new to the case gets its planned dates as baseline. Returns how many were added.
 */
export async function addMissingPlanItems(m: EntityManager, caseId: string, now: Date): Promise<number> {
  const [c] = await queryRows(m, CASE_PLAN_ROW, sql`SELECT c.ceiling_due_on::text AS ceiling_due_on FROM coordinated_plans p JOIN cases c ON c.id = p.case_id WHERE p.case_id = ${caseId}`);
  if (!c) return 0;
  const permits = await queryRows(m, { parse: parsePermitRow }, sql`SELECT * FROM permits WHERE case_id = ${caseId} ORDER BY created_at, code`);
  const items = plannedItems(permits, now, c.ceiling_due_on);
  if (items.length === 0) return 0;
  const replaces = items.map((i) => permits.find((p) => p.id === i.id)?.replaces_permit_id ?? null);
  const added = await queryRows(
    m,
    z.object({ permit_id: z.string() }),
    sql`INSERT INTO plan_items (permit_id, case_id, baseline_start_on, baseline_decision_on, baseline_final_on, planned_start_on, planned_decision_on, planned_final_on)
        SELECT t.id, ${caseId}, COALESCE(old.baseline_start_on, t.s), COALESCE(old.baseline_decision_on, t.d), COALESCE(old.baseline_final_on, t.f), t.s, t.d, t.f
          FROM unnest(${items.map((i) => i.id)}::uuid[], ${items.map((i) => i.start)}::date[], ${items.map((i) => i.decision)}::date[], ${items.map((i) => i.final)}::date[], ${replaces}::uuid[]) AS t(id, s, d, f, replaces)
          LEFT JOIN plan_items old ON old.permit_id = t.replaces
        ON CONFLICT (permit_id) DO NOTHING
        RETURNING permit_id`,
  );
  if (added.length > 0) await execute(m, sql`UPDATE cases SET updated_at = ${now} WHERE id = ${caseId}`); // the stored forecast reads planned starts
  return added.length;
}
