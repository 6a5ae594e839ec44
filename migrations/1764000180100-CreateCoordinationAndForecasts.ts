import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16: the agreed coordinated plan with change control (FAST-41 style), and the stored
 * Monte Carlo forecasts the dashboard reads.
 *
 * - `coordinated_plans`: one per case; proposed by a coordinator, agreed (recorded) by the
 *   company or a coordinator. `version` guards concurrent edits (If-Match → 409).
 * - `plan_items`: per permit the agreed baseline (kept) and the current planned start, decision
 *   and final dates, and a missed planned date with the authority's explanation.
 * - `plan_change_requests`: every change (reason code + note); those that move a final date more
 *   than 30 days from the baseline, or past the ceiling, wait for a second coordinator. Rejected
 *   requests are kept.
 * - `case_forecasts` / `permit_forecasts`: P50/P80 and the ceiling probability, recomputed by the
 *   worker after a change to the case and nightly.
 */
export class CreateCoordinationAndForecasts1764000180100 implements MigrationInterface {
  name = 'CreateCoordinationAndForecasts1764000180100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE coordinated_plans (
        case_id uuid PRIMARY KEY REFERENCES cases(id),
        status text NOT NULL CHECK (status IN ('proposed', 'agreed')),
        version int NOT NULL DEFAULT 1 CHECK (version > 0),
        proposed_by uuid NOT NULL REFERENCES users(id),
        proposed_at timestamptz NOT NULL,
        agreed_by uuid REFERENCES users(id),
        agreed_role text,
        agreed_at timestamptz,
        CHECK ((status = 'agreed') = (agreed_at IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE plan_items (
        permit_id uuid PRIMARY KEY REFERENCES permits(id),
        case_id uuid NOT NULL REFERENCES coordinated_plans(case_id),
        baseline_start_on date NOT NULL,
        baseline_decision_on date NOT NULL,
        baseline_final_on date NOT NULL,
        planned_start_on date NOT NULL,
        planned_decision_on date NOT NULL,
        planned_final_on date NOT NULL,
        missed_on date,
        missed_explanation text,
        missed_recorded_by uuid REFERENCES users(id),
        missed_recorded_at timestamptz,
        CHECK (planned_start_on <= planned_decision_on AND planned_decision_on <= planned_final_on)
      )`);
    await q.query(`CREATE INDEX plan_items_case_idx ON plan_items (case_id)`);
    await q.query(`
      CREATE TABLE plan_change_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES coordinated_plans(case_id),
        permit_id uuid NOT NULL REFERENCES plan_items(permit_id),
        requested_by uuid NOT NULL REFERENCES users(id),
        requested_at timestamptz NOT NULL,
        reason_code text NOT NULL,
        note text NOT NULL CHECK (length(note) > 0),
        from_start_on date NOT NULL,
        to_start_on date NOT NULL,
        from_decision_on date NOT NULL,
        to_decision_on date NOT NULL,
        from_final_on date NOT NULL,
        to_final_on date NOT NULL,
        baseline_move_days int NOT NULL,
        past_ceiling boolean NOT NULL,
        needs_second_approval boolean NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'applied', 'rejected')),
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        decision_note text,
        CHECK (status = 'pending' OR needs_second_approval = false OR decided_by IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX plan_change_requests_case_idx ON plan_change_requests (case_id, requested_at)`);
    await q.query(`CREATE INDEX plan_change_requests_pending_idx ON plan_change_requests (requested_at) WHERE status = 'pending'`);
    await q.query(`
      CREATE TABLE case_forecasts (
        case_id uuid PRIMARY KEY REFERENCES cases(id),
        computed_at timestamptz NOT NULL,
        as_of date NOT NULL,
        runs int NOT NULL CHECK (runs > 0),
        seed bigint NOT NULL,
        projected_completion date NOT NULL,
        completion_p50 date NOT NULL,
        completion_p80 date NOT NULL,
        ceiling_probability double precision CHECK (ceiling_probability BETWEEN 0 AND 1),
        ceiling_risk text CHECK (ceiling_risk IN ('onTrack', 'atRisk', 'breached'))
      )`);
    await q.query(`CREATE INDEX case_forecasts_ceiling_risk_idx ON case_forecasts (ceiling_risk, completion_p80) WHERE ceiling_risk <> 'onTrack'`);
    await q.query(`
      CREATE TABLE permit_forecasts (
        permit_id uuid PRIMARY KEY REFERENCES permits(id),
        case_id uuid NOT NULL REFERENCES cases(id),
        decision_p50 date NOT NULL,
        decision_p80 date NOT NULL,
        final_p50 date NOT NULL,
        final_p80 date NOT NULL,
        duration_source text NOT NULL CHECK (duration_source IN ('history', 'catalogue', 'actual'))
      )`);
    await q.query(`CREATE INDEX permit_forecasts_case_idx ON permit_forecasts (case_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['permit_forecasts', 'case_forecasts', 'plan_change_requests', 'plan_items', 'coordinated_plans']) await q.query(`DROP TABLE ${t}`);
  }
}
