/**
 * The klagefrist roll compared with an independent statement of the statute over every decision
 * date 2020–2045 (issue 13, item 5).
 *
 * The statute (MBL §93(2); MVL §51(2); PKN/MFKN practice, nmkn.dk "Praksis om klagefristens
 * udløb"): "Hvis klagefristen udløber på en lørdag eller helligdag, forlænges klagefristen til den
 * følgende hverdag." Sunday is a helligdag (helligdagsloven); Grundlovsdag, 24 and 31 December are
 * not — forældelsesloven §27(2) shows how a statute words it when it does mean them.
 *
 * The oracle below shares no code with the library: Easter by Oudin's algorithm (the library uses
 * Meeus/Jones/Butcher), dates as JS `Date` in UTC, and the helligdage listed from the statute.
 */
import fc from 'fast-check';
import { addDuration, appealDeadline, calendarDaysBetween, createDanishCalendar, isSaturdayOrHelligdag } from '../index';

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const utc = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);

/** Easter Sunday, Oudin (1940) — a different computus from the library's. */
function oudinEaster(y: number): number {
  const c = Math.floor(y / 100);
  const n = y - 19 * Math.floor(y / 19);
  const k = Math.floor((c - 17) / 25);
  let i = c - Math.floor(c / 4) - Math.floor((c - k) / 3) + 19 * n + 15;
  i = i - 30 * Math.floor(i / 30);
  i = i - Math.floor(i / 28) * (1 - Math.floor(i / 28) * Math.floor(29 / (i + 1)) * Math.floor((21 - n) / 11));
  let j = y + Math.floor(y / 4) + i + 2 - c + Math.floor(c / 4);
  j = j - 7 * Math.floor(j / 7);
  const l = i - j;
  const month = 3 + Math.floor((l + 40) / 44);
  const day = l + 28 - 31 * Math.floor(month / 4);
  return utc(y, month, day);
}

/** Helligdage by statute: Sundays plus the public holidays; Store Bededag until 2023 (L 10 of 2023). */
function oracleHelligdage(y: number): Set<string> {
  const e = oudinEaster(y);
  const rel = [-3, -2, 0, 1, 39, 49, 50, ...(y <= 2023 ? [26] : [])].map((o) => iso(e + o * DAY));
  return new Set([iso(utc(y, 1, 1)), iso(utc(y, 12, 25)), iso(utc(y, 12, 26)), ...rel]);
}

const holidayCache = new Map<number, Set<string>>();
function oracleRollsOn(t: number): boolean {
  const d = new Date(t);
  const weekday = d.getUTCDay(); // 0 = Sunday, 6 = Saturday
  const y = d.getUTCFullYear();
  if (!holidayCache.has(y)) holidayCache.set(y, oracleHelligdage(y));
  return weekday === 6 || weekday === 0 || holidayCache.get(y)!.has(iso(t));
}

/** The independent statement: notified + N days; while Saturday or helligdag, the next day. */
function oracleDeadline(notified: number, days: number): string {
  let t = notified + days * DAY;
  while (oracleRollsOn(t)) t += DAY;
  return iso(t);
}

const cal = createDanishCalendar(); // with the default closure days: they must not matter here

function everyDecisionDate(from: number, to: number): number[] {
  const out: number[] = [];
  for (let t = from; t <= to; t += DAY) out.push(t);
  return out;
}

describe('klagefrist roll (MBL §93(2), MVL §51(2)) against an independent oracle', () => {
  const dates = everyDecisionDate(utc(2020, 1, 1), utc(2045, 12, 31));

  it('4 weeks: equal to the oracle for every decision date 2020-01-01…2045-12-31', () => {
    const mismatches = dates.filter((t) => appealDeadline(iso(t), { unit: 'weeks', length: 4 }, cal) !== oracleDeadline(t, 28));
    expect(dates.length).toBe(9497);
    expect(mismatches.map(iso)).toEqual([]);
  });

  it('the rolled deadline is never a Saturday, Sunday or public holiday, and lands on 24/31 Dec and 5 June when those are weekdays', () => {
    const landed = new Set<string>();
    for (const t of dates) {
      const d = appealDeadline(iso(t), { unit: 'weeks', length: 4 }, cal);
      expect(isSaturdayOrHelligdag(d, cal)).toBe(false);
      const md = d.slice(5);
      if (md === '12-24' || md === '12-31' || md === '06-05') landed.add(d);
    }
    // Every year has at least one of the three on a weekday; each such weekday is a deadline.
    expect(landed.size).toBeGreaterThan(26);
  });

  it('differs from the old office-day roll (closure days rolled too) on exactly the 71 dates the issue counted, by ≤ 5 days', () => {
    let differing = 0;
    let maxDays = 0;
    for (const t of dates) {
      const officeDayRoll = cal.businessDayOnOrAfter(addDuration(iso(t), { unit: 'weeks', length: 4 }, cal));
      const statutory = appealDeadline(iso(t), { unit: 'weeks', length: 4 }, cal);
      if (officeDayRoll !== statutory) {
        differing++;
        maxDays = Math.max(maxDays, calendarDaysBetween(statutory, officeDayRoll));
      }
    }
    expect({ differing, maxDays }).toEqual({ differing: 71, maxDays: 5 });
  });

  it('any period of 0–120 calendar days from any date in 2020–2045 matches the oracle (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: dates.length - 1 }), fc.integer({ min: 0, max: 120 }), (i, n) => {
        expect(appealDeadline(iso(dates[i]), { unit: 'calendarDays', length: n }, cal)).toBe(oracleDeadline(dates[i], n));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('klagefrist examples by hand (MBL §93(2))', () => {
  const w4 = { unit: 'weeks' as const, length: 4 };
  it('ending Wednesday 24 December 2025 (Juleaftensdag, not a helligdag): no roll', () => {
    expect(appealDeadline('2025-11-26', w4, cal)).toBe('2025-12-24');
  });
  it('ending Wednesday 31 December 2025: no roll', () => {
    expect(appealDeadline('2025-12-03', w4, cal)).toBe('2025-12-31');
  });
  it('ending Friday 5 June 2026 (Grundlovsdag, not a helligdag): no roll', () => {
    expect(appealDeadline('2026-05-08', w4, cal)).toBe('2026-06-05');
  });
  it('ending Thursday 25 December 2025 (Juledag): Friday 26th is 2. juledag, then the weekend → Monday 29th', () => {
    expect(appealDeadline('2025-11-27', w4, cal)).toBe('2025-12-29');
  });
  it('ending on a Sunday (a helligdag) → Monday', () => {
    expect(appealDeadline('2025-05-04', w4, cal)).toBe('2025-06-02');
  });
  it('a one-off office closure does not move a klagefrist either', () => {
    const closed = createDanishCalendar({ extraClosures: ['2025-12-24'] });
    expect(appealDeadline('2025-11-26', w4, closed)).toBe('2025-12-24');
    expect(closed.isBusinessDay('2025-12-24')).toBe(false); // but it is still not an office day
  });
});
