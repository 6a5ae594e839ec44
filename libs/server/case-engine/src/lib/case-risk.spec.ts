import { caseRisk, ceilingRisk } from '@rl/critical-path';
import { caseRiskOf, caseRiskWithProjection } from './forecast';
import { computeRisk } from './permit-clocks';
import { parsePermitRiskRow, PERMIT_RISK_COLUMNS } from './rows';
import { APPLICANT, newPermit, runPlans, underReview } from './transition/test-helpers';

/** The case risk by its definition: the worst of every permit's risk and the ceiling's. */
function byDefinition(permits: ReturnType<typeof newPermit>[], today: string, projectedCompletion: string, ceilingDueOn: string) {
  const ceiling = ceilingRisk({ startOn: '2026-02-02', ceilingDueOn, projectedCompletion, p80: null });
  return caseRisk(
    permits.map((p) => computeRisk(p, today).risk),
    ceiling,
  );
}

describe('case risk from the risk columns only (the dashboard\'s watched cases)', () => {
  // Two permits under review since 10 Feb 2026 (200-day target), one not yet filed, one filed on
  // 2 Feb and waiting in the authority's completeness check (its own clock, issue 14).
  const filed = {
    ...runPlans(newPermit('LANDZONE'), [[{ type: 'application.submitted', payload: {}, actor: APPLICANT }, '2026-02-02T09:00:00.000Z']]),
    // As the writer stores them at filing: filed on 2 Feb, to be checked by 23 Feb.
    received_at: new Date('2026-02-02T09:00:00.000Z'),
    completeness_due_on: '2026-02-23',
  };
  const permits = [newPermit(), underReview(), underReview('VVM_SCREENING'), filed];

  // Every permit risk (the dates) against every ceiling risk (the projections, ceiling 2 Feb 2027).
  const DAYS = ['2026-03-01', '2026-07-22', '2027-06-01'];
  const PROJECTIONS = ['2026-09-01', '2027-01-20', '2027-03-01'];
  it.each(DAYS.flatMap((d) => PROJECTIONS.map((p) => [d, p, '2027-02-02'])))('on %s with the projection %s and the ceiling %s: the same risk as by definition and as caseRiskOf', (today, projectedCompletion, ceilingDueOn) => {
    const now = new Date(`${today}T10:00:00.000Z`);
    const input = { now, ceilingDueOn, ceilingStartOn: '2026-02-02', projectedCompletion };
    const light = permits.map((p) => parsePermitRiskRow(p));
    const expected = byDefinition(permits, today, projectedCompletion, ceilingDueOn);
    expect(caseRiskWithProjection({ ...input, permits: light }).risk).toBe(expected);
    expect(caseRiskOf({ ...input, permits }).risk).toBe(expected);
    // Whatever order the permits come in (the first breach ends the computation).
    expect(caseRiskWithProjection({ ...input, permits: [...light].reverse() }).risk).toBe(expected);
  });

  it('the dates and projections cover every permit risk and every ceiling risk', () => {
    expect(DAYS.map((d) => computeRisk(permits[1], d).risk)).toEqual(['onTrack', 'atRisk', 'breached']);
    expect(filed.state).toBe('submitted.completenessCheck');
    expect(['2026-02-10', '2026-02-20', '2026-03-01'].map((d) => computeRisk(filed, d).completeness?.status)).toEqual(['onTrack', 'atRisk', 'breached']);
    const ceilings = PROJECTIONS.map((projectedCompletion) => ceilingRisk({ startOn: '2026-02-02', ceilingDueOn: '2027-02-02', projectedCompletion, p80: null })?.risk);
    expect(ceilings).toEqual(['onTrack', 'atRisk', 'breached']);
  });

  it('a caseworker\'s view leaves out the permits it cannot see and the ceiling', () => {
    const light = permits.map((p) => parsePermitRiskRow(p));
    const input = { now: new Date('2027-06-01T10:00:00.000Z'), ceilingDueOn: '2027-02-02', ceilingStartOn: '2026-02-02', projectedCompletion: '2027-03-01', includeCeiling: false };
    expect(caseRiskWithProjection({ ...input, permits: light, visible: (p) => p.id === permits[0].id }).risk).toBe('onTrack');
    expect(caseRiskWithProjection({ ...input, permits: light }).risk).toBe('breached');
  });

  it('parsePermitRiskRow keeps exactly the risk columns and refuses a bad state', () => {
    expect(Object.keys(parsePermitRiskRow(permits[1])).sort()).toEqual([...PERMIT_RISK_COLUMNS].sort());
    expect(() => parsePermitRiskRow({ ...permits[1], state: 'nowhere' })).toThrow(expect.objectContaining({ code: 'INTERNAL.ROW_SHAPE' }));
    const { stops: _s, ...missing } = permits[1];
    expect(() => parsePermitRiskRow(missing)).toThrow(expect.objectContaining({ code: 'INTERNAL.ROW_SHAPE' }));
  });
});
