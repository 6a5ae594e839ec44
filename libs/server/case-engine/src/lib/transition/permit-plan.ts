/**
 * THE permit transition, planned without I/O: legal dates the host adds to the event, XState's
 * pure transition, clock columns from the machine's effects, the row as the write leaves it, and
 * everything that depends on it (task, notifications, alerts, outbox). The writer stores it.
 */
import { addDuration, toCopenhagenDate } from '@rl/clocks';
import { getPermitType, isUnknown } from '@rl/permits-catalog';
import {
  applyPermitEvent,
  PERMIT_MACHINE_VERSION,
  persistPermitSnapshot,
  restorePermitSnapshot,
  type PermitEffect,
  type PermitEvent,
  type PermitSnapshot,
  type Role,
} from '@rl/permits-machines';
import { CALENDAR, computeRisk, type PermitClockView } from '../permit-clocks';
import type { PermitRow, PermitState } from '../rows';
import { flattenState } from '../state-value';
import { alertWritesFor } from './alert-plan';
import { consequencesOf } from './consequences';
import { decisionDates, decisionWriteOf, hearingEarliestEnd, hearingWriteOf } from './decision-plan';
import { auditBy, textOf, type Actor, type DecisionDocumentInput, type FilingCheck, type PermitPlan, type TransitionContext } from './types';

export interface PermitCommand {
  type: PermitEvent['type'];
  payload: Record<string, unknown>;
  actor: Actor;
  /** Recorded role when the host acts on someone's behalf (filing the one application). */
  auditRole?: Role;
  /** The decision letter the API rendered for this decision (issue 15); registered by the write. */
  decisionDocument?: DecisionDocumentInput;
  /** For `application.submitted`: the application's check and the completeness period (read by the host). */
  filing?: FilingCheck;
}

type FilingColumns = Pick<PermitRow, 'filed_incomplete' | 'missing_items' | 'completeness_due_on' | 'filing_held'>;

/**
 * Filing (issue 14): the permit arrives flagged incomplete with the list of what is missing
 * (Danish law lets an incomplete application be filed; the authority asks for the rest) and the
 * authority's completeness-check deadline starts (catalogue `completenessCheck`). The clock of the
 * decision itself starts only when the authority confirms completeness (the machine's
 * `clock.start`), flagged or not. A held-back permit is no longer held once filed.
 */
export function filingColumnsAfter(row: PermitRow, cmd: PermitCommand, state: PermitState, today: string): FilingColumns {
  const kept: FilingColumns = { filed_incomplete: row.filed_incomplete, missing_items: row.missing_items, completeness_due_on: row.completeness_due_on, filing_held: row.filing_held };
  if (cmd.type !== 'application.submitted' || !state.startsWith('submitted')) return kept;
  const missing = cmd.filing?.missing ?? [];
  const completenessDueOn = cmd.filing ? addDuration(today, cmd.filing.completenessCheck, CALENDAR) : null;
  return { filed_incomplete: missing.length > 0, missing_items: missing, completeness_due_on: completenessDueOn, filing_held: false };
}

/** Dates the host computes from the catalogue and the business calendar; the machine stays pure. */
interface LegalDates {
  event: PermitEvent;
  appealDeadlineOn: string | null;
  usableFrom: string | null;
}

function withLegalDates(row: PermitRow, snapshot: PermitSnapshot, cmd: PermitCommand, now: Date): LegalDates {
  const at = now.toISOString();
  const event: Record<string, unknown> = { ...cmd.payload, type: cmd.type, at };
  delete event.documentIds; // recorded in the audit payload; not machine input
  delete event.changedFields; // likewise (issue 14 point 3: the application fields an answer changed)
  let appealDeadlineOn: string | null = null;
  let usableFrom: string | null = null;
  if (cmd.type === 'authority.hearingStarted') event.earliestEndAt = hearingEarliestEnd(snapshot.context.hearingMinDuration, now);
  if (cmd.type === 'authority.decisionIssued') {
    const dates = decisionDates(row, cmd.payload.outcome, now);
    appealDeadlineOn = dates.appealDeadlineOn;
    usableFrom = dates.usableFrom;
    if (dates.appealPeriodEndsAt) event.appealPeriodEndsAt = dates.appealPeriodEndsAt;
  }
  return { event: event as unknown as PermitEvent, appealDeadlineOn, usableFrom };
}

