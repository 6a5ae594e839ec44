/** Fixtures for the planner specs: permit rows built the way case creation builds them, no database. */
import { initialTransition } from 'xstate';
import { getCatalog, getPermitType } from '@rl/permits-catalog';
import { caseMachine, PERMIT_MACHINE_VERSION, permitInputFromCatalog, permitMachine, persistPermitSnapshot } from '@rl/permits-machines';
import type { ExistingAlert } from '../alerts';
import type { Audience, Recipient } from '../notifier';
import { clockColumnsFor } from '../permit-clocks';
import type { CaseRow, PermitRow, PermitState } from '../rows';
import { flattenState } from '../state-value';
import { planPermitTransition, type PermitCommand } from './permit-plan';
import type { Actor, TransitionContext } from './types';

const CURRENT_CATALOG_VERSION = getCatalog().version;
export const CASE_ID = '00000000-0000-4000-8000-0000000000c1';
export const USERS: Record<Audience, Recipient[]> = {
  applicant: [{ id: '00000000-0000-4000-8000-00000000000a', locale: 'da' }],
  caseworker: [{ id: '00000000-0000-4000-8000-00000000000b', locale: 'en' }],
  coordinator: [{ id: '00000000-0000-4000-8000-00000000000c', locale: 'da' }],
};
export const CASEWORKER: Actor = { userId: USERS.caseworker[0].id, role: 'caseworker' };
export const APPLICANT: Actor = { userId: USERS.applicant[0].id, role: 'applicant' };

let seq = 0;
export function newPermit(code = 'MILJOEGODKENDELSE', prerequisitesOpen: string[] = [], over: Partial<PermitRow> = {}): PermitRow {
  const type = getPermitType(code, CURRENT_CATALOG_VERSION);
  const [snapshot] = initialTransition(permitMachine, permitInputFromCatalog(type, CURRENT_CATALOG_VERSION, prerequisitesOpen));
  const clocks = clockColumnsFor(type);
  const created = new Date('2026-01-05T08:00:00.000Z');
  seq++;
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    case_id: CASE_ID,
    code,
    authority_id: '00000000-0000-4000-8000-0000000000a1',
    state: flattenState(snapshot.value) as PermitState,
    outcome: null,
    machine_id: 'permit',
    machine_version: PERMIT_MACHINE_VERSION,
    snapshot: persistPermitSnapshot(snapshot),
    version: 1,
    prerequisites: type.prerequisites.filter((p) => prerequisitesOpen.includes(p.code)).map((p) => ({ code: p.code, requires: p.requires })),
    reasons: [],
    assigned_to: null,
    received_at: null,
    complete_on: null,
    target_unit: clocks.target_unit,
    target_length: clocks.target_length,
    target_kind: clocks.target_kind,
    target_due_on: null,
    statutory_unit: clocks.statutory_unit,
    statutory_length: clocks.statutory_length,
    statutory_due_on: null,
    stops: [],
    extensions: [],
    decided_at: null,
    appeal_deadline_on: null,
    final_at: null,
    usable_from: null,
    risk: 'onTrack',
    replaces_permit_id: null,
    superseded_by: null,
    filed_incomplete: false,
    missing_items: [],
    completeness_due_on: null,
    filing_held: false,
    created_at: created,
    updated_at: created,
    ...over,
  };
}

export function context(alerts: ExistingAlert[] = [], nationalStrategic = false): TransitionContext {
  const authority = { name_da: 'Hillerød Kommune', name_en: 'Hillerød Municipality' };
  return {
    caseInfo: { id: CASE_ID, reference: 'RL-2026-000001', title: 'New plant', organisation_id: 'org-1', national_strategic: nationalStrategic },
    authority: { code: 'KOMMUNE-219', kind: 'municipality', ...authority },
    directory: { authority, recipients: (a) => USERS[a] },
    alerts,
  };
}

export function newCase(over: Partial<CaseRow> = {}): CaseRow {
  const created = new Date('2026-01-05T08:00:00.000Z');
  return {
    id: CASE_ID,
    reference: 'RL-2026-000001',
    organisation_id: 'org-1',
    title: 'New plant',
    description: '',
    facts: {},
    catalog_version: CURRENT_CATALOG_VERSION,
    state: 'draft',
    machine_id: 'case',
    machine_version: 1,
    snapshot: JSON.parse(JSON.stringify(caseMachine.getPersistedSnapshot(initialTransition(caseMachine, { caseId: CASE_ID, ceilingMonths: 18 })[0]))),
    version: 1,
    simple: false,
    ceiling_months: 18,
    national_strategic: false,
    submitted_at: null,
    ceiling_due_on: null,
    completed_at: null,
    created_by: USERS.applicant[0].id,
    created_at: created,
    updated_at: created,
    ...over,
  };
}

/**
 * A permit of `code` under review: filed on 2 February 2026 and confirmed complete on 10 February
 * (its clocks run from then).
 */
export function underReview(code = 'MILJOEGODKENDELSE'): PermitRow {
  return runPlans(newPermit(code), [
    [{ type: 'application.submitted', payload: {}, actor: APPLICANT }, '2026-02-02T09:00:00.000Z'],
    [{ type: 'authority.completenessConfirmed', payload: {}, actor: CASEWORKER }, '2026-02-10T09:00:00.000Z'],
  ]);
}

/** Runs commands through the planner, each on the previous plan's nextRow (as the writer would store it). */
export function runPlans(row: PermitRow, steps: [PermitCommand, string][], ctx = context()): PermitRow {
  return steps.reduce((r, [cmd, at]) => planPermitTransition(r, ctx, cmd, new Date(at)).nextRow, row);
}
