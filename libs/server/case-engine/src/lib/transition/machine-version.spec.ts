/** A bumped PERMIT_MACHINE_VERSION is what the planner puts into nextRow and the writer into the UPDATE. */
jest.mock('@rl/permits-machines', () => {
  const actual = jest.requireActual('@rl/permits-machines');
  const bumped = actual.PERMIT_MACHINE_VERSION + 1;
  // The new version reads the old snapshots unchanged (an identity migration).
  return { ...actual, PERMIT_MACHINE_VERSION: bumped, restorePermitSnapshot: (json: unknown, v: number) => actual.restorePermitSnapshot(json, v === bumped ? actual.PERMIT_MACHINE_VERSION : v) };
});

import { PERMIT_MACHINE_VERSION } from '@rl/permits-machines';
import { planStatement } from '../writer';
import { planPermitTransition } from './permit-plan';
import { APPLICANT, context, newPermit } from './test-helpers';

it('the next transition of a row stored by the previous version writes the bumped version', () => {
  const previous = jest.requireActual('@rl/permits-machines').PERMIT_MACHINE_VERSION as number;
  const row = { ...newPermit(), machine_version: previous };
  const plan = planPermitTransition(row, context(), { type: 'application.submitted', payload: {}, actor: APPLICANT }, new Date('2026-02-02T09:00:00.000Z'));
  expect(plan.nextRow.machine_version).toBe(previous + 1);
  const q = planStatement(plan);
  const n = Number(/machine_version = \$(\d+)/.exec(q.text)?.[1]);
  expect(q.values[n - 1]).toBe(PERMIT_MACHINE_VERSION);
  expect(PERMIT_MACHINE_VERSION).toBe(previous + 1);
});
