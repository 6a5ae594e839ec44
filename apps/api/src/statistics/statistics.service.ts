import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { queryRows, sql, type Sql } from '@rl/db';
import { getPermitType } from '@rl/permits-catalog';

/** The version of the export's shape (docs/statistics.md, `statistics.schema.json`); bump on any change. */
export const STATISTICS_SCHEMA_VERSION = 'rl-l206-statistics/1';

const PERMIT_GROUP_ROW = z.object({
  quarter: z.string(),
  permit_type: z.string(),
  authority_code: z.string(),
  authority_name: z.string(),
  decided: z.number().int(),
  median_elapsed_days: z.number().nullable(),
  median_authority_days: z.number().nullable(),
  p80_elapsed_days: z.number().nullable(),
  with_target: z.number().int(),
  within_target: z.number().int(),
});
const CASE_GROUP_ROW = z.object({
  quarter: z.string(),
  counted: z.number().int(),
  completed: z.number().int(),
  within_ceiling: z.number().int(),
  median_elapsed_days: z.number().nullable(),
});

const round = (v: number | null, d = 1) => (v === null ? null : Math.round(v * 10 ** d) / 10 ** d);
const QUARTER = /^\d{4}-Q[1-4]$/;

/** First day of a quarter ('2027-Q3' → '2027-07-01'). */
function quarterStart(q: string): string {
  const [y, n] = [Number(q.slice(0, 4)), Number(q.slice(6))];
  return `${y}-${String((n - 1) * 3 + 1).padStart(2, '0')}-01`;
}
function nextQuarterStart(q: string): string {
  const [y, n] = [Number(q.slice(0, 4)), Number(q.slice(6))];
  return n === 4 ? `${y + 1}-01-01` : `${y}-${String(n * 3 + 1).padStart(2, '0')}-01`;
}

export function isQuarter(v: string): boolean {
  return QUARTER.test(v);
}

/**
 * The decided, complete, current permits of [from, to) with what the export computes of each.
 * Read in two parts, each matching one partial index of migration 1764000300100 word for word:
 * the permits whose clock stops fit in an index entry (`length(stops::text) <= 1600`: all but
 * pathological ones) by an index-only scan of `permits_decided_stats_idx`, which includes the
 * stops; the rest through `permits_decided_long_stops_idx` (normally empty). One index with every
 * permit's stops would refuse to decide a permit whose stops outgrow a B-tree entry (~2.7 kB).
 */
function decidedPermits(from: string, to: string, stops: 'fitIndex' | 'tooLong'): Sql {
  return sql`SELECT p.code COLLATE "C" AS code, p.authority_id, date_trunc('quarter', x.decided_on)::date AS q, p.target_due_on, x.decided_on,
                    (x.decided_on - p.complete_on) AS elapsed,
                    (x.decided_on - p.complete_on) - CASE WHEN p.stops = '[]'::jsonb THEN 0 ELSE coalesce((SELECT sum(greatest(0, least(coalesce((s->>'to')::date, x.decided_on), x.decided_on) - (s->>'from')::date))
                                                                                                   FROM jsonb_array_elements(p.stops) s), 0) END AS authority_days
               FROM permits p CROSS JOIN LATERAL (SELECT (p.decided_at AT TIME ZONE 'Europe/Copenhagen')::date AS decided_on) x
              WHERE p.decided_at IS NOT NULL AND p.complete_on IS NOT NULL AND p.superseded_by IS NULL AND length(p.stops::text) ${sql.raw(stops === 'fitIndex' ? '<=' : '>')} 1600
                AND p.decided_at >= (${from}::date::timestamp AT TIME ZONE 'Europe/Copenhagen')
                AND p.decided_at < (${to}::date::timestamp AT TIME ZONE 'Europe/Copenhagen')`;
}

/**
 * L 206 processing-time statistics (issue 16 item 4), counted by the rules in docs/statistics.md:
 * per permit type × authority × quarter of the decision, elapsed calendar days from the complete
 * application and authority days (clock stops removed), share decided within target; per quarter
 * the cases' ceiling compliance. Two grouped queries, so an export over 100,000 cases is one pass.
 */
@Injectable()
export class StatisticsService {
  constructor(private readonly ds: DataSource) {}

