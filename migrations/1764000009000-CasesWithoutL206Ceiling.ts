import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13 item 16: a project that is not eligible for Én indgang (L 206 §2: not a
 * produktionsvirksomhed, or none of the eligibility criteria) is an ordinary multi-permit case
 * with NO statutory ceiling. `ceiling_months` is then NULL (and so is `ceiling_due_on`), and
 * `ceiling_reason` says why ({da, en}, from screening), so the case view can mark it clearly.
 * Existing rows keep their months (they were screened under the old rule); their reason is NULL.
 */
export class CasesWithoutL206Ceiling1764000009000 implements MigrationInterface {
  name = 'CasesWithoutL206Ceiling1764000009000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ALTER COLUMN ceiling_months DROP NOT NULL`);
    await q.query(`ALTER TABLE cases ADD COLUMN ceiling_reason jsonb`);
    await q.query(`ALTER TABLE cases ADD CONSTRAINT cases_no_ceiling_no_due_check CHECK (ceiling_months IS NOT NULL OR ceiling_due_on IS NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases DROP CONSTRAINT cases_no_ceiling_no_due_check`);
    await q.query(`ALTER TABLE cases DROP COLUMN ceiling_reason`);
    // Cases without a ceiling get the 18-month yardstick back (the old rule gave every case one).
    await q.query(`UPDATE cases SET ceiling_months = 18 WHERE ceiling_months IS NULL`);
    await q.query(`ALTER TABLE cases ALTER COLUMN ceiling_months SET NOT NULL`);
  }
}
