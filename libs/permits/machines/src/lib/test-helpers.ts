/** Shared fixtures for the machine specs (not exported from the package). */
import { initialTransition } from 'xstate';
import { permitMachine } from './permit.machine';
import type { PermitSnapshot } from './permit.host';
import type { PermitEvent, PermitMachineInput } from './permit.types';
import { applyPermitEvent } from './permit.host';
import type { Role } from './roles';

export const baseInput: PermitMachineInput = {
  permitCode: 'MILJOEGODKENDELSE',
  catalogVersion: '2025.1',
  hearingRequired: true,
  hearingMinDuration: { unit: 'weeks', length: 8 },
  appealApplies: true,
  appealSuspends: false,
  prerequisitesOpen: [],
};

export function start(input: Partial<PermitMachineInput> = {}): PermitSnapshot {
  return initialTransition(permitMachine, { ...baseInput, ...input })[0];
}

export const T = {
  submitted: '2026-02-02T09:00:00.000Z',
  complete: '2026-02-10T09:00:00.000Z',
  hearingStart: '2026-03-02T09:00:00.000Z',
  // 8 weeks from 2 March: objections through 27 April; the hearing may close from 00:00 CEST on
  // 28 April (issue 13 item 6; was 2026-04-27T09:00Z, i.e. during the last day for objections).
  hearingEarliestEnd: '2026-04-27T22:00:00.000Z',
  tooEarly: '2026-04-20T09:00:00.000Z',
  hearingEnd: '2026-04-28T09:00:00.000Z',
  decided: '2026-05-04T09:00:00.000Z',
  appealEnds: '2026-06-01T21:59:59.000Z',
  afterAppeal: '2026-06-02T05:00:00.000Z',
};

const ROLE_OF: Record<PermitEvent['type'], Role> = {
  'prerequisites.satisfied': 'system',
  'prerequisites.revoked': 'system',
  'application.submitted': 'applicant',
  'authority.completenessConfirmed': 'caseworker',
  'authority.infoRequested': 'caseworker',
  'applicant.infoProvided': 'applicant',
  'authority.hearingStarted': 'caseworker',
  'authority.hearingEnded': 'caseworker',
  'authority.decisionIssued': 'caseworker',
  'appeal.lodged': 'system',
  'appeal.decided': 'system',
  'appeal.periodExpired': 'system',
  'application.withdrawn': 'applicant',
};

/** Applies events with a role that may send them; throws if any is rejected. */
export function run(snapshot: PermitSnapshot, events: PermitEvent[]): PermitSnapshot {
  return events.reduce((s, e) => applyPermitEvent(s, e, ROLE_OF[e.type]).snapshot, snapshot);
}

/** The happy path up to a decision, with a hearing. */
export const toDecision: PermitEvent[] = [
  { type: 'application.submitted', at: T.submitted },
  { type: 'authority.completenessConfirmed', at: T.complete },
  { type: 'authority.hearingStarted', at: T.hearingStart, earliestEndAt: T.hearingEarliestEnd },
  { type: 'authority.hearingEnded', at: T.hearingEnd },
  { type: 'authority.decisionIssued', at: T.decided, outcome: 'granted', reason: 'Meets BAT', appealPeriodEndsAt: T.appealEnds },
];