type DecisionColumns = Pick<PermitRow, 'outcome' | 'decided_at' | 'appeal_deadline_on' | 'usable_from' | 'complete_on' | 'stops'>;

/**
 * The decision columns after the event: what a decision, an appeal and the board's outcome do to
 * the outcome, the klagefrist and the usable-from date (issue 13 items 1–2), and a new clock when
 * the application starts over (remitted on appeal, or blocked again by a prerequisite).
 */
export function decisionColumnsAfter(row: PermitRow, clockColumns: Pick<PermitRow, 'complete_on' | 'stops'>, cmd: PermitCommand, legal: LegalDates, next: PermitSnapshot, state: PermitState, now: Date): DecisionColumns {
  const today = toCopenhagenDate(now);
  const kept: DecisionColumns = { ...clockColumns, outcome: next.context.outcome ?? row.outcome, decided_at: row.decided_at, appeal_deadline_on: row.appeal_deadline_on, usable_from: row.usable_from };
  switch (cmd.type) {
    case 'authority.decisionIssued':
      return { ...kept, decided_at: row.decided_at ?? now, appeal_deadline_on: legal.appealDeadlineOn, usable_from: legal.usableFrom };
    case 'appeal.lodged':
      // Opsættende virkning (PL §35 landzone, GMO: permits-research.md §1 #3, #18): while the
      // appeal is pending the usable date is not known — empty, not the old date.
      return next.context.suspendedByAppeal ? { ...kept, usable_from: null } : kept;
    case 'appeal.decided': {
      if (state === 'submitted.underReview') {
        // Remitted (or a refusal annulled): no decision any more; the authority decides again
        // and its clock counts from the remittance (inference ~: no rule on the clock of a
        // remitted case was found; the servicemål/deadline is treated as a new one).
        return { outcome: null, decided_at: null, appeal_deadline_on: null, usable_from: null, complete_on: today, stops: [] };
      }
      if (next.context.outcome === 'refused') return { ...kept, outcome: 'refused', usable_from: null }; // overturned: no permit
      // Upheld or changed: usable from the board's decision when the appeal suspended it (~).
      return { ...kept, usable_from: row.usable_from ?? today };
    }
    case 'prerequisites.revoked':
      // Out of the authority's inbox: a new filing starts a new clock.
      return { ...kept, complete_on: null, stops: [] };
    default:
      return kept;
  }
}

/** The clock columns after the machine's clock effects: start on the complete application, stops and resumes. */
export function clockColumnsAfter(row: Pick<PermitRow, 'complete_on' | 'stops'>, effects: readonly PermitEffect[], today: string): Pick<PermitRow, 'complete_on' | 'stops'> {
  let stops = [...(row.stops ?? [])];
  let completeOn = row.complete_on;
  for (const e of effects) {
    if (e.type === 'clock.start' && !completeOn) completeOn = today;
    if (e.type === 'clock.stop') stops.push({ reason: e.params.reason, from: today, to: null });
    // The machine resumes its own stops; a referral's stop (awaitingOtherAuthority, issue 17) is closed by its referral.
    if (e.type === 'clock.resume') stops = stops.map((s) => (s.to === null && s.reason !== 'awaitingOtherAuthority' ? { ...s, to: today } : s));
  }
  return { complete_on: completeOn, stops };
}

/** A permit plan with what was computed on the way: the machine's effects and snapshot, the clocks of `nextRow`. */
export type PlannedPermitTransition = PermitPlan & { effects: PermitEffect[]; snapshot: PermitSnapshot; clocks: PermitClockView };

