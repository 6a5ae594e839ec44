/**
 * Issue 13 item 15: an explicit "don't know" yields the permits the other answer needs as
 * POSSIBLE, with the question to settle; an omitted fact keeps today's meaning.
 */
import { ScreeningValidationError } from './errors';
import type { ProjectFacts } from './project-facts';
import { screen } from './screen';

const TODAY = '2026-03-02';
const WAREHOUSE: ProjectFacts = { municipalityCode: '219', siteZone: 'byzone', newBuildingOrExtension: true };
const codes = (r: ReturnType<typeof screen>) => r.permits.map((p) => p.code);

describe('"don\'t know" answers (issue 13 item 15)', () => {
  it('omitted = today\'s meaning; unknown = the same required permits plus the possible ones, with the question to settle', () => {
    const omitted = screen(WAREHOUSE, { today: TODAY });
    expect(omitted.possiblePermits).toEqual([]);
    expect(omitted.unsettledFacts).toEqual([]);
    const unknown = screen({ ...WAREHOUSE, unknownFacts: ['groundwaterAbstraction', 'fitsMunicipalPlanFrame'] }, { today: TODAY });
    expect(codes(unknown)).toEqual(codes(omitted));
    expect(unknown.possiblePermits).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'VANDINDVINDING', settle: ['groundwaterAbstraction'] }), // VFL §§18, 20
        expect.objectContaining({ code: 'KOMMUNEPLANTILLAEG', settle: ['fitsMunicipalPlanFrame'] }), // PL §§23c, 24: outside the frame
        expect.objectContaining({ code: 'LOKALPLAN', settle: ['fitsMunicipalPlanFrame'] }),
      ]),
    );
    expect(unknown.unsettledFacts.sort()).toEqual(['fitsMunicipalPlanFrame', 'groundwaterAbstraction']);
    // Settling the answer: "yes" makes the permit required, "no" removes it from the possible ones.
    expect(codes(screen({ ...WAREHOUSE, groundwaterAbstraction: true }, { today: TODAY }))).toContain('VANDINDVINDING');
    expect(screen({ ...WAREHOUSE, groundwaterAbstraction: false, unknownFacts: ['fitsMunicipalPlanFrame'] }, { today: TODAY }).possiblePermits.map((p) => p.code)).not.toContain('VANDINDVINDING');
  });

  it('an unknown whose other answer adds nothing is not unsettled', () => {
    const r = screen({ ...WAREHOUSE, unknownFacts: ['nationalStrategicImportance'] }, { today: TODAY });
    expect([r.possiblePermits, r.unsettledFacts]).toEqual([[], []]);
  });

  it('an other answer that a fact rule refuses cannot be the answer (landzone + industrial park)', () => {
    const r = screen({ municipalityCode: '219', siteZone: 'landzone', newBuildingOrExtension: true, unknownFacts: ['inIndustrialPark'] }, { today: TODAY });
    expect(r.possiblePermits).toEqual([]);
  });

  it('refuses an answered question listed as unknown, a non-yes/no question, and duplicates (422 issues)', () => {
    const issues = (facts: object) => {
      try {
        screen(facts as ProjectFacts, { today: TODAY });
      } catch (e) {
        expect(e).toBeInstanceOf(ScreeningValidationError);
        return (e as ScreeningValidationError).issues;
      }
      throw new Error('not refused');
    };
    expect(issues({ ...WAREHOUSE, unknownFacts: ['newBuildingOrExtension'] })).toEqual([expect.objectContaining({ field: 'unknownFacts.0', code: 'CONTRADICTION', rule: 'FACTS-UNKNOWN-AND-ANSWERED' })]);
    expect(issues({ ...WAREHOUSE, unknownFacts: ['sevesoTier'] })).toEqual([expect.objectContaining({ field: 'unknownFacts.0', code: 'INVALID_VALUE' })]);
    expect(issues({ ...WAREHOUSE, unknownFacts: ['greenfield', 'greenfield'] })).toEqual([expect.objectContaining({ field: 'unknownFacts.1', code: 'INVALID_VALUE' })]);
    expect(issues({ ...WAREHOUSE, unknownFacts: 'greenfield' })).toEqual([expect.objectContaining({ field: 'unknownFacts', code: 'INVALID_TYPE' })]);
  });
});
