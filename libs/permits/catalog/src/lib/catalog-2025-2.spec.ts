/**
 * Catalogue 2025.2 is written as a delta over 2025.1 (./catalog-2025-2.ts). The snapshot is the
 * full 2025.2 object as it was written out entry by entry before that (JSON of CATALOG_2025_2
 * taken from the previous code): the delta must derive exactly it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getCatalog } from './catalog';
import { CATALOG_2025_1 } from './catalog-2025-1';
import { DELTA_2025_2 } from './catalog-2025-2';
import { amendPermitTypes } from './catalog-builders';

const snapshot: unknown = JSON.parse(readFileSync(join(__dirname, '__fixtures__', 'catalog-2025-2.json'), 'utf8'));
const V2 = getCatalog('2025.2');

describe('catalogue 2025.2 as a delta over 2025.1', () => {
  it('derives the published 2025.2 catalogue exactly (deep-equal to the snapshot)', () => {
    expect(V2).toStrictEqual(snapshot);
  });

  it('amends only through the listed changes, each on a permit type that change lists', () => {
    for (const [id, byCode] of Object.entries(DELTA_2025_2)) {
      const listed = V2.changes!.find((c) => c.id === id)?.permitCodes ?? [];
      expect([id, Object.keys(byCode).filter((code) => !listed.includes(code))]).toEqual([id, []]);
    }
  });

  it('shares the entries it does not amend with 2025.1 and leaves 2025.1 as published', () => {
    const amended = new Set(Object.values(DELTA_2025_2).flatMap((byCode) => Object.keys(byCode)));
    V2.permitTypes.forEach((entry, i) => {
      const base = CATALOG_2025_1.permitTypes[i];
      expect(entry.code).toBe(base.code);
      if (amended.has(entry.code)) expect(entry).not.toBe(base);
      else expect(entry).toBe(base);
    });
    expect(CATALOG_2025_1.permitTypes.every((p) => p.instrument === undefined && p.validity === undefined)).toBe(true);
  });

  it('refuses a delta that names a permit type or prerequisite the base does not have', () => {
    const base = CATALOG_2025_1.permitTypes;
    expect(() => amendPermitTypes(base, { SOME_CHANGE: { NO_SUCH_PERMIT: (e) => e } })).toThrow(/SOME_CHANGE: no permit type NO_SUCH_PERMIT/);
    const withoutArchaeology = base.map((p) => (p.code === 'LOKALPLAN' ? { ...p, prerequisites: [] } : p));
    expect(() => amendPermitTypes(withoutArchaeology, { ARCHAEOLOGY_IS_ADVICE: DELTA_2025_2.ARCHAEOLOGY_IS_ADVICE })).toThrow(/LOKALPLAN has no prerequisite ARCHAEOLOGY/);
  });
});
