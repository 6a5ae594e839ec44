/**
 * A bumped PERMIT_MACHINE_VERSION is what the next transition stores. The bump is simulated by
 * mocking the machines library: the constant goes up by one and the new version reads the old
 * snapshots unchanged (an identity migration), exactly what a real bump with a migration in
 * permit-snapshot.ts provides. Everything else — API, planner, writer, PostgreSQL — is real.
 */
jest.mock('@rl/permits-machines', () => {
  const actual = jest.requireActual('@rl/permits-machines');
  const bumped = actual.PERMIT_MACHINE_VERSION + 1;
  return {
    ...actual,
    PERMIT_MACHINE_VERSION: bumped,
    restorePermitSnapshot: (json: unknown, version: number) => actual.restorePermitSnapshot(json, version === bumped ? actual.PERMIT_MACHINE_VERSION : version),
  };
});

import { PERMIT_MACHINE_VERSION as BUMPED } from '@rl/permits-machines';
import { createCase, SIMPLE_FACTS, TestApi } from './support/http';

describe('machine version on the next transition (real PostgreSQL + Redis)', () => {
  const api = TestApi.forSuite();

  it('a permit stored by the previous machine version is written with the bumped one by its next transition', async () => {
    const actual = jest.requireActual('@rl/permits-machines').PERMIT_MACHINE_VERSION as number;
    expect(BUMPED).toBe(actual + 1);
    const c = await createCase(api, 'anna@nordlys.example', SIMPLE_FACTS, 'Machine version bump');
    const permit = c.permits[0];
    // As if written before the deploy that bumped the version.
    await api.ds.query(`UPDATE permits SET machine_version = $2 WHERE id = $1`, [permit.id, actual]);
    const read = async () => (await api.ds.query(`SELECT machine_version, state FROM permits WHERE id = $1`, [permit.id]))[0];
    expect(await read()).toEqual({ machine_version: actual, state: 'ready' });

    // Submitting the case files the permit (a transition through propagation).
    const r = await api.caseEvent(c.id, 'anna@nordlys.example', { type: 'case.submitted' });
    expect(r.status).toBe(200);
    expect(await read()).toEqual({ machine_version: BUMPED, state: 'submitted.completenessCheck' });
  });
});
