import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { calendarDaysBetween, compareLocalDates, toCopenhagenDate } from '@rl/clocks';
import { referralWaits } from '@rl/case-engine';
import { gatewaysOf } from '@rl/permits-catalog';
import { CASE_STATES, caseRiskOf, caseRiskWithProjection, loadJointHearingFloors, computeRisk, loadPermit, lockCase, parsePermitRiskRow, parsePermitRow, PERMIT_PLANNING_SELECT, PERMIT_RISK_SELECT, PERMIT_STATES, permitTypeOf, planForCase, PermitHostService, RISKS, V0_PERMIT_STATES, VersionConflictError, type PermitRiskRow, type PermitRow, type Risk } from '@rl/case-engine';
import { queryRows, sql } from '@rl/db';
import { CodedError } from '@rl/errors';
import { getPermitType } from '@rl/permits-catalog';
import { compareWithCeiling } from '@rl/critical-path';
import { CLOCK, type Clock } from '@rl/server-infra';
import { AccessService, PermitNotFoundError } from '../access';
import type { Principal } from '../auth';
import { AUTHORITY_COLUMNS, authorityNames } from '../common/row-columns';
import { ITEM_DATES_ROW } from '../coordination/plan-rows';
import { TARGET_CHANGE_REASONS, type TargetChangeReason } from './reason-codes';
import { ganttPdf, ganttPng, type GanttInput, type GanttLang } from './gantt-export';

export class TargetDateInvalidError extends CodedError<'PERMIT.TARGET_DATE_INVALID'> {
  constructor(message: string) {
    super('PERMIT.TARGET_DATE_INVALID', message);
  }
}

// Rows of the reads below, typed where they leave the database.
const PLAN_CASE_ROW = z.object({
  id: z.string(),
  reference: z.string(),
  title: z.string(),
  state: z.enum(CASE_STATES),
  ceiling_months: z.number().int().nullable(),
  ceiling_due_on: z.string().nullable(),
  submitted_at: z.date().nullable(),
  created_at: z.date(),
});
const PLAN_AUTHORITY = z.object(AUTHORITY_COLUMNS);
const PERMIT_STATS_GROUP_ROW = z.object({
  authority_id: z.string().nullable(),
  code: z.string().nullable(),
  grouping: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  groups: z.number().int(),
  permits: z.number().int(),
  open: z.number().int(),
  open_breached: z.number().int(),
  open_at_risk: z.number().int(),
  decided: z.number().int(),
  decided_with_target: z.number().int(),
  decided_within_target: z.number().int(),
  weighted_median: z.number().nullable(),
  refreshed_at: z.date().nullable(),
  authority_code: z.string().nullable(),
  authority_name_da: z.string().nullable(),
  authority_name_en: z.string().nullable(),
});
const CASE_STATS_ROW = z.object({ state: z.enum(CASE_STATES), cases: z.number().int() });
const RISK_LIST_ROW = z.object({
  permitId: z.string(),
  caseId: z.string(),
  caseReference: z.string(),
  caseTitle: z.string(),
  code: z.string(),
  state: z.enum([...PERMIT_STATES, ...V0_PERMIT_STATES]),
  dueOn: z.string().nullable(),
  risk: z.enum(RISKS),
  authorityCode: z.string(),
  authorityNameDa: z.string(),
  authorityNameEn: z.string(),
});
const ID_ROW = z.object({ id: z.string() });
const STORED_FORECAST_ROW = z.object({ completion_p50: z.string(), completion_p80: z.string(), ceiling_probability: z.number().nullable() });
const STORED_PERMIT_FORECAST_ROW = z.object({ permit_id: z.string(), decision_p50: z.string(), decision_p80: z.string(), final_p50: z.string(), final_p80: z.string() });
const CEILING_WATCH_ROW = z.object({
  caseId: z.string(),
  caseReference: z.string(),
  caseTitle: z.string(),
  ceilingRisk: z.enum(RISKS),
  ceilingDueOn: z.string().nullable(),
  projectedCompletion: z.string(),
  completionP50: z.string(),
  completionP80: z.string(),
  ceilingProbability: z.number().nullable(),
});
const WATCHED_CASE_ROW = z.object({ id: z.string(), reference: z.string(), title: z.string(), state: z.enum(CASE_STATES), ceiling_due_on: z.string().nullable(), submitted_at: z.date().nullable() });
/** A watched case with what the worker's stored forecast knows of it (null: no forecast yet). */
const WATCHED_PLAN_ROW = WATCHED_CASE_ROW.extend({
  updated_at: z.date(),
  forecast_as_of: z.string().nullable(),
  forecast_computed_at: z.date().nullable(),
  forecast_projection: z.string().nullable(),
  /** The stored P80, which the case page's risk reads too (a watched case outside the two ceiling lists has it as well). */
  forecast_p80: z.string().nullable(),
});

