/**
 * Across authorities (issue 17), planned without I/O like every transition:
 *
 * - a referral sent to another authority (opinion or consent), answered by it, or proceeded
 *   without after its deadline — each moves the permit's version, is audited, notifies the other
 *   side, and writes the `referrals` row through the one writer (`rf` CTE). A referral that stops
 *   the clock (catalogue `stopsClock`) opens a stop with reason `awaitingOtherAuthority` and
 *   closes it when the last stopping referral of the permit closes; due dates and alerts follow.
 * - a change of the deciding authority (delegation between municipalities, L 206; a minister's
 *   call-in): `authority_id` moves, the open task moves to the new authority unassigned, the
 *   clocks continue untouched, everyone involved is told (applicant, old and new caseworkers,
 *   coordinators), audited with reason and legal basis.
 */
import { toCopenhagenDate } from '@rl/clocks';
import { buildNotifications, type Directory, type NotificationRow, type Recipient } from '../notifier';
import { computeRisk } from '../permit-clocks';
import type { PermitRow } from '../rows';
import { alertWritesFor } from './alert-plan';
import { auditBy, NO_ALERTS, riskRank, type Actor, type AlertWrites, type OutboxWrite, type PermitPlan, type TaskWrite, type TransitionContext } from './types';

/** A new referral (the `referrals` row; case, permit and asking authority come from the permit row). */
export interface ReferralInsert {
  id: string;
  toAuthorityId: string;
  kind: 'opinion' | 'consent';
  ruleId: string | null;
  question: string;
  sharedPart: boolean;
  documentIds: string[];
  dueOn: string;
  stopsClock: boolean;
  requestedBy: string;
  requestedAt: string;
}

export type ReferralWrite =
  | { kind: 'send'; referral: ReferralInsert }
  | { kind: 'answer'; referralId: string; expectedVersion: number; text: string; documentIds: string[]; consent: 'given' | 'refused' | null; by: string; at: string; late: boolean }
  | { kind: 'proceed'; referralId: string; expectedVersion: number; by: string; at: string; note: string | null }
  | { kind: 'overdue'; referralId: string; at: string };

export interface AuthorityChangeWrite {
  kind: 'delegation' | 'callIn';
  fromAuthorityId: string;
  reason: string;
  legalBasis: string;
  by: string;
  at: string;
}

/** The other authority of a referral or change: its names and the caseworkers who may be told. */
export interface OtherAuthority {
  id: string;
  code: string;
  name_da: string;
  name_en: string;
  caseworkers: Recipient[];
}

/** A directory whose caseworkers are the other authority's (names of the permit's authority kept for the text). */
function otherDirectory(ctx: TransitionContext, other: OtherAuthority): Directory {
  return { authority: ctx.directory.authority, recipients: (a) => (a === 'caseworker' ? other.caseworkers : []) };
}

/** A running permit whose clock has started can be stopped (a stop may not begin before the clock started). */
function clockRunning(row: PermitRow): boolean {
  return row.complete_on !== null && row.decided_at === null && String(row.state).startsWith('submitted');
}

/** The row with new stops: due dates and risk recomputed, alerts re-derived (like a target change). */
function withStops(row: PermitRow, ctx: TransitionContext, stops: PermitRow['stops'], now: Date): { nextRow: PermitRow; alerts: AlertWrites; cancelOutbox: OutboxWrite[]; task: TaskWrite } {
  const moved: PermitRow = { ...row, stops, version: row.version + 1, updated_at: now };
  const clocks = computeRisk(moved, toCopenhagenDate(now));
  const nextRow: PermitRow = { ...moved, target_due_on: clocks.target?.dueOn ?? null, statutory_due_on: clocks.statutory?.dueOn ?? null, risk: clocks.risk };
  const { alerts, cancelOutbox } = alertWritesFor(nextRow, ctx);
  return { nextRow, alerts, cancelOutbox, task: { kind: 'rank', riskRank: riskRank(clocks.risk) } };
}

function unchanged(row: PermitRow, now: Date) {
  return { nextRow: { ...row, version: row.version + 1, updated_at: now }, alerts: NO_ALERTS, cancelOutbox: [] as OutboxWrite[], task: { kind: 'none' } as TaskWrite };
}

