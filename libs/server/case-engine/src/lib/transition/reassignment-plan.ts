import { buildNotifications, type Recipient } from '../notifier';
import type { PermitRow } from '../rows';
import { auditBy, NO_ALERTS, type Actor, type PermitPlan, type TransitionContext } from './types';

/**
 * A coordinator reassigns a permit's open task to another caseworker of the same authority
 * (issue 16). The permit does not change (its version stays, so no one's If-Match goes stale);
 * the reassignment is audited as `task.reassigned` (beside the task's own assignment log,
 * `task_assignment_events`) and the new assignee is told (`taskRouted` addressed to them).
 */
export function planReassignment(row: PermitRow, ctx: TransitionContext, r: { actor: Actor; assignee: Recipient; previousAssigneeId: string | null }, now: Date): PermitPlan {
  const base = { caseId: row.case_id, permitId: row.id };
  const notifications = buildNotifications(
    {
      kind: 'taskRouted',
      audience: ['caseworker'],
      caseInfo: ctx.caseInfo,
      permit: row,
      data: { dueOn: row.target_due_on ?? undefined, assignedToYou: true },
      dedupeKey: `assign-${row.id}-${r.assignee.id}-${now.getTime()}`,
    },
    { ...ctx.directory, recipients: (a) => (a === 'caseworker' ? [r.assignee] : []) },
  );
  return {
    table: 'permits',
    row,
    nextRow: row,
    aggregate: { type: 'permit', id: row.id, payload: base },
    audit: auditBy(r.actor, base, { eventType: 'task.reassigned', fromState: row.state, toState: row.state, reason: null, payload: { assignee: r.assignee.id, previousAssignee: r.previousAssigneeId } }, now),
    task: { kind: 'none' },
    notifications,
    alerts: NO_ALERTS,
    outbox: [],
  };
}
