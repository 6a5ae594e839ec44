import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { toCopenhagenDate } from '@rl/clocks';
import { caseRowSchema, lockCase, permitRowSchema, permitTypeOf } from '@rl/case-engine';
import { execute, queryRows, sql } from '@rl/db';
import { CLOCK, type Clock } from '@rl/server-infra';
import { AccessService, CaseNotFoundError } from '../access';
import type { Principal } from '../auth';
import { AUTHORITY_NAME_COLUMNS, nullableColumns } from '../common/row-columns';
import { MISSED_COLUMNS, PLAN_DATE_COLUMNS, REQUEST_ROW } from '../coordination/plan-rows';
import { TARGET_CHANGE_REASONS } from '../insight/reason-codes';
import { StatisticsService, type Statistics } from '../statistics/statistics.service';

/** How long one public statistics answer is shared (see `statistics()`). */
const PUBLIC_STATS_TTL_MS = 60_000;

const CONSENT_ROW = z.object({
  id: z.string(),
  granted_at: z.date(),
  granted_by_name: z.string().nullable(),
  granted_by_role: z.string(),
  revoked_at: z.date().nullable(),
  revoked_by_name: z.string().nullable(),
});

/** The company and since when its consent is in force, as a published case is listed and shown. */
const PUBLISHED_COLUMNS = { company_name: z.string(), company_cvr: z.string(), published_since: z.date() };

/**
 * The public pages read `state` and `snapshot` as they are, not as the engine's enums: an odd row
 * falls back to a neutral stage or name (publicStage, names) instead of failing the whole list.
 */
const TOLERANT = { state: z.string(), snapshot: z.unknown() };

const PUBLIC_CASE_ROW = caseRowSchema
  .pick({ id: true, reference: true, submitted_at: true, completed_at: true, ceiling_months: true, ceiling_due_on: true })
  .extend({ state: TOLERANT.state, ...PUBLISHED_COLUMNS });

/** A permit's public columns, its authority's names and (LEFT JOINed) its plan item's dates. */
const PUBLIC_PERMIT_ROW = permitRowSchema
  .pick({ id: true, code: true, superseded_by: true, received_at: true, complete_on: true, target_due_on: true, statutory_due_on: true, decided_at: true, appeal_deadline_on: true, final_at: true })
  .extend({ ...TOLERANT, ...AUTHORITY_NAME_COLUMNS, ...nullableColumns(PLAN_DATE_COLUMNS), ...MISSED_COLUMNS });

const PUBLIC_CHANGE_ROW = REQUEST_ROW.pick({ permit_id: true, reason_code: true, from_decision_on: true, to_decision_on: true, from_final_on: true, to_final_on: true }).extend({ applied_on: z.date() });

const PLAN_STATUS_ROW = z.object({ status: z.string(), agreed_at: z.date().nullable() });
const FORECAST_ROW = z.object({ completion_p50: z.string(), completion_p80: z.string() });
const LIST_ROW = caseRowSchema.pick({ reference: true }).extend({ state: TOLERANT.state, ...PUBLISHED_COLUMNS, permits: z.number().int() });
const OWNER_ROW = z.object({ id: z.string(), reference: z.string(), organisation_id: z.string(), state: z.string() });

/** Only the step a permit is in, never the inner state (e.g. which information was asked for). */
function publicStage(state: string): 'waiting' | 'inProcess' | 'decided' | 'final' | 'withdrawn' {
  if (state === 'blocked' || state === 'ready') return 'waiting';
  if (state === 'final') return 'final';
  if (state === 'withdrawn') return 'withdrawn';
  if (state.startsWith('decided')) return 'decided';
  return 'inProcess';
}

const REFERENCE = /^[A-Za-z0-9-]{1,40}$/;

/**
 * Transparency (issue 16 item 5, FAST-41 dashboard style): with the company's consent — given and
 * revoked by the company in the web app, recorded and audited — a public page per case with its
 * permits, planned and actual dates, missed dates with the authority's explanation and the
 * reasons (codes) of plan changes; and a public page of the aggregate L 206 statistics.
 *
 * What is public is chosen field by field (an allow-list, not a filter): the company's name and
 * CVR (a legal entity in the public CVR register), the case reference, permit names, authority
 * names, the step each permit is in, dates, reason codes and missed-date explanations. Never
 * documents, people (users, caseworkers, contacts), the case title or description, notes,
 * decision outcomes or anything from the application.
 */
