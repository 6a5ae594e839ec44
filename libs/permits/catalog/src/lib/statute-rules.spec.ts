/**
 * Issue 13: deadlines by the statute's own words, held as catalogue data. Each test names the
 * statute it checks (see libs/permits/README.md, "Rules, statutes and tests").
 */
import { getCatalog, getPermitType } from './catalog';
import { appealPeriodOf, isUnknown, type AppealRule, type HearingRule, type PermitType } from './types';
import { validateCatalog } from './validate-catalog';
import { CONSTRUCTION_START_GATE } from './construction-start';

const catalog = getCatalog('2025.2');
const appealOf = (code: string) => getPermitType(code).appeal as AppealRule;
const hearingOf = (code: string) => getPermitType(code).hearing as HearingRule;

describe('klagefrist roll rule per appeal regime (item 5)', () => {
  it('every known appeal regime carries the roll rule "Saturday or helligdag → next hverdag" with a source', () => {
    for (const p of catalog.permitTypes) {
      if (isUnknown(p.appeal)) continue;
      expect({ code: p.code, rule: p.appeal.deadlineRoll.rule }).toEqual({ code: p.code, rule: 'saturdayOrHelligdagToNextHverdag' });
      expect(p.appeal.deadlineRoll.source.length).toBeGreaterThan(10);
    }
  });
  it('MBL permits cite MBL §93(2); VVM permits cite MVL §51(2); PKN permits cite PL §60', () => {
    for (const code of ['MILJOEGODKENDELSE', 'UDLEDNINGSTILLADELSE', 'TILSLUTNINGSTILLADELSE']) {
      expect(appealOf(code).deadlineRoll.source).toContain('MBL §93(2)');
    }
    for (const code of ['VVM_SCREENING', 'VVM_PERMIT']) expect(appealOf(code).deadlineRoll.source).toContain('MVL §51(2)');
    for (const code of ['KOMMUNEPLANTILLAEG', 'LOKALPLAN', 'LANDZONE']) expect(appealOf(code).deadlineRoll.source).toContain('PL §60');
  });
  it('regimes whose statute was not read mark the roll rule as an inference (unconfirmedFields)', () => {
    for (const code of ['BUILDING_PERMIT', 'CO2_PERMIT', 'HEAT_SUPPLY_PROJECT', 'ROAD_ACCESS', 'GRID_CONNECTION']) {
      expect(appealOf(code).deadlineRoll.source).toMatch(/^~ inference/);
      expect(getPermitType(code).unconfirmedFields).toContain('appeal.deadlineRoll');
    }
  });
  it('validateCatalog refuses an appeal rule without a sourced roll rule', () => {
    const lok = getPermitType('LOKALPLAN');
    const broken: PermitType = { ...lok, appeal: { ...(lok.appeal as AppealRule), deadlineRoll: { rule: 'saturdayOrHelligdagToNextHverdag', source: ' ' } } };
    const problems = validateCatalog({ ...catalog, permitTypes: catalog.permitTypes.map((p) => (p.code === 'LOKALPLAN' ? broken : p)) });
    expect(problems.map((x) => [x.code, x.permitCode])).toEqual([['MISSING_ROLL_RULE', 'LOKALPLAN']]);
  });
});

