import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13 item 12: the holiday calendar and the closure days are data with effective dates.
 * - `holiday_rules`: a public holiday (helligdag) or recurring closure day, on a fixed date or an
 *   offset from Easter, valid from/to a date (Store Bededag: to 2023-12-31, L 10 of 2023).
 * - `closure_days`: one-off dates the authorities are closed.
 * - `calendar_audit`: who changed what, when (append-only).
 * Rows carry a version for If-Match. Seeded with today's code calendar (libs/planning/clocks
 * DEFAULT_HOLIDAY_RULES; the values are written out here because a migration never changes).
 */
const SEED: Array<[code: string, kind: string, month: number | null, day: number | null, easterOffset: number | null, nameDa: string, nameEn: string, effectiveTo: string | null, source: string]> = [
  ['NYTAARSDAG', 'publicHoliday', 1, 1, null, 'Nytårsdag', "New Year's Day", null, 'Helligdagsloven (BEK om helligdage); danish-holidays.ts'],
  ['SKAERTORSDAG', 'publicHoliday', null, null, -3, 'Skærtorsdag', 'Maundy Thursday', null, 'Helligdagsloven (BEK om helligdage); danish-holidays.ts'],
  ['LANGFREDAG', 'publicHoliday', null, null, -2, 'Langfredag', 'Good Friday', null, 'Helligdagsloven (BEK om helligdage); danish-holidays.ts'],
  ['PAASKEDAG', 'publicHoliday', null, null, 0, 'Påskedag', 'Easter Sunday', null, 'Helligdagsloven (BEK om helligdage); danish-holidays.ts'],
  ['ANDEN_PAASKEDAG', 'publicHoliday', null, null, 1, '2. påskedag', 'Easter Monday', null, 'Helligdagsloven (BEK om helligdage); danish-holidays.ts'],
  ['STORE_BEDEDAG', 'publicHoliday', null, null, 26, 'Store Bededag', 'General Prayer Day', '2023-12-31', 'Abolished from 2024 by lov nr. 10 af 28/02/2023 (L 10 of 2023)'],
  ['KRISTI_HIMMELFARTSDAG', 'publicHoliday', null, null, 39, 'Kristi Himmelfartsdag', 'Ascension Day', null, 'Helligdagsloven (BEK om helligdage); danish-holidays.ts'],
  ['PINSEDAG', 'publicHoliday', null, null, 49, 'Pinsedag', 'Whit Sunday', null, 'Helligdagsloven (BEK om helligdage); danish-holidays.ts'],
  ['ANDEN_PINSEDAG', 'publicHoliday', null, null, 50, '2. pinsedag', 'Whit Monday', null, 'Helligdagsloven (BEK om helligdage); danish-holidays.ts'],
  ['JULEDAG', 'publicHoliday', 12, 25, null, 'Juledag', 'Christmas Day', null, 'Helligdagsloven (BEK om helligdage); danish-holidays.ts'],
  ['ANDEN_JULEDAG', 'publicHoliday', 12, 26, null, '2. juledag', 'Boxing Day', null, 'Helligdagsloven (BEK om helligdage); danish-holidays.ts'],
  ['GRUNDLOVSDAG', 'closure', 6, 5, null, 'Grundlovsdag', 'Constitution Day', null, 'Closure day of the Danish authorities, not a helligdag (business-calendar.ts DEFAULT_CLOSURE_DAYS)'],
  ['JULEAFTENSDAG', 'closure', 12, 24, null, 'Juleaftensdag', 'Christmas Eve', null, 'Closure day of the Danish authorities, not a helligdag (business-calendar.ts DEFAULT_CLOSURE_DAYS)'],
  ['NYTAARSAFTENSDAG', 'closure', 12, 31, null, 'Nytårsaftensdag', "New Year's Eve", null, 'Closure day of the Danish authorities, not a helligdag (business-calendar.ts DEFAULT_CLOSURE_DAYS)'],
];

export class CreateBusinessCalendar1764000120100 implements MigrationInterface {
  name = 'CreateBusinessCalendar1764000120100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE holiday_rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z][A-Z0-9_]{1,63}$'),
        kind text NOT NULL CHECK (kind IN ('publicHoliday', 'closure')),
        month int CHECK (month BETWEEN 1 AND 12),
        day int CHECK (day BETWEEN 1 AND 31),
        easter_offset int CHECK (easter_offset BETWEEN -80 AND 249),
        name_da text NOT NULL,
        name_en text NOT NULL,
        effective_from date,
        effective_to date,
        source text NOT NULL,
        version int NOT NULL DEFAULT 1 CHECK (version > 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((easter_offset IS NULL) = (month IS NOT NULL AND day IS NOT NULL)),
        CHECK (effective_from IS NULL OR effective_to IS NULL OR effective_from <= effective_to)
      )`);
    await q.query(`
      CREATE TABLE closure_days (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        date date NOT NULL UNIQUE,
        name_da text NOT NULL,
        name_en text NOT NULL,
        reason text NOT NULL,
        version int NOT NULL DEFAULT 1 CHECK (version > 0),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE calendar_audit (
        id bigserial PRIMARY KEY,
        actor_user_id uuid REFERENCES users(id),
        action text NOT NULL,
        target text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        occurred_at timestamptz NOT NULL DEFAULT now()
      )`);
    for (const [code, kind, month, day, easterOffset, nameDa, nameEn, effectiveTo, source] of SEED) {
      await q.query(
        `INSERT INTO holiday_rules (code, kind, month, day, easter_offset, name_da, name_en, effective_to, source) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [code, kind, month, day, easterOffset, nameDa, nameEn, effectiveTo, source],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE calendar_audit`);
    await q.query(`DROP TABLE closure_days`);
    await q.query(`DROP TABLE holiday_rules`);
  }
}