@Injectable()
export class TransparencyService {
  constructor(
    private readonly access: AccessService,
    private readonly ds: DataSource,
    private readonly stats: StatisticsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The consent and its history, for the company and the coordinators. */
  async consent(p: Principal, caseId: string) {
    await this.access.assertCaseVisible(p, caseId);
    if (p.role === 'caseworker') throw new CaseNotFoundError(caseId);
    return this.consentView(caseId);
  }

  private async consentView(caseId: string) {
    const rows = await queryRows(
      this.ds,
      CONSENT_ROW,
      sql`SELECT c.id, c.granted_at, g.display_name AS granted_by_name, g.role AS granted_by_role, c.revoked_at, r.display_name AS revoked_by_name
            FROM case_publication_consents c JOIN users g ON g.id = c.granted_by LEFT JOIN users r ON r.id = c.revoked_by
           WHERE c.case_id = ${caseId} ORDER BY c.granted_at DESC, c.id`,
    );
    const [ref] = await queryRows(this.ds, z.object({ reference: z.string() }), sql`SELECT reference FROM cases WHERE id = ${caseId}`);
    const current = rows.find((r) => r.revoked_at === null) ?? null;
    return {
      caseId,
      published: current !== null,
      reference: ref.reference,
      publicPath: `/public/cases/${encodeURIComponent(ref.reference)}`,
      grantedAt: current?.granted_at.toISOString() ?? null,
      history: rows.map((r) => ({
        grantedAt: r.granted_at.toISOString(),
        grantedBy: r.granted_by_name,
        revokedAt: r.revoked_at?.toISOString() ?? null,
        revokedBy: r.revoked_by_name,
      })),
    };
  }

  /**
   * The company gives (`publish = true`) or revokes its consent. Idempotent: giving a consent in
   * force, or revoking none, changes nothing and writes no audit row. Only the company's own
   * users or a fuldmagt that may file (`submit`) may decide this; coordinators may not (they
   * never act for the company).
   */
  async setConsent(p: Principal, caseId: string, publish: boolean) {
    await this.access.assertCaseVisible(p, caseId);
    const action = publish ? 'publication.consentGiven' : 'publication.consentRevoked';
    await this.ds.transaction(async (m) => {
      await lockCase(m, caseId);
      const [c] = await queryRows(m, OWNER_ROW, sql`SELECT id, reference, organisation_id, state FROM cases WHERE id = ${caseId}`);
      await this.access.assertMayActOnCase(p, caseId, action, m, c.organisation_id);
      const now = this.clock.now();
      const changed = publish
        ? await execute(
            m,
            sql`INSERT INTO case_publication_consents (case_id, granted_by, granted_at) VALUES (${caseId}, ${p.userId}, ${now})
                ON CONFLICT (case_id) WHERE revoked_at IS NULL DO NOTHING`,
          )
        : await execute(m, sql`UPDATE case_publication_consents SET revoked_by = ${p.userId}, revoked_at = ${now} WHERE case_id = ${caseId} AND revoked_at IS NULL`);
      if (changed > 0) {
        await execute(
          m,
          sql`INSERT INTO audit_events (case_id, actor_user_id, actor_role, event_type, payload, occurred_at)
              VALUES (${caseId}, ${p.userId}, ${p.role}, ${action}, ${JSON.stringify({ publicPath: `/public/cases/${c.reference}` })}, ${now})`,
        );
      }
    });
    return this.consentView(caseId);
  }

  /** Published cases (consent in force), newest consent first. */
  async list() {
    const rows = await queryRows(
      this.ds,
      LIST_ROW,
      sql`SELECT c.reference, c.state, o.name AS company_name, o.cvr AS company_cvr, pc.granted_at AS published_since,
                 (SELECT count(*) FROM permits p WHERE p.case_id = c.id AND p.superseded_by IS NULL AND p.state <> 'withdrawn')::int AS permits
            FROM case_publication_consents pc JOIN cases c ON c.id = pc.case_id JOIN organisations o ON o.id = c.organisation_id
           WHERE pc.revoked_at IS NULL ORDER BY pc.granted_at DESC, c.reference LIMIT 500`,
    );
    return {
      items: rows.map((r) => ({ reference: r.reference, state: r.state, company: { name: r.company_name, cvr: r.company_cvr }, permits: r.permits, publishedSince: r.published_since.toISOString() })),
    };
  }

  /** One published case; 404 (as for a case that does not exist) without a consent in force. */
  async publicCase(reference: string) {
    if (!REFERENCE.test(reference)) throw new CaseNotFoundError(reference);
    const [c] = await queryRows(
      this.ds,
      PUBLIC_CASE_ROW,
      sql`SELECT c.id, c.reference, c.state, c.submitted_at, c.completed_at, c.ceiling_months, c.ceiling_due_on, o.name AS company_name, o.cvr AS company_cvr,
                 pc.granted_at AS published_since
            FROM cases c JOIN organisations o ON o.id = c.organisation_id
            JOIN case_publication_consents pc ON pc.case_id = c.id AND pc.revoked_at IS NULL
           WHERE c.reference = ${reference}`,
    );
    if (!c) throw new CaseNotFoundError(reference);
    const permits = await queryRows(
      this.ds,
      PUBLIC_PERMIT_ROW,
      sql`SELECT p.id, p.code, p.state, p.snapshot, p.superseded_by, p.received_at, p.complete_on, p.target_due_on, p.statutory_due_on, p.decided_at, p.appeal_deadline_on, p.final_at,
                 a.name_da AS authority_name_da, a.name_en AS authority_name_en,
                 i.baseline_start_on, i.baseline_decision_on, i.baseline_final_on, i.planned_start_on, i.planned_decision_on, i.planned_final_on, i.missed_on, i.missed_explanation
            FROM permits p JOIN authorities a ON a.id = p.authority_id LEFT JOIN plan_items i ON i.permit_id = p.id
           WHERE p.case_id = ${c.id} AND p.superseded_by IS NULL
           ORDER BY coalesce(i.planned_start_on, p.complete_on), p.created_at, p.code`,
    );
    const [plan] = await queryRows(this.ds, PLAN_STATUS_ROW, sql`SELECT status, agreed_at FROM coordinated_plans WHERE case_id = ${c.id}`);
    const changes = await queryRows(
      this.ds,
      PUBLIC_CHANGE_ROW,
      sql`SELECT permit_id, reason_code, from_decision_on, to_decision_on, from_final_on, to_final_on, coalesce(decided_at, requested_at) AS applied_on
            FROM plan_change_requests WHERE case_id = ${c.id} AND status = 'applied' ORDER BY coalesce(decided_at, requested_at), id`,
    );
    const [forecast] = await queryRows(this.ds, FORECAST_ROW, sql`SELECT completion_p50, completion_p80 FROM case_forecasts WHERE case_id = ${c.id}`);
    const today = toCopenhagenDate(this.clock.now());
    const day = (d: Date | null) => (d ? toCopenhagenDate(d) : null);
    const codeOf = new Map(permits.map((p) => [p.id, p.code]));
    const names = (p: { code: string; snapshot: unknown }) => {
      try {
        const t = permitTypeOf({ code: p.code, snapshot: p.snapshot as never });
        return { nameDa: t.nameDa, nameEn: t.nameEn };
      } catch {
        return { nameDa: p.code, nameEn: p.code };
      }
    };
    const reason = (code: string) => TARGET_CHANGE_REASONS[code as keyof typeof TARGET_CHANGE_REASONS] ?? { da: code, en: code };
    return {
      reference: c.reference,
      company: { name: c.company_name, cvr: c.company_cvr },
      stage: c.state === 'completed' ? 'completed' : c.state === 'withdrawn' ? 'withdrawn' : c.state === 'draft' ? 'draft' : 'inProcess',
      submittedOn: day(c.submitted_at),
      completedOn: day(c.completed_at),
      ceilingMonths: c.ceiling_months,
      ceilingDueOn: c.ceiling_due_on,
      plan: plan ? { status: plan.status, agreedOn: day(plan.agreed_at) } : null,
      forecast: forecast ? { completionP50: forecast.completion_p50, completionP80: forecast.completion_p80 } : null,
      publishedSince: c.published_since.toISOString(),
      asOf: today,
      permits: permits.map((p) => {
        const decided = p.state === 'final' || p.state.startsWith('decided');
        return {
          code: p.code,
          ...names(p),
          authority: { nameDa: p.authority_name_da, nameEn: p.authority_name_en },
          stage: publicStage(p.state),
          baseline: p.baseline_decision_on ? { startOn: p.baseline_start_on, decisionOn: p.baseline_decision_on, finalOn: p.baseline_final_on } : null,
          planned: p.planned_decision_on ? { startOn: p.planned_start_on, decisionOn: p.planned_decision_on, finalOn: p.planned_final_on } : null,
          targetDueOn: decided ? null : p.target_due_on,
          statutoryDueOn: decided ? null : p.statutory_due_on,
          actual: { receivedOn: day(p.received_at), completeOn: p.complete_on, decidedOn: day(p.decided_at), appealDeadlineOn: p.appeal_deadline_on, finalOn: day(p.final_at) },
          overdue: !decided && p.state !== 'withdrawn' && !!p.planned_decision_on && p.planned_decision_on < today,
          missed: p.missed_on ? { on: p.missed_on, explanation: p.missed_explanation } : null,
        };
      }),
      changes: changes.map((x) => ({
        permitCode: codeOf.get(x.permit_id) ?? null,
        reasonCode: x.reason_code,
        reasonDa: reason(x.reason_code).da,
        reasonEn: reason(x.reason_code).en,
        from: { decisionOn: x.from_decision_on, finalOn: x.from_final_on },
        to: { decisionOn: x.to_decision_on, finalOn: x.to_final_on },
        appliedOn: day(x.applied_on),
      })),
    };
  }

  private publicStats: { at: number; clockAt: number; value: Promise<Statistics> } | null = null;

  /**
   * The aggregate L 206 statistics (the same numbers as the coordinators' export), public. Anyone
   * may ask without logging in and the export is a grouped scan of every decided permit (seconds
   * at 100,000 cases), so one answer is shared by every caller for a minute (wall clock and
   * application clock) and concurrent callers wait for the same query; `generatedAt` says when.
   */
  statistics(): Promise<Statistics> {
    const wall = Date.now();
    const clockAt = this.clock.now().getTime();
    const c = this.publicStats;
    if (c && wall - c.at < PUBLIC_STATS_TTL_MS && Math.abs(clockAt - c.clockAt) < PUBLIC_STATS_TTL_MS) return c.value;
    const value = this.stats.compute({}, new Date(clockAt));
    this.publicStats = { at: wall, clockAt, value };
    // A failed computation is not kept.
    value.catch(() => {
      if (this.publicStats?.value === value) this.publicStats = null;
    });
    return value;
  }
}
