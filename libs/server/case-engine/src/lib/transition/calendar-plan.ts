/**
 * A changed business calendar (issue 13 item 12), planned without I/O: a running clock whose due
 * dates move under the calendar now in force (../permit-clocks.ts CALENDAR), and a case ceiling
 * that rolls to another business day, are rewritten with an audit row `calendar.recomputed`
 * (payload: the calendar change and every date moved) and their alerts re-derived. Nothing moves
 * → no plan (and no audit row).
 */
import { ceilingDueOn, toCopenhagenDate, type CeilingMonths } from '@rl/clocks';
import { CALENDAR, computeRisk } from '../permit-clocks';
import type { CaseRow, PermitRow } from '../rows';
import { alertWritesFor } from './alert-plan';
import { auditBy, NO_ALERTS, SYSTEM, type CasePlan, type PermitPlan, type TransitionContext } from './types';

/** What changed in the calendar, as the admin API recorded it (audited with every recomputation). */
export type CalendarChange = Record<string, unknown> & { action: string };

const moved = (field: string, from: string | null, to: string | null) => (from === to ? [] : [{ field, from, to }]);

export function planPermitCalendarRecompute(row: PermitRow, ctx: TransitionContext, change: CalendarChange, now: Date): PermitPlan | null {
  if (row.state === 'final' || row.state === 'withdrawn' || row.decided_at !== null || row.complete_on === null) return null;
  const clocks = computeRisk(row, toCopenhagenDate(now));
  const target = clocks.target?.dueOn ?? null;
  const statutory = clocks.statutory?.dueOn ?? null;
  const dates = [...moved('targetDueOn', row.target_due_on, target), ...moved('statutoryDueOn', row.statutory_due_on, statutory)];
  if (dates.length === 0) return null;
  const nextRow: PermitRow = { ...row, target_due_on: target, statutory_due_on: statutory, risk: clocks.risk, version: row.version + 1, updated_at: now };
  const base = { caseId: row.case_id, permitId: row.id };
  const payload = { change, dates };
  const { alerts, cancelOutbox } = alertWritesFor(nextRow, ctx);
  return {
    table: 'permits',
    row,
    nextRow,
    aggregate: { type: 'permit', id: row.id, payload: base },
    audit: auditBy(SYSTEM, base, { eventType: 'calendar.recomputed', fromState: row.state, toState: row.state, reason: `Business calendar changed: ${change.action}`, payload }, now),
    task: { kind: 'none' },
    notifications: [],
    alerts,
    outbox: [{ type: 'calendar.recomputed', payload: { ...base, ...payload, at: now.toISOString() } }, ...cancelOutbox],
  };
}

/** The L 206 ceiling of a running case rolls to the calendar's next business day (ceilingDueOn). */
export function planCeilingCalendarRecompute(row: CaseRow, change: CalendarChange, now: Date): CasePlan | null {
  if ((row.state !== 'submitted' && row.state !== 'inProgress') || row.ceiling_months === null || row.ceiling_due_on === null || row.submitted_at === null) return null;
  const due = ceilingDueOn(toCopenhagenDate(row.submitted_at), row.ceiling_months as CeilingMonths, CALENDAR);
  const dates = moved('ceilingDueOn', row.ceiling_due_on, due);
  if (dates.length === 0) return null;
  // The case machine keeps the due date in its context too; later transitions read it from there.
  const snapshot = row.snapshot as { context?: Record<string, unknown> };
  const nextRow: CaseRow = { ...row, ceiling_due_on: due, snapshot: { ...snapshot, context: { ...(snapshot.context ?? {}), ceilingDueOn: due } }, version: row.version + 1, updated_at: now };
  const payload = { change, dates };
  return {
    table: 'cases',
    row,
    nextRow,
    aggregate: { type: 'case', id: row.id, payload: { caseId: row.id } },
    audit: auditBy(SYSTEM, { caseId: row.id, permitId: null }, { eventType: 'calendar.recomputed', fromState: row.state, toState: row.state, reason: `Business calendar changed: ${change.action}`, payload }, now),
    task: { kind: 'none' },
    notifications: [],
    alerts: NO_ALERTS,
    outbox: [{ type: 'calendar.recomputed', payload: { caseId: row.id, ...payload, at: now.toISOString() } }],
  };
}
