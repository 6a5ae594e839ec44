import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { toCopenhagenDate } from '@rl/clocks';
import type { WhatIf } from '@rl/critical-path';
import { execute, queryRows, sql } from '@rl/db';
import { CLOCK, type Clock } from '@rl/server-infra';
import { loadJointHearingFloors } from './joint-hearing-floors';
import { referralWaits } from './referral-waits';
import { forecastCase, historyKey, type CaseForecast, type DurationHistory, type HistoryMoments } from './forecast';
import { parsePermitRow, PERMIT_PLANNING_SELECT } from './rows';

const HISTORY_ROW = z.object({ code: z.string(), authority_id: z.string(), n: z.number().int(), mean_log: z.number().nullable(), sd_log: z.number().nullable() });
const CASE_ROW = z.object({ id: z.string(), ceiling_due_on: z.string().nullable(), submitted_at: z.date().nullable(), created_at: z.date() });
const PLANNED_START_ROW = z.object({ permit_id: z.string(), planned_start_on: z.string() });

/** History fits are shared by every case; refitting them once per 10 minutes is plenty (they move slowly). */
const HISTORY_TTL_MS = 10 * 60_000;

/**
 * Computes and stores the Monte Carlo forecasts (issue 16 item 3). The worker refreshes every
 * case whose permits or case changed since its forecast, or whose forecast is from an earlier
 * day (so each open case is recomputed at least nightly); readers use the stored rows.
 */
