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

  it('refuses an answered question listed as unknown, a question that cannot be unknown, and duplicates (422 issues)', () => {
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
    // The site's municipality cannot be "don't know" (item 15 (b) made choice questions such as
    // sevesoTier answerable "don't know", so this is the example of a question that is not).
    expect(issues({ ...WAREHOUSE, unknownFacts: ['municipalityCode'] })).toEqual([expect.objectContaining({ field: 'unknownFacts.0', code: 'INVALID_VALUE' })]);
    expect(issues({ ...WAREHOUSE, unknownFacts: ['siteZone'] })).toEqual([expect.objectContaining({ field: 'unknownFacts.0', code: 'INVALID_VALUE' })]);
    expect(issues({ ...WAREHOUSE, sevesoTier: 'none', unknownFacts: ['sevesoTier'] })).toEqual([expect.objectContaining({ field: 'unknownFacts.0', code: 'CONTRADICTION', rule: 'FACTS-UNKNOWN-AND-ANSWERED' })]);
    expect(issues({ ...WAREHOUSE, combustionThermalInputMW: 0, unknownFacts: ['combustionThermalInputMW'] })).toEqual([expect.objectContaining({ field: 'unknownFacts.0', rule: 'FACTS-UNKNOWN-AND-ANSWERED' })]);
    expect(issues({ ...WAREHOUSE, unknownFacts: ['greenfield', 'greenfield'] })).toEqual([expect.objectContaining({ field: 'unknownFacts.1', code: 'INVALID_VALUE' })]);
    expect(issues({ ...WAREHOUSE, unknownFacts: 'greenfield' })).toEqual([expect.objectContaining({ field: 'unknownFacts', code: 'INVALID_TYPE' })]);
  });

  describe('"don\'t know" for choice and number questions (item 15 (b))', () => {
    const possible = (facts: ProjectFacts) => Object.fromEntries(screen(facts, { today: TODAY }).possiblePermits.map((p) => [p.code, p.settle]));

    it('Seveso tier unknown: the Seveso permit is possible (risikobek., BEK 372/2016 columns 2 and 3)', () => {
      const r = screen({ ...WAREHOUSE, unknownFacts: ['sevesoTier'] }, { today: TODAY });
      expect(codes(r)).toEqual(['BUILDING_PERMIT']); // omitted = 'none': today's meaning
      expect(possible({ ...WAREHOUSE, unknownFacts: ['sevesoTier'] })).toEqual({ SEVESO_RISK: ['sevesoTier'] });
      expect(r.unsettledFacts).toEqual(['sevesoTier']);
    });

    it('GMO class unknown: contained use (AT-bek. 910/2008) is possible; with commercial production, the production approval too', () => {
      expect(possible({ ...WAREHOUSE, unknownFacts: ['gmoClass'] })).toEqual({ GMO_CONTAINED_USE: ['gmoClass'] });
      // Commercial production with the class unknown is not a contradiction yet (it needs class ≥ 1):
      // lov om miljø og genteknologi → the production approval is possible with the class to settle.
      expect(possible({ ...WAREHOUSE, gmoCommercialProduction: true, unknownFacts: ['gmoClass'] })).toEqual({
        GMO_CONTAINED_USE: ['gmoClass'],
        GMO_PRODUCTION: ['gmoClass'],
      });
      // Both unknown: each is tried with the other still open; production needs both answers.
      expect(possible({ ...WAREHOUSE, unknownFacts: ['gmoClass', 'gmoCommercialProduction'] })).toEqual({ GMO_CONTAINED_USE: ['gmoClass'] });
      // Settled as class 0 the contradiction is refused again (GMO production needs class ≥ 1).
      expect(() => screen({ ...WAREHOUSE, gmoCommercialProduction: true }, { today: TODAY })).toThrow(ScreeningValidationError);
    });

    it('a detail of an unknown question is kept: the EIA permit for expected significant effects with the annex unknown (MVL §§21, 25)', () => {
      expect(possible({ ...WAREHOUSE, eiaSignificantEffectsExpected: true, unknownFacts: ['eiaAnnex'] })).toEqual({ VVM_PERMIT: ['eiaAnnex'], VVM_SCREENING: ['eiaAnnex'] });
    });

    it('a number unknown is tried past its screening threshold: > 20 MW → CO₂ permit, > 25 units → flammable liquids, a load → grid connection', () => {
      expect(possible({ ...WAREHOUSE, unknownFacts: ['combustionThermalInputMW'] })).toEqual({ CO2_PERMIT: ['combustionThermalInputMW'] }); // CO₂-kvoteloven
      expect(possible({ ...WAREHOUSE, unknownFacts: ['flammableLiquidsStorageUnits'] })).toEqual({ FLAMMABLE_LIQUIDS: ['flammableLiquidsStorageUnits'] }); // BEK 1639/2016
      expect(possible({ ...WAREHOUSE, unknownFacts: ['largeNewGridLoadMW'] })).toEqual({ GRID_CONNECTION: ['largeNewGridLoadMW'] }); // elforsyningsloven
      // The investment decides eligibility only, never a permit: nothing to settle.
      expect(screen({ ...WAREHOUSE, unknownFacts: ['investmentDkk'] }, { today: TODAY }).unsettledFacts).toEqual([]);
    });

    it('soil, heat supply, protection lines, listed activity, EIA annex and construction site unknown', () => {
      expect(possible({ ...WAREHOUSE, unknownFacts: ['contaminatedSoil'] })).toEqual({ JFL_8: ['contaminatedSoil'] }); // JFL §8
      expect(possible({ ...WAREHOUSE, unknownFacts: ['heatSupply'] })).toEqual({ HEAT_SUPPLY_PROJECT: ['heatSupply'] }); // varmeforsyningsloven
      // NBL §§15–19 (Herning 657 is inland: the beach line is refused there, the others stay possible).
      expect(possible({ ...WAREHOUSE, municipalityCode: '657', unknownFacts: ['protectionLines'] })).toEqual({ PROTECTION_LINE_DISPENSATION: ['protectionLines'] });
      const listed = possible({ ...WAREHOUSE, unknownFacts: ['listedActivity'] });
      expect(listed).toEqual(expect.objectContaining({ MILJOEGODKENDELSE: ['listedActivity'], VVM_SCREENING: ['listedActivity'], VVM_PERMIT: ['listedActivity'] })); // MBL §33; MVL via the list item
      expect(possible({ ...WAREHOUSE, unknownFacts: ['eiaAnnex'] })).toEqual({ VVM_PERMIT: ['eiaAnnex'], VVM_SCREENING: ['eiaAnnex'] }); // MVL §§15, 21
      expect(possible({ ...WAREHOUSE, unknownFacts: ['constructionSite'] })).toEqual({ CONSTRUCTION_SITE_NOTICE: ['constructionSite'] }); // AT notice
    });

    it('an alternative the list item contradicts is not tried: 4.5 with EIA annex unknown → the EIA permit (bilag 1 pkt. 6) is possible, nothing else', () => {
      const facts: ProjectFacts = { ...WAREHOUSE, listedActivity: { listItem: '4.5' }, unknownFacts: ['eiaAnnex'] };
      const r = screen(facts, { today: TODAY });
      expect(codes(r)).toContain('VVM_SCREENING'); // derived: bilag 2 pkt. 6 b) (usual entry)
      expect(possible(facts)).toEqual({ VVM_PERMIT: ['eiaAnnex'] });
    });

    it('settling a choice: the answer decides, and the question is no longer open', () => {
      const upper = screen({ ...WAREHOUSE, sevesoTier: 'upper' }, { today: TODAY });
      expect([codes(upper).includes('SEVESO_RISK'), upper.unsettledFacts]).toEqual([true, []]);
      const none = screen({ ...WAREHOUSE, sevesoTier: 'none' }, { today: TODAY });
      expect([codes(none).includes('SEVESO_RISK'), none.possiblePermits]).toEqual([false, []]);
    });
  });
});
