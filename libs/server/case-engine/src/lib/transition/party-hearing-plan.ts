/**
 * Partshøring (issue 15 item 2), planned without I/O: the caseworker sends the draft decision to
 * the company with a deadline; the company accepts it or comments. Neither changes the permit's
 * state, but both move its version (a draft is part of the record, and If-Match protects it), are
 * audited and notify the other side — through the one writer, like every transition.
 */
import { addDuration, toCopenhagenDate, type Duration } from '@rl/clocks';
import { CALENDAR } from '../permit-clocks';
import { buildNotifications, type NotificationRow } from '../notifier';
import type { PermitRow } from '../rows';
import { auditBy, NO_ALERTS, type Actor, type AuditChange, type PermitPlan, type TransitionContext } from './types';

export interface DraftDecision {
  id: string;
  outcome: 'granted' | 'grantedWithConditions' | 'refused';
  conditions: string[];
  reasons: string;
}

/** What the writer does with `decision_drafts`. */
export type DraftWrite =
  | { kind: 'send'; draft: DraftDecision; sentBy: string; sentAt: string; respondBy: string }
  | { kind: 'answer'; draftId: string; response: 'accepted' | 'commented'; text: string | null; respondedBy: string; respondedAt: string };

/**
 * A draft step: the permit keeps its state and moves its version; audited as `change` by the
 * actor, notifying one side; no task, alert or outbox change.
 */
function draftStep(
  row: PermitRow,
  actor: Actor,
  change: Pick<AuditChange, 'eventType' | 'reason' | 'payload'>,
  notifications: NotificationRow[],
  draft: DraftWrite,
  now: Date,
): PermitPlan & { draft: DraftWrite } {
  const on = { caseId: row.case_id, permitId: row.id };
  return {
    table: 'permits',
    row,
    nextRow: { ...row, version: row.version + 1, updated_at: now },
    aggregate: { type: 'permit', id: row.id, payload: on },
    audit: auditBy(actor, on, { eventType: change.eventType, fromState: row.state, toState: row.state, reason: change.reason, payload: change.payload }, now),
    task: { kind: 'none' },
    notifications,
    alerts: NO_ALERTS,
    outbox: [],
    draft,
  };
}

/** The draft goes to the company, who has `period` (from the catalogue's 2–4 weeks) to answer. */
export function planDraftSent(row: PermitRow, ctx: TransitionContext, draft: DraftDecision, period: Duration, actor: Actor & { userId: string }, now: Date): PermitPlan & { draft: DraftWrite } {
  const respondBy = addDuration(toCopenhagenDate(now), period, CALENDAR);
  return draftStep(
    row,
    actor,
    { eventType: 'decision.draftSent', reason: null, payload: { draftId: draft.id, outcome: draft.outcome, conditions: draft.conditions, respondBy } },
    buildNotifications({ kind: 'decisionDraftSent', audience: ['applicant'], caseInfo: ctx.caseInfo, permit: row, data: { dueOn: respondBy, outcome: draft.outcome }, dedupeKey: `draft-${draft.id}` }, ctx.directory),
    { kind: 'send', draft, sentBy: actor.userId, sentAt: now.toISOString(), respondBy },
    now,
  );
}

/** The company's answer to the draft: accepted, or a comment the authority must consider. */
export function planDraftAnswered(row: PermitRow, ctx: TransitionContext, draftId: string, response: 'accepted' | 'commented', text: string | null, actor: Actor & { userId: string }, now: Date): PermitPlan & { draft: DraftWrite } {
  return draftStep(
    row,
    actor,
    { eventType: 'decision.draftAnswered', reason: text, payload: { draftId, response } },
    buildNotifications({ kind: 'decisionDraftAnswered', audience: ['caseworker'], caseInfo: ctx.caseInfo, permit: row, data: { outcome: response }, dedupeKey: `draft-answer-${draftId}` }, ctx.directory),
    { kind: 'answer', draftId, response, text, respondedBy: actor.userId, respondedAt: now.toISOString() },
    now,
  );
}