/** Names of a permit type; a code the catalogue does not know is shown as itself. */
function namesOfCode(code: string): { nameDa: string; nameEn: string } {
  try {
    const t = getPermitType(code);
    return { nameDa: t.nameDa, nameEn: t.nameEn };
  } catch {
    return { nameDa: code, nameEn: code };
  }
}

function nameOf(p: PermitRow) {
  try {
    const t = permitTypeOf(p);
    return { nameDa: t.nameDa, nameEn: t.nameEn };
  } catch {
    return namesOfCode(p.code);
  }
}

/** A referral as the plan shows it (issue 17). */
const PLAN_REFERRAL_ROW = z.object({
  id: z.string(),
  permit_id: z.string(),
  kind: z.string(),
  status: z.string(),
  stops_clock: z.boolean(),
  due_on: z.string(),
  requested_at: z.date(),
  closed_at: z.date().nullable(),
  to_code: z.string(),
  to_name_da: z.string(),
  to_name_en: z.string(),
});

@Injectable()
export class InsightService {
  private readonly logger = new Logger(InsightService.name);

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
    const [c] = await queryRows(this.ds, PLAN_CASE_ROW, sql`SELECT id, reference, title, state, ceiling_months, ceiling_due_on, submitted_at, created_at FROM cases WHERE id = ${caseId}`);
    const permits = await queryRows(
      this.ds,
      { parse: (r) => ({ ...parsePermitRow(r), ...PLAN_AUTHORITY.parse(r) }) },
      sql`SELECT p.*, a.code AS authority_code, a.name_da AS authority_name_da, a.name_en AS authority_name_en
            FROM permits p JOIN authorities a ON a.id = p.authority_id WHERE p.case_id = ${caseId} ORDER BY p.created_at, p.code`,
    );
    // Open joint hearings (issue 17): their covered permits share one period in the plan.
    const jointHearings = await loadJointHearingFloors(this.ds, caseId);
    const waits = await referralWaits(this.ds, caseId);
    const plan = planForCase(permits, now, c.ceiling_due_on, jointHearings, waits);
    const [stored] = await queryRows(this.ds, STORED_FORECAST_ROW, sql`SELECT completion_p50, completion_p80, ceiling_probability FROM case_forecasts WHERE case_id = ${caseId}`);
    const forecasts = await queryRows(this.ds, STORED_PERMIT_FORECAST_ROW, sql`SELECT permit_id, decision_p50, decision_p80, final_p50, final_p80 FROM permit_forecasts WHERE case_id = ${caseId}`);
    const ownPermit = (p: PermitRow) => principal.role !== 'caseworker' || p.authority_id === principal.authorityId;
    const risk = caseRiskOf({ permits, visible: ownPermit, now, ceilingDueOn: c.ceiling_due_on, ceilingStartOn: c.submitted_at ? toCopenhagenDate(c.submitted_at) : null, p80: stored?.completion_p80 ?? null, projectedCompletion: plan.projectedCompletion, includeCeiling: principal.role !== 'caseworker' });
    const rows = permits
      // A permit replaced by a new application is history (the new one is its row).
      .filter((p) => p.state !== 'withdrawn' && !p.superseded_by)
      .map((p) => {
        const s = plan.byCode[p.code];
        const own = principal.role !== 'caseworker' || p.authority_id === principal.authorityId;
        return {
          permitId: p.id,
          code: p.code,
          ...nameOf(p),
          authority: authorityNames(p, 'authority_'),
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
          // The Gantt draws an arrow from each prerequisite to its dependant (issue 16).
          prerequisites: p.prerequisites.map((x) => ({ code: x.code, requires: x.requires })),
          // The open joint hearing this permit is in (one period for all the permits it covers).
          jointHearing: ((j) => (j ? { id: j.id ?? null, earliestEndOn: j.earliestEndOn } : null))(jointHearings.find((h) => h.permitIds.includes(p.id))),
          risk: own ? computeRisk(p, today).risk : null,
          restricted: !own,
          // Forecasts, never deadlines (docs/architecture.md "Which date is which").
          forecast: (({ decision_p50, decision_p80, final_p50, final_p80 }) => ({ decisionP50: decision_p50, decisionP80: decision_p80, finalP50: final_p50, finalP80: final_p80 }))(
            forecasts.find((f) => f.permit_id === p.id) ?? { decision_p50: null, decision_p80: null, final_p50: null, final_p80: null },
          ),
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
      risk: risk.risk,
      ceilingRisk: risk.ceiling?.risk ?? null,
      ceilingUsedShare: risk.ceiling?.usedShare ?? null,
      completionP50: stored?.completion_p50 ?? null,
      completionP80: stored?.completion_p80 ?? null,
      ceilingProbability: stored?.ceiling_probability ?? null,
      criticalPath: plan.criticalPath,
      // Open joint hearings (issue 17): one period for all the permits each covers.
      jointHearings: jointHearings.map((h) => ({ id: h.id ?? null, permitIds: h.permitIds, earliestEndOn: h.earliestEndOn })),
      rows,
      // Issue 17: referrals of the permits the caller sees in full (Gantt bars from sent to answer date), and the gateways.
      referrals: (await queryRows(this.ds, PLAN_REFERRAL_ROW, sql`SELECT r.id, r.permit_id, r.kind, r.status, r.stops_clock, r.due_on::text AS due_on, r.requested_at, coalesce(r.answered_at, r.proceeded_at) AS closed_at,
                a.code AS to_code, a.name_da AS to_name_da, a.name_en AS to_name_en
           FROM referrals r JOIN authorities a ON a.id = r.to_authority_id WHERE r.case_id = ${caseId} ORDER BY r.requested_at, r.id`))
        .filter((r) => permits.some((p) => p.id === r.permit_id && ownPermit(p)))
        .map((r) => ({
          referralId: r.id,
          permitId: r.permit_id,
          kind: r.kind,
          status: r.status,
          stopsClock: r.stops_clock,
          to: authorityNames(r, 'to_'),
          sentOn: toCopenhagenDate(r.requested_at),
          dueOn: r.due_on,
          closedOn: r.closed_at ? toCopenhagenDate(r.closed_at) : null,
        })),
      gateways: gatewaysOf(permits.filter((p) => !p.superseded_by).map((p) => ({ id: p.id, code: p.code, state: p.state, outcome: p.outcome }))),
    };
  }

  /**
   * The Gantt as a PDF or PNG file (issue 16 item 6): the same plan as `GET /cases/:id/plan`
   * (so the same access rule: another organisation's or authority's case is a 404) with the agreed
   * plan's baseline and current dates.
   */
  async ganttFile(principal: Principal, caseId: string, format: 'pdf' | 'png', lang: GanttLang) {
    const plan = await this.plan(principal, caseId);
    const items = await queryRows(this.ds, ITEM_DATES_ROW, sql`SELECT permit_id, baseline_start_on, baseline_decision_on, baseline_final_on, planned_start_on, planned_decision_on, planned_final_on FROM plan_items WHERE case_id = ${caseId}`);
    const input: GanttInput = {
      ...plan,
      items: items.map((i) => ({
        permitId: i.permit_id,
        baseline: { startOn: i.baseline_start_on, decisionOn: i.baseline_decision_on, finalOn: i.baseline_final_on },
        planned: { startOn: i.planned_start_on, decisionOn: i.planned_decision_on, finalOn: i.planned_final_on },
      })),
    };
    const body = format === 'pdf' ? await ganttPdf(input, lang) : ganttPng(input, lang);
    return { body, reference: plan.reference };
  }

  /**
   * Coordinator dashboard: breaches and risks, load and speed per authority and permit type.
   * Processing days = complete application → decision (calendar days), the span the servicemål
   * measure; "within target" = decided on or before the target due date.
   */
  async dashboard() {
    // One pooled connection for the dashboard's reads (not one checkout per statement), each a
    // named prepared statement: fixed texts, parsed once per connection and planned once where
    // PostgreSQL settles on a generic plan (bench step d, issue 20). It is released before the
    // stale projections are planned, whose reads take connections of their own: a request that
    // holds a connection must never wait for another, or overlapping dashboards could hold the
    // whole pool (and one client must not run two queries at once).
    const runner = this.ds.createQueryRunner();
    try {
      return await this.dashboardOn(runner.manager, () => runner.release());
    } finally {
      await runner.release(); // a no-op when already released
    }
  }

  private async dashboardOn(m: EntityManager, releaseConnection: () => Promise<void>) {
    const now = this.clock.now();
    // Per-authority / per-type numbers come from the `permit_stats` materialized view (refreshed
    // every 5 minutes by the worker; `statsAsOf` says when). Breach and risk lists are live, from a
    // partial index of open risky permits.
    // Summed in PostgreSQL per authority, per permit type and in all (GROUPING SETS): ~130 rows
    // instead of the view's ~1,300 (authority × type) rows parsed and grouped here per request.
    // Medians of groups cannot be merged exactly: a group's median is weighted by its decided count.
    const grouped = await queryRows(
      m,
      PERMIT_STATS_GROUP_ROW,
      sql`SELECT g.*, a.code AS authority_code, a.name_da AS authority_name_da, a.name_en AS authority_name_en FROM (
          SELECT authority_id, code, GROUPING(authority_id, code) AS grouping, count(*)::int AS groups,
                 coalesce(sum(permits), 0)::int AS permits, coalesce(sum(open), 0)::int AS open,
                 coalesce(sum(open_breached), 0)::int AS open_breached, coalesce(sum(open_at_risk), 0)::int AS open_at_risk,
                 coalesce(sum(decided), 0)::int AS decided, coalesce(sum(decided_with_target), 0)::int AS decided_with_target,
                 coalesce(sum(decided_within_target), 0)::int AS decided_within_target,
                 (sum(median_processing_days * decided) FILTER (WHERE median_processing_days IS NOT NULL AND decided > 0)
                   / nullif(sum(decided) FILTER (WHERE median_processing_days IS NOT NULL AND decided > 0), 0))::float8 AS weighted_median,
                 min(refreshed_at) AS refreshed_at
            FROM permit_stats GROUP BY GROUPING SETS ((authority_id), (code), ())
          ) g LEFT JOIN authorities a ON a.id = g.authority_id`,
      { prepared: true },
    );
    const caseRows = await queryRows(m, CASE_STATS_ROW, sql`SELECT state, cases FROM case_stats`, { prepared: true });
    const caseCounts = {
      cases: caseRows.reduce((a, r) => a + r.cases, 0),
      activeCases: caseRows.filter((r) => r.state === 'submitted' || r.state === 'inProgress').reduce((a, r) => a + r.cases, 0),
    };
    // GROUPING(authority_id, code): 1 = per authority (code rolled up), 2 = per type, 3 = all.
    const perAuthority = grouped.filter((r) => r.grouping === 1);
    const perType = grouped.filter((r) => r.grouping === 2);
    const all = grouped.find((r) => r.grouping === 3);
    const share = (r: (typeof grouped)[number]) => (r.decided_with_target === 0 ? null : r.decided_within_target / r.decided_with_target);
    const num = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
    const byAuthority = perAuthority
      .map((r) => {
        return {
          authorityCode: r.authority_code ?? (r.authority_id as string),
          nameDa: r.authority_name_da ?? '',
          nameEn: r.authority_name_en ?? '',
          open: r.open,
          breached: r.open_breached,
          atRisk: r.open_at_risk,
          decided: r.decided,
          medianProcessingDays: num(r.weighted_median),
          withinTargetShare: num(share(r)),
        };
      })
      .sort((a, b) => b.breached - a.breached || b.open - a.open || a.authorityCode.localeCompare(b.authorityCode));
    const byPermitType = perType
      .map((r) => {
        const code = r.code as string;
        return {
          code,
          ...namesOfCode(code),
          open: r.open,
          decided: r.decided,
          medianProcessingDays: num(r.weighted_median),
          withinTargetShare: num(share(r)),
        };
      })
      .sort((a, b) => a.code.localeCompare(b.code));

    // The first 50 breached and the first 50 at-risk open permits, in one round trip (each list in
    // its own order; the outer ORDER BY keeps each list's order whatever plan UNION ALL gets).
    // The risk is a literal, not a parameter (here and in the ceiling lists): these statements are
    // prepared, and PostgreSQL's generic plan for `f.ceiling_risk = $1` cannot use the partial
    // index on `ceiling_risk <> 'onTrack'` (PostgreSQL time per dashboard doubled). `risk` is one
    // of two constants of the Risk union, never input.
    const riskListSql = (risk: Risk) =>
      sql`(SELECT p.id AS "permitId", p.case_id AS "caseId", c.reference AS "caseReference", c.title AS "caseTitle", p.code, p.state,
                   p.target_due_on AS "dueOn", p.risk, a.code AS "authorityCode", a.name_da AS "authorityNameDa", a.name_en AS "authorityNameEn"
              FROM permits p JOIN cases c ON c.id = p.case_id JOIN authorities a ON a.id = p.authority_id
             WHERE p.risk = ${sql.raw(`'${risk}'`)} AND p.state LIKE 'submitted%' AND p.risk <> 'onTrack'
             ORDER BY p.target_due_on NULLS LAST, p.id LIMIT 50)`;
    const risky = await queryRows(m, RISK_LIST_ROW, sql`${riskListSql('breached')} UNION ALL ${riskListSql('atRisk')} ORDER BY risk, "dueOn" NULLS LAST, "permitId"`, { prepared: true });
    const breaches = risky.filter((r) => r.risk === 'breached');
    const atRisk = risky.filter((r) => r.risk === 'atRisk');
    const mapName = namesOfCode;

    // The cases to watch: those with breached, then at-risk permits (from the lists above), then
    // the active cases closest to their ceiling. Two queries for all of them, then the plan.
    const WATCH = 10;
    const watch: string[] = [];
    for (const r of [...breaches, ...atRisk]) if (!watch.includes(r.caseId) && watch.length < WATCH) watch.push(r.caseId);
    if (watch.length < WATCH) {
      const more = await queryRows(
        m,
        ID_ROW,
        sql`SELECT id FROM cases WHERE state IN ('submitted', 'inProgress') AND NOT (id = ANY(${watch})) ORDER BY ceiling_due_on NULLS LAST, id LIMIT ${WATCH - watch.length}`,
        { prepared: true },
      );
      watch.push(...more.map((x) => x.id));
    }
    // Cases whose stored forecast puts the ceiling at risk or past it (issue 16 item 1): listed, and watched too.
    const ceilingListSql = (risk: Risk) =>
      sql`(SELECT c.id AS "caseId", c.reference AS "caseReference", c.title AS "caseTitle", f.ceiling_risk AS "ceilingRisk", c.ceiling_due_on AS "ceilingDueOn",
                   f.projected_completion AS "projectedCompletion", f.completion_p50 AS "completionP50", f.completion_p80 AS "completionP80", f.ceiling_probability AS "ceilingProbability"
              FROM case_forecasts f JOIN cases c ON c.id = f.case_id
             WHERE f.ceiling_risk = ${sql.raw(`'${risk}'`)} AND c.state IN ('submitted', 'inProgress')
             ORDER BY f.completion_p80 DESC, c.id LIMIT 50)`;
    const ceilingRisky = await queryRows(
      m,
      CEILING_WATCH_ROW,
      sql`${ceilingListSql('breached')} UNION ALL ${ceilingListSql('atRisk')} ORDER BY "ceilingRisk", "completionP80" DESC, "caseId"`,
      { prepared: true },
    );
    const ceilingBreaches = ceilingRisky.filter((r) => r.ceilingRisk === 'breached');
    const ceilingAtRisk = ceilingRisky.filter((r) => r.ceilingRisk === 'atRisk');
    for (const r of [...ceilingBreaches, ...ceilingAtRisk]) if (!watch.includes(r.caseId) && watch.length < WATCH * 2) watch.push(r.caseId);
    const watchedCases = await queryRows(
      m,
      WATCHED_PLAN_ROW,
      sql`SELECT c.id, c.reference, c.title, c.state, c.ceiling_due_on, c.submitted_at, c.updated_at,
                 f.as_of::text AS forecast_as_of, f.computed_at AS forecast_computed_at, f.projected_completion::text AS forecast_projection, f.completion_p80::text AS forecast_p80
            FROM cases c LEFT JOIN case_forecasts f ON f.case_id = c.id WHERE c.id = ANY(${watch})`,
      { prepared: true },
    );
    // Only the columns the freshness check and the risk read; whole planning rows only for a case
    // whose stored projection is stale (watchedProjection). Stored breaches first: the case risk
    // stops computing at the first breach it finds.
    const watchedPermits = await queryRows(
      m,
      { parse: parsePermitRiskRow },
      sql`SELECT ${sql.raw(PERMIT_RISK_SELECT)} FROM permits p WHERE p.case_id = ANY(${watch}) ORDER BY p.case_id, (p.risk = 'breached') DESC, p.id`,
      { prepared: true },
    );
    // Cases in a designated industrial park (L 206's second part) as their own group (issue 13 item 19).
    const industrialParkCases = await queryRows(
      m,
      WATCHED_CASE_ROW,
      sql`SELECT id, reference, title, state, ceiling_due_on, submitted_at FROM cases
           WHERE state IN ('draft', 'submitted', 'inProgress') AND facts->>'inIndustrialPark' = 'true'
           ORDER BY ceiling_due_on NULLS LAST, reference LIMIT 50`,
      { prepared: true },
    );
    await releaseConnection();
    const today = toCopenhagenDate(now);
    const cases: Array<{ id: string; reference: string; title: string; state: (typeof CASE_STATES)[number]; risk: ReturnType<typeof caseRiskOf>['risk']; ceilingRisk: Risk | null; projectedCompletion: string | null; ceilingDueOn: string | null; withinCeiling: boolean | null; marginDays: number | null }> = [];
    const watched = watch.map((id) => watchedCases.find((x) => x.id === id)).filter((x): x is (typeof watchedCases)[number] => x !== undefined);
    const permitsOf = watched.map((c) => watchedPermits.filter((p) => p.case_id === c.id));
    // Concurrently: just after midnight every forecast is a day old and each case is planned here.
    const projections = await Promise.all(watched.map((c, i) => this.watchedProjection(c, permitsOf[i], now, today)));
    for (const [i, c] of watched.entries()) {
      const permits = permitsOf[i];
      const projectedCompletion = projections[i];
      const ceiling = projectedCompletion && c.ceiling_due_on ? compareWithCeiling(projectedCompletion, c.ceiling_due_on) : null;
      const p80 = c.forecast_p80;
      // The one case risk (issue 16 item 1): permits and the ceiling, as on the case page.
      const risk = caseRiskWithProjection({ permits, now, ceilingDueOn: c.ceiling_due_on, ceilingStartOn: c.submitted_at ? toCopenhagenDate(c.submitted_at) : null, p80, projectedCompletion });
      cases.push({
        id: c.id,
        reference: c.reference,
        title: c.title,
        state: c.state,
        risk: risk.risk,
        ceilingRisk: risk.ceiling?.risk ?? null,
        projectedCompletion,
        ceilingDueOn: c.ceiling_due_on,
        withinCeiling: ceiling?.withinCeiling ?? null,
        marginDays: ceiling?.marginDays ?? null,
      });
    }
    const refreshed = all && all.groups > 0 && all.refreshed_at ? all.refreshed_at.toISOString() : null;
    return {
      generatedAt: now.toISOString(),
      statsAsOf: refreshed,
      totals: {
        cases: caseCounts.cases,
        activeCases: caseCounts.activeCases,
        permits: all?.permits ?? 0,
        breached: all?.open_breached ?? 0,
        atRisk: all?.open_at_risk ?? 0,
        decided: all?.decided ?? 0,
      },
      breaches: breaches.map((b: Record<string, unknown>) => ({ ...b, ...mapName(b.code as string) })),
      atRisk: atRisk.map((b: Record<string, unknown>) => ({ ...b, ...mapName(b.code as string) })),
      byAuthority,
      byPermitType,
      cases,
      ceiling: { breached: ceilingBreaches, atRisk: ceilingAtRisk },
      industrialParkCases: industrialParkCases.map((c) => ({ id: c.id, reference: c.reference, title: c.title, state: c.state, ceilingDueOn: c.ceiling_due_on })),
    };
  }

  /**
   * A watched case's projected completion (critical path). The worker stores it with the case's
   * forecast, computed from the same inputs as the case page (joint hearings and referral waits
   * included); that value is used while it is current: computed today, and after the last change
   * to the case and to each of its permits (the worker's own staleness rule, ForecastService).
   * Otherwise it is planned here from the same inputs. Planning every watched case on every
   * dashboard request was a fifth of the dashboard's CPU at 100,000 cases (bench step d, issue 20).
   */
  private async watchedProjection(c: z.infer<typeof WATCHED_PLAN_ROW>, permits: PermitRiskRow[], now: Date, today: string): Promise<string | null> {
    const at = c.forecast_computed_at?.getTime();
    if (c.forecast_projection !== null && at !== undefined && c.forecast_as_of === today && c.updated_at.getTime() <= at && permits.every((p) => p.updated_at.getTime() <= at)) {
      return c.forecast_projection;
    }
    try {
      const [planning, floors, waits] = await Promise.all([
        queryRows(this.ds, { parse: parsePermitRow }, sql`SELECT ${sql.raw(PERMIT_PLANNING_SELECT)} FROM permits p WHERE p.case_id = ${c.id}`),
        loadJointHearingFloors(this.ds, c.id),
        referralWaits(this.ds, c.id),
      ]);
      return planForCase(planning, now, c.ceiling_due_on, floors, waits).projectedCompletion;
    } catch (e) {
      // One case whose plan cannot be computed must not take the whole dashboard down.
      this.logger.warn(`no projection for case ${c.id}: ${(e as Error).message}`);
      return null;
    }
  }

  /**
   * Moves a running permit's target date later, with a reason code (FAST-41 style). Stored as a
   * clock extension, so stops and the clock maths stay exact; audited; alerts rescheduled and
   * the applicant and the authority notified — all in one transaction.
   */
  async changeTargetDate(principal: Principal, permitId: string, expectedVersion: number, newDueOn: string, reasonCode: TargetChangeReason, comment: string | undefined) {
    const { caseId } = await this.access.assertPermitVisible(principal, permitId);
    return this.ds.transaction(async (m: EntityManager) => {
      await lockCase(m, caseId);
      const row = await loadPermit(m, permitId);
      if (!row) throw new PermitNotFoundError(permitId);
      if (row.version !== expectedVersion) throw new VersionConflictError(row.version);
      if (!row.state.startsWith('submitted') || !row.complete_on) throw new TargetDateInvalidError('Only a running clock (complete application, no decision yet) can get a new target date.');
      const today = toCopenhagenDate(this.clock.now());
      const current = computeRisk(row, today).target?.dueOn;
      if (!current) throw new TargetDateInvalidError('This permit has no target clock.');
      if (compareLocalDates(newDueOn, current) <= 0) throw new TargetDateInvalidError(`The new target date must be after the current one (${current}).`);
      const days = calendarDaysBetween(current, newDueOn);
      const extensions = [...(row.extensions ?? []), { reasonCode, duration: { unit: 'calendarDays' as const, length: days } }];
      await this.host.applyExtension(m, row.id, row.version, {
        extensions,
        actor: { userId: principal.userId, role: 'coordinator' },
        details: {
          reasonCode,
          reasonDa: TARGET_CHANGE_REASONS[reasonCode].da,
          reasonEn: TARGET_CHANGE_REASONS[reasonCode].en,
          comment: comment ?? null,
          fromDueOn: current,
          toDueOn: newDueOn,
        },
      });
      return { permitId, fromDueOn: current, toDueOn: newDueOn, reasonCode };
    });
  }
}
