/**
 * The business calendar as data (issue 13 item 12): holiday rules and closure days live in
 * PostgreSQL (migration CreateBusinessCalendar, maintained through the admin API); this module
 * builds the pure clocks calendar from them and puts it in force (../permit-clocks.ts), and
 * recomputes the running clocks and ceilings a change moves (audited, through the one writer).
 * Each process loads the calendar at start; the API after each admin change; the worker's sweep
 * before it runs.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { createDanishCalendar, type BusinessCalendar, type HolidayRule } from '@rl/clocks';
import { queryRows, sql } from '@rl/db';
import { loadCase, loadTransition, lockCase } from './load';
import { useCalendar } from './permit-clocks';
import { planCeilingCalendarRecompute, planPermitCalendarRecompute, type CalendarChange } from './transition/calendar-plan';
import { writePlan } from './writer';

const localDate = z.union([z.string(), z.date()]).transform((v) => (typeof v === 'string' ? v.slice(0, 10) : v.toISOString().slice(0, 10)));

export const holidayRuleRowSchema = z.object({
  id: z.string(),
  code: z.string(),
  kind: z.enum(['publicHoliday', 'closure']),
  month: z.number().int().nullable(),
  day: z.number().int().nullable(),
  easter_offset: z.number().int().nullable(),
  name_da: z.string(),
  name_en: z.string(),
  effective_from: localDate.nullable(),
  effective_to: localDate.nullable(),
  source: z.string(),
  version: z.number().int(),
});
export type HolidayRuleRow = z.infer<typeof holidayRuleRowSchema>;

export const closureDayRowSchema = z.object({
  id: z.string(),
  date: localDate,
  name_da: z.string(),
  name_en: z.string(),
  reason: z.string(),
  version: z.number().int(),
});
export type ClosureDayRow = z.infer<typeof closureDayRowSchema>;

export function holidayRuleOf(r: HolidayRuleRow): HolidayRule {
  return {
    code: r.code,
    kind: r.kind,
    date: r.easter_offset !== null ? { easterOffset: r.easter_offset } : { month: r.month ?? 0, day: r.day ?? 0 },
    nameDa: r.name_da,
    nameEn: r.name_en,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    source: r.source,
  };
}

export async function readCalendarRows(m: EntityManager | DataSource): Promise<{ rules: HolidayRuleRow[]; closures: ClosureDayRow[] }> {
  const rules = await queryRows(m, holidayRuleRowSchema, sql`SELECT id, code, kind, month, day, easter_offset, name_da, name_en, effective_from::text, effective_to::text, source, version FROM holiday_rules ORDER BY code`);
  const closures = await queryRows(m, closureDayRowSchema, sql`SELECT id, date::text, name_da, name_en, reason, version FROM closure_days ORDER BY date`);
  return { rules, closures };
}

/** The calendar the rows describe (throws InvalidClockArgumentError for a rule it cannot compute). */
export function calendarOf(rows: { rules: HolidayRuleRow[]; closures: ClosureDayRow[] }): BusinessCalendar {
  return createDanishCalendar({
    holidayRules: rows.rules.map(holidayRuleOf),
    extraClosures: rows.closures.map((c) => ({ date: c.date, code: 'CLOSURE_DAY', nameDa: c.name_da, nameEn: c.name_en })),
  });
}

/** Loads the database calendar and puts it in force. */
export async function refreshCalendar(m: EntityManager | DataSource): Promise<BusinessCalendar> {
  const calendar = calendarOf(await readCalendarRows(m));
  useCalendar(calendar);
  return calendar;
}

const IDS = z.object({ id: z.string(), case_id: z.string() });

export interface RecomputeReport {
  permitsMoved: number;
  ceilingsMoved: number;
}

/**
 * Puts the calendar of the transaction's rows in force and recomputes every running clock and
 * ceiling (case locks in id order). The caller's transaction holds the calendar change, so the
 * change and its consequences commit together; on failure the caller restores the old calendar.
 */
export async function recomputeForCalendarChange(m: EntityManager, change: CalendarChange, now: Date): Promise<RecomputeReport> {
  await refreshCalendar(m);
  const report: RecomputeReport = { permitsMoved: 0, ceilingsMoved: 0 };
  const caseRows = await queryRows(m, z.object({ id: z.string() }), sql`SELECT id FROM cases WHERE state IN ('submitted', 'inProgress') ORDER BY id`);
  const permits = await queryRows(m, IDS, sql`SELECT id, case_id FROM permits WHERE decided_at IS NULL AND complete_on IS NOT NULL AND state NOT IN ('final', 'withdrawn') ORDER BY case_id, id`);
  for (const { id } of caseRows) {
    await lockCase(m, id);
    const plan = planCeilingCalendarRecompute(await loadCase(m, id), change, now);
    if (plan) {
      await writePlan(m, plan);
      report.ceilingsMoved++;
    }
  }
  for (const p of permits) {
    await lockCase(m, p.case_id);
    const { row, ctx } = await loadTransition(m, p.id, now);
    const plan = planPermitCalendarRecompute(row, ctx, change, now);
    if (plan) {
      await writePlan(m, plan);
      report.permitsMoved++;
    }
  }
  return report;
}
