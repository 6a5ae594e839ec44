/**
 * Screening that derives instead of trusting (issue 13 items 14 and 18). Rule ids are those of
 * libs/permits/README.md, "Rules, statutes and tests".
 */
import { EIA_ANNEX_ENTRIES, LISTED_ACTIVITIES, getEiaAnnexEntry } from '@rl/permits-catalog';
import { ScreeningValidationError } from './errors';
import type { ProjectFacts } from './project-facts';
import { screen } from './screen';
import { validateProjectFacts } from './validate-facts';

const TODAY = '2025-09-01';
const BASE: ProjectFacts = { municipalityCode: '326', siteZone: 'byzone' };
const rules = (f: unknown) => validateProjectFacts(f).map((i) => `${i.field}:${i.code}:${i.rule ?? ''}`);
const authorityOf = (f: ProjectFacts, code: string) => screen(f, { today: TODAY }).permits.find((p) => p.code === code)?.authority.code;

describe('listed activities as catalogue data (godkendelsesbekendtgørelsen annex 1/2, MVL annex 1/2)', () => {
  it('every shipped item has a source, and every EIA entry it names exists with a source', () => {
    for (const a of LISTED_ACTIVITIES) {
      expect(a.source.length).toBeGreaterThan(20);
      expect(a.eiaEntries.length).toBeGreaterThan(0);
      for (const id of a.eiaEntries) expect(getEiaAnnexEntry(id)?.source).toBeTruthy();
    }
    expect(new Set(LISTED_ACTIVITIES.map((a) => a.code)).size).toBe(LISTED_ACTIVITIES.length);
    expect(new Set(EIA_ANNEX_ENTRIES.map((e) => e.id)).size).toBe(EIA_ANNEX_ENTRIES.length);
  });
  it('inferences are marked: no shipped s-mark is claimed as read in a statute', () => {
    for (const a of LISTED_ACTIVITIES) expect(a.unconfirmedFields).toContain('sMarked');
  });
});

describe('deriving the authority and the EIA track from the list item (item 14)', () => {
  it('list item 4.5 alone (pharma): annex 1, IED, s-marked → MST decides the miljøgodkendelse (MBL §40; godkendelsesbek. s-mark)', () => {
    const f: ProjectFacts = { ...BASE, listedActivity: { listItem: '4.5' } };
    const r = screen(f, { today: TODAY });
    expect(r.derived.listedActivity).toEqual(expect.objectContaining({ listItem: '4.5', annex: 'annex1', sMarked: true, ied: true, basis: 'catalogue' }));
    expect(authorityOf(f, 'MILJOEGODKENDELSE')).toBe('MST');
    expect(r.permits.find((p) => p.code === 'MILJOEGODKENDELSE')?.serviceTargetVariant).toBe('ANNEX_1');
  });
  it('the EIA track follows the list item (4.5 → MVL annex 2: screening, decided by MST for an s-marked project)', () => {
    const r = screen({ ...BASE, listedActivity: { listItem: '4.5' } }, { today: TODAY });
    expect(r.derived.eiaAnnex).toEqual({ value: 'annex2', basis: 'catalogue' });
    expect(r.permits.find((p) => p.code === 'VVM_SCREENING')?.authority.code).toBe('MST');
  });
  it('4.1 (organic chemicals) → MVL annex 1: an EIA permit', () => {
    const r = screen({ ...BASE, listedActivity: { listItem: '4.1' } }, { today: TODAY });
    expect(r.derived.eiaAnnex.value).toBe('annex1');
    expect(r.permits.map((p) => p.code)).toContain('VVM_PERMIT');
  });
  it('the old declared facts are still accepted when they agree with the list item', () => {
    expect(validateProjectFacts({ ...BASE, listedActivity: { listItem: '4.5', annex: 'annex1', sMarked: true }, eiaAnnex: 'annex1' })).toEqual([]);
  });
  it('a Seveso solvent plant declared "s-marked: no" is refused (DERIVE-SMARK), not routed to the municipality', () => {
    const f = { ...BASE, listedActivity: { listItem: '4.1', annex: 'annex1', sMarked: false }, sevesoTier: 'upper' };
    expect(rules(f)).toEqual(['listedActivity.sMarked:CONTRADICTS_LIST_ITEM:DERIVE-SMARK']);
    expect(() => screen(f as ProjectFacts, { today: TODAY })).toThrow(ScreeningValidationError);
  });
  it('a wrong annex (DERIVE-ANNEX) and a wrong EIA annex (DERIVE-EIA) are refused', () => {
    expect(rules({ ...BASE, listedActivity: { listItem: '4.5', annex: 'annex2', sMarked: true } })).toEqual(['listedActivity.annex:CONTRADICTS_LIST_ITEM:DERIVE-ANNEX']);
    expect(rules({ ...BASE, listedActivity: { listItem: '4.1' }, eiaAnnex: 'none' })).toEqual(['eiaAnnex:CONTRADICTS_LIST_ITEM:DERIVE-EIA']);
  });
  it('a list item the catalogue does not ship: the declared annex and s-mark are used, and required', () => {
    const r = screen({ ...BASE, listedActivity: { listItem: 'K206', annex: 'annex2', sMarked: false } }, { today: TODAY });
    expect(r.derived.listedActivity).toEqual(expect.objectContaining({ listItem: 'K206', basis: 'declared', ied: null }));
    expect(rules({ ...BASE, listedActivity: { listItem: 'K206' } })).toEqual([
      'listedActivity.annex:INVALID_VALUE:',
      'listedActivity.sMarked:INVALID_TYPE:',
    ]);
  });
  it('a significant-effects answer is checked against the DERIVED EIA annex', () => {
    expect(validateProjectFacts({ ...BASE, listedActivity: { listItem: '4.5' }, eiaSignificantEffectsExpected: true })).toEqual([]);
  });
});

