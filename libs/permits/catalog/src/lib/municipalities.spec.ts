import { UnknownMunicipalityError } from './errors';
import { findMunicipality, getMunicipality, isMunicipalityCode, MUNICIPALITIES, REGIONS } from './municipalities';
import { getStateAgency, STATE_AGENCIES } from './state-agencies';

describe('Danish municipalities (kommuner)', () => {
  it('there are exactly 98', () => {
    expect(MUNICIPALITIES).toHaveLength(98);
  });

  it('codes are unique 3-digit kommunekoder', () => {
    const codes = MUNICIPALITIES.map((m) => m.code);
    expect(new Set(codes).size).toBe(98);
    for (const c of codes) expect(c).toMatch(/^\d{3}$/);
  });

  it('names are unique', () => {
    expect(new Set(MUNICIPALITIES.map((m) => m.name)).size).toBe(98);
  });

  it.each([
    ['101', 'Københavns Kommune', '1084'],
    ['147', 'Frederiksberg Kommune', '1084'],
    ['219', 'Hillerød Kommune', '1084'],
    ['326', 'Kalundborg Kommune', '1085'],
    ['400', 'Bornholms Regionskommune', '1084'],
    ['461', 'Odense Kommune', '1083'],
    ['751', 'Aarhus Kommune', '1082'],
    ['851', 'Aalborg Kommune', '1081'],
  ])('%s is %s in region %s', (code, nameDa, region) => {
    expect(getMunicipality(code)).toEqual(expect.objectContaining({ nameDa, regionCode: region }));
  });

  it('regions have 11, 19, 22, 29 and 17 municipalities', () => {
    const count = (r: string) => MUNICIPALITIES.filter((m) => m.regionCode === r).length;
    expect(REGIONS.map((r) => count(r.code))).toEqual([11, 19, 22, 29, 17]);
  });

  it('getMunicipality throws a typed error for an unknown code (Christiansø 411 is not a municipality)', () => {
    expect(() => getMunicipality('411')).toThrow(UnknownMunicipalityError);
    expect(findMunicipality('411')).toBeUndefined();
    expect(isMunicipalityCode('326')).toBe(true);
    expect(isMunicipalityCode('0326')).toBe(false);
  });
});

describe('State agencies', () => {
  it('lists the eight state bodies of the catalogue', () => {
    expect(STATE_AGENCIES.map((a) => a.code)).toEqual(['MST', 'DKMA', 'AT', 'ENS', 'VD', 'SLKS', 'KDI', 'ERST']);
  });

  it('resolves an agency code to its Danish and English names', () => {
    expect(getStateAgency('DKMA')).toEqual({ code: 'DKMA', nameDa: 'Lægemiddelstyrelsen', nameEn: 'Danish Medicines Agency' });
  });
});
