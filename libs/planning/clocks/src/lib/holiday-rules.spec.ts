/**
 * Issue 13 item 12: the holiday calendar as data. The seeded rules must give exactly today's code
 * calendar; a changed law (Store Bededag, L 10 of 2023) is a rule's effective date.
 */
import { createDanishCalendar } from './business-calendar';
import { DEFAULT_HOLIDAY_RULES, holidaysFromRules, type HolidayRule } from './holiday-rules';
import { InvalidClockArgumentError } from './errors';

const codeCalendar = createDanishCalendar();
const ruleCalendar = createDanishCalendar({ holidayRules: DEFAULT_HOLIDAY_RULES });

describe('holiday rules (issue 13 item 12)', () => {
  it('the default rules give the code calendar in every year 1900–2100 (holidays and closure days, same names and kinds)', () => {
    for (let year = 1900; year <= 2100; year++) expect(ruleCalendar.holidaysInYear(year)).toEqual(codeCalendar.holidaysInYear(year));
  });

  it('Store Bededag is a holiday through 2023 and a working day from 2024 (its effectiveTo)', () => {
    expect(ruleCalendar.nonBusinessReason('2023-05-05')).toEqual(expect.objectContaining({ code: 'STORE_BEDEDAG', kind: 'publicHoliday' }));
    expect(ruleCalendar.isBusinessDay('2024-04-26')).toBe(true);
  });

  it('a Store Bededag-style change: ending a holiday from a date moves business-day counts only from then', () => {
    // Suppose Kristi Himmelfartsdag were abolished from 2030 (a rule change with an effective date).
    const changed: HolidayRule[] = DEFAULT_HOLIDAY_RULES.map((r) => (r.code === 'KRISTI_HIMMELFARTSDAG' ? { ...r, effectiveTo: '2029-12-31' } : r));
    const cal = createDanishCalendar({ holidayRules: changed });
    expect(cal.isBusinessDay('2029-05-10')).toBe(false); // Ascension Day 2029 still a holiday
    expect(cal.isBusinessDay('2030-05-30')).toBe(true); // Ascension Day 2030 a working day
    // 10 business days from Friday 24 May 2030 (hand count): with Ascension (30 May), Grundlovsdag
    // (5 June) and 2. pinsedag (10 June) skipped → 12 June; with Ascension abolished → 11 June.
    expect(ruleCalendar.addBusinessDays('2030-05-24', 10)).toBe('2030-06-12');
    expect(cal.addBusinessDays('2030-05-24', 10)).toBe('2030-06-11');
  });

  it('a closure rule and a one-off closure both stop business days; a closure is not a helligdag', () => {
    const cal = createDanishCalendar({ holidayRules: DEFAULT_HOLIDAY_RULES, extraClosures: [{ date: '2026-05-15', code: 'BRIDGE_DAY', nameDa: 'Lukket', nameEn: 'Closed' }] });
    expect(cal.nonBusinessReason('2026-05-15')).toEqual(expect.objectContaining({ code: 'BRIDGE_DAY', kind: 'closure' }));
    expect(cal.addBusinessDays('2026-05-14', 1)).toBe('2026-05-18');
  });

  it('refuses rules it cannot compute', () => {
    const base = DEFAULT_HOLIDAY_RULES[0];
    for (const bad of [
      { ...base, date: { month: 2, day: 30 } },
      { ...base, date: { easterOffset: 300 } },
      { ...base, code: 'lower' },
      { ...base, effectiveFrom: '2030-01-01', effectiveTo: '2029-01-01' },
    ]) expect(() => createDanishCalendar({ holidayRules: [bad] })).toThrow(InvalidClockArgumentError);
    expect(holidaysFromRules([{ ...base, date: { month: 2, day: 29 } }], 2025)).toEqual([]);
  });
});