/** The caseworker sends a referral; the asked authority's caseworkers get it in their inbox and are told. */
export function planReferralSent(row: PermitRow, ctx: TransitionContext, referral: ReferralInsert, asked: OtherAuthority, actor: Actor, now: Date): PermitPlan & { referral: ReferralWrite } {
  const today = toCopenhagenDate(now);
  const stop = referral.stopsClock && clockRunning(row);
  const w = stop ? withStops(row, ctx, [...(row.stops ?? []), { reason: 'awaitingOtherAuthority', from: today, to: null }], now) : unchanged(row, now);
  const on = { caseId: row.case_id, permitId: row.id };
  const details = { referralId: referral.id, toAuthorityId: asked.id, toAuthorityCode: asked.code, kind: referral.kind, ruleId: referral.ruleId, dueOn: referral.dueOn, stopsClock: stop, documentIds: referral.documentIds, sharedPart: referral.sharedPart };
  const notifications = buildNotifications(
    {
      kind: 'referralRequested',
      audience: ['caseworker'],
      caseInfo: ctx.caseInfo,
      permit: w.nextRow,
      data: { dueOn: referral.dueOn, question: referral.question, otherAuthorityNameDa: asked.name_da, otherAuthorityNameEn: asked.name_en, referralKind: referral.kind },
      dedupeKey: `referral-${referral.id}`,
    },
    otherDirectory(ctx, asked),
  );
  return {
    table: 'permits',
    row,
    nextRow: w.nextRow,
    aggregate: { type: 'permit', id: row.id, payload: on },
    audit: auditBy(actor, on, { eventType: 'referral.sent', fromState: row.state, toState: row.state, reason: null, payload: details }, now),
    task: w.task,
    notifications,
    alerts: w.alerts,
    outbox: [{ type: 'referral.sent', payload: { ...on, ...details } }, ...w.cancelOutbox],
    referral: { kind: 'send', referral: { ...referral, stopsClock: stop } },
  };
}

export interface ReferralClose {
  referralId: string;
  expectedVersion: number;
  /** Whether this referral holds an open clock stop, and whether another open referral still does. */
  stoppedClock: boolean;
  otherStoppingOpen: boolean;
  dueOn: string;
  step: { kind: 'answer'; text: string; documentIds: string[]; consent: 'given' | 'refused' | null } | { kind: 'proceed'; note: string | null };
}

/**
 * The asked authority answers (late or not), or the requester proceeds without the answer after
 * the deadline (the API refuses it before). Closes the clock stop when no other stopping referral is open.
 */
export function planReferralClosed(row: PermitRow, ctx: TransitionContext, close: ReferralClose, asked: OtherAuthority, actor: Actor & { userId: string }, now: Date): PermitPlan & { referral: ReferralWrite } {
  const today = toCopenhagenDate(now);
  const resume = close.stoppedClock && !close.otherStoppingOpen && (row.stops ?? []).some((s) => s.reason === 'awaitingOtherAuthority' && s.to === null);
  const w = resume
    ? withStops(row, ctx, (row.stops ?? []).map((s) => (s.reason === 'awaitingOtherAuthority' && s.to === null ? { ...s, to: today } : s)), now)
    : unchanged(row, now);
  const on = { caseId: row.case_id, permitId: row.id };
  const at = now.toISOString();
  const late = today > close.dueOn;
  const answered = close.step.kind === 'answer';
  const details = answered
    ? { referralId: close.referralId, fromAuthorityCode: asked.code, late, consent: (close.step as { consent: string | null }).consent, documentIds: (close.step as { documentIds: string[] }).documentIds, clockResumed: resume }
    : { referralId: close.referralId, toAuthorityCode: asked.code, dueOn: close.dueOn, clockResumed: resume };
  const note = close.step.kind === 'answer' ? close.step.text : close.step.note;
  const notifications: NotificationRow[] = buildNotifications(
    {
      kind: 'referralAnswered',
      audience: ['caseworker'],
      caseInfo: ctx.caseInfo,
      permit: w.nextRow,
      data: { otherAuthorityNameDa: asked.name_da, otherAuthorityNameEn: asked.name_en, referralKind: answered ? 'answered' : 'proceeded', ...(note ? { note: note.slice(0, 500) } : {}) },
      dedupeKey: `referral-${close.referralId}-${close.step.kind}`,
    },
    // An answer goes back to the asking authority; "proceeding without you" goes to the asked one.
    answered ? ctx.directory : otherDirectory(ctx, asked),
  ).filter((n) => n.userId !== actor.userId);
  const referral: ReferralWrite =
    close.step.kind === 'answer'
      ? { kind: 'answer', referralId: close.referralId, expectedVersion: close.expectedVersion, text: close.step.text, documentIds: close.step.documentIds, consent: close.step.consent, by: actor.userId, at, late }
      : { kind: 'proceed', referralId: close.referralId, expectedVersion: close.expectedVersion, by: actor.userId, at, note: close.step.note };
  const eventType = answered ? 'referral.answered' : 'referral.proceeded';
  return {
    table: 'permits',
    row,
    nextRow: w.nextRow,
    aggregate: { type: 'permit', id: row.id, payload: on },
    audit: auditBy(actor, on, { eventType, fromState: row.state, toState: row.state, reason: answered ? null : close.step.kind === 'proceed' ? close.step.note : null, payload: details }, now),
    task: w.task,
    notifications,
    alerts: w.alerts,
    outbox: [{ type: eventType, payload: { ...on, ...details } }, ...w.cancelOutbox],
    referral,
  };
}

