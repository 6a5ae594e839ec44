/**
 * The case's ceiling after a confirmed change of the project facts (issue 14: the facts are part
 * of the shared application; editing them re-runs screening). Screening decides whether the case
 * is simple (12 months) or not (18 months), or not eligible for Én indgang at all (L 206 §2: no
 * statutory ceiling, issue 13 item 16); the case row, the case machine's context and — for a
 * running case — the ceiling's due date follow, counted from the original submission (the
 * ceiling runs from the complete application to the one-stop shop, L 206; re-screening does not
 * restart it — inference: the law names no restart for a changed project). Audited as
 * `case.ceilingRescreened` with before and after. Nothing changes → no plan (and no audit row).
 * The case risk follows from the stored due date (views compute it; the forecast is refreshed
 * because the case row changed).
 */
import { ceilingDueOn, toCopenhagenDate, type CeilingMonths } from '@rl/clocks';
import { CALENDAR } from '../permit-clocks';
import type { CaseRow } from '../rows';
import { auditBy, NO_ALERTS, type Actor, type CasePlan } from './types';

/** What screening of the new facts says about the case's ceiling. */
export interface CeilingScreening {
  simple: boolean;
  /** null: not eligible for Én indgang (L 206 §2), no ceiling. */
  ceilingMonths: CeilingMonths | null;
  reason: { da: string; en: string };
}

const RUNNING: readonly CaseRow['state'][] = ['submitted', 'inProgress'];

export function planCeilingRescreen(row: CaseRow, next: CeilingScreening, actor: Actor, now: Date): CasePlan | null {
  const running = RUNNING.includes(row.state) && row.submitted_at !== null;
  const due = running && next.ceilingMonths !== null ? ceilingDueOn(toCopenhagenDate(row.submitted_at as Date), next.ceilingMonths, CALENDAR) : running ? null : row.ceiling_due_on;
  const before = { simple: row.simple, ceilingMonths: row.ceiling_months, ceilingDueOn: row.ceiling_due_on };
  const after = { simple: next.simple, ceilingMonths: next.ceilingMonths, ceilingDueOn: due };
  const changed = (Object.keys(before) as (keyof typeof before)[]).filter((k) => before[k] !== after[k]);
  const reasonChanged = row.ceiling_reason?.da !== next.reason.da || row.ceiling_reason?.en !== next.reason.en;
  if (changed.length === 0 && !reasonChanged) return null;
  // The case machine keeps the months and due date in its context too; later transitions read them there.
  const snapshot = row.snapshot as { context?: Record<string, unknown> };
  const context = { ...(snapshot.context ?? {}), ceilingMonths: next.ceilingMonths, ...(running ? { ceilingDueOn: due } : {}) };
  const nextRow: CaseRow = {
    ...row,
    simple: next.simple,
    ceiling_months: next.ceilingMonths,
    ceiling_reason: next.reason,
    ceiling_due_on: due,
    snapshot: { ...snapshot, context },
    version: row.version + 1,
    updated_at: now,
  };
  const payload = { before, after, changed, reason: next.reason };
  return {
    table: 'cases',
    row,
    nextRow,
    aggregate: { type: 'case', id: row.id, payload: { caseId: row.id } },
    audit: auditBy(actor, { caseId: row.id, permitId: null }, { eventType: 'case.ceilingRescreened', fromState: row.state, toState: row.state, reason: 'Project facts changed (confirmed by the company)', payload }, now),
    task: { kind: 'none' },
    notifications: [],
    alerts: NO_ALERTS,
    outbox: [{ type: 'case.ceilingRescreened', payload: { caseId: row.id, ...payload, at: now.toISOString() } }],
  };
}
