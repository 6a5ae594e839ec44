import { planForCase } from '../planning';
import { forecastCase } from '../forecast';
import { CASEWORKER, newPermit, runPlans } from './test-helpers';

const at = (iso: string) => new Date(iso);

/** A running permit: filed and confirmed complete on `on` (09:00 UTC). */
function running(code: string, on: string) {
  return runPlans(newPermit(code), [
    [{ type: 'application.submitted', payload: {}, actor: { userId: 'u-applicant', role: 'applicant' } }, `${on}T08:00:00.000Z`],
    [{ type: 'authority.completenessConfirmed', payload: {}, actor: CASEWORKER }, `${on}T09:00:00.000Z`],
  ]);
}

describe('issue 17: an open joint hearing in the plan and the forecast', () => {
  it('a covered permit is not planned to be decided before the joint period ends; an uncovered one is unchanged', () => {
    const env = running('MILJOEGODKENDELSE', '2026-03-02');
    const other = running('VVM_SCREENING', '2026-03-02');
    const now = at('2026-03-10T09:00:00.000Z');
    const without = planForCase([env, other], now);
    // A joint hearing ending a year after today: later than any target of these permits.
    const floor = '2027-03-10';
    const withJoint = planForCase([env, other], now, null, [{ permitIds: [env.id], earliestEndOn: floor }]);
    expect(without.byCode.MILJOEGODKENDELSE.earliestFinish < floor).toBe(true);
    expect(withJoint.byCode.MILJOEGODKENDELSE.earliestFinish).toBe(floor);
    expect(withJoint.byCode.VVM_SCREENING.earliestFinish).toBe(without.byCode.VVM_SCREENING.earliestFinish);
    // A floor before the permit's own target changes nothing.
    const early = planForCase([env, other], now, null, [{ permitIds: [env.id], earliestEndOn: '2026-03-20' }]);
    expect(early.byCode.MILJOEGODKENDELSE.earliestFinish).toBe(without.byCode.MILJOEGODKENDELSE.earliestFinish);
  });

  it('the forecast draws no decision of a covered permit before the joint period ends', () => {
    const env = running('MILJOEGODKENDELSE', '2026-03-02');
    const input = { caseId: 'case-joint', permits: [env], now: at('2026-03-10T09:00:00.000Z'), ceilingDueOn: null, ceilingStartOn: null, history: new Map(), runs: 500 };
    const free = forecastCase(input);
    const floor = '2027-06-01';
    const bound = forecastCase({ ...input, jointHearings: [{ permitIds: [env.id], earliestEndOn: floor }] });
    expect(free.nodes[0].decisionP50 < floor).toBe(true);
    expect(bound.nodes[0].decisionP50).toBe(floor);
    expect(bound.nodes[0].decisionP80 >= floor).toBe(true);
    expect(bound.projectedCompletion >= floor).toBe(true);
  });
});