/**
 * The sweep found a referral past its answer date without an answer: the asking authority's
 * caseworkers are told once (they may proceed without it). The permit's version does not move
 * (like an alert firing); `overdue_notified_at` and the notification's dedupe key make it once.
 */
export function planReferralOverdue(row: PermitRow, ctx: TransitionContext, overdue: { referralId: string; dueOn: string }, asked: OtherAuthority, now: Date): PermitPlan & { referral: ReferralWrite } {
  const on = { caseId: row.case_id, permitId: row.id };
  const details = { referralId: overdue.referralId, toAuthorityCode: asked.code, dueOn: overdue.dueOn };
  return {
    table: 'permits',
    row,
    nextRow: row,
    aggregate: { type: 'permit', id: row.id, payload: on },
    audit: auditBy({ userId: null, role: 'system' }, on, { eventType: 'referral.overdue', fromState: row.state, toState: row.state, reason: null, payload: details }, now),
    task: { kind: 'none' },
    notifications: buildNotifications(
      {
        kind: 'referralOverdue',
        audience: ['caseworker'],
        caseInfo: ctx.caseInfo,
        permit: row,
        data: { dueOn: overdue.dueOn, otherAuthorityNameDa: asked.name_da, otherAuthorityNameEn: asked.name_en },
        dedupeKey: `referral-overdue-${overdue.referralId}`,
      },
      ctx.directory,
    ),
    alerts: NO_ALERTS,
    outbox: [{ type: 'referral.overdue', payload: { ...on, ...details } }],
    referral: { kind: 'overdue', referralId: overdue.referralId, at: now.toISOString() },
  };
}

export interface AuthorityChange {
  kind: 'delegation' | 'callIn';
  to: OtherAuthority;
  reason: string;
  legalBasis: string;
}

/**
 * The deciding authority changes mid-case. The clocks continue (stops, extensions and due dates
 * are the permit's, not the authority's), so no alert changes; the task moves unassigned.
 */
export function planAuthorityChange(row: PermitRow, ctx: TransitionContext, change: AuthorityChange, actor: Actor & { userId: string }, now: Date): PermitPlan & { authorityChange: AuthorityChangeWrite } {
  const nextRow: PermitRow = { ...row, authority_id: change.to.id, version: row.version + 1, updated_at: now };
  const on = { caseId: row.case_id, permitId: row.id };
  const eventType = change.kind === 'delegation' ? 'authority.delegated' : 'authority.calledIn';
  const details = { kind: change.kind, fromAuthorityId: row.authority_id, fromAuthorityCode: ctx.authority.code, toAuthorityId: change.to.id, toAuthorityCode: change.to.code, reason: change.reason, legalBasis: change.legalBasis };
  const args = {
    kind: 'authorityChanged' as const,
    caseInfo: ctx.caseInfo,
    permit: nextRow,
    data: { otherAuthorityNameDa: change.to.name_da, otherAuthorityNameEn: change.to.name_en, note: change.reason, reasonText: change.legalBasis, referralKind: change.kind },
    dedupeKey: `authority-${row.id}-${nextRow.version}`,
  };
  // The old authority's caseworkers, the applicant and the coordinators (the permit's directory), and the new authority's caseworkers.
  const notifications = [
    ...buildNotifications({ ...args, audience: ['applicant', 'caseworker', 'coordinator'] }, ctx.directory),
    ...buildNotifications({ ...args, audience: ['caseworker'] }, otherDirectory(ctx, change.to)),
  ].filter((n, i, all) => n.userId !== actor.userId && all.findIndex((m) => m.userId === n.userId) === i);
  return {
    table: 'permits',
    row,
    nextRow,
    aggregate: { type: 'permit', id: row.id, payload: on },
    audit: auditBy(actor, on, { eventType, fromState: row.state, toState: row.state, reason: change.reason, payload: details }, now),
    task: { kind: 'move' },
    notifications,
    alerts: NO_ALERTS,
    outbox: [{ type: 'permit.authorityChanged', payload: { ...on, ...details } }],
    authorityChange: { kind: change.kind, fromAuthorityId: row.authority_id, reason: change.reason, legalBasis: change.legalBasis, by: actor.userId, at: now.toISOString() },
  };
}
