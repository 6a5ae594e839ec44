/**
 * Issue 13 item 13: the corrections are a new catalogue version 2025.2; 2025.1 stays as it was
 * published (reconstructed from git, commit 621328c); every change is listed and classified, and
 * each list is checked against the two versions' data here (not copied from it).
 */
import { appealRollOf, catalogVersionAt, getCatalog, legalCorrectionsFor } from './catalog';
import { appealPeriodOf, isUnknown, type PermitType } from './types';
import { validateCatalog } from './validate-catalog';

const V1 = getCatalog('2025.1');
const V2 = getCatalog('2025.2');
const codes = V2.permitTypes.map((p) => p.code);
const type = (v: typeof V1, code: string): PermitType => v.permitTypes.find((p) => p.code === code)!;
const change = (id: string) => V2.changes!.find((c) => c.id === id)!;
const sorted = (xs: string[]) => [...xs].sort();

describe('catalogue 2025.1 as published', () => {
  it('rolls every klagefrist over any office closure day (the rule 2025.2 corrects)', () => {
    for (const code of codes) expect(appealRollOf(code, '2025.1')).toBe('nextBusinessDay');
  });

  it('has none of the corrections: no non-decisions, no hearing options, no validity, DKMA cited as §5 without the change route', () => {
    for (const p of V1.permitTypes) {
      expect(p.instrument).toBeUndefined();
      expect(p.validity).toBeUndefined();
      expect(p.statutoryDeadlineVariants).toBeUndefined();
      if (!isUnknown(p.hearing)) expect(p.hearing.minimumOptions).toBeUndefined();
    }
    const gmp = type(V1, 'GMP_MANUFACTURING').statutoryDeadline;
    expect(!isUnknown(gmp) && gmp.source).toMatch(/BEK 1358\/2012 §5:/);
    // The notice and the opinion had the 4-week default klagefrist.
    expect(appealPeriodOf(type(V1, 'CONSTRUCTION_SITE_NOTICE'))).toEqual({ unit: 'weeks', length: 4 });
  });

  it('kept its published dependencies: building permit after the plan is final and after the museum opinion', () => {
    const prereqs = type(V1, 'BUILDING_PERMIT').prerequisites;
    expect(prereqs.find((p) => p.code === 'LOKALPLAN')?.requires).toBe('final');
    expect(prereqs.some((p) => p.code === 'ARCHAEOLOGY')).toBe(true);
  });

  it('is still valid as data, and both versions are frozen', () => {
    expect(validateCatalog(V1)).toEqual([]);
    expect(validateCatalog(V2)).toEqual([]);
    expect(Object.isFrozen(V1.permitTypes[0])).toBe(true);
    expect(Object.isFrozen(V2.changes)).toBe(true);
  });
});

describe('catalogue 2025.2: new cases use it, changes are classified', () => {
  it('is what new screenings get, on any date 2025.1 covered', () => {
    expect(getCatalog().version).toBe('2025.2');
    expect(catalogVersionAt('2025-06-21').version).toBe('2025.2');
    expect(catalogVersionAt('2027-01-04').version).toBe('2025.2');
  });

  it('KLAGEFRIST_ROLL (legal) lists exactly the decisions whose roll changed to MBL §93(2)', () => {
    const changed = codes.filter((c) => appealRollOf(c, '2025.1') !== appealRollOf(c, '2025.2') && type(V2, c).instrument === undefined);
    expect(sorted(change('KLAGEFRIST_ROLL').permitCodes)).toEqual(sorted(changed));
    for (const c of changed) expect(appealRollOf(c, '2025.2')).toBe('saturdayOrHelligdagToNextHverdag');
  });

  it('HEARING_CLOSE_AFTER_LAST_DAY (legal) lists every type with a known hearing minimum', () => {
    const withMinimum = codes.filter((c) => {
      const h = type(V2, c).hearing;
      return !isUnknown(h) && !isUnknown(h.minDuration);
    });
    expect(sorted(change('HEARING_CLOSE_AFTER_LAST_DAY').permitCodes)).toEqual(sorted(withMinimum));
  });

  it('NOTICES_WITHOUT_APPEAL, PL_24_HEARING_MINIMUMS, DECISION_VALIDITY (legal) match the data', () => {
    expect(sorted(change('NOTICES_WITHOUT_APPEAL').permitCodes)).toEqual(sorted(codes.filter((c) => appealPeriodOf(type(V2, c)) === null && appealPeriodOf(type(V1, c)) !== null && !type(V2, c).embeddedInHostDecision)));
    expect(sorted(change('PL_24_HEARING_MINIMUMS').permitCodes)).toEqual(sorted(codes.filter((c) => {
      const h = type(V2, c).hearing;
      return !isUnknown(h) && (h.minimumOptions?.length ?? 0) > 0;
    })));
    expect(sorted(change('DECISION_VALIDITY').permitCodes)).toEqual(sorted(codes.filter((c) => type(V2, c).validity !== undefined)));
  });

  it('changes fixed at screening (DKMA change route, building-permit edges, archaeology as advice) are for new cases only', () => {
    expect(change('DKMA_CHANGE_ROUTE').kind).toBe('newCasesOnly');
    expect(change('BUILDING_AFTER_DECIDED_PLAN').kind).toBe('newCasesOnly');
    expect(change('ARCHAEOLOGY_IS_ADVICE').kind).toBe('newCasesOnly');
    expect(legalCorrectionsFor('GMP_MANUFACTURING', '2025.2').map((c) => c.id)).not.toContain('DKMA_CHANGE_ROUTE');
  });

  it('every permit type whose entry differs between the versions is covered by a listed change with a source', () => {
    const differs = codes.filter((c) => JSON.stringify(type(V1, c)) !== JSON.stringify(type(V2, c)));
    expect(differs.length).toBeGreaterThan(20);
    for (const c of differs) expect(V2.changes!.some((ch) => ch.permitCodes.includes(c))).toBe(true);
    for (const ch of V2.changes!) expect(ch.source.trim()).not.toBe('');
  });
});