@Injectable()
export class ForecastService {
  private readonly logger = new Logger(ForecastService.name);
  private history: { at: number; map: DurationHistory } | null = null;

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly ds: DataSource,
  ) {}

  /**
   * Log-moments of elapsed calendar days (complete application → decision, so clock stops and
   * hearings are included) of every decided permit, per permit type × authority. One grouped
   * query; the lognormal fit is then exact from the moments.
   */
  async durationHistory(m: EntityManager | DataSource = this.ds): Promise<DurationHistory> {
    if (this.history && Date.now() - this.history.at < HISTORY_TTL_MS) return this.history.map;
    const rows = await queryRows(
      m,
      HISTORY_ROW,
      sql`SELECT code, authority_id, count(*)::int AS n,
                 avg(ln(greatest(1, (decided_at AT TIME ZONE 'Europe/Copenhagen')::date - complete_on)))::float8 AS mean_log,
                 stddev_samp(ln(greatest(1, (decided_at AT TIME ZONE 'Europe/Copenhagen')::date - complete_on)))::float8 AS sd_log
            FROM permits WHERE decided_at IS NOT NULL AND complete_on IS NOT NULL GROUP BY code, authority_id`,
    );
    const map = new Map<string, HistoryMoments>(rows.map((r) => [historyKey(r.code, r.authority_id), { n: r.n, meanLog: r.mean_log ?? NaN, sdLog: r.sd_log ?? NaN }]));
    this.history = { at: Date.now(), map };
    return map;
  }

  /** The forecast of one case, computed now (what-if scenarios applied), written nowhere. */
  async compute(caseId: string, whatIf: readonly WhatIf[] = [], m: EntityManager | DataSource = this.ds): Promise<CaseForecast | null> {
    const [c] = await queryRows(m, CASE_ROW, sql`SELECT id, ceiling_due_on, submitted_at, created_at FROM cases WHERE id = ${caseId}`);
    if (!c) return null;
    const permits = await queryRows(m, { parse: parsePermitRow }, sql`SELECT ${sql.raw(PERMIT_PLANNING_SELECT)} FROM permits p WHERE p.case_id = ${caseId} ORDER BY p.created_at, p.code`);
    const starts = await queryRows(m, PLANNED_START_ROW, sql`SELECT permit_id, planned_start_on FROM plan_items WHERE case_id = ${caseId}`);
    const now = this.clock.now();
    return forecastCase(
      {
        caseId,
        permits,
        now,
        ceilingDueOn: c.ceiling_due_on,
        ceilingStartOn: c.submitted_at ? toCopenhagenDate(c.submitted_at) : null,
        history: await this.durationHistory(m),
        plannedStartOn: new Map(starts.map((s) => [s.permit_id, s.planned_start_on])),
        jointHearings: await loadJointHearingFloors(m, caseId),
        waitUntil: await referralWaits(m, caseId),
      },
      whatIf,
    );
  }

  /** Computes and stores one case's forecast (case and permit rows, replaced). */
  async refresh(caseId: string): Promise<CaseForecast | null> {
    // `computed_at` is taken before the inputs are read: a change committed while the simulation
    // runs is then newer than the forecast (stale, recomputed), never older than one that missed it.
    const at = this.clock.now();
    const f = await this.compute(caseId);
    if (!f) return null;
    await this.ds.transaction(async (m) => {
      await execute(
        m,
        sql`INSERT INTO case_forecasts (case_id, computed_at, as_of, runs, seed, projected_completion, completion_p50, completion_p80, ceiling_probability, ceiling_risk)
            VALUES (${caseId}, ${at}, ${f.asOf}, ${f.runs}, ${f.seed}, ${f.projectedCompletion}, ${f.completionP50}, ${f.completionP80}, ${f.ceilingProbability}, ${f.ceilingRisk?.risk ?? null})
            ON CONFLICT (case_id) DO UPDATE SET computed_at = EXCLUDED.computed_at, as_of = EXCLUDED.as_of, runs = EXCLUDED.runs, seed = EXCLUDED.seed,
              projected_completion = EXCLUDED.projected_completion, completion_p50 = EXCLUDED.completion_p50, completion_p80 = EXCLUDED.completion_p80,
              ceiling_probability = EXCLUDED.ceiling_probability, ceiling_risk = EXCLUDED.ceiling_risk`,
      );
      await execute(m, sql`DELETE FROM permit_forecasts WHERE case_id = ${caseId}`);
      const ids = f.nodes.map((n) => f.permitIds[n.code]);
      await execute(
        m,
        sql`INSERT INTO permit_forecasts (permit_id, case_id, decision_p50, decision_p80, final_p50, final_p80, duration_source)
            SELECT t.id, ${caseId}, t.d50, t.d80, t.f50, t.f80, t.src
              FROM unnest(${ids}::uuid[], ${f.nodes.map((n) => n.decisionP50)}::date[], ${f.nodes.map((n) => n.decisionP80)}::date[],
                          ${f.nodes.map((n) => n.finalP50)}::date[], ${f.nodes.map((n) => n.finalP80)}::date[], ${ids.map((id) => f.sources[id])}::text[])
                   AS t(id, d50, d80, f50, f80, src)`,
      );
    });
    return f;
  }

  /**
   * Refreshes the open cases whose forecast is missing, older than a change to the case or its
   * permits, or from an earlier day (the nightly recomputation), within a time budget.
   * The budget is 1 s of the job's 10 s interval: a simulation is CPU-bound and shares the worker's
   * event loop with alerts and e-mails, so a day's backlog (every open case goes stale at midnight)
   * is worked off over several runs instead of starving them (a 10 s budget did, in the full suite).
   */
  async refreshStale(budgetMs = 1_000, batch = 50): Promise<{ refreshed: number }> {
    const started = Date.now();
    const today = toCopenhagenDate(this.clock.now());
    // The sweep for open cases without a forecast walks every open case once a day (and once
    // after start), a batch at a time from where it stopped, not every run.
    if (this.sweep.on !== today) this.sweep = { on: today, afterId: NIL_UUID, done: false };
    let refreshed = 0;
    const failed: string[] = [];
    for (;;) {
      const sweepAfter = this.sweep.done ? null : this.sweep.afterId;
      const stale = await queryRows(this.ds, STALE_ROW, staleCasesSql(today, failed, batch, sweepAfter));
      for (const { id } of stale) {
        try {
          await this.refresh(id);
          refreshed++;
        } catch (e) {
          // One case that cannot be forecast (e.g. a broken graph) must not stop the others.
          failed.push(id);
          this.logger.warn(`no forecast for case ${id}: ${(e as Error).message}`);
        }
      }
      if (sweepAfter !== null) {
        // The swept rows are a prefix of the sweep's id order (NULLs sort first, then by id).
        // Done only when the sweep found nothing although the batch had room: rows of other
        // parts sorting first (no forecast yet, changed today) may fill a whole batch.
        const swept = stale.filter((r) => r.part === 'sweep');
        if (swept.length > 0) this.sweep.afterId = swept[swept.length - 1].id;
        else if (stale.length < batch) this.sweep.done = true;
      }
      if (stale.length < batch || Date.now() - started > budgetMs) return { refreshed };
    }
  }

  /** Where the daily sweep for open cases without a forecast is: the last case id it reached (uuid order, the primary key's). */
  private sweep: { on: string; afterId: string; done: boolean } = { on: '', afterId: NIL_UUID, done: false };
}

