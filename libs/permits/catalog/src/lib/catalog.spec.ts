import {
  catalogVersionAt,
  getCatalog,
  getPermitType,
  listCatalogVersions,
} from './catalog';
import { DomainError } from './domain-error';
import { UnknownCatalogVersionError, UnknownPermitCodeError } from './errors';
import type { PermitType } from './types';
import { isUnknown } from './types';
import { validateCatalog } from './validate-catalog';

const REQUIRED_CODES = [
  'KOMMUNEPLANTILLAEG', 'LOKALPLAN', 'LANDZONE', 'VVM_SCREENING', 'VVM_PERMIT', 'MILJOEGODKENDELSE',
  'UDLEDNINGSTILLADELSE', 'TILSLUTNINGSTILLADELSE', 'VANDINDVINDING', 'GRUNDVANDSSAENKNING', 'JFL_8',
  'NBL_3_DISPENSATION', 'PROTECTION_LINE_DISPENSATION', 'HABITAT_ASSESSMENT', 'SEVESO_RISK',
  'FLAMMABLE_LIQUIDS', 'GMO_CONTAINED_USE', 'GMO_PRODUCTION', 'GMP_MANUFACTURING', 'BUILDING_PERMIT',
  'CONSTRUCTION_SITE_NOTICE', 'CO2_PERMIT', 'HEAT_SUPPLY_PROJECT', 'ROAD_ACCESS', 'ARCHAEOLOGY', 'GRID_CONNECTION',
];

const permit = (code: string): PermitType => getPermitType(code);
const prereq = (code: string, on: string) => permit(code).prerequisites.find((p) => p.code === on);

describe.each(['2025.1', '2025.2'])('Permit catalogue %s', (version) => {
  const catalog = getCatalog(version);

  it('applies from the day L 206 entered into force (21 June 2025) and is open-ended', () => {
    expect(catalog.validFrom).toBe('2025-06-21');
    expect(catalog.validTo).toBeNull();
  });

  it('covers every permit row of the research table (at least 24 permit types)', () => {
    expect(catalog.permitTypes.length).toBeGreaterThanOrEqual(24);
    expect(catalog.permitTypes.map((p) => p.code).sort()).toEqual([...REQUIRED_CODES].sort());
  });

  it('validates clean: no duplicates, unknown prerequisites, cycles or negative durations', () => {
    expect(validateCatalog(catalog)).toEqual([]);
  });

  it('gives every permit a legal basis, a source and Danish and English names', () => {
    for (const p of catalog.permitTypes) {
      expect(p.legalBasis.length).toBeGreaterThan(3);
      expect(p.source).toMatch(/permits-research\.md/);
      expect(p.nameDa.trim()).not.toBe('');
      expect(p.nameEn.trim()).not.toBe('');
    }
  });

  it('fills every clock field or marks it Unknown with a note', () => {
    for (const p of catalog.permitTypes) {
      for (const v of [p.serviceTarget, p.statutoryDeadline, p.hearing, p.appeal]) {
        if (isUnknown(v)) expect(v.note.length).toBeGreaterThan(5);
        else expect(v).toEqual(expect.objectContaining({ source: expect.any(String) }));
      }
      expect(p.typicalDuration.length).toBeGreaterThan(0);
    }
  });

  it('names a state agency for every state-level permit and none for municipal ones', () => {
    for (const p of catalog.permitTypes) {
      if (p.authority.level === 'state') expect(p.authority.agency).toBeDefined();
      if (p.authority.level === 'municipal') expect(p.authority.agency).toBeUndefined();
    }
  });

  it('is immutable so a case keeps the version it was screened with', () => {
    expect(Object.isFrozen(catalog)).toBe(true);
    expect(Object.isFrozen(catalog.permitTypes[0].prerequisites)).toBe(true);
    expect(() => {
      (catalog.permitTypes as PermitType[]).push(catalog.permitTypes[0]);
    }).toThrow(TypeError);
  });
});

