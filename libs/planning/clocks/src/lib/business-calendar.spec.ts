import { InvalidClockArgumentError, InvalidDateError, createDanishCalendar } from '../index';

describe('createDanishCalendar', () => {
  const cal = createDanishCalendar();

  it('weekends are not business days', () => {
    expect(cal.isBusinessDay('2025-03-08')).toBe(false); // Saturday
    expect(cal.isBusinessDay('2025-03-09')).toBe(false); // Sunday
    expect(cal.isBusinessDay('2025-03-10')).toBe(true); // Monday
    expect(cal.nonBusinessReason('2025-03-08')).toBe('weekend');
    expect(cal.nonBusinessReason('2025-03-10')).toBeNull();
  });

  it('public holidays are not business days and say why', () => {
    expect(cal.isBusinessDay('2025-04-21')).toBe(false);
    expect(cal.nonBusinessReason('2025-04-21')).toMatchObject({ kind: 'publicHoliday', nameDa: '2. påskedag' });
  });

  it('default closure days: Grundlovsdag, Juleaftensdag, Nytårsaftensdag', () => {
    expect(cal.isBusinessDay('2025-06-05')).toBe(false);
    expect(cal.isBusinessDay('2025-12-24')).toBe(false);
    expect(cal.isBusinessDay('2025-12-31')).toBe(false);
    expect(cal.nonBusinessReason('2025-06-05')).toMatchObject({ kind: 'closure', code: 'GRUNDLOVSDAG' });
  });

  it('closure days are configurable', () => {
    const noClosures = createDanishCalendar({ closureDays: [] });
    expect(noClosures.isBusinessDay('2025-06-05')).toBe(true);
    expect(noClosures.isBusinessDay('2025-12-24')).toBe(true);
    const extra = createDanishCalendar({
      extraClosures: ['2025-05-30', { date: '2025-08-01', code: 'MOVE', nameDa: 'Flytning', nameEn: 'Office move' }],
    });
    expect(extra.isBusinessDay('2025-05-30')).toBe(false);
    expect(extra.nonBusinessReason('2025-08-01')).toMatchObject({ code: 'MOVE', nameEn: 'Office move' });
  });

  it('holidaysInYear lists holidays and closures with da/en names, in order', () => {
    const days = cal.holidaysInYear(2025);
    expect(days.map((d) => d.date)).toEqual([
      '2025-01-01',
      '2025-04-17',
      '2025-04-18',
      '2025-04-20',
      '2025-04-21',
      '2025-05-29',
      '2025-06-05',
      '2025-06-08',
      '2025-06-09',
      '2025-12-24',
      '2025-12-25',
      '2025-12-26',
      '2025-12-31',
    ]);
    expect(days.find((d) => d.date === '2025-12-24')).toMatchObject({ nameDa: 'Juleaftensdag', nameEn: 'Christmas Eve' });
  });

  it('a public holiday wins over a closure on the same date', () => {
    // 2028: Pinsedag falls on 4 June, 2. pinsedag on 5 June = Grundlovsdag.
    expect(cal.nonBusinessReason('2028-06-05')).toMatchObject({ kind: 'publicHoliday', code: 'ANDEN_PINSEDAG' });
  });

  describe('addBusinessDays', () => {
    it('bridges Christmas and New Year from 2025-12-23', () => {
      expect(cal.addBusinessDays('2025-12-23', 1)).toBe('2025-12-29');
      expect(cal.addBusinessDays('2025-12-23', 2)).toBe('2025-12-30');
      expect(cal.addBusinessDays('2025-12-23', 3)).toBe('2026-01-02');
      expect(cal.addBusinessDays('2025-12-23', 4)).toBe('2026-01-05');
    });

    it('skips Grundlovsdag and 2. pinsedag in June 2025', () => {
      expect(cal.addBusinessDays('2025-06-04', 1)).toBe('2025-06-06');
      expect(cal.addBusinessDays('2025-06-04', 2)).toBe('2025-06-10');
    });

    it('skips Easter 2025 (Skærtorsdag to 2. påskedag)', () => {
      expect(cal.addBusinessDays('2025-04-16', 1)).toBe('2025-04-22');
    });

    it('n = 0 returns the date itself, even on a weekend', () => {
      expect(cal.addBusinessDays('2025-03-08', 0)).toBe('2025-03-08');
    });

    it('from a weekend, day 1 is the next business day', () => {
      expect(cal.addBusinessDays('2025-03-08', 1)).toBe('2025-03-10');
    });

    it('goes backwards for negative n', () => {
      expect(cal.addBusinessDays('2025-04-22', -1)).toBe('2025-04-16');
      expect(cal.addBusinessDays('2026-01-02', -3)).toBe('2025-12-23');
    });

    it('rejects a non-integer n and an invalid date', () => {
      expect(() => cal.addBusinessDays('2025-01-01', 1.5)).toThrow(InvalidClockArgumentError);
      expect(() => cal.addBusinessDays('2025-02-30', 1)).toThrow(InvalidDateError);
    });
  });

  describe('businessDaysBetween', () => {
    it('counts (a, b] across Easter 2025', () => {
      // 15, 16, 22, 23, 24, 25 April
      expect(cal.businessDaysBetween('2025-04-14', '2025-04-25')).toBe(6);
    });

    it('is 0 for the same day and negative backwards', () => {
      expect(cal.businessDaysBetween('2025-04-14', '2025-04-14')).toBe(0);
      expect(cal.businessDaysBetween('2025-04-25', '2025-04-14')).toBe(-6);
    });

    it('a full 2025 has 250 business days', () => {
      // Weekday holidays 2025: 1/1, 17/4, 18/4, 21/4, 29/5, 9/6, 25/12, 26/12 (8);
      // weekday closures: 5/6, 24/12, 31/12 (3). 261 − 8 − 3 = 250.
      expect(cal.businessDaysBetween('2024-12-31', '2025-12-31')).toBe(250);
    });
  });

  it('nextBusinessDay / previousBusinessDay / businessDayOnOrAfter', () => {
    expect(cal.nextBusinessDay('2025-12-23')).toBe('2025-12-29');
    expect(cal.nextBusinessDay('2025-03-10')).toBe('2025-03-11');
    expect(cal.previousBusinessDay('2026-01-02')).toBe('2025-12-30');
    expect(cal.businessDayOnOrAfter('2025-03-10')).toBe('2025-03-10');
    expect(cal.businessDayOnOrAfter('2025-03-08')).toBe('2025-03-10');
  });

  it('rejects an invalid closure day', () => {
    expect(() =>
      createDanishCalendar({ closureDays: [{ month: 13, day: 1, code: 'X', nameDa: 'X', nameEn: 'X' }] }),
    ).toThrow(InvalidClockArgumentError);
  });
});
