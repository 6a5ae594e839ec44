import { planPermitTransition } from './permit-plan';
import { nextPropagationStep } from './propagation';
import { context, newPermit } from './test-helpers';
import type { PermitRow } from '../rows';

const decided = (code: string, over: Partial<PermitRow> = {}) => newPermit(code, [], { state: 'decided.appealPeriod', outcome: 'granted', ...over });

describe('nextPropagationStep', () => {
  it('satisfy: a blocked permit whose prerequisite was decided gets exactly that code', () => {
    const dependant = newPermit('MILJOEGODKENDELSE', ['LOKALPLAN', 'VVM_SCREENING']);
    const step = nextPropagationStep({ state: 'inProgress' }, [decided('LOKALPLAN'), newPermit('VVM_SCREENING'), dependant]);
    expect(step).toEqual({ kind: 'satisfy', items: [{ permit: dependant, codes: ['LOKALPLAN'] }] });
  });

  it('satisfy: a refused prerequisite satisfies nothing', () => {
    const dependant = newPermit('MILJOEGODKENDELSE', ['LOKALPLAN']);
    expect(nextPropagationStep({ state: 'inProgress' }, [decided('LOKALPLAN', { outcome: 'refused' }), dependant])).toEqual({ kind: 'settled' });
  });

  it("satisfy: a 'final' prerequisite is not satisfied by a decision still open to appeal", () => {
    const dependant = newPermit('MILJOEGODKENDELSE', ['LOKALPLAN'], { prerequisites: [{ code: 'LOKALPLAN', requires: 'final' }] });
    expect(nextPropagationStep({ state: 'inProgress' }, [decided('LOKALPLAN'), dependant]).kind).toBe('settled');
    expect(nextPropagationStep({ state: 'inProgress' }, [decided('LOKALPLAN', { state: 'final' }), dependant])).toMatchObject({ kind: 'satisfy' });
  });

  it('file: a ready permit in a submitted or running case is filed; in a draft case it waits', () => {
    const ready = newPermit('LOKALPLAN');
    expect(ready.state).toBe('ready');
    expect(nextPropagationStep({ state: 'submitted' }, [ready])).toEqual({ kind: 'file', permits: [ready] });
    expect(nextPropagationStep({ state: 'inProgress' }, [ready])).toEqual({ kind: 'file', permits: [ready] });
    expect(nextPropagationStep({ state: 'draft' }, [ready])).toEqual({ kind: 'settled' });
  });

  it('satisfy comes before file: one rule at a time, as the chain settles', () => {
    const dependant = newPermit('MILJOEGODKENDELSE', ['LOKALPLAN']);
    const step = nextPropagationStep({ state: 'inProgress' }, [decided('LOKALPLAN'), newPermit('VVM_SCREENING'), dependant]);
    expect(step.kind).toBe('satisfy');
  });

  it('complete: a running case whose permits are all final or withdrawn completes; not while one is open', () => {
    const final = decided('LOKALPLAN', { state: 'final' });
    const withdrawn = newPermit('VVM_SCREENING', [], { state: 'withdrawn' });
    expect(nextPropagationStep({ state: 'inProgress' }, [final, withdrawn])).toEqual({ kind: 'complete' });
    expect(nextPropagationStep({ state: 'inProgress' }, [final, decided('VVM_SCREENING')])).toEqual({ kind: 'settled' });
    expect(nextPropagationStep({ state: 'submitted' }, [final])).toEqual({ kind: 'settled' });
    expect(nextPropagationStep({ state: 'inProgress' }, [])).toEqual({ kind: 'settled' });
  });

  it('the step after a planned satisfaction is settled (the dependant became ready, the case is a draft)', () => {
    const dependant = newPermit('MILJOEGODKENDELSE', ['LOKALPLAN']);
    const pre = decided('LOKALPLAN');
    const [{ codes }] = (nextPropagationStep({ state: 'draft' }, [pre, dependant]) as { items: { codes: string[] }[] }).items;
    const next = planPermitTransition(dependant, context(), { type: 'prerequisites.satisfied', payload: { codes }, actor: { userId: null, role: 'system' } }, new Date()).nextRow;
    expect(next.state).toBe('ready');
    expect(nextPropagationStep({ state: 'draft' }, [pre, next])).toEqual({ kind: 'settled' });
  });
});
