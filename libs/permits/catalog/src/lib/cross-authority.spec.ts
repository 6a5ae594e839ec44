import { CATALOG_2025_2 } from './catalog-2025-2';
import { authorityChangeViolation, GATEWAYS, gatewaysOf, REFERRAL_RULES, referralRulesFor, referralTargetCode } from './cross-authority';

describe('referral rules (issue 17 item 1)', () => {
  const codes = new Set(CATALOG_2025_2.permitTypes.map((p) => p.code));

  it('name catalogue permit types and carry a source; every inference is marked with ~', () => {
    for (const r of REFERRAL_RULES) {
      expect(codes.has(r.permitCode)).toBe(true);
      expect(r.source.length).toBeGreaterThan(5);
      expect(r.answerWithinSource.startsWith('~')).toBe(r.answerWithinInference);
      expect(r.stopsClockSource.startsWith('~')).toBe(r.stopsClockInference);
    }
  });

  it('the Region is consulted on a soil §8 permit for 4 weeks (JFL §8(3)), resolved to the site region', () => {
    const [rule] = referralRulesFor('JFL_8');
    expect(rule.answerWithin).toEqual({ unit: 'weeks', length: 4 });
    expect(rule.answerWithinInference).toBe(false);
    expect(referralTargetCode(rule.target, '1085')).toBe('REGION-1085');
    expect(referralTargetCode(referralRulesFor('ROAD_ACCESS')[0].target, '1085')).toBe('VD');
    expect(referralRulesFor('ROAD_ACCESS')[0].kind).toBe('consent');
  });
});

describe('gateways (issue 17 item 4)', () => {
  it('every catalogue permit type is in exactly one gateway', () => {
    for (const p of CATALOG_2025_2.permitTypes) expect(GATEWAYS.filter((g) => g.permitCodes.includes(p.code))).toHaveLength(1);
  });

  it('a gateway clears when every permit in it is decided (or final, per the catalogue); a refusal never clears', () => {
    const views = gatewaysOf([
      { id: '1', code: 'LOKALPLAN', state: 'final', outcome: 'granted' },
      { id: '2', code: 'LANDZONE', state: 'decided.appealPeriod', outcome: 'granted' },
      { id: '3', code: 'BUILDING_PERMIT', state: 'decided.appealPeriod', outcome: 'granted' },
      { id: '4', code: 'GMP_MANUFACTURING', state: 'decided.appealPeriod', outcome: 'refused' },
      { id: '5', code: 'MILJOEGODKENDELSE', state: 'withdrawn', outcome: null },
    ]);
    const by = Object.fromEntries(views.map((v) => [v.id, v]));
    expect(by.plan.status).toBe('open'); // landzone is decided but plan clears only when final
    expect(by.plan.permits.map((p) => p.cleared)).toEqual([true, false]);
    expect(by.construction.status).toBe('cleared');
    expect(by.operation.status).toBe('open');
    expect(by.environment.status).toBe('empty');
  });
});

describe('delegation and call-in (issue 17 item 5)', () => {
  it('delegation only between municipalities (L 206); call-in only from a municipality to a state agency', () => {
    expect(authorityChangeViolation('delegation', 'municipality', 'municipality', false)).toBeNull();
    expect(authorityChangeViolation('delegation', 'municipality', 'stateAgency', false)?.ruleId).toBe('L206_DELEGATION_MUNICIPALITIES_ONLY');
    expect(authorityChangeViolation('delegation', 'municipality', 'municipality', true)).not.toBeNull();
    expect(authorityChangeViolation('callIn', 'municipality', 'stateAgency', false)).toBeNull();
    expect(authorityChangeViolation('callIn', 'stateAgency', 'stateAgency', false)?.ruleId).toBe('L206_CALL_IN_MUNICIPAL_POWERS');
  });
});
