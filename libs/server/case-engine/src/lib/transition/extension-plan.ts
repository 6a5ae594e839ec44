import { toCopenhagenDate } from '@rl/clocks';
import { computeRisk } from '../permit-clocks';
import type { PermitRow } from '../rows';
import { buildNotifications } from '../notifier';
import { alertWritesFor } from './alert-plan';
import { auditBy, riskRank, type Actor, type PermitPlan, type TransitionContext } from './types';

export interface TargetExtension {
  extensions: PermitRow['extensions'];
  actor: Actor;
  /** The audit/outbox payload: reason code and texts, comment, from/to due dates. */
  details: Record<string, unknown> & { reasonCode: string };
  /** Audit/outbox event type; default `target.changed`. A change of the agreed plan is `plan.changed` (issue 16). */
  eventType?: 'target.changed' | 'plan.changed';
}

/**
 * A target-date change (coordinator, with a reason code): stored as a clock extension, due
 * dates and risk recomputed, audited and published as `target.changed`, alerts re-derived, and
 * the applicant and the authority's caseworkers told (issue 16: changes notified nobody). A
 * planned date of the agreed plan IS the target, so plan changes come this way too
 * (`plan.changed`; for a permit whose clock has not started, `extensions` stay as they are).
 */
export function planExtension(row: PermitRow, ctx: TransitionContext, change: TargetExtension, now: Date): PermitPlan {
  // Each new extension records when it was granted: from then on the target is a new deadline,
  // warned about and breached again (issue 13 item 11, see deadlineSetAtMs).
  const known = (row.extensions ?? []).length;
  const extensions = change.extensions.map((e, i) => (i >= known && !e.grantedAt ? { ...e, grantedAt: now.toISOString() } : e));
  const clocks = computeRisk({ ...row, extensions }, toCopenhagenDate(now));
  const nextRow: PermitRow = {
    ...row,
    extensions,
    target_due_on: clocks.target?.dueOn ?? null,
    statutory_due_on: clocks.statutory?.dueOn ?? null,
    risk: clocks.risk,
    version: row.version + 1,
    updated_at: now,
  };
  const { alerts, cancelOutbox } = alertWritesFor(nextRow, ctx);
  const base = { caseId: row.case_id, permitId: row.id };
  const eventType = change.eventType ?? 'target.changed';
  const text = (k: string) => (typeof change.details[k] === 'string' ? (change.details[k] as string) : undefined);
  const notifications = buildNotifications(
    {
      kind: 'targetChanged',
      audience: ['applicant', 'caseworker'],
      caseInfo: ctx.caseInfo,
      permit: nextRow,
      data: {
        dueOn: text('toDueOn'),
        previousDueOn: text('fromDueOn'),
        reasonText: text('reasonDa') && text('reasonEn') ? `${text('reasonDa')} (${text('reasonEn')})` : change.details.reasonCode,
        note: text('comment'),
      },
      dedupeKey: `target-${row.id}-${nextRow.version}`,
    },
    ctx.directory,
  );
  return {
    table: 'permits',
    row,
    nextRow,
    aggregate: { type: 'permit', id: row.id, payload: base },
    audit: auditBy(change.actor, base, { eventType, fromState: row.state, toState: row.state, reason: change.details.reasonCode, payload: change.details }, now),
    task: { kind: 'rank', riskRank: riskRank(clocks.risk) },
    notifications,
    alerts,
    outbox: [{ type: eventType, payload: { ...base, ...change.details } }, ...cancelOutbox],
  };
}
