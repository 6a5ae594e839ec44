/** A case transition, planned without I/O (the case machine, its audit, outbox and notifications). */
import { applyCaseEvent, CASE_MACHINE_VERSION, caseMachine, type CaseEffect, type CaseEvent, type CaseSnapshot } from '@rl/permits-machines';
import { buildNotifications, type Audience, type Directory } from '../notifier';
import type { CaseRow, CaseState } from '../rows';
import { flattenState } from '../state-value';
import { auditBy, NO_ALERTS, textOf, type Actor, type CasePlan } from './types';

export interface CaseCommand {
  type: CaseEvent['type'];
  payload: Record<string, unknown>;
  actor: Actor;
}

const instantOr = (iso: string | null, fallback: Date | null) => (iso ? new Date(iso) : fallback);

export function planCaseTransition(row: CaseRow, directory: Directory, cmd: CaseCommand, now: Date): CasePlan & { effects: CaseEffect[] } {
  const at = now.toISOString();
  const snapshot = caseMachine.resolveState(row.snapshot as Parameters<typeof caseMachine.resolveState>[0]) as CaseSnapshot;
  const { snapshot: next, effects } = applyCaseEvent(snapshot, { ...cmd.payload, type: cmd.type, at } as CaseEvent, cmd.actor.role);
  const state = flattenState(next.value) as CaseState;
  const ctx = next.context;
  const nextRow: CaseRow = {
    ...row,
    state,
    snapshot: JSON.parse(JSON.stringify(caseMachine.getPersistedSnapshot(next))),
    machine_version: CASE_MACHINE_VERSION,
    version: row.version + 1,
    submitted_at: instantOr(ctx.submittedAt, row.submitted_at),
    ceiling_due_on: ctx.ceilingDueOn ?? row.ceiling_due_on,
    completed_at: instantOr(ctx.completedAt, row.completed_at),
    updated_at: now,
  };
  const base = { caseId: row.id };
  const notifications = effects.flatMap((e) =>
    e.type === 'notify'
      ? buildNotifications({ kind: e.params.template, audience: [...e.params.to] as Audience[], caseInfo: row, permit: null, data: {}, dedupeKey: `case-${row.id}-${nextRow.version}-${e.params.template}` }, directory)
      : [],
  );
  const audit = auditBy(cmd.actor, { caseId: row.id, permitId: null }, { eventType: cmd.type, fromState: row.state, toState: state, reason: textOf(cmd.payload.reason), payload: cmd.payload }, now);
  const outbox = effects.map((e) => ({ type: e.type, payload: { ...base, eventType: cmd.type, params: 'params' in e ? e.params : undefined, at } }));
  // Submitting with the complete permits only (issue 14): the rest are held back until filed one by one.
  const codes = cmd.type === 'case.submitted' && Array.isArray(cmd.payload.permitCodes) ? cmd.payload.permitCodes.filter((c): c is string => typeof c === 'string') : undefined;
  // A case has no inbox task and no deadline alerts of its own.
  return { table: 'cases', row, nextRow, effects, aggregate: { type: 'case', id: row.id, payload: base }, audit, task: { kind: 'none' }, notifications, alerts: NO_ALERTS, outbox, ...(codes ? { fileOnly: codes } : {}) };
}