  async compute(range: { from?: string; to?: string }, generatedAt: Date) {
    const from = range.from ? quarterStart(range.from) : '1970-01-01';
    const to = range.to ? nextQuarterStart(range.to) : '9999-01-01';
    // One read-only transaction with JIT off: the planner's cost estimate of the grouped scan
    // (100,000 cases, ~750,000 decided permits) passes jit_above_cost, and compiling the
    // expressions cost more than running them (EXPLAIN ANALYZE on a 500,000-permit table: JIT
    // 3.5–6.5 s of a 10 s query). work_mem keeps the group sorts in memory.
    const { permits, cases } = await this.ds.transaction('REPEATABLE READ', async (m) => {
      await m.query(`SET LOCAL jit = off`);
      await m.query(`SET LOCAL work_mem = '64MB'`);
      // Grouped on cheap keys (quarter start date, permit code in "C" collation, authority id),
      // the authority's names joined after aggregation; a permit without clock stops skips the
      // per-row stop sum; P50 and P80 of the elapsed days share one sort (array percentile).
      const permits = await queryRows(
        m,
        PERMIT_GROUP_ROW,
        sql`WITH m AS (${decidedPermits(from, to, 'fitIndex')} UNION ALL ${decidedPermits(from, to, 'tooLong')}), g AS (
              SELECT q, code, authority_id, count(*)::int AS decided,
                     percentile_cont(ARRAY[0.5, 0.8]::float8[]) WITHIN GROUP (ORDER BY elapsed) AS elapsed_p,
                     percentile_cont(0.5) WITHIN GROUP (ORDER BY authority_days)::float8 AS median_authority_days,
                     count(target_due_on)::int AS with_target,
                     count(*) FILTER (WHERE decided_on <= target_due_on)::int AS within_target
                FROM m GROUP BY q, code, authority_id
            )
            SELECT to_char(g.q, 'YYYY') || '-Q' || to_char(g.q, 'Q') AS quarter, g.code::text AS permit_type, a.code AS authority_code, a.name_da AS authority_name, g.decided,
                   g.elapsed_p[1]::float8 AS median_elapsed_days, g.median_authority_days, g.elapsed_p[2]::float8 AS p80_elapsed_days, g.with_target, g.within_target
              FROM g JOIN authorities a ON a.id = g.authority_id ORDER BY 1, 2, 3`,
      );
      // A case with a ceiling counts in the quarter it completed or its ceiling passed, whichever came first.
      const cases = await queryRows(
        m,
        CASE_GROUP_ROW,
        sql`WITH c AS (
              SELECT (completed_at AT TIME ZONE 'Europe/Copenhagen')::date AS completed_on, ceiling_due_on, (submitted_at AT TIME ZONE 'Europe/Copenhagen')::date AS submitted_on
                FROM cases WHERE ceiling_due_on IS NOT NULL AND state <> 'withdrawn'
            ), k AS (
              SELECT *, CASE WHEN completed_on IS NOT NULL AND completed_on <= ceiling_due_on THEN completed_on ELSE ceiling_due_on END AS counted_on FROM c
            )
            SELECT to_char(counted_on, 'YYYY') || '-Q' || to_char(counted_on, 'Q') AS quarter, count(*)::int AS counted,
                   count(completed_on)::int AS completed, count(*) FILTER (WHERE completed_on <= ceiling_due_on)::int AS within_ceiling,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY completed_on - submitted_on)::float8 AS median_elapsed_days
              FROM k WHERE counted_on >= ${from}::date AND counted_on < ${to}::date AND counted_on <= (now() AT TIME ZONE 'Europe/Copenhagen')::date
             GROUP BY 1 ORDER BY 1`,
      );
      return { permits, cases };
    });
    const typeName = new Map<string, string>();
    const nameOf = (code: string) => {
      if (!typeName.has(code)) {
        try {
          typeName.set(code, getPermitType(code).nameDa);
        } catch {
          typeName.set(code, code);
        }
      }
      return typeName.get(code) as string;
    };
    return {
      schemaVersion: STATISTICS_SCHEMA_VERSION,
      generatedAt: generatedAt.toISOString(),
      rules: 'docs/statistics.md',
      range: { from: range.from ?? null, to: range.to ?? null },
      permits: permits.map((r) => ({
        quarter: r.quarter,
        permitType: r.permit_type,
        permitTypeName: nameOf(r.permit_type),
        authorityCode: r.authority_code,
        authorityName: r.authority_name,
        decided: r.decided,
        medianElapsedDays: round(r.median_elapsed_days),
        medianAuthorityDays: round(r.median_authority_days),
        p80ElapsedDays: round(r.p80_elapsed_days),
        withTarget: r.with_target,
        withinTarget: r.within_target,
        withinTargetShare: r.with_target ? round(r.within_target / r.with_target, 3) : null,
      })),
      cases: cases.map((r) => ({
        quarter: r.quarter,
        counted: r.counted,
        completed: r.completed,
        withinCeiling: r.within_ceiling,
        ceilingComplianceShare: r.counted ? round(r.within_ceiling / r.counted, 3) : null,
        medianElapsedDays: round(r.median_elapsed_days),
      })),
    };
  }
}

export type Statistics = Awaited<ReturnType<StatisticsService['compute']>>;

const PERMIT_COLUMNS = ['quarter', 'permitType', 'permitTypeName', 'authorityCode', 'authorityName', 'decided', 'medianElapsedDays', 'medianAuthorityDays', 'p80ElapsedDays', 'withTarget', 'withinTarget', 'withinTargetShare'] as const;

/** RFC 4180 CSV of the permit groups (one header row; fields quoted when needed; CRLF). */
export function toCsv(s: Statistics): string {
  const cell = (v: unknown) => {
    // A text that a spreadsheet would run as a formula is defused with a leading apostrophe (OWASP CSV injection).
    const raw = v === null || v === undefined ? '' : String(v);
    const t = typeof v === 'string' && /^[=+\-@]/.test(raw) ? `'${raw}` : raw;
    return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  return [PERMIT_COLUMNS.join(','), ...s.permits.map((r) => PERMIT_COLUMNS.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}
