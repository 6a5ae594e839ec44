import { planForCase } from '../planning';
import { forecastCase } from '../forecast';
import { newPermit } from './test-helpers';

const at = (iso: string) => new Date(iso);

/**
 * A refused prerequisite holds its dependants back (propagation: `prerequisiteHolds` is false for
 * a refusal): the plan and the forecast must not release them at the refusal's dates, as they did.
 */
describe('a refused prerequisite in the plan and the forecast', () => {
  const now = at('2026-06-01T09:00:00.000Z');
  const refusedPlan = () =>
    newPermit('LOKALPLAN', [], { state: 'final', outcome: 'refused', complete_on: '2026-01-12', decided_at: at('2026-03-02T09:00:00.000Z'), final_at: at('2026-03-31T09:00:00.000Z') });
  const buildingWaitingFor = (code: string) => newPermit('BUILDING_PERMIT', [code], { state: 'blocked' });

  it('the dependant waits for a new application of the refused permit, filed today at the earliest', () => {
    const lok = refusedPlan();
    const building = buildingWaitingFor('LOKALPLAN');
    expect(building.prerequisites.map((x) => x.code)).toEqual(['LOKALPLAN']);
    const plan = planForCase([lok, building], now, '2027-06-01');
    // Not released on the refusal's final date (31 March): the new lokalplan runs from today.
    expect(plan.byCode.LOKALPLAN.earliestStart).toBe('2026-06-01');
    expect(plan.byCode.BUILDING_PERMIT.earliestStart >= plan.byCode.LOKALPLAN.earliestFinish).toBe(true);
    expect(plan.byCode.BUILDING_PERMIT.earliestStart > '2026-06-01').toBe(true);

    // A granted one releases it on its own dates, as before.
    const granted = newPermit('LOKALPLAN', [], { state: 'final', outcome: 'granted', complete_on: '2026-01-12', decided_at: at('2026-03-02T09:00:00.000Z'), final_at: at('2026-03-31T09:00:00.000Z') });
    const released = planForCase([granted, buildingWaitingFor('LOKALPLAN')], now, '2027-06-01');
    expect(released.byCode.BUILDING_PERMIT.earliestStart <= '2026-06-01').toBe(true);
    expect(released.projectedCompletion < plan.projectedCompletion).toBe(true);
  });

  it('a refusal nothing waits for keeps its actual dates', () => {
    const plan = planForCase([refusedPlan()], now, '2027-06-01');
    expect(plan.byCode.LOKALPLAN.earliestFinish <= '2026-03-31').toBe(true);
  });

  it('the forecast draws the new application too: P50 after today plus the refused permit\'s own duration', () => {
    const input = { caseId: 'case-refused', now, ceilingDueOn: '2027-06-01', ceilingStartOn: '2026-01-05', history: new Map(), runs: 500 };
    const blocked = forecastCase({ ...input, permits: [refusedPlan(), buildingWaitingFor('LOKALPLAN')] });
    const granted = newPermit('LOKALPLAN', [], { state: 'final', outcome: 'granted', complete_on: '2026-01-12', decided_at: at('2026-03-02T09:00:00.000Z'), final_at: at('2026-03-31T09:00:00.000Z') });
    const free = forecastCase({ ...input, permits: [granted, buildingWaitingFor('LOKALPLAN')] });
    const lokNode = (f: typeof blocked) => f.nodes.find((n) => n.code === 'LOKALPLAN');
    expect(lokNode(blocked)?.decisionP50 && lokNode(blocked)!.decisionP50 > '2026-06-01').toBe(true);
    expect(blocked.completionP50 > free.completionP50).toBe(true);
    expect(blocked.sources[blocked.permitIds.LOKALPLAN]).not.toBe('actual');
  });
});

/** A permit under appeal is final only when the appeal board has decided: never planned final on a klagefrist that has passed. */
describe('a permit under appeal in the plan and the forecast', () => {
  const now = at('2026-06-01T09:00:00.000Z');
  const appealed = () =>
    newPermit('LANDZONE', [], { state: 'decided.appealed', outcome: 'granted', complete_on: '2026-01-12', decided_at: at('2026-03-02T09:00:00.000Z'), appeal_deadline_on: '2026-03-30' });
  const building = () => newPermit('BUILDING_PERMIT', ['LANDZONE'], { state: 'blocked' });

  it('its final date is not before today, and a dependant waiting for it to be final does not start before today', () => {
    const lz = appealed();
    const b = building();
    expect(b.prerequisites).toEqual([{ code: 'LANDZONE', requires: 'final' }]);
    const plan = planForCase([lz, b], now, '2027-06-01');
    // Today exactly: the board may decide today, and the permit is then final at once.
    expect(plan.byCode.LANDZONE.earliestFinal).toBe('2026-06-01');
    expect(plan.byCode.BUILDING_PERMIT.earliestStart).toBe('2026-06-01');
  });

  it('the forecast draws no final date in the past', () => {
    const f = forecastCase({ caseId: 'case-appealed', permits: [appealed(), building()], now, ceilingDueOn: '2027-06-01', ceilingStartOn: '2026-01-05', history: new Map(), runs: 200 });
    const lz = f.nodes.find((n) => n.code === 'LANDZONE');
    expect(lz?.finalP50).toBe('2026-06-01');
  });
});
