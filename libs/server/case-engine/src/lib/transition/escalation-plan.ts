import { buildNotifications } from '../notifier';
import type { PermitRow } from '../rows';
import { auditBy, NO_ALERTS, riskRank, type Actor, type PermitPlan, type TransitionContext } from './types';

/**
 * A coordinator's manual escalation of a permit (issue 16): nothing about the permit's clocks
 * changes; the version moves (so it is ordered with other writes), it is audited as
 * `permit.escalated`, and the authority's caseworkers and the other coordinators are told.
 */
export function planEscalation(row: PermitRow, ctx: TransitionContext, escalation: { actor: Actor; note: string }, now: Date): PermitPlan {
  const nextRow: PermitRow = { ...row, version: row.version + 1, updated_at: now };
  const base = { caseId: row.case_id, permitId: row.id };
  const notifications = buildNotifications(
    { kind: 'manualEscalation', audience: ['caseworker', 'coordinator'], caseInfo: ctx.caseInfo, permit: nextRow, data: { note: escalation.note }, dedupeKey: `escalate-${row.id}-${nextRow.version}` },
    ctx.directory,
  ).filter((n) => n.userId !== escalation.actor.userId);
  return {
    table: 'permits',
    row,
    nextRow,
    aggregate: { type: 'permit', id: row.id, payload: base },
    audit: auditBy(escalation.actor, base, { eventType: 'permit.escalated', fromState: row.state, toState: row.state, reason: null, payload: { note: escalation.note } }, now),
    task: { kind: 'rank', riskRank: riskRank(row.risk) },
    notifications,
    alerts: NO_ALERTS,
    outbox: [{ type: 'permit.escalated', payload: { ...base, note: escalation.note } }],
  };
}
