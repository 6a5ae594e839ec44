import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { calendarDaysBetween, compareLocalDates } from '@rl/clocks';
import { PERMIT_STATES, permitTypeOf, V0_PERMIT_STATES } from '@rl/case-engine';
import { queryRows, sql } from '@rl/db';
import { AUTHORITY_COLUMNS, authorityNames } from '../common/row-columns';
import { FORECAST_ROW, ITEM_ROW, PERMIT_FORECAST_ROW, PLAN_ROW, REQUEST_ROW, type RequestRow } from './plan-rows';

const ITEM_PERMIT = z.object({
  code: z.string(),
  state: z.enum([...PERMIT_STATES, ...V0_PERMIT_STATES]),
  decided_at: z.date().nullable(),
  superseded_by: z.string().nullable(),
  snapshot: z.unknown(),
  ...AUTHORITY_COLUMNS,
});

function names(code: string, snapshot: unknown) {
  try {
    const t = permitTypeOf({ code, snapshot: snapshot as never });
    return { nameDa: t.nameDa, nameEn: t.nameEn };
  } catch {
    return { nameDa: code, nameEn: code };
  }
}

export function requestView(r: RequestRow) {
  return {
    id: r.id,
    permitId: r.permit_id,
    status: r.status,
    requestedBy: { id: r.requested_by, name: r.requested_by_name },
    requestedAt: r.requested_at.toISOString(),
    reasonCode: r.reason_code,
    note: r.note,
    from: { startOn: r.from_start_on, decisionOn: r.from_decision_on, finalOn: r.from_final_on },
    to: { startOn: r.to_start_on, decisionOn: r.to_decision_on, finalOn: r.to_final_on },
    baselineMoveDays: r.baseline_move_days,
    pastCeiling: r.past_ceiling,
    needsSecondApproval: r.needs_second_approval,
    decidedBy: r.decided_by ? { id: r.decided_by, name: r.decided_by_name } : null,
    decidedAt: r.decided_at?.toISOString() ?? null,
    decisionNote: r.decision_note,
  };
}

/**
 * The coordinated plan as every party sees it (company, authorities, coordinators): dates only,
 * with the stored P50/P80 beside each planned date. The plan and P80 are what the company sees;
 * the forecast is never a deadline.
 */
export async function planView(m: EntityManager, caseId: string, today: string) {
  const [plan] = await queryRows(
    m,
    PLAN_ROW,
    sql`SELECT p.*, u.display_name AS proposed_by_name, a.display_name AS agreed_by_name
          FROM coordinated_plans p JOIN users u ON u.id = p.proposed_by LEFT JOIN users a ON a.id = p.agreed_by WHERE p.case_id = ${caseId}`,
  );
  const [forecast] = await queryRows(m, FORECAST_ROW, sql`SELECT * FROM case_forecasts WHERE case_id = ${caseId}`);
  const permitForecasts = await queryRows(m, PERMIT_FORECAST_ROW, sql`SELECT * FROM permit_forecasts WHERE case_id = ${caseId}`);
  const caseForecast = forecast
    ? {
        computedAt: forecast.computed_at.toISOString(),
        asOf: forecast.as_of,
        runs: forecast.runs,
        projectedCompletion: forecast.projected_completion,
        completionP50: forecast.completion_p50,
        completionP80: forecast.completion_p80,
        ceilingProbability: forecast.ceiling_probability,
        ceilingRisk: forecast.ceiling_risk,
      }
    : null;
  if (!plan) return { caseId, status: 'none' as const, version: 0, proposedBy: null, proposedAt: null, agreedBy: null, agreedAt: null, items: [], requests: [], forecast: caseForecast };
  const items = await queryRows(
    m,
    { parse: (r) => ({ ...ITEM_ROW.parse(r), ...ITEM_PERMIT.parse(r) }) },
    sql`SELECT i.*, p.code, p.state, p.decided_at, p.superseded_by, p.snapshot, a.code AS authority_code, a.name_da AS authority_name_da, a.name_en AS authority_name_en
          FROM plan_items i JOIN permits p ON p.id = i.permit_id JOIN authorities a ON a.id = p.authority_id
         WHERE i.case_id = ${caseId} ORDER BY i.planned_start_on, i.planned_decision_on, p.code`,
  );
  const requests = await queryRows(
    m,
    REQUEST_ROW,
    sql`SELECT r.*, u.display_name AS requested_by_name, d.display_name AS decided_by_name FROM plan_change_requests r
          JOIN users u ON u.id = r.requested_by LEFT JOIN users d ON d.id = r.decided_by WHERE r.case_id = ${caseId} ORDER BY r.requested_at, r.id`,
  );
  return {
    caseId,
    status: plan.status,
    version: plan.version,
    proposedBy: { id: plan.proposed_by, name: plan.proposed_by_name },
    proposedAt: plan.proposed_at.toISOString(),
    agreedBy: plan.agreed_by ? { id: plan.agreed_by, name: plan.agreed_by_name, role: plan.agreed_role } : null,
    agreedAt: plan.agreed_at?.toISOString() ?? null,
    items: items.map((i) => {
      const f = permitForecasts.find((x) => x.permit_id === i.permit_id);
      const decided = i.state === 'final' || i.state.startsWith('decided');
      // A withdrawn or superseded permit will not be decided: it is not overdue (as on the public
      // page). A missed date recorded before it ended stays shown (`missed`).
      const ended = i.state === 'withdrawn' || i.superseded_by !== null;
      return {
        permitId: i.permit_id,
        code: i.code,
        ...names(i.code, i.snapshot),
        authority: authorityNames(i, 'authority_'),
        state: i.state,
        baseline: { startOn: i.baseline_start_on, decisionOn: i.baseline_decision_on, finalOn: i.baseline_final_on },
        planned: { startOn: i.planned_start_on, decisionOn: i.planned_decision_on, finalOn: i.planned_final_on },
        finalMovedDays: calendarDaysBetween(i.baseline_final_on, i.planned_final_on),
        // Overdue: the planned decision date passed with no decision (recorded or not yet explained).
        overdue: !decided && !ended && compareLocalDates(i.planned_decision_on, today) < 0,
        missed: i.missed_on ? { on: i.missed_on, explanation: i.missed_explanation, recordedAt: i.missed_recorded_at?.toISOString() ?? null } : null,
        forecast: f ? { decisionP50: f.decision_p50, decisionP80: f.decision_p80, finalP50: f.final_p50, finalP80: f.final_p80, source: f.duration_source } : null,
      };
    }),
    requests: requests.map(requestView),
    forecast: caseForecast,
  };
}