describe('notices and opinions have no appeal period (item 3)', () => {
  it('the construction-site notice (AT) and the museum opinion (museumsloven §25) have no klagefrist', () => {
    expect(getPermitType('CONSTRUCTION_SITE_NOTICE').instrument).toBe('notice');
    expect(getPermitType('ARCHAEOLOGY').instrument).toBe('opinion');
    expect(appealPeriodOf(getPermitType('CONSTRUCTION_SITE_NOTICE'))).toBeNull();
    expect(appealPeriodOf(getPermitType('ARCHAEOLOGY'))).toBeNull();
  });
  it('decisions keep their klagefrist: MBL §93(1) 4 weeks; an unknown appeal rule assumes the 4-week default', () => {
    expect(appealPeriodOf(getPermitType('MILJOEGODKENDELSE'))).toEqual({ unit: 'weeks', length: 4 });
    expect(appealPeriodOf(getPermitType('FLAMMABLE_LIQUIDS'))).toEqual({ unit: 'weeks', length: 4 });
    expect(appealPeriodOf(getPermitType('HABITAT_ASSESSMENT'))).toBeNull(); // follows its host decision
  });
  it('only the notice and the opinion are non-decisions in 2025.2', () => {
    expect(catalog.permitTypes.filter((p) => (p.instrument ?? 'decision') !== 'decision').map((p) => p.code).sort()).toEqual([
      'ARCHAEOLOGY',
      'CONSTRUCTION_SITE_NOTICE',
    ]);
  });
  it('validateCatalog refuses a notice with an appeal rule', () => {
    const notice = getPermitType('CONSTRUCTION_SITE_NOTICE');
    const broken: PermitType = { ...notice, appeal: appealOf('MILJOEGODKENDELSE') };
    const problems = validateCatalog({ ...catalog, permitTypes: catalog.permitTypes.map((p) => (p.code === notice.code ? broken : p)) });
    expect(problems.map((x) => x.code)).toEqual(['APPEAL_ON_NON_DECISION']);
  });
});

describe('DKMA manufacturing authorisation (item 8; BEK 1358/2012 §§5–6)', () => {
  const gmp = getPermitType('GMP_MANUFACTURING');
  it('a new authorisation: 90 days, cited as §6(1), suspended while DKMA waits (§5(2))', () => {
    expect(isUnknown(gmp.statutoryDeadline)).toBe(false);
    if (isUnknown(gmp.statutoryDeadline)) return;
    expect(gmp.statutoryDeadline.duration).toEqual({ unit: 'calendarDays', length: 90 });
    expect(gmp.statutoryDeadline.source).toContain('§6(1)');
    expect(gmp.statutoryDeadline.source).toContain('§5(2)');
    expect(gmp.statutoryDeadline.source).not.toMatch(/§5: 90 days/);
    expect(gmp.statutoryDeadline.stopsWhileAwaitingApplicant).toBe(true);
  });
  it('a change to an existing authorisation: 30 days, extendable to 90 (§6(2))', () => {
    const change = gmp.statutoryDeadlineVariants?.find((v) => v.id === 'CHANGE_OF_AUTHORISATION');
    expect(change?.rule).toMatchObject({
      kind: 'statutory',
      duration: { unit: 'calendarDays', length: 30 },
      extendableTo: { unit: 'calendarDays', length: 90 },
      stopsWhileAwaitingApplicant: true,
    });
    expect(change?.rule.source).toContain('§6(2)');
  });
});

describe('plan hearing minimums (item 7; PL §24(3)–(6))', () => {
  it('local plan: 8 weeks by default (§24(3)); the council may choose 4 weeks (§24(5)) or, for a minor plan, 2 weeks (§24(6))', () => {
    const h = hearingOf('LOKALPLAN');
    expect(h.minDuration).toEqual({ unit: 'weeks', length: 8 });
    expect(h.minDurationBasis).toBe('PL_24_3');
    expect(h.minimumOptions?.map((o) => [o.id, o.minDuration.length, o.minDuration.unit])).toEqual([
      ['PL_24_5', 4, 'weeks'],
      ['PL_24_6', 2, 'weeks'],
    ]);
    expect(h.minimumOptions?.map((o) => o.source)).toEqual([expect.stringContaining('PL §24(5)'), expect.stringContaining('PL §24(6)')]);
  });
  it('municipal plan amendment: 8 weeks, or 4 weeks for minor framework changes (§24(4)); never 2 weeks', () => {
    const h = hearingOf('KOMMUNEPLANTILLAEG');
    expect(h.minimumOptions?.map((o) => [o.id, o.minDuration.length])).toEqual([['PL_24_4', 4]]);
  });
});

