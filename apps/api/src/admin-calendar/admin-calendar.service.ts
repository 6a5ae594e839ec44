import { Inject, Injectable } from '@nestjs/common';
import type { DataSource as DS, EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { toCopenhagenDate } from '@rl/clocks';
import { CALENDAR, calendarOf, readCalendarRows, recomputeForCalendarChange, refreshCalendar, VersionConflictError, type ClosureDayRow, type HolidayRuleRow, type RecomputeReport } from '@rl/case-engine';
import { CLOCK, type Clock } from '@rl/server-infra';
import type { Principal } from '../auth';
import { ApiError } from '../common/problem';
import type { BusinessCalendarDto, CalendarAuditEntryDto, ClosureDayDto, CreateClosureDayDto, CreateHolidayRuleDto, HolidayRuleDto, UpdateHolidayRuleDto } from './admin-calendar.dto';
import { UUID } from '../common/uuid';

export class CalendarEntryNotFoundError extends ApiError {
  constructor(what: 'holiday rule' | 'closure day', id: string) {
    super(what === 'holiday rule' ? 'CALENDAR.RULE_NOT_FOUND' : 'CALENDAR.CLOSURE_NOT_FOUND', `No ${what} ${id}.`);
  }
}
export class CalendarEntryExistsError extends ApiError {
  constructor(what: string) {
    super('CALENDAR.ENTRY_EXISTS', `${what} already exists.`);
  }
}
export class InvalidCalendarRuleError extends ApiError {
  constructor(message: string) {
    super('CALENDAR.INVALID_RULE', message);
  }
}

/** A YYYY-MM-DD string that is a real calendar date (2024-02-30 is not): else 422, never a database error. */
function assertDate(v: string | null | undefined): void {
  if (v === null || v === undefined) return;
  const d = new Date(`${v}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v || v < '1900-01-01' || v > '2200-12-31') throw new InvalidCalendarRuleError(`${v} is not a calendar date in 1900–2200`);
}

function assertRange(from: string | null, to: string | null): void {
  assertDate(from);
  assertDate(to);
  if (from !== null && to !== null && to < from) throw new InvalidCalendarRuleError(`effectiveTo ${to} is before effectiveFrom ${from}`);
}

const ruleDto = (r: HolidayRuleRow): HolidayRuleDto => ({
  id: r.id, code: r.code, kind: r.kind, month: r.month, day: r.day, easterOffset: r.easter_offset, nameDa: r.name_da, nameEn: r.name_en,
  effectiveFrom: r.effective_from, effectiveTo: r.effective_to, source: r.source, version: r.version,
});
const closureDto = (c: ClosureDayRow): ClosureDayDto => ({ id: c.id, date: c.date, nameDa: c.name_da, nameEn: c.name_en, reason: c.reason, version: c.version });

/**
 * The business calendar for admins (issue 13 item 12): holiday rules with effective dates and
 * one-off closure days. Each change, its calendar_audit row and the recomputation of every
 * running clock and ceiling it moves (audited per permit/case) commit in one transaction; the
 * calendar is put in force inside it and restored if the transaction fails.
 */
@Injectable()
export class AdminCalendarService {
  constructor(
    private readonly ds: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async get(year = Number(toCopenhagenDate(this.clock.now()).slice(0, 4))): Promise<BusinessCalendarDto> {
    const rows = await readCalendarRows(this.ds);
    return { holidayRules: rows.rules.map(ruleDto), closureDays: rows.closures.map(closureDto), year, nonBusinessDays: CALENDAR.holidaysInYear(year) };
  }

  async audit(): Promise<CalendarAuditEntryDto[]> {
    const rows: { id: string; actor_user_id: string | null; action: string; target: string; details: Record<string, unknown>; occurred_at: Date }[] = await this.ds.query(
      `SELECT id::text, actor_user_id, action, target, details, occurred_at FROM calendar_audit ORDER BY id DESC LIMIT 200`,
    );
    return rows.map((r) => ({ id: r.id, actorUserId: r.actor_user_id, action: r.action, target: r.target, details: r.details, occurredAt: new Date(r.occurred_at).toISOString() }));
  }

  addClosureDay(me: Principal, dto: CreateClosureDayDto) {
    assertDate(dto.date);
    return this.change(me, 'closureDay.added', dto.date, async (m) => {
      const [clash] = await m.query(`SELECT 1 FROM closure_days WHERE date = $1`, [dto.date]);
      if (clash) throw new CalendarEntryExistsError(`A closure day on ${dto.date}`);
      const [row] = await m.query(`INSERT INTO closure_days (date, name_da, name_en, reason, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [dto.date, dto.nameDa, dto.nameEn, dto.reason, me.userId]);
      return { id: row.id as string, details: { ...dto } };
    }).then(async ({ id, recomputed }) => ({ closureDay: await this.closure(id), recomputed }));
  }

  removeClosureDay(me: Principal, id: string, version: number) {
    return this.change(me, 'closureDay.removed', id, async (m) => {
      const row = await this.lockClosure(m, id);
      if (row.version !== version) throw new VersionConflictError(row.version);
      await m.query(`DELETE FROM closure_days WHERE id = $1`, [id]);
      return { id, details: { date: row.date, nameDa: row.name_da, reason: row.reason } };
    }).then(({ recomputed }) => ({ recomputed }));
  }

  addHolidayRule(me: Principal, dto: CreateHolidayRuleDto) {
    const fixed = dto.easterOffset === undefined;
    assertRange(dto.effectiveFrom ?? null, dto.effectiveTo ?? null);
    return this.change(me, 'holidayRule.added', dto.code, async (m) => {
      const [clash] = await m.query(`SELECT 1 FROM holiday_rules WHERE code = $1`, [dto.code]);
      if (clash) throw new CalendarEntryExistsError(`A holiday rule ${dto.code}`);
      const [row] = await m.query(
        `INSERT INTO holiday_rules (code, kind, month, day, easter_offset, name_da, name_en, effective_from, effective_to, source) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [dto.code, dto.kind, fixed ? dto.month : null, fixed ? dto.day : null, fixed ? null : dto.easterOffset, dto.nameDa, dto.nameEn, dto.effectiveFrom ?? null, dto.effectiveTo ?? null, dto.source],
      );
      return { id: row.id as string, details: { ...dto } };
    }).then(async ({ id, recomputed }) => ({ holidayRule: ruleDto(await this.rule(this.ds, id)), recomputed }));
  }

  updateHolidayRule(me: Principal, id: string, version: number, dto: UpdateHolidayRuleDto) {
    return this.change(me, 'holidayRule.changed', id, async (m) => {
      const row = await this.rule(m, id, true);
      if (row.version !== version) throw new VersionConflictError(row.version);
      const next = {
        effective_from: dto.effectiveFrom === undefined ? row.effective_from : dto.effectiveFrom,
        effective_to: dto.effectiveTo === undefined ? row.effective_to : dto.effectiveTo,
        name_da: dto.nameDa ?? row.name_da,
        name_en: dto.nameEn ?? row.name_en,
      };
      assertRange(next.effective_from, next.effective_to);
      await m.query(
        `UPDATE holiday_rules SET effective_from = $2, effective_to = $3, name_da = $4, name_en = $5, source = $6, version = version + 1, updated_at = now() WHERE id = $1`,
        [id, next.effective_from, next.effective_to, next.name_da, next.name_en, dto.source],
      );
      return { id, details: { code: row.code, before: { effectiveFrom: row.effective_from, effectiveTo: row.effective_to }, after: { effectiveFrom: next.effective_from, effectiveTo: next.effective_to }, source: dto.source } };
    }).then(async ({ recomputed }) => ({ holidayRule: ruleDto(await this.rule(this.ds, id)), recomputed }));
  }

  removeHolidayRule(me: Principal, id: string, version: number) {
    return this.change(me, 'holidayRule.removed', id, async (m) => {
      const row = await this.rule(m, id, true);
      if (row.version !== version) throw new VersionConflictError(row.version);
      await m.query(`DELETE FROM holiday_rules WHERE id = $1`, [id]);
      return { id, details: { code: row.code } };
    }).then(({ recomputed }) => ({ recomputed }));
  }

  /** One audited calendar change: write, check the new calendar computes, audit, recompute — one transaction. */
  private async change(me: Principal, action: string, target: string, write: (m: EntityManager) => Promise<{ id: string; details: Record<string, unknown> }>): Promise<{ id: string; recomputed: RecomputeReport }> {
    try {
      return await this.ds.transaction(async (m) => {
        // One calendar change at a time: the recomputation must see the calendar it writes.
        await m.query(`SELECT pg_advisory_xact_lock(hashtext('business_calendar'))`);
        const { id, details } = await write(m);
        try {
          calendarOf(await readCalendarRows(m));
        } catch (e) {
          throw new InvalidCalendarRuleError(e instanceof Error ? e.message : String(e));
        }
        await m.query(`INSERT INTO calendar_audit (actor_user_id, action, target, details) VALUES ($1, $2, $3, $4)`, [me.userId, action, target === id ? target : `${target}`, JSON.stringify(details)]);
        const recomputed = await recomputeForCalendarChange(m, { action, target, ...details }, this.clock.now());
        return { id, recomputed };
      });
    } finally {
      // Committed: the new calendar; rolled back: the old one again.
      await refreshCalendar(this.ds);
    }
  }

  private async closure(id: string): Promise<ClosureDayDto> {
    return closureDto(await this.lockClosure(this.ds, id, false));
  }

  private async lockClosure(m: EntityManager | DS, id: string, forUpdate = true): Promise<ClosureDayRow> {
    if (!UUID.test(id)) throw new CalendarEntryNotFoundError('closure day', id);
    const rows = (await readCalendarRows(m)).closures.filter((c) => c.id === id);
    if (forUpdate) await m.query(`SELECT 1 FROM closure_days WHERE id = $1 FOR UPDATE`, [id]);
    if (!rows[0]) throw new CalendarEntryNotFoundError('closure day', id);
    return rows[0];
  }

  private async rule(m: EntityManager | DS, id: string, forUpdate = false): Promise<HolidayRuleRow> {
    if (!UUID.test(id)) throw new CalendarEntryNotFoundError('holiday rule', id);
    if (forUpdate) await m.query(`SELECT 1 FROM holiday_rules WHERE id = $1 FOR UPDATE`, [id]);
    const row = (await readCalendarRows(m)).rules.find((r) => r.id === id);
    if (!row) throw new CalendarEntryNotFoundError('holiday rule', id);
    return row;
  }
}
