import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Planned final dates count from the day AFTER the klagefrist's last day (the day the deadline
 * sweep makes a permit final), no longer the last day itself (c2e4232: the critical path and the
 * forecast). Agreed plans stored before carry the old rule, so an old baseline would show a
 * one-day move that never happened next to items added under the new rule. Every stored final
 * date with an appeal tail (final after decision; a permit without an appeal period is final on
 * its decision day and is left alone) moves one day: the baseline and the planned date of each
 * plan item, and the requested dates of change requests still pending (applied and rejected
 * requests are history and keep the dates they were decided on).
 */
export class PlanFinalDayAfterKlagefrist1764000320100 implements MigrationInterface {
  name = 'PlanFinalDayAfterKlagefrist1764000320100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE plan_items SET baseline_final_on = baseline_final_on + 1 WHERE baseline_final_on > baseline_decision_on`);
    await q.query(`UPDATE plan_items SET planned_final_on = planned_final_on + 1 WHERE planned_final_on > planned_decision_on`);
    await q.query(`UPDATE plan_change_requests SET from_final_on = from_final_on + 1 WHERE status = 'pending' AND from_final_on > from_decision_on`);
    await q.query(`UPDATE plan_change_requests SET to_final_on = to_final_on + 1 WHERE status = 'pending' AND to_final_on > to_decision_on`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE plan_change_requests SET to_final_on = to_final_on - 1 WHERE status = 'pending' AND to_final_on > to_decision_on + 1`);
    await q.query(`UPDATE plan_change_requests SET from_final_on = from_final_on - 1 WHERE status = 'pending' AND from_final_on > from_decision_on + 1`);
    await q.query(`UPDATE plan_items SET planned_final_on = planned_final_on - 1 WHERE planned_final_on > planned_decision_on + 1`);
    await q.query(`UPDATE plan_items SET baseline_final_on = baseline_final_on - 1 WHERE baseline_final_on > baseline_decision_on + 1`);
  }
}