describe('decision validity and lapse (item 4)', () => {
  it('MVL §39: an EIA screening decision lapses if the project has not started within 3 years (sourced)', () => {
    expect(getPermitType('VVM_SCREENING').validity).toEqual(expect.objectContaining({ kind: 'lapsesIfUnused', duration: { unit: 'months', length: 36 }, inference: false }));
    expect(getPermitType('VVM_SCREENING').validity?.source).toContain('MVL §39');
  });
  it('MVL §39: the EIA permit lapses after 3 years unused too, marked as an inference', () => {
    const v = getPermitType('VVM_PERMIT').validity;
    expect(v).toEqual(expect.objectContaining({ kind: 'lapsesIfUnused', duration: { unit: 'months', length: 36 }, inference: true }));
    expect(getPermitType('VVM_PERMIT').unconfirmedFields).toContain('validity');
  });
  it('VFL §22: a groundwater abstraction permit is given for at most 30 years', () => {
    expect(getPermitType('VANDINDVINDING').validity).toEqual(expect.objectContaining({ kind: 'maxTerm', duration: { unit: 'months', length: 360 }, inference: false }));
    expect(getPermitType('VANDINDVINDING').validity?.source).toContain('VFL §22');
  });
  it('GMO production approvals are time-limited with the term set in the decision (inference: no statutory length)', () => {
    const v = getPermitType('GMO_PRODUCTION').validity;
    expect(v).toEqual(expect.objectContaining({ kind: 'termSetInDecision', inference: true }));
    expect(v?.duration).toBeUndefined();
    expect(getPermitType('GMO_PRODUCTION').unconfirmedFields).toContain('validity');
  });
  it('validateCatalog refuses a validity rule without a length, or an inference not marked unconfirmed', () => {
    const vvm = getPermitType('VVM_SCREENING');
    const noLength: PermitType = { ...vvm, validity: { ...vvm.validity!, duration: undefined } };
    const unmarked: PermitType = { ...vvm, validity: { ...vvm.validity!, inference: true } };
    for (const broken of [noLength, unmarked]) {
      const problems = validateCatalog({ ...catalog, permitTypes: catalog.permitTypes.map((p) => (p.code === 'VVM_SCREENING' ? broken : p)) });
      expect(problems.map((x) => [x.code, x.permitCode])).toEqual([['BAD_DECISION_VALIDITY', 'VVM_SCREENING']]);
    }
    expect(validateCatalog(catalog)).toEqual([]);
  });
});

describe('dependencies that matter and ones that do not (item 17)', () => {
  const prereqsOf = (code: string) => Object.fromEntries(getPermitType(code).prerequisites.map((p) => [p.code, p.requires]));
  it('lov om Planklagenævnet §7(1): the building permit needs the plan decided, not final; landzone stays final (PL §40: the appeal suspends)', () => {
    expect(prereqsOf('BUILDING_PERMIT')).toEqual(expect.objectContaining({ LOKALPLAN: 'decided', KOMMUNEPLANTILLAEG: 'decided', LANDZONE: 'final' }));
    for (const code of ['LOKALPLAN', 'KOMMUNEPLANTILLAEG']) expect((getPermitType(code).appeal as AppealRule).suspendsPermit).toBe(false);
    expect(getPermitType('BUILDING_PERMIT').unconfirmedFields).toContain('prerequisites');
  });
  it('museumsloven §25: the archaeology opinion is advice — no permit requires it; it runs alongside', () => {
    for (const p of catalog.permitTypes) expect(p.prerequisites.map((q) => q.code)).not.toContain('ARCHAEOLOGY');
    expect(getPermitType('BUILDING_PERMIT').runsWith?.map((r) => r.code)).toContain('ARCHAEOLOGY');
    expect(getPermitType('LOKALPLAN').runsWith?.map((r) => r.code)).toContain('ARCHAEOLOGY');
  });
  it('MBL §33(1) "må ikke påbegyndes": construction start needs the environmental permit decided', () => {
    const env = CONSTRUCTION_START_GATE.find((g) => g.code === 'MILJOEGODKENDELSE');
    expect(env).toEqual(expect.objectContaining({ requires: 'decided', inference: false }));
    expect(env?.source).toContain('MBL §33(1)');
    for (const g of CONSTRUCTION_START_GATE) expect(catalog.permitTypes.map((p) => p.code)).toContain(g.code);
  });
});
