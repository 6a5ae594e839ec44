/** Issue 13 item 17: the construction-start gate (MBL §33(1) "må ikke påbegyndes"). */
import { constructionStartOf } from './construction-start';

const p = (code: string, state: string, outcome: 'granted' | 'refused' | null = null) => ({ code, state: state as never, outcome });

describe('construction start (MBL §33(1))', () => {
  it('a listed plant with its building permit granted may NOT start before the environmental permit is given', () => {
    const gate = constructionStartOf([p('BUILDING_PERMIT', 'final', 'granted'), p('MILJOEGODKENDELSE', 'submitted.hearing')]);
    expect(gate.allowed).toBe(false);
    expect(gate.waitingFor.map((w) => [w.code, w.requires, w.state])).toEqual([['MILJOEGODKENDELSE', 'decided', 'submitted.hearing']]);
    expect(gate.waitingFor[0].source).toContain('MBL §33(1)');
  });

  it('a granted environmental permit suffices while its klagefrist runs (decided, not final: an appeal does not suspend it)', () => {
    const gate = constructionStartOf([p('BUILDING_PERMIT', 'decided.appealPeriod', 'granted'), p('MILJOEGODKENDELSE', 'decided.appealPeriod', 'granted')]);
    expect(gate).toEqual(expect.objectContaining({ allowed: true, waitingFor: [] }));
    expect(gate.met.map((m) => m.code)).toEqual(['MILJOEGODKENDELSE', 'BUILDING_PERMIT']);
  });

  it('landzone must be final (PL §40: an appeal suspends it); a refusal keeps the gate shut; withdrawn or absent permits do not apply', () => {
    expect(constructionStartOf([p('LANDZONE', 'decided.appealPeriod', 'granted')]).waitingFor.map((w) => w.code)).toEqual(['LANDZONE']);
    expect(constructionStartOf([p('LANDZONE', 'final', 'granted')]).allowed).toBe(true);
    expect(constructionStartOf([p('MILJOEGODKENDELSE', 'final', 'refused')]).allowed).toBe(false);
    expect(constructionStartOf([p('MILJOEGODKENDELSE', 'withdrawn'), p('GMP_MANUFACTURING', 'blocked')])).toEqual({ allowed: true, waitingFor: [], met: [] });
  });
});