describe('nonsense facts are refused with the rule that refused them (item 18)', () => {
  it('summer-house area + Seveso site', () => {
    expect(rules({ ...BASE, siteZone: 'sommerhusomraade', sevesoTier: 'upper' })).toEqual(['sevesoTier:CONTRADICTION:FACTS-SEVESO-IN-SUMMER-HOUSE-AREA']);
    expect(rules({ ...BASE, siteZone: 'sommerhusomraade', sevesoTier: 'lower' })).toHaveLength(1);
    expect(rules({ ...BASE, siteZone: 'sommerhusomraade', sevesoTier: 'none' })).toEqual([]);
  });
  it('landzone + designated industrial park', () => {
    expect(rules({ ...BASE, siteZone: 'landzone', inIndustrialPark: true })).toEqual(['inIndustrialPark:CONTRADICTION:FACTS-INDUSTRIAL-PARK-IN-LANDZONE']);
    expect(rules({ ...BASE, siteZone: 'byzone', inIndustrialPark: true })).toEqual([]);
  });
  it('a 1e9 MW boiler; 5,000 MW is the largest accepted', () => {
    expect(rules({ ...BASE, combustionThermalInputMW: 1e9 })).toEqual(['combustionThermalInputMW:IMPLAUSIBLE:FACTS-THERMAL-INPUT-IMPLAUSIBLE']);
    expect(rules({ ...BASE, combustionThermalInputMW: 5000 })).toEqual([]);
    expect(rules({ ...BASE, combustionThermalInputMW: 5000.5 })).toHaveLength(1);
  });
  it('a 0.0001 MW grid load; 0 (none) and 0.01 MW are accepted', () => {
    expect(rules({ ...BASE, largeNewGridLoadMW: 0.0001 })).toEqual(['largeNewGridLoadMW:IMPLAUSIBLE:FACTS-GRID-LOAD-TOO-SMALL']);
    expect(rules({ ...BASE, largeNewGridLoadMW: 0 })).toEqual([]);
    expect(rules({ ...BASE, largeNewGridLoadMW: 0.01 })).toEqual([]);
  });
  it('a beach protection line (NBL §15) in inland Herning; accepted on the Kalundborg coast', () => {
    expect(rules({ ...BASE, municipalityCode: '657', protectionLines: ['beach'] })).toEqual(['protectionLines:CONTRADICTION:FACTS-BEACH-LINE-INLAND']);
    expect(rules({ ...BASE, municipalityCode: '657', protectionLines: ['forest'] })).toEqual([]);
    expect(rules({ ...BASE, protectionLines: ['beach'] })).toEqual([]);
  });
  it('a DKMA authorisation change without manufacture', () => {
    expect(rules({ ...BASE, medicinalAuthorisationChange: true })).toEqual(['medicinalAuthorisationChange:CONTRADICTION:FACTS-GMP-CHANGE-WITHOUT-MANUFACTURE']);
  });
  it('the error carries the rule ids (the API maps it to 422 SCREENING.INVALID_FACTS)', () => {
    try {
      screen({ ...BASE, municipalityCode: '657', protectionLines: ['beach'], combustionThermalInputMW: 1e9 } as ProjectFacts, { today: TODAY });
      throw new Error('not refused');
    } catch (e) {
      expect(e).toBeInstanceOf(ScreeningValidationError);
      expect((e as ScreeningValidationError).code).toBe('SCREENING.INVALID_FACTS');
      expect((e as ScreeningValidationError).issues.map((i) => i.rule).sort()).toEqual(['FACTS-BEACH-LINE-INLAND', 'FACTS-THERMAL-INPUT-IMPLAUSIBLE']);
    }
  });
});

describe('DKMA authorisation change (item 8; BEK 1358/2012 §6(2))', () => {
  it('a change to an existing authorisation gets the 30-day statutory deadline, extendable to 90', () => {
    const r = screen({ ...BASE, medicinalProductManufacture: true, medicinalAuthorisationChange: true }, { today: TODAY });
    const gmp = r.permits.find((p) => p.code === 'GMP_MANUFACTURING')!;
    expect(gmp.statutoryDeadlineVariant).toBe('CHANGE_OF_AUTHORISATION');
    expect(gmp.statutoryDeadline).toEqual(expect.objectContaining({ duration: { unit: 'calendarDays', length: 30 }, extendableTo: { unit: 'calendarDays', length: 90 } }));
  });
  it('a new authorisation keeps 90 days (§6(1))', () => {
    const gmp = screen({ ...BASE, medicinalProductManufacture: true }, { today: TODAY }).permits.find((p) => p.code === 'GMP_MANUFACTURING')!;
    expect(gmp.statutoryDeadlineVariant).toBeNull();
    expect(gmp.statutoryDeadline).toEqual(expect.objectContaining({ duration: { unit: 'calendarDays', length: 90 } }));
  });
});
