import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { calendarDaysBetween, compareLocalDates, toCopenhagenDate } from '@rl/clocks';
import { computeRisk, EngineError, planForCase, PermitHostService, VersionConflictError, type PermitRow } from '@rl/case-engine';
import { getPermitType } from '@rl/permits-catalog';
import { CLOCK, type Clock } from '@rl/server-infra';
import { AccessService } from '../access';
import type { Principal } from '../auth';
import { TARGET_CHANGE_REASONS, type TargetChangeReason } from './reason-codes';

export class TargetDateInvalidError extends EngineError {
  constructor(message: string) {
    super('PERMIT.TARGET_DATE_INVALID', message);
  }
}

function nameOf(p: PermitRow) {
  const t = getPermitType(p.code, (p.snapshot as { context?: { catalogVersion?: string } }).context?.catalogVersion);
  return { nameDa: t.nameDa, nameEn: t.nameEn };
}

@Injectable()
export class InsightService {
  constructor(
    private readonly access: AccessService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly ds: DataSource,
    private readonly host: PermitHostService,
  ) {}

  /** Gantt rows: planned (critical path) vs actual, critical flag, projection vs the ceiling. */
  async plan(principal: Principal, caseId: string) {
    await this.access.assertCaseVisible(principal, caseId);
    const now = this.clock.now();
    const today = toCopenhagenDate(now);
    const [c] = await this.ds.query(`SELECT id, reference, title, state, ceiling_months, ceiling_due_on, submitted_at, created_at FROM cases WHERE id = $1`, [caseId]);
    const permits: (PermitRow & { authority_code: string; authority_name_da: string; authority_name_en: string })[] = await this.ds.query(
      `SELECT p.*, a.code AS authority_code, a.name_da AS authority_name_da, a.name_en AS authority_name_en
         FROM permits p JOIN authorities a ON a.id = p.authority_id WHERE p.case_id = $1 ORDER BY p.created_at, p.code`,
      [caseId],
    );
    const plan = planForCase(permits, now, c.ceiling_due_on);
    const rows = permits
      .filter((p) => p.state !== 'withdrawn')
      .map((p) => {
        const s = plan.byCode[p.code];
        const own = principal.role !== 'caseworker' || p.authority_id === principal.authorityId;
        return {
          permitId: p.id,
          code: p.code,
          ...nameOf(p),
          authority: { code: p.authority_code, nameDa: p.authority_name_da, nameEn: p.authority_name_en },
          state: own ? p.state : p.state.split('.')[0],
          plannedStart: s?.earliestStart ?? null,
          plannedEnd: s?.earliestFinish ?? null,
          plannedFinal: s?.earliestFinal ?? null,
          latestFinish: s?.latestFinish ?? null,
          actualStart: own ? p.complete_on : null,
          actualEnd: own && p.decided_at ? toCopenhagenDate(p.decided_at) : null,
          targetDueOn: own ? p.target_due_on : null,
          critical: s?.critical ?? false,
          slackDays: s?.slackDays ?? null,
          risk: own ? computeRisk(p, today).risk : null,
          restricted: !own,
        };
      });
    return {
      caseId: c.id,
      reference: c.reference,
      title: c.title,
      state: c.state,
      today,
      projectStart: c.submitted_at ? toCopenhagenDate(c.submitted_at) : toCopenhagenDate(c.created_at),
      projectedCompletion: plan.projectedCompletion,
      ceilingMonths: c.ceiling_months,
      ceilingDueOn: c.ceiling_due_on,
      withinCeiling: plan.ceiling?.withinCeiling ?? null,
      marginDays: plan.ceiling?.marginDays ?? null,
      criticalPath: plan.criticalPath,
      rows,
    };
  }

