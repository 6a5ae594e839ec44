import { getPermitType } from '@rl/permits-catalog';
import { permitTypeAt, permitTypeOf } from './planning';

describe('permitTypeAt / permitTypeOf: the catalogue entry a permit runs under', () => {
  // GMP_MANUFACTURING's legal basis was corrected in 2025.2 (§§5–6 → §§4–6): a permit that runs
  // under 2025.1 is named with 2025.1's entry on every page that names it.
  it("reads the permit's own catalogue version, not the newest", () => {
    expect(permitTypeAt('GMP_MANUFACTURING', '2025.1').legalBasis).toContain('BEK 1358/2012 §§5–6');
    expect(permitTypeAt('GMP_MANUFACTURING', '2025.2').legalBasis).toContain('BEK 1358/2012 §§4–6');
    expect(permitTypeOf({ code: 'GMP_MANUFACTURING', snapshot: { context: { catalogVersion: '2025.1' } } as never }).legalBasis).toContain('§§5–6');
  });

  it('falls back to the current version for a version this code does not know, or none', () => {
    const current = getPermitType('GMP_MANUFACTURING');
    expect(permitTypeAt('GMP_MANUFACTURING', '1999.9')).toBe(current);
    expect(permitTypeAt('GMP_MANUFACTURING', null)).toBe(current);
    expect(permitTypeOf({ code: 'GMP_MANUFACTURING', snapshot: null as never })).toBe(current);
  });

  it('still throws for a code no catalogue knows (callers name it as itself)', () => {
    expect(() => permitTypeAt('NO_SUCH_PERMIT', '2025.1')).toThrow();
  });
});