export function planPermitTransition(row: PermitRow, ctx: TransitionContext, cmd: PermitCommand, now: Date): PlannedPermitTransition {
  const at = now.toISOString();
  const today = toCopenhagenDate(now);
  const snapshot = restorePermitSnapshot(row.snapshot, row.machine_version);
  const legal = withLegalDates(row, snapshot, cmd, now);
  const { snapshot: next, effects } = applyPermitEvent(snapshot, legal.event, cmd.actor.role);
  const state = flattenState(next.value) as PermitState;
  // First instants stay: a permit is received, decided and final once (a decision sent back on
  // appeal is the exception: decisionColumnsAfter).
  const moved: PermitRow = {
    ...row,
    ...decisionColumnsAfter(row, clockColumnsAfter(row, effects, today), cmd, legal, next, state, now),
    ...filingColumnsAfter(row, cmd, state, today),
    state,
    snapshot: persistPermitSnapshot(next),
    machine_version: PERMIT_MACHINE_VERSION,
    version: row.version + 1,
    received_at: row.received_at ?? (cmd.type === 'application.submitted' ? now : null),
    final_at: row.final_at ?? (state === 'final' ? now : null),
    updated_at: now,
  };
  const clocks = computeRisk(moved, today, next.context.clockStopsWhileAwaitingApplicant);
  const nextRow: PermitRow = { ...moved, target_due_on: clocks.target?.dueOn ?? null, statutory_due_on: clocks.statutory?.dueOn ?? null, risk: clocks.risk };

  const decision = decisionWriteOf(nextRow, cmd.type, cmd.decisionDocument, cmd.actor.userId, now);
  const permitType = getPermitType(row.code, next.context.catalogVersion);
  const hearing = hearingWriteOf(row, state, cmd.payload, isUnknown(permitType.hearing) ? 'public' : permitType.hearing.audience, next.context.hearingEarliestEndAt, now);
  const { task, notifications } = consequencesOf(nextRow, effects, cmd, next.context.hearingEarliestEndAt, ctx, decision?.id ?? null);
  const { alerts, cancelOutbox } = alertWritesFor(nextRow, ctx);
  const reason = textOf(cmd.payload.reason) ?? textOf(cmd.payload.question);
  const base = { caseId: row.case_id, permitId: row.id };
  // A filing records what was missing, so the audit shows the application arrived incomplete;
  // a decision's audit row names the decision letter by id and checksum (its bytes are the document).
  const auditPayload = decision
    ? { ...cmd.payload, decisionDocumentId: decision.id, documentId: decision.documentId, sha256: decision.sha256, supersedesId: decision.supersedesId, published: decision.publish }
    : nextRow.filed_incomplete && cmd.type === 'application.submitted'
      ? { ...cmd.payload, incomplete: true, missing: nextRow.missing_items.map((i) => i.pointer) }
      : cmd.payload;
  const audit = auditBy(cmd.actor, base, { eventType: cmd.type, fromState: row.state, toState: state, reason, payload: auditPayload }, now, cmd.auditRole);
  // One outbox row per machine effect (an event log; the relay acts on some), then the alert cancellations.
  const outbox = [
    ...effects.map((e) => ({ type: e.type, payload: { ...base, permitCode: row.code, authorityId: row.authority_id, eventType: cmd.type, fromState: row.state, toState: state, params: e.params, at } })),
    ...cancelOutbox,
    ...(decision?.publish ? [{ type: 'decision.published', payload: { ...base, permitCode: row.code, decisionDocumentId: decision.id, appealDeadlineOn: decision.appealDeadlineOn, at } }] : []),
  ];
  return { table: 'permits', row, nextRow, effects, snapshot: next, clocks, aggregate: { type: 'permit', id: row.id, payload: base }, audit, task, notifications, alerts, outbox, decision, hearing };
}
