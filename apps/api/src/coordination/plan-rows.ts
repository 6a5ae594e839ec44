import { z } from 'zod';
import { CASE_STATES } from '@rl/case-engine';
import { ApiError } from '../common/problem';
import type { ErrorCode } from '@rl/errors';

/** Rows of the coordinated plan, typed where they leave the database. */
export const PLAN_ROW = z.object({
  case_id: z.string(),
  status: z.enum(['proposed', 'agreed']),
  version: z.number().int(),
  proposed_by: z.string(),
  proposed_by_name: z.string().nullable(),
  proposed_at: z.date(),
  agreed_by: z.string().nullable(),
  agreed_by_name: z.string().nullable(),
  agreed_role: z.string().nullable(),
  agreed_at: z.date().nullable(),
});
export type PlanRow = z.infer<typeof PLAN_ROW>;

/** A plan item's dates: the agreed baseline and the current plan (start, decision, final). */
export const PLAN_DATE_COLUMNS = {
  baseline_start_on: z.string(),
  baseline_decision_on: z.string(),
  baseline_final_on: z.string(),
  planned_start_on: z.string(),
  planned_decision_on: z.string(),
  planned_final_on: z.string(),
};
export const ITEM_DATES_ROW = z.object({ permit_id: z.string(), ...PLAN_DATE_COLUMNS });

/** A missed plan date and the authority's explanation of it. */
export const MISSED_COLUMNS = { missed_on: z.string().nullable(), missed_explanation: z.string().nullable() };

export const ITEM_ROW = ITEM_DATES_ROW.extend({ ...MISSED_COLUMNS, missed_recorded_at: z.date().nullable() });
export type ItemRow = z.infer<typeof ITEM_ROW>;

export const REQUEST_ROW = z.object({
  id: z.string(),
  case_id: z.string(),
  permit_id: z.string(),
  requested_by: z.string(),
  requested_by_name: z.string().nullable(),
  requested_at: z.date(),
  reason_code: z.string(),
  note: z.string(),
  from_start_on: z.string(),
  to_start_on: z.string(),
  from_decision_on: z.string(),
  to_decision_on: z.string(),
  from_final_on: z.string(),
  to_final_on: z.string(),
  baseline_move_days: z.number().int(),
  past_ceiling: z.boolean(),
  needs_second_approval: z.boolean(),
  status: z.enum(['pending', 'applied', 'rejected']),
  decided_by: z.string().nullable(),
  decided_by_name: z.string().nullable(),
  decided_at: z.date().nullable(),
  decision_note: z.string().nullable(),
});
export type RequestRow = z.infer<typeof REQUEST_ROW>;

export const CASE_ROW = z.object({ id: z.string(), state: z.enum(CASE_STATES), ceiling_due_on: z.string().nullable(), organisation_id: z.string() });
export const VERSION_ROW = z.object({ version: z.number().int() });

export const FORECAST_ROW = z.object({
  computed_at: z.date(),
  as_of: z.string(),
  runs: z.number().int(),
  seed: z.union([z.string(), z.number()]),
  projected_completion: z.string(),
  completion_p50: z.string(),
  completion_p80: z.string(),
  ceiling_probability: z.number().nullable(),
  ceiling_risk: z.enum(['onTrack', 'atRisk', 'breached']).nullable(),
});
export const PERMIT_FORECAST_ROW = z.object({
  permit_id: z.string(),
  decision_p50: z.string(),
  decision_p80: z.string(),
  final_p50: z.string(),
  final_p80: z.string(),
  duration_source: z.string(),
});

/** Errors of the coordinated plan: one class, the code says which (mapped in common/error-status.ts). */
export class PlanError extends ApiError {
  constructor(code: Extract<ErrorCode, `PLAN.${string}` | `FORECAST.${string}`>, message: string) {
    super(code, message);
  }
}

/** More than this many calendar days from the agreed baseline needs a second coordinator (FAST-41: 30 days). */
export const FOUR_EYES_DAYS = 30;
