import { ScreeningValidationError } from './errors';
import type { ProjectFacts } from './project-facts';
import { screen } from './screen';
import { validateProjectFacts } from './validate-facts';

const BASE: ProjectFacts = { municipalityCode: '326', siteZone: 'byzone' };
const issuesOf = (input: unknown) => validateProjectFacts(input).map((i) => `${i.field}:${i.code}`);

describe('Project facts validation', () => {
  it('accepts the minimal facts', () => {
    expect(validateProjectFacts(BASE)).toEqual([]);
  });

  it('refuses unknown fields, also inside nested facts, so a typo cannot drop a trigger', () => {
    const issues = validateProjectFacts({ municipalityCode: '326', siteZone: 'landzone', groundwaterAbstration: true, constructionSite: { durationDays: 40, peakWorkers: 25, personDays: 600, foremen: 2 } });
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'groundwaterAbstration', code: 'UNKNOWN_FIELD' }),
        expect.objectContaining({ field: 'constructionSite.foremen', code: 'UNKNOWN_FIELD' }),
      ]),
    );
    expect(issues).toHaveLength(2);
  });

  it('rejects a non-object', () => {
    expect(issuesOf(null)).toEqual([':INVALID_TYPE']);
    expect(issuesOf([])).toEqual([':INVALID_TYPE']);
  });

  it('requires the municipality and the zone', () => {
    expect(issuesOf({})).toEqual(['municipalityCode:REQUIRED', 'siteZone:REQUIRED']);
  });

  it('rejects an unknown municipality code (Christiansø 411) and a malformed one', () => {
    expect(issuesOf({ ...BASE, municipalityCode: '411' })).toEqual(['municipalityCode:UNKNOWN_MUNICIPALITY']);
    expect(issuesOf({ ...BASE, municipalityCode: '3260' })).toEqual(['municipalityCode:INVALID_VALUE']);
  });

  it('rejects an unknown zone and enum values', () => {
    expect(issuesOf({ ...BASE, siteZone: 'industrizone', sevesoTier: 'huge', roadType: 'private', newOrWidenedRoadAccess: true })).toEqual([
      'siteZone:INVALID_VALUE',
      'sevesoTier:INVALID_VALUE',
      'roadType:INVALID_VALUE',
    ]);
  });

  it('rejects negative numbers', () => {
    expect(issuesOf({ ...BASE, investmentDkk: -1, combustionThermalInputMW: -0.5 })).toEqual([
      'combustionThermalInputMW:NEGATIVE_NUMBER',
      'investmentDkk:NEGATIVE_NUMBER',
    ]);
  });

  it('rejects negative and missing construction-site numbers', () => {
    expect(issuesOf({ ...BASE, constructionSite: { durationDays: -3, peakWorkers: 5 } })).toEqual([
      'constructionSite.durationDays:NEGATIVE_NUMBER',
      'constructionSite.personDays:REQUIRED',
    ]);
  });

  it('rejects non-numbers and non-booleans', () => {
    expect(issuesOf({ ...BASE, investmentDkk: '100m', groundWorks: 'yes', largeNewGridLoadMW: Number.NaN })).toEqual([
      'groundWorks:INVALID_TYPE',
      'largeNewGridLoadMW:INVALID_TYPE',
      'investmentDkk:INVALID_TYPE',
    ]);
  });

  it('rejects a GMO class outside 0–4', () => {
    expect(issuesOf({ ...BASE, gmoClass: 5 })).toEqual(['gmoClass:OUT_OF_RANGE']);
    expect(issuesOf({ ...BASE, gmoClass: 1.5 })).toEqual(['gmoClass:OUT_OF_RANGE']);
  });

  it('rejects an unknown protection line', () => {
    expect(issuesOf({ ...BASE, protectionLines: ['beach', 'motorway'] })).toEqual(['protectionLines.1:INVALID_VALUE']);
  });

  it('rejects a malformed listed activity', () => {
    expect(issuesOf({ ...BASE, listedActivity: { annex: 'annex3' } })).toEqual(['listedActivity.annex:INVALID_VALUE', 'listedActivity.sMarked:INVALID_TYPE']);
  });

  it('GMO production without GMO class ≥ 1 is contradictory', () => {
    expect(issuesOf({ ...BASE, gmoCommercialProduction: true, gmoClass: 0 })).toEqual(['gmoCommercialProduction:CONTRADICTION']);
    expect(issuesOf({ ...BASE, gmoCommercialProduction: true })).toEqual(['gmoCommercialProduction:CONTRADICTION']);
  });

  it('dewatering volume without dewatering is contradictory', () => {
    expect(issuesOf({ ...BASE, dewateringVolumeM3PerYear: 5000 })).toEqual(['dewateringVolumeM3PerYear:CONTRADICTION']);
    expect(issuesOf({ ...BASE, dewateringDuringConstruction: true, dewateringVolumeM3PerYear: 5000 })).toEqual([]);
  });

  it('a summer-house area cannot be a designated industrial park', () => {
    expect(issuesOf({ ...BASE, siteZone: 'sommerhusomraade', inIndustrialPark: true })).toEqual(['inIndustrialPark:CONTRADICTION']);
  });

  it('road type without a new road access is contradictory', () => {
    expect(issuesOf({ ...BASE, roadType: 'state', withinStateRoadZone: true })).toEqual(['roadType:CONTRADICTION', 'withinStateRoadZone:CONTRADICTION']);
  });

  it('bonus effect without a new lokalplan is contradictory', () => {
    expect(issuesOf({ ...BASE, siteZone: 'landzone', localPlanHasBonusEffect: true })).toEqual(['localPlanHasBonusEffect:CONTRADICTION']);
  });

  it('expected significant EIA effects outside annex 2 are contradictory', () => {
    expect(issuesOf({ ...BASE, eiaAnnex: 'annex1', eiaSignificantEffectsExpected: true })).toEqual(['eiaSignificantEffectsExpected:CONTRADICTION']);
  });

  it('person-days above duration × peak workers are impossible', () => {
    expect(issuesOf({ ...BASE, constructionSite: { durationDays: 10, peakWorkers: 5, personDays: 51 } })).toEqual(['constructionSite.personDays:CONTRADICTION']);
  });

  it('screen() throws ScreeningValidationError with code SCREENING.INVALID_FACTS and all issues', () => {
    const bad = { ...BASE, municipalityCode: '999', investmentDkk: -5 } as ProjectFacts;
    let caught: unknown;
    try {
      screen(bad, { today: '2025-09-01' });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ScreeningValidationError);
    const err = caught as ScreeningValidationError;
    expect(err.code).toBe('SCREENING.INVALID_FACTS');
    expect(err.issues.map((i) => i.field)).toEqual(['municipalityCode', 'investmentDkk']);
    expect(err.issues.every((i) => i.message.length > 0)).toBe(true);
  });
});
