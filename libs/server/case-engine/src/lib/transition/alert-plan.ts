/**
 * Deadline alerts in plans: the rows a permit's clocks call for after a write (with the outbox
 * rows that cancel and schedule their delayed jobs), and the firing of one alert.
 */
import { toCopenhagenDate } from '@rl/clocks';
import { alertJobId, planAlerts, type AlertClock, type AlertThreshold } from '../alerts';
import { buildNotifications } from '../notifier';
import { computeRisk } from '../permit-clocks';
import type { PermitRow } from '../rows';
import { validityOf } from '../validity';
import { auditBy, NO_ALERTS, riskRank, SYSTEM, type AlertWrites, type OutboxWrite, type PermitPlan, type TransitionContext } from './types';

/** Re-derives the permit's pending alerts from `nextRow` (see planAlerts); job ids are built here, once. */
export function alertWritesFor(nextRow: PermitRow, ctx: TransitionContext): { alerts: AlertWrites; cancelOutbox: OutboxWrite[] } {
  const { stale, toInsert } = planAlerts(nextRow, ctx.alerts);
  const base = { caseId: nextRow.case_id, permitId: nextRow.id };
  return {
    alerts: {
      cancel: stale.map((e) => e.id),
      insert: toInsert.map((d) => ({ ...d, schedule: { ...base, jobId: alertJobId(nextRow.id, d.clock, d.threshold, d.dueAt), dueAt: d.dueAt.toISOString() } })),
      fire: null,
    },
    cancelOutbox: stale.map((e) => ({ type: 'alert.cancel', payload: { ...base, jobId: alertJobId(nextRow.id, e.clock, e.threshold, new Date(e.dueMs)) } })),
  };
}

/** An unfired alert row, claimed by the caller. */
export interface ClaimedAlert {
  id: string;
  clock: AlertClock;
  threshold: AlertThreshold;
  due_at: Date;
}

/**
 * Firing one deadline alert: the row is marked fired, the permit's risk and inbox ranking
 * follow the clock, the authority's caseworkers are told and a breach is escalated to the
 * one-stop-shop coordinators (FAST-41 style accountability). The permit's version does not
 * move: a deadline passing is not an edit a client could conflict with.
 */
export function planAlertFiring(alert: ClaimedAlert, row: PermitRow, ctx: TransitionContext, now: Date): PermitPlan {
  if (alert.clock === 'validity') return planValidityReminder(alert, row, ctx, now);
  const clocks = computeRisk(row, toCopenhagenDate(now));
  const clock = alert.clock === 'target' ? clocks.target : alert.clock === 'statutory' ? clocks.statutory : null;
  const dueOn = alert.clock === 'completeness' ? (row.completeness_due_on ?? undefined) : (clock?.dueOn ?? undefined);
  const caseInfo = ctx.caseInfo;
  const notifications = buildNotifications(
    { kind: alert.threshold === 'warning' ? 'alertWarning' : 'alertBreach', audience: ['caseworker'], caseInfo, permit: row, data: { clock: alert.clock, dueOn, percentUsed: clock?.percentUsed }, dedupeKey: `alert-${alert.id}` },
    ctx.directory,
  );
  if (alert.threshold === 'breach') {
    notifications.push(...buildNotifications({ kind: 'escalation', audience: ['coordinator'], caseInfo, permit: row, data: { clock: alert.clock, dueOn }, dedupeKey: `escalation-${alert.id}` }, ctx.directory));
  }
  return {
    table: 'permits',
    row,
    nextRow: { ...row, risk: clocks.risk },
    aggregate: { type: 'permit', id: row.id, payload: { caseId: row.case_id, permitId: row.id } },
    audit: auditBy(
      SYSTEM,
      { caseId: row.case_id, permitId: row.id },
      { eventType: `deadline.${alert.threshold}`, fromState: row.state, toState: row.state, reason: `${alert.clock} ${alert.threshold}`, payload: { alertId: String(alert.id), clock: alert.clock, dueAt: new Date(alert.due_at).toISOString() } },
      now,
    ),
    task: { kind: 'rank', riskRank: riskRank(clocks.risk) },
    notifications,
    alerts: { ...NO_ALERTS, fire: { id: alert.id, at: now } },
    // The event log's record of the firing (webhooks relay it as deadline.warning/breach).
    outbox: [{ type: `deadline.${alert.threshold}`, payload: { caseId: row.case_id, permitId: row.id, permitCode: row.code, authorityId: row.authority_id, clock: alert.clock, threshold: alert.threshold, dueOn: dueOn ?? null, at: now.toISOString() } }],
  };
}

/**
 * A reminder that a granted decision lapses or expires (issue 13 item 4): the holder (the
 * applicant organisation) and the authority's caseworkers are told once per threshold (the
 * `deadline_alerts` row is claimed once). Nothing about the permit's processing changes: risk,
 * task and version stay as they are.
 */
function planValidityReminder(alert: ClaimedAlert, row: PermitRow, ctx: TransitionContext, now: Date): PermitPlan {
  const validity = validityOf(row);
  const notifications = buildNotifications(
    {
      kind: 'validityReminder',
      audience: ['applicant', 'caseworker'],
      caseInfo: ctx.caseInfo,
      permit: row,
      data: { dueOn: validity?.validUntil ?? undefined, validityKind: validity?.kind, validitySource: validity?.source },
      dedupeKey: `alert-${alert.id}`,
    },
    ctx.directory,
  );
  return {
    table: 'permits',
    row,
    nextRow: row,
    aggregate: { type: 'permit', id: row.id, payload: { caseId: row.case_id, permitId: row.id } },
    audit: auditBy(
      SYSTEM,
      { caseId: row.case_id, permitId: row.id },
      {
        eventType: `validity.${alert.threshold}`,
        fromState: row.state,
        toState: row.state,
        reason: `validity ${alert.threshold}`,
        payload: { alertId: String(alert.id), clock: alert.clock, dueAt: new Date(alert.due_at).toISOString(), validUntil: validity?.validUntil ?? null, source: validity?.source ?? null },
      },
      now,
    ),
    task: { kind: 'none' },
    notifications,
    alerts: { ...NO_ALERTS, fire: { id: alert.id, at: now } },
    outbox: [],
  };
}