  /**
   * Coordinator dashboard: breaches and risks, load and speed per authority and permit type.
   * Processing days = complete application → decision (calendar days), the span the servicemål
   * measure; "within target" = decided on or before the target due date.
   */
  async dashboard() {
    const now = this.clock.now();
    const [totals] = await this.ds.query(
      `SELECT (SELECT count(*)::int FROM cases) AS cases,
              (SELECT count(*)::int FROM cases WHERE state IN ('submitted', 'inProgress')) AS "activeCases",
              (SELECT count(*)::int FROM permits) AS permits,
              (SELECT count(*)::int FROM permits WHERE risk = 'breached' AND state LIKE 'submitted%') AS breached,
              (SELECT count(*)::int FROM permits WHERE risk = 'atRisk' AND state LIKE 'submitted%') AS "atRisk",
              (SELECT count(*)::int FROM permits WHERE decided_at IS NOT NULL) AS decided`,
    );
    const riskList = (risk: string) =>
      this.ds.query(
        `SELECT p.id AS "permitId", p.case_id AS "caseId", c.reference AS "caseReference", c.title AS "caseTitle", p.code, p.state,
                p.target_due_on AS "dueOn", p.risk, a.code AS "authorityCode", a.name_da AS "authorityNameDa", a.name_en AS "authorityNameEn"
           FROM permits p JOIN cases c ON c.id = p.case_id JOIN authorities a ON a.id = p.authority_id
          WHERE p.risk = $1 AND p.state LIKE 'submitted%'
          ORDER BY p.target_due_on NULLS LAST, p.id LIMIT 50`,
        [risk],
      );
    const [breaches, atRisk] = await Promise.all([riskList('breached'), riskList('atRisk')]);
    const byAuthority = await this.ds.query(
      `SELECT a.code AS "authorityCode", a.name_da AS "nameDa", a.name_en AS "nameEn",
              count(*) FILTER (WHERE p.state LIKE 'submitted%')::int AS open,
              count(*) FILTER (WHERE p.state LIKE 'submitted%' AND p.risk = 'breached')::int AS breached,
              count(*) FILTER (WHERE p.state LIKE 'submitted%' AND p.risk = 'atRisk')::int AS "atRisk",
              count(*) FILTER (WHERE p.decided_at IS NOT NULL)::int AS decided,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY (p.decided_at AT TIME ZONE 'Europe/Copenhagen')::date - p.complete_on)
                FILTER (WHERE p.decided_at IS NOT NULL AND p.complete_on IS NOT NULL) AS "medianProcessingDays",
              avg(CASE WHEN (p.decided_at AT TIME ZONE 'Europe/Copenhagen')::date <= p.target_due_on THEN 1.0 ELSE 0.0 END)
                FILTER (WHERE p.decided_at IS NOT NULL AND p.target_due_on IS NOT NULL) AS "withinTargetShare"
         FROM permits p JOIN authorities a ON a.id = p.authority_id
        GROUP BY a.code, a.name_da, a.name_en
        ORDER BY breached DESC, open DESC, a.code`,
    );
    const byType = await this.ds.query(
      `SELECT p.code,
              count(*) FILTER (WHERE p.state LIKE 'submitted%')::int AS open,
              count(*) FILTER (WHERE p.decided_at IS NOT NULL)::int AS decided,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY (p.decided_at AT TIME ZONE 'Europe/Copenhagen')::date - p.complete_on)
                FILTER (WHERE p.decided_at IS NOT NULL AND p.complete_on IS NOT NULL) AS "medianProcessingDays",
              avg(CASE WHEN (p.decided_at AT TIME ZONE 'Europe/Copenhagen')::date <= p.target_due_on THEN 1.0 ELSE 0.0 END)
                FILTER (WHERE p.decided_at IS NOT NULL AND p.target_due_on IS NOT NULL) AS "withinTargetShare"
         FROM permits p GROUP BY p.code ORDER BY p.code`,
    );
    const activeCases: { id: string }[] = await this.ds.query(
      `SELECT c.id FROM cases c WHERE c.state IN ('submitted', 'inProgress')
        ORDER BY (SELECT max(CASE x.risk WHEN 'breached' THEN 2 WHEN 'atRisk' THEN 1 ELSE 0 END) FROM permits x WHERE x.case_id = c.id AND x.state LIKE 'submitted%') DESC NULLS LAST,
                 c.ceiling_due_on NULLS LAST, c.id
        LIMIT 25`,
    );
    const cases = [];
    for (const { id } of activeCases) {
      const [c] = await this.ds.query(`SELECT id, reference, title, state, ceiling_due_on FROM cases WHERE id = $1`, [id]);
      const permits: PermitRow[] = await this.ds.query(`SELECT * FROM permits WHERE case_id = $1`, [id]);
      const plan = planForCase(permits, now, c.ceiling_due_on);
      const today = toCopenhagenDate(now);
      const risks = permits.filter((p) => p.state.startsWith('submitted')).map((p) => computeRisk(p, today).risk);
      cases.push({
        id: c.id,
        reference: c.reference,
        title: c.title,
        state: c.state,
        risk: risks.includes('breached') ? 'breached' : risks.includes('atRisk') ? 'atRisk' : 'onTrack',
        projectedCompletion: plan.projectedCompletion,
        ceilingDueOn: c.ceiling_due_on,
        withinCeiling: plan.ceiling?.withinCeiling ?? null,
        marginDays: plan.ceiling?.marginDays ?? null,
      });
    }
    const num = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 100) / 100);
    const mapName = (code: string) => {
      const t = getPermitType(code);
      return { nameDa: t.nameDa, nameEn: t.nameEn };
    };
    return {
      generatedAt: now.toISOString(),
      totals,
      breaches: breaches.map((b: Record<string, unknown>) => ({ ...b, ...mapName(b.code as string) })),
      atRisk: atRisk.map((b: Record<string, unknown>) => ({ ...b, ...mapName(b.code as string) })),
      byAuthority: byAuthority.map((r: Record<string, unknown>) => ({ ...r, medianProcessingDays: num(r.medianProcessingDays), withinTargetShare: num(r.withinTargetShare) })),
      byPermitType: byType.map((r: Record<string, unknown>) => ({ ...r, ...mapName(r.code as string), medianProcessingDays: num(r.medianProcessingDays), withinTargetShare: num(r.withinTargetShare) })),
      cases,
    };
  }

  /**
   * Moves a running permit's target date later, with a reason code (FAST-41 style). Stored as a
   * clock extension, so stops and the clock maths stay exact; audited; alerts rescheduled and
   * the applicant and the authority notified — all in one transaction.
   */
  async changeTargetDate(principal: Principal, permitId: string, expectedVersion: number, newDueOn: string, reasonCode: TargetChangeReason, comment: string | undefined) {
    const { caseId } = await this.access.assertPermitVisible(principal, permitId);
    return this.ds.transaction(async (m: EntityManager) => {
      await m.query(`SELECT 1 FROM cases WHERE id = $1 FOR UPDATE`, [caseId]);
      const [row] = (await m.query(`SELECT * FROM permits WHERE id = $1`, [permitId])) as PermitRow[];
      if (row.version !== expectedVersion) throw new VersionConflictError(row.version);
      if (!row.state.startsWith('submitted') || !row.complete_on) throw new TargetDateInvalidError('Only a running clock (complete application, no decision yet) can get a new target date.');
      const today = toCopenhagenDate(this.clock.now());
      const current = computeRisk(row, today).target?.dueOn;
      if (!current) throw new TargetDateInvalidError('This permit has no target clock.');
      if (compareLocalDates(newDueOn, current) <= 0) throw new TargetDateInvalidError(`The new target date must be after the current one (${current}).`);
      const days = calendarDaysBetween(current, newDueOn);
      const extensions = [...(row.extensions ?? []), { reasonCode, duration: { unit: 'calendarDays' as const, length: days } }];
      await this.host.applyExtension(m, row, extensions, { userId: principal.userId, role: 'coordinator' }, {
        reasonCode,
        reasonDa: TARGET_CHANGE_REASONS[reasonCode].da,
        reasonEn: TARGET_CHANGE_REASONS[reasonCode].en,
        comment: comment ?? null,
        fromDueOn: current,
        toDueOn: newDueOn,
      });
      return { permitId, fromDueOn: current, toDueOn: newDueOn, reasonCode };
    });
  }
}
