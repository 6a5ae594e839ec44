import { STORE_BEDEDAG_LAST_YEAR, createDanishCalendar, danishPublicHolidays, easterSunday } from '../index';

// Golden values from the Danish almanac (independent of the computus implementation).
const EASTER: Record<number, string> = {
  2023: '2023-04-09',
  2024: '2024-03-31',
  2025: '2025-04-20',
  2026: '2026-04-05',
  2027: '2027-03-28',
  2028: '2028-04-16',
  2029: '2029-04-01',
  2030: '2030-04-21',
};
const ASCENSION: Record<number, string> = {
  2024: '2024-05-09',
  2025: '2025-05-29',
  2026: '2026-05-14',
  2027: '2027-05-06',
  2028: '2028-05-25',
  2029: '2029-05-10',
  2030: '2030-05-30',
};
const WHIT_SUNDAY: Record<number, string> = {
  2024: '2024-05-19',
  2025: '2025-06-08',
  2026: '2026-05-24',
  2027: '2027-05-16',
  2028: '2028-06-04',
  2029: '2029-05-20',
  2030: '2030-06-09',
};
const WHIT_MONDAY: Record<number, string> = {
  2024: '2024-05-20',
  2025: '2025-06-09',
  2026: '2026-05-25',
  2027: '2027-05-17',
  2028: '2028-06-05',
  2029: '2029-05-21',
  2030: '2030-06-10',
};

const dateOf = (year: number, code: string) => danishPublicHolidays(year).find((h) => h.code === code)?.date;

describe('Easter (Gregorian computus)', () => {
  it.each(Object.entries(EASTER))('Easter %s is %s', (year, date) => {
    expect(easterSunday(Number(year))).toBe(date);
  });

  it('matches well-known extremes', () => {
    expect(easterSunday(2285)).toBe('2285-03-22'); // earliest possible
    expect(easterSunday(2038)).toBe('2038-04-25'); // latest possible
  });
});

describe.each([2024, 2025, 2026, 2027, 2028, 2029, 2030])('moving holidays %i', (year) => {
  it('Kristi Himmelfartsdag, Pinsedag and 2. pinsedag', () => {
    expect(dateOf(year, 'KRISTI_HIMMELFARTSDAG')).toBe(ASCENSION[year]);
    expect(dateOf(year, 'PINSEDAG')).toBe(WHIT_SUNDAY[year]);
    expect(dateOf(year, 'ANDEN_PINSEDAG')).toBe(WHIT_MONDAY[year]);
  });
  it('Påskedag and 2. påskedag', () => {
    expect(dateOf(year, 'PAASKEDAG')).toBe(EASTER[year]);
    expect(dateOf(year, 'ANDEN_PAASKEDAG')).toBeDefined();
  });
  it('has no Store Bededag (abolished from 2024) and 10 holidays', () => {
    expect(dateOf(year, 'STORE_BEDEDAG')).toBeUndefined();
    expect(danishPublicHolidays(year)).toHaveLength(10);
  });
});

describe('full holiday lists', () => {
  const list = (year: number) => danishPublicHolidays(year).map((h) => `${h.date} ${h.nameDa}`);

  // The same ten holidays every year, in this order (Danish names); the dates per year.
  const NAMES_DA = ['Nytårsdag', 'Skærtorsdag', 'Langfredag', 'Påskedag', '2. påskedag', 'Kristi Himmelfartsdag', 'Pinsedag', '2. pinsedag', 'Juledag', '2. juledag'];
  it.each([
    [2024, ['2024-01-01', '2024-03-28', '2024-03-29', '2024-03-31', '2024-04-01', '2024-05-09', '2024-05-19', '2024-05-20', '2024-12-25', '2024-12-26']],
    [2025, ['2025-01-01', '2025-04-17', '2025-04-18', '2025-04-20', '2025-04-21', '2025-05-29', '2025-06-08', '2025-06-09', '2025-12-25', '2025-12-26']],
    [2026, ['2026-01-01', '2026-04-02', '2026-04-03', '2026-04-05', '2026-04-06', '2026-05-14', '2026-05-24', '2026-05-25', '2026-12-25', '2026-12-26']],
  ])('%s', (year, dates) => {
    expect(list(year)).toEqual(dates.map((date, i) => `${date} ${NAMES_DA[i]}`));
  });

  it('has English names', () => {
    expect(danishPublicHolidays(2025).map((h) => h.nameEn)).toContain('Ascension Day');
    expect(danishPublicHolidays(2025).every((h) => h.nameEn.length > 0 && h.kind === 'publicHoliday')).toBe(true);
  });
});

describe('Store Bededag (L 10 of 2023)', () => {
  const cal = createDanishCalendar();

  it('is a holiday in 2023 (5 May 2023)', () => {
    expect(STORE_BEDEDAG_LAST_YEAR).toBe(2023);
    expect(dateOf(2023, 'STORE_BEDEDAG')).toBe('2023-05-05');
    expect(danishPublicHolidays(2023)).toHaveLength(11);
    expect(cal.isBusinessDay('2023-05-05')).toBe(false);
  });

  it.each(['2024-04-26', '2025-05-16', '2026-05-01', '2027-04-23'])('its 2024+ date %s is a working day', (d) => {
    expect(cal.isBusinessDay(d)).toBe(true);
  });
});
