/**
 * THE permit transition, planned without I/O: legal dates the host adds to the event, XState's
 * pure transition, clock columns from the machine's effects, the row as the write leaves it, and
 * everything that depends on it (task, notifications, alerts, outbox). The writer stores it.
 */
import { addCalendarDays, addDuration, appealDeadline, startOfCopenhagenDay, toCopenhagenDate } from '@rl/clocks';
import { getPermitType, isUnknown, type Duration } from '@rl/permits-catalog';
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
import { CALENDAR, computeRisk } from '../permit-clocks';
import type { PermitRow, PermitState } from '../rows';
import { flattenState } from '../state-value';
import { alertWritesFor } from './alert-plan';
import { consequencesOf } from './consequences';
import { auditBy, textOf, type Actor, type PermitPlan, type TransitionContext } from './types';

/** Klagefrist when the catalogue does not know the period: 4 weeks is the general rule (MBL §93, PL §60). */
const DEFAULT_APPEAL_PERIOD: Duration = { unit: 'weeks', length: 4 };

export interface PermitCommand {
  type: PermitEvent['type'];
  payload: Record<string, unknown>;
  actor: Actor;
  /** Recorded role when the host acts on someone's behalf (filing the one application). */
  auditRole?: Role;
}

/** Dates the host computes from the catalogue and the business calendar; the machine stays pure. */
interface LegalDates {
  event: PermitEvent;
  appealDeadlineOn: string | null;
  usableFrom: string | null;
}

function withLegalDates(row: PermitRow, snapshot: PermitSnapshot, cmd: PermitCommand, now: Date): LegalDates {
  const at = now.toISOString();
  const today = toCopenhagenDate(now);
  const event: Record<string, unknown> = { ...cmd.payload, type: cmd.type, at };
  delete event.documentIds; // recorded in the audit payload; not machine input
  let appealDeadlineOn: string | null = null;
  let usableFrom: string | null = null;
  if (cmd.type === 'authority.hearingStarted') {
    const min = snapshot.context.hearingMinDuration;
    event.earliestEndAt = min ? startOfCopenhagenDay(addDuration(today, min, CALENDAR)).toISOString() : at;
  }
  if (cmd.type === 'authority.decisionIssued') {
    const permitType = getPermitType(row.code, snapshot.context.catalogVersion);
    const appeal = isUnknown(permitType.appeal) ? null : permitType.appeal;
    const period = appeal && !isUnknown(appeal.period) ? appeal.period : DEFAULT_APPEAL_PERIOD;
    appealDeadlineOn = appealDeadline(today, period, CALENDAR);
    // The appeal period has run out at the start of the day after the klagefrist.
    event.appealPeriodEndsAt = startOfCopenhagenDay(addCalendarDays(appealDeadlineOn, 1)).toISOString();
    const waitForAppeal = appeal ? appeal.usableOnlyAfterAppealPeriod || appeal.suspendsPermit === true : false;
    usableFrom = cmd.payload.outcome === 'refused' ? null : waitForAppeal ? addCalendarDays(appealDeadlineOn, 1) : today;
  }
  return { event: event as unknown as PermitEvent, appealDeadlineOn, usableFrom };
}

/** The clock columns after the machine's clock effects: start on the complete application, stops and resumes. */
export function clockColumnsAfter(row: Pick<PermitRow, 'complete_on' | 'stops'>, effects: readonly PermitEffect[], today: string): Pick<PermitRow, 'complete_on' | 'stops'> {
  let stops = [...(row.stops ?? [])];
  let completeOn = row.complete_on;
  for (const e of effects) {
    if (e.type === 'clock.start' && !completeOn) completeOn = today;
    if (e.type === 'clock.stop') stops.push({ reason: e.params.reason, from: today, to: null });
    if (e.type === 'clock.resume') stops = stops.map((s) => (s.to === null ? { ...s, to: today } : s));
  }
  return { complete_on: completeOn, stops };
}

export function planPermitTransition(row: PermitRow, ctx: TransitionContext, cmd: PermitCommand, now: Date): PermitPlan & { effects: PermitEffect[] } {
  const at = now.toISOString();
  const today = toCopenhagenDate(now);
  const snapshot = restorePermitSnapshot(row.snapshot, row.machine_version);
  const legal = withLegalDates(row, snapshot, cmd, now);
  const { snapshot: next, effects } = applyPermitEvent(snapshot, legal.event, cmd.actor.role);
  const state = flattenState(next.value) as PermitState;
  // First instants stay: a permit is received, decided and final once.
  const moved: PermitRow = {
    ...row,
    ...clockColumnsAfter(row, effects, today),
    state,
    snapshot: persistPermitSnapshot(next),
    machine_version: PERMIT_MACHINE_VERSION,
    version: row.version + 1,
    outcome: next.context.outcome ?? row.outcome,
    received_at: row.received_at ?? (cmd.type === 'application.submitted' ? now : null),
    decided_at: row.decided_at ?? (cmd.type === 'authority.decisionIssued' ? now : null),
    appeal_deadline_on: legal.appealDeadlineOn ?? row.appeal_deadline_on,
    usable_from: legal.usableFrom ?? row.usable_from,
    final_at: row.final_at ?? (state === 'final' ? now : null),
    updated_at: now,
  };
  const clocks = computeRisk(moved, today, next.context.clockStopsWhileAwaitingApplicant);
  const nextRow: PermitRow = { ...moved, target_due_on: clocks.target?.dueOn ?? null, statutory_due_on: clocks.statutory?.dueOn ?? null, risk: clocks.risk };

  const { task, notifications } = consequencesOf(nextRow, effects, cmd, next.context.hearingEarliestEndAt, ctx);
  const { alerts, cancelOutbox } = alertWritesFor(nextRow, ctx);
  const reason = textOf(cmd.payload.reason) ?? textOf(cmd.payload.question);
  const base = { caseId: row.case_id, permitId: row.id };
  const audit = auditBy(cmd.actor, base, { eventType: cmd.type, fromState: row.state, toState: state, reason, payload: cmd.payload }, now, cmd.auditRole);
  // One outbox row per machine effect (an event log; the relay acts on some), then the alert cancellations.
  const outbox = [
    ...effects.map((e) => ({ type: e.type, payload: { ...base, permitCode: row.code, authorityId: row.authority_id, eventType: cmd.type, fromState: row.state, toState: state, params: e.params, at } })),
    ...cancelOutbox,
  ];
  return { table: 'permits', row, nextRow, effects, aggregate: { type: 'permit', id: row.id, payload: base }, audit, task, notifications, alerts, outbox };
}
