/**
 * A new application for a permit after a final refusal or an appeal board's overturn (issue 13
 * item 1): no dead end. The old permit stays as history, marked `superseded_by` the new one
 * (version-checked, audited `permit.reapplied`); the new permit starts in the same case with the
 * same code, authority, clocks and prerequisites, linked by `replaces_permit_id`. Propagation then
 * treats the new permit as the one dependants follow (superseded rows are skipped).
 */
import { initialTransition } from 'xstate';
import { getCatalog, getPermitType } from '@rl/permits-catalog';
import { PERMIT_MACHINE_VERSION, permitInputFromCatalog, permitMachine, persistPermitSnapshot, toPermitEffects, type PermitEffect } from '@rl/permits-machines';
import { ReapplicationNotAllowedError } from '../errors';
import type { PermitRow, PermitState } from '../rows';
import { flattenState } from '../state-value';
import { auditBy, NO_ALERTS, type Actor, type PermitPlan } from './types';

/** The new permit row to insert (the columns case creation sets) and its entry effects. */
export interface NewPermitInsert {
  row: Pick<
    PermitRow,
    | 'id' | 'case_id' | 'code' | 'authority_id' | 'state' | 'machine_id' | 'machine_version' | 'snapshot' | 'prerequisites' | 'reasons'
    | 'target_unit' | 'target_length' | 'target_kind' | 'statutory_unit' | 'statutory_length' | 'replaces_permit_id'
  >;
  effects: PermitEffect[];
}

export function planReapplication(old: PermitRow, actor: Actor, newId: string, now: Date): { supersede: PermitPlan; insert: NewPermitInsert } {
  if (old.state !== 'final' || old.outcome !== 'refused' || old.superseded_by) throw new ReapplicationNotAllowedError(old.state, old.outcome, old.superseded_by);
  // The case's catalogue version, as the old permit's snapshot records it.
  const catalogVersion = (old.snapshot as { context?: { catalogVersion?: string } }).context?.catalogVersion ?? getCatalog().version;
  const type = getPermitType(old.code, catalogVersion);
  // Every prerequisite starts open; propagation satisfies the ones that hold now, in the same transaction.
  const [snapshot, actions] = initialTransition(permitMachine, permitInputFromCatalog(type, catalogVersion, old.prerequisites.map((p) => p.code)));
  const insert: NewPermitInsert = {
    row: {
      id: newId,
      case_id: old.case_id,
      code: old.code,
      authority_id: old.authority_id,
      state: flattenState(snapshot.value) as PermitState,
      machine_id: old.machine_id,
      machine_version: PERMIT_MACHINE_VERSION,
      snapshot: persistPermitSnapshot(snapshot),
      prerequisites: old.prerequisites,
      reasons: old.reasons,
      target_unit: old.target_unit,
      target_length: old.target_length,
      target_kind: old.target_kind,
      statutory_unit: old.statutory_unit,
      statutory_length: old.statutory_length,
      replaces_permit_id: old.id,
    },
    effects: toPermitEffects(actions),
  };
  const base = { caseId: old.case_id, permitId: old.id };
  const supersede: PermitPlan = {
    table: 'permits',
    row: old,
    nextRow: { ...old, superseded_by: newId, version: old.version + 1, updated_at: now },
    aggregate: { type: 'permit', id: old.id, payload: base },
    audit: auditBy(actor, base, { eventType: 'permit.reapplied', fromState: old.state, toState: old.state, reason: null, payload: { newPermitId: newId } }, now),
    task: { kind: 'none' },
    notifications: [],
    alerts: NO_ALERTS,
    outbox: [{ type: 'permit.reapplied', payload: { ...base, newPermitId: newId, permitCode: old.code, authorityId: old.authority_id, at: now.toISOString() } }],
  };
  return { supersede, insert };
}
