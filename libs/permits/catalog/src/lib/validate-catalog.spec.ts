import { getCatalog } from './catalog';
import type { CatalogVersion, PermitType, Prerequisite } from './types';
import { validateCatalog } from './validate-catalog';

function permitType(code: string, prerequisites: Prerequisite[] = [], extra: Partial<PermitType> = {}): PermitType {
  return {
    code,
    nameDa: `${code} da`,
    nameEn: `${code} en`,
    legalBasis: 'test',
    authority: { kind: 'municipality', level: 'municipal' },
    serviceTarget: { unknown: true, note: 'none' },
    statutoryDeadline: { unknown: true, note: 'none' },
    typicalDuration: { unit: 'weeks', length: 2 },
    hearing: { unknown: true, note: 'none' },
    appeal: { unknown: true, note: 'none' },
    prerequisites,
    embeddedInHostDecision: false,
    source: 'test',
    unconfirmedFields: [],
    ...extra,
  };
}

const needs = (code: string): Prerequisite => ({ code, requires: 'decided', why: 'test' });
const catalogOf = (...permitTypes: PermitType[]): CatalogVersion => ({ version: 't', validFrom: '2025-01-01', validTo: null, permitTypes });

describe('Catalogue validator', () => {
  it('accepts a small acyclic catalogue', () => {
    expect(validateCatalog(catalogOf(permitType('A'), permitType('B', [needs('A')])))).toEqual([]);
  });

  it('reports a hand-made cycle with its path', () => {
    const problems = validateCatalog(catalogOf(permitType('A', [needs('C')]), permitType('B', [needs('A')]), permitType('C', [needs('B')])));
    const cycles = problems.filter((p) => p.code === 'CYCLE');
    expect(cycles).toHaveLength(1);
    expect(cycles[0].cycle).toEqual(['A', 'C', 'B', 'A']);
    expect(cycles[0].message).toContain('A → C → B → A');
  });

  it('reports a cycle that is not reachable from the first permit', () => {
    const problems = validateCatalog(catalogOf(permitType('A'), permitType('X', [needs('Y')]), permitType('Y', [needs('X')])));
    expect(problems.map((p) => p.cycle)).toEqual([['X', 'Y', 'X']]);
  });

  it('reports a permit that requires itself', () => {
    expect(validateCatalog(catalogOf(permitType('A', [needs('A')]))).map((p) => p.code)).toEqual(['SELF_PREREQUISITE']);
  });

  it('reports unknown prerequisite codes', () => {
    const problems = validateCatalog(catalogOf(permitType('A', [needs('GHOST')])));
    expect(problems).toEqual([expect.objectContaining({ code: 'UNKNOWN_PREREQUISITE', permitCode: 'A' })]);
  });

  it('reports duplicate codes', () => {
    const problems = validateCatalog(catalogOf(permitType('A'), permitType('A')));
    expect(problems.map((p) => p.code)).toEqual(['DUPLICATE_CODE']);
  });

  it('reports missing names', () => {
    const problems = validateCatalog(catalogOf(permitType('A', [], { nameDa: '  ', nameEn: '' })));
    expect(problems.map((p) => p.code)).toEqual(['MISSING_NAME', 'MISSING_NAME']);
  });

  it('reports negative durations in typical duration, clocks, hearing and appeal', () => {
    const neg = { unit: 'weeks' as const, length: -1 };
    const problems = validateCatalog(
      catalogOf(
        permitType('A', [], {
          typicalDuration: neg,
          statutoryDeadline: { kind: 'statutory', duration: neg, startsAt: 'completeApplication', stopsWhileAwaitingApplicant: false, source: 's' },
          hearing: { minDuration: neg, audience: 'public', source: 's' },
          appeal: { period: neg, deadlineRoll: { rule: 'saturdayOrHelligdagToNextHverdag', source: 'MBL §93(2)' }, body: 'MFKN', suspendsPermit: false, usableOnlyAfterAppealPeriod: false, source: 's' },
        }),
      ),
    );
    expect(problems.filter((p) => p.code === 'NEGATIVE_DURATION')).toHaveLength(4);
  });

  it('reports a negative duration inside a service-target variant', () => {
    const problems = validateCatalog(
      catalogOf(
        permitType('A', [], {
          serviceTargetVariants: [
            { id: 'X', appliesWhen: 'x', rule: { kind: 'serviceTarget', duration: { unit: 'calendarDays', length: -5 }, startsAt: 'completeApplication', stopsWhileAwaitingApplicant: true, source: 's' } },
          ],
        }),
      ),
    );
    expect(problems).toEqual([expect.objectContaining({ code: 'NEGATIVE_DURATION', message: expect.stringContaining('serviceTargetVariants.X') })]);
  });

  it('reports codes that are not SCREAMING_SNAKE ASCII', () => {
    const problems = validateCatalog(catalogOf(permitType('Miljø-godkendelse')));
    expect(problems.map((p) => p.code)).toEqual(['INVALID_CODE']);
  });

  it('reports unknown runsWith codes and unknown unconfirmed field names', () => {
    const problems = validateCatalog(catalogOf(permitType('A', [], { runsWith: [{ code: 'B', why: 'x' }], unconfirmedFields: ['colour'] })));
    expect(problems.map((p) => p.code).sort()).toEqual(['UNKNOWN_RUNS_WITH', 'UNKNOWN_UNCONFIRMED_FIELD']);
  });

  it('reports a validity window that ends before it starts', () => {
    const problems = validateCatalog({ ...catalogOf(permitType('A')), validFrom: '2025-06-21', validTo: '2025-01-01' });
    expect(problems.map((p) => p.code)).toEqual(['INVALID_VALIDITY']);
  });

  it('detects a cycle introduced into a copy of the shipped catalogue', () => {
    const shipped = getCatalog();
    const copy: CatalogVersion = {
      ...shipped,
      permitTypes: shipped.permitTypes.map((p) =>
        p.code === 'LOKALPLAN' ? { ...p, prerequisites: [needs('BUILDING_PERMIT')] } : p,
      ),
    };
    const cycles = validateCatalog(copy).filter((p) => p.code === 'CYCLE');
    expect(cycles.length).toBeGreaterThan(0);
    expect(cycles[0].cycle?.[0]).toBe(cycles[0].cycle?.[cycles[0].cycle.length - 1]);
    expect(cycles.some((c) => c.cycle?.includes('LOKALPLAN') && c.cycle.includes('BUILDING_PERMIT'))).toBe(true);
  });
});