describe('Clock facts from the research', () => {
  it('DKMA GMP: statutory 90 calendar days from a complete application, clock stops while waiting (BEK 1358/2012 §5)', () => {
    const st = permit('GMP_MANUFACTURING').statutoryDeadline;
    expect(st).toEqual(
      expect.objectContaining({
        kind: 'statutory',
        duration: { unit: 'calendarDays', length: 90 },
        startsAt: 'completeApplication',
        stopsWhileAwaitingApplicant: true,
      }),
    );
  });

  it('miljøgodkendelse: service target 200 days (annex 1) with a 130-day annex 2 variant', () => {
    const p = permit('MILJOEGODKENDELSE');
    expect(p.serviceTarget).toEqual(expect.objectContaining({ kind: 'serviceTarget', duration: { unit: 'calendarDays', length: 200 } }));
    const annex2 = p.serviceTargetVariants?.find((v) => v.id === 'ANNEX_2');
    expect(annex2?.rule).toEqual(expect.objectContaining({ duration: { unit: 'calendarDays', length: 130 } }));
  });

  it('building permit: service target 50 days, none for VVM/new-lokalplan projects', () => {
    const p = permit('BUILDING_PERMIT');
    expect(p.serviceTarget).toEqual(expect.objectContaining({ duration: { unit: 'calendarDays', length: 50 } }));
    const vvm = p.serviceTargetVariants?.find((v) => v.id === 'VVM_OR_NEW_LOKALPLAN');
    expect(vvm && isUnknown(vvm.rule)).toBe(true);
  });

  it('landzone and GMO production: an appeal suspends the permit and it is usable only after the appeal period', () => {
    for (const code of ['LANDZONE', 'GMO_PRODUCTION']) {
      const appeal = permit(code).appeal;
      expect(isUnknown(appeal)).toBe(false);
      if (!isUnknown(appeal)) {
        expect(appeal.suspendsPermit).toBe(true);
        expect(appeal.usableOnlyAfterAppealPeriod).toBe(true);
        expect(appeal.period).toEqual({ unit: 'weeks', length: 4 });
      }
    }
  });

  it('plans have an 8-week minimum public hearing (PL §24(3)) and PKN as appeal body', () => {
    for (const code of ['KOMMUNEPLANTILLAEG', 'LOKALPLAN']) {
      const p = permit(code);
      expect(!isUnknown(p.hearing) && p.hearing.minDuration).toEqual({ unit: 'weeks', length: 8 });
      expect(!isUnknown(p.appeal) && p.appeal.body).toBe('PKN');
    }
  });

  it('environmental permit is appealed to MFKN within 4 weeks (MBL §93)', () => {
    const appeal = permit('MILJOEGODKENDELSE').appeal;
    expect(!isUnknown(appeal) && appeal.body).toBe('MFKN');
    expect(!isUnknown(appeal) && appeal.period).toEqual({ unit: 'weeks', length: 4 });
  });

  it('lists inferred (~) values in unconfirmedFields', () => {
    expect(permit('VVM_SCREENING').unconfirmedFields).toContain('statutoryDeadline');
    expect(permit('VVM_PERMIT').unconfirmedFields).toContain('typicalDuration');
    expect(permit('GMP_MANUFACTURING').unconfirmedFields).toContain('prerequisites');
  });

  it('habitat assessment is a gate inside the host decision, not a separate permit', () => {
    expect(permit('HABITAT_ASSESSMENT').embeddedInHostDecision).toBe(true);
    expect(getCatalog().permitTypes.filter((p) => p.embeddedInHostDecision).map((p) => p.code)).toEqual(['HABITAT_ASSESSMENT']);
  });
});

describe('Prerequisite order (research "Typical order")', () => {
  it('building permit needs the lokalplan decided (lov om Planklagenævnet §7(1): no suspension), landzone final and the §8 permit decided', () => {
    expect(prereq('BUILDING_PERMIT', 'LOKALPLAN')?.requires).toBe('decided');
    expect(prereq('BUILDING_PERMIT', 'LANDZONE')?.requires).toBe('final');
    expect(prereq('BUILDING_PERMIT', 'JFL_8')?.requires).toBe('decided');
  });

  it('miljøgodkendelse comes after the VVM decision', () => {
    expect(prereq('MILJOEGODKENDELSE', 'VVM_PERMIT')?.requires).toBe('decided');
    expect(prereq('MILJOEGODKENDELSE', 'VVM_SCREENING')?.requires).toBe('decided');
  });

  it('GMP manufacturing authorisation is last: it needs the building permit decided', () => {
    expect(prereq('GMP_MANUFACTURING', 'BUILDING_PERMIT')?.requires).toBe('decided');
    const dependants = getCatalog().permitTypes.filter((p) => p.prerequisites.some((q) => q.code === 'GMP_MANUFACTURING'));
    expect(dependants).toEqual([]);
  });

  it('construction-site notice is filed after the building permit', () => {
    expect(prereq('CONSTRUCTION_SITE_NOTICE', 'BUILDING_PERMIT')?.requires).toBe('decided');
  });

  it('every prerequisite explains why in plain words', () => {
    for (const p of getCatalog().permitTypes) for (const q of p.prerequisites) expect(q.why.length).toBeGreaterThan(10);
  });
});

describe('Catalogue look-ups', () => {
  it('getCatalog() without a version returns the newest published version', () => {
    const versions = listCatalogVersions();
    expect(getCatalog().version).toBe(versions[versions.length - 1].version);
  });

  it('getCatalog with an unknown version throws UnknownCatalogVersionError', () => {
    expect(() => getCatalog('1999.1')).toThrow(UnknownCatalogVersionError);
  });

  it('listCatalogVersions lists 2025.1 with its validity', () => {
    expect(listCatalogVersions()).toContainEqual({ version: '2025.1', validFrom: '2025-06-21', validTo: null });
  });

  it('catalogVersionAt picks the newest version valid on a date (inclusive start): 2025.2 corrects 2025.1 from the same day', () => {
    expect(catalogVersionAt('2025-06-21').version).toBe('2025.2');
    expect(catalogVersionAt('2026-03-01T10:00:00Z').version).toBe('2025.2');
  });

  it('catalogVersionAt before L 206 applied has no version', () => {
    expect(() => catalogVersionAt('2025-06-20')).toThrow(UnknownCatalogVersionError);
  });

  it('catalogVersionAt rejects a malformed date', () => {
    expect(() => catalogVersionAt('21/06/2025')).toThrow(UnknownCatalogVersionError);
  });

  it('getPermitType finds a permit by its stable code', () => {
    expect(getPermitType('LANDZONE').nameDa).toBe('Landzonetilladelse');
    expect(getPermitType('LANDZONE', '2025.1').legalBasis).toMatch(/§35/);
  });

  it('getPermitType with an unknown code throws a typed domain error with a stable code', () => {
    let caught: unknown;
    try {
      getPermitType('NOPE');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(UnknownPermitCodeError);
    expect(caught).toBeInstanceOf(DomainError);
    expect(caught).toBeInstanceOf(Error);
    expect((caught as UnknownPermitCodeError).code).toBe('CATALOG.UNKNOWN_PERMIT_CODE');
    expect((caught as UnknownPermitCodeError).permitCode).toBe('NOPE');
    expect((caught as Error).name).toBe('UnknownPermitCodeError');
    expect((caught as Error).message).toContain('2025.2');
  });
});
