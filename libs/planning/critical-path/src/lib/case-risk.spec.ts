import { caseRisk, ceilingRisk } from './case-risk';

describe('one case risk (issue 16 item 1)', () => {
  const start = '2026-01-01';
  const ceilingDueOn = '2027-07-01'; // 546 days

  it('breached when the projection passes the ceiling, whatever the permits say', () => {
    const c = ceilingRisk({ startOn: start, ceilingDueOn, projectedCompletion: '2028-08-12' });
    expect(c).toMatchObject({ risk: 'breached', reason: 'projectionPastCeiling' });
    expect(caseRisk(['onTrack', 'onTrack'], c)).toBe('breached');
  });

  it('at risk from 80 % of the ceiling, or when the P80 passes it', () => {
    expect(ceilingRisk({ startOn: start, ceilingDueOn, projectedCompletion: '2027-04-01' })).toMatchObject({ risk: 'atRisk', reason: 'projectionUses80Percent' });
    expect(ceilingRisk({ startOn: start, ceilingDueOn, projectedCompletion: '2026-10-01', p80: '2027-08-01' })).toMatchObject({ risk: 'atRisk', reason: 'p80PastCeiling' });
    expect(ceilingRisk({ startOn: start, ceilingDueOn, projectedCompletion: '2026-10-01', p80: '2027-01-01' })).toMatchObject({ risk: 'onTrack', reason: null });
  });

  it('the worst of the permits and the ceiling; no ceiling → only the permits', () => {
    const onTrack = ceilingRisk({ startOn: start, ceilingDueOn, projectedCompletion: '2026-06-01' });
    expect(caseRisk(['atRisk'], onTrack)).toBe('atRisk');
    expect(caseRisk(['breached'], onTrack)).toBe('breached');
    expect(ceilingRisk({ startOn: start, ceilingDueOn: null, projectedCompletion: '2030-01-01' })).toBeNull();
    expect(caseRisk(['onTrack'], null)).toBe('onTrack');
  });
});