const NIL_UUID = '00000000-0000-0000-0000-000000000000';
/** How many days back the day part looks for forecasts of an earlier day (older ones: the daily sweep). */
const RECENT_DAYS = 7;
const STALE_ROW = z.object({ id: z.string(), computed_at: z.date().nullable(), part: z.enum(['sweep', 'day', 'case', 'permit']) });

/**
 * The open cases whose forecast is stale, at most `batch`: missing ones first, then by the
 * forecast's age (within each part the order is the index's, not a global oldest-first).
 * Stale means: from an earlier day, or older than a change to the case or one of its permits.
 * Each part is an index range, not a scan of every open case with a subquery per case (that
 * took 5.6 s per run at 100,000 cases, every 10 s — issue 20's dashboard shared PostgreSQL with
 * it). A forecast of today was computed today, so a change after it was made today too: the
 * change parts read only rows updated since today's midnight (permits_updated_at_idx,
 * cases_updated_at_idx). A case with no forecast at all is one that became open today (its
 * submission updated the case) — found by the case part — or one the worker never reached
 * (down for a day, a bulk import): the sweep part finds those, in id order after `sweepAfter`
 * (null: the day's sweep is done). A case the sweep passed and whose refresh failed is tried
 * again when it changes or with the next day's sweep (the old query retried it every run).
 */
function staleCasesSql(today: string, failed: readonly string[], batch: number, sweepAfter: string | null) {
  const open = sql`c.state IN ('submitted', 'inProgress') AND NOT (c.id = ANY(${failed}::uuid[]))`;
  const dayStart = sql`(${today}::date)::timestamp AT TIME ZONE 'Europe/Copenhagen'`;
  // Forecasts of closed cases stay (the case views show them) with their last as_of: the day
  // part reads only the last RECENT_DAYS days of the as_of index, so its cost is the cases closed
  // that week, not every case ever closed. An open case whose forecast is older than that (the
  // worker down for a week) is the sweep's, like one with none.
  const recentFrom = sql`${today}::date - ${RECENT_DAYS}::int`;
  const sweep =
    sweepAfter === null
      ? sql``
      : sql`(SELECT c.id, NULL::timestamptz AS computed_at, 'sweep' AS part FROM cases c
              WHERE ${open} AND c.id > ${sweepAfter}::uuid AND NOT EXISTS (SELECT 1 FROM case_forecasts f WHERE f.case_id = c.id AND f.as_of >= ${recentFrom})
              ORDER BY c.id LIMIT ${batch})
            UNION ALL`;
  // The cases with a permit changed today, read first through permits_updated_at_idx and
  // materialised. As a join under the LIMIT, the planner walked every forecast and read each
  // case's permits (permits_case_idx) hoping to stop early; when nothing was stale — the usual
  // answer — it read all 2 million permits: 9.5–11 s per run at 100,000 cases, every 10 s (bench
  // step d). Materialised: 0.42–0.75 s for 17,800 permits changed today.
  return sql`WITH changed AS MATERIALIZED (SELECT p.case_id, max(p.updated_at) AS changed_at FROM permits p WHERE p.updated_at >= ${dayStart} GROUP BY p.case_id)
    SELECT DISTINCT ON (computed_at, id) id, computed_at, part FROM (
      ${sweep}
      (SELECT c.id, f.computed_at, 'day' AS part FROM case_forecasts f JOIN cases c ON c.id = f.case_id
        WHERE f.as_of < ${today}::date AND f.as_of >= ${recentFrom} AND ${open} ORDER BY f.as_of, f.computed_at LIMIT ${batch})
      UNION ALL
      (SELECT c.id, f.computed_at, 'case' AS part FROM cases c LEFT JOIN case_forecasts f ON f.case_id = c.id
        WHERE c.updated_at >= ${dayStart} AND (f.case_id IS NULL OR c.updated_at > f.computed_at) AND ${open} LIMIT ${batch})
      UNION ALL
      (SELECT c.id, f.computed_at, 'permit' AS part FROM changed ch JOIN case_forecasts f ON f.case_id = ch.case_id JOIN cases c ON c.id = ch.case_id
        WHERE ch.changed_at > f.computed_at AND ${open} LIMIT ${batch})
    ) stale ORDER BY computed_at NULLS FIRST, id, part DESC LIMIT ${batch}`;
}
