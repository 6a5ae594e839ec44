import { initialTransition } from 'xstate';
import { getCatalog, listCatalogVersions } from '@rl/permits-catalog';
import { initialPermitState, permitInputFromCatalog, permitMachine, toPermitEffects } from '../index';

describe('initialPermitState (memoised first state of a new permit)', () => {
  const inputs = listCatalogVersions().flatMap(({ version }) =>
    getCatalog(version).permitTypes.flatMap((type) => [
      permitInputFromCatalog(type, version),
      permitInputFromCatalog(type, version, []),
    ]),
  );

  it('equals a fresh XState initial transition for every permit type of every catalogue version, with and without open prerequisites', () => {
    expect(inputs.length).toBeGreaterThan(40);
    const states = new Set<string>();
    for (const input of inputs) {
      const [snapshot, actions] = initialTransition(permitMachine, input);
      const memo = initialPermitState(input);
      expect(memo.snapshotJson).toBe(JSON.stringify(permitMachine.getPersistedSnapshot(snapshot)));
      expect(memo.state).toBe(typeof snapshot.value === 'string' ? snapshot.value : Object.keys(snapshot.value)[0]);
      expect(memo.effects).toEqual(toPermitEffects(actions));
      states.add(memo.state);
    }
    // Both branches of the initial state are covered: waiting on prerequisites, and ready at once.
    expect([...states].sort()).toEqual(['blocked', 'ready']);
  });

  it('returns the cached result for an equal input, and a different one for a different input', () => {
    const a = inputs[0];
    const b = inputs.find((x) => x.permitCode !== a.permitCode) as (typeof inputs)[number];
    expect(initialPermitState({ ...a })).toBe(initialPermitState(a));
    expect(initialPermitState(a)).not.toBe(initialPermitState({ ...a, prerequisitesOpen: ['SOMETHING_ELSE'] }));
    expect(initialPermitState(b)).not.toBe(initialPermitState(a));
  });

  it('is frozen, so no caller can change what the next case gets', () => {
    const s = initialPermitState(inputs[1]);
    expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(s.effects)).toBe(true);
    expect(s.effects.every((e) => Object.isFrozen(e))).toBe(true);
  });
});
