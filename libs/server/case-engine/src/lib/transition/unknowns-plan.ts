/**
 * A coordinator accepts a case's open "don't know" answers (issue 13 item 15): the case may then
 * be submitted with its possible permits unsettled. Recorded as the case's audit row
 * `case.unknownsAccepted` (who, why, which questions and permits), with a version bump so that a
 * stale acceptance is refused (If-Match); the submit guard reads that row.
 */
import type { CaseRow } from '../rows';
import { auditBy, NO_ALERTS, type Actor, type CasePlan } from './types';

export interface UnknownsAcceptance {
  reason: string;
  unsettledFacts: string[];
  possiblePermits: string[];
}

export function planUnknownsAccepted(row: CaseRow, actor: Actor, acceptance: UnknownsAcceptance, now: Date): CasePlan {
  const nextRow: CaseRow = { ...row, version: row.version + 1, updated_at: now };
  const payload = { ...acceptance };
  return {
    table: 'cases',
    row,
    nextRow,
    aggregate: { type: 'case', id: row.id, payload: { caseId: row.id } },
    audit: auditBy(actor, { caseId: row.id, permitId: null }, { eventType: 'case.unknownsAccepted', fromState: row.state, toState: row.state, reason: acceptance.reason, payload }, now),
    task: { kind: 'none' },
    notifications: [],
    alerts: NO_ALERTS,
    outbox: [{ type: 'case.unknownsAccepted', payload: { caseId: row.id, ...payload, at: now.toISOString() } }],
  };
}
