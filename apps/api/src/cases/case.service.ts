import { loadJointHearingFloors, referralWaits } from '@rl/case-engine';
import { CALENDAR, caseRiskOf, caseRowSchema, clockColumnsFor, constructionStartOf, parsePermitRow, parsePermitWithAuthority, PermitHostService, planForCase, planForScreening, PERMIT_SELECT, type PermitRow, type PermitWithAuthority, type TransitionedPermit } from '@rl/case-engine';
import { execute, queryRows, sql, type Sql } from '@rl/db';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { initialTransition } from 'xstate';
import { ceilingDueOn as computeCeilingDueOn, toCopenhagenDate } from '@rl/clocks';
import { draftErrors, getPermitType } from '@rl/permits-catalog';
import { ApplicationInvalidError } from '../application/errors';
import { caseRisk, ceilingRisk } from '@rl/critical-path';
import {
  CASE_MACHINE_ID,
  CASE_MACHINE_VERSION,
  caseMachine,
  PERMIT_MACHINE_ID,
  PERMIT_MACHINE_VERSION,
  permitInputFromCatalog,
  initialPermitState,
  type InitialPermitState,
  type Role,
} from '@rl/permits-machines';
import { screen, type IndustrialParkScreening, type PossiblePermit, type ProjectFacts, type ScreenedPermit, type ScreeningResult } from '@rl/permits-screening';
import { CLOCK, type Clock } from '@rl/server-infra';
import { AccessService, type AccessPrincipal } from '../access';
import type { Principal } from '../auth';
import { ApiError } from '../common/problem';
import { DocumentNotFoundError } from '../documents/documents.service';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { allowedCaseEventsFor, caseSummary, permitSummary, permitView, worstRisk } from './views';

/** The stored forecast's P80 (issue 16): at risk when it passes the ceiling. */
const STORED_P80_ROW = z.object({ completion_p80: z.string() });

/**
 * 422: the facts screen to no permit at all. Such a case has nothing to route or decide and
 * would sit in `inProgress` forever after submission, so it is refused at creation and (for a
 * case stored before this rule, or whose permits were all withdrawn) at submission.
 */
/** The "don't know" answers of a case and whether it may be submitted (issue 13 item 15). */
/**
 * The settlement of a case's open "don't know" answers from its screening (null: no unknown facts)
 * and the latest `case.unknownsAccepted` audit row, if any.
 */
function settlementOf(r: Pick<ScreeningResult, 'unsettledFacts' | 'possiblePermits'> | null, last: { occurred_at: Date | string; actor_user_id: string | null; payload?: { unsettledFacts?: unknown; possiblePermits?: unknown } } | undefined): Settlement {
  if (r === null) return { unsettledFacts: [], possiblePermits: [], acceptedAt: null, acceptedBy: null, settled: true };
  // An acceptance covers the questions and permits it named: a question left open later (the
  // facts edited again with a new "don't know") needs the coordinator again.
  const covered = (list: unknown, wanted: string[]) => Array.isArray(list) && wanted.every((x) => list.includes(x));
  const accepted = last && covered(last.payload?.unsettledFacts, r.unsettledFacts) && covered(last.payload?.possiblePermits, r.possiblePermits.map((p) => p.code)) ? last : undefined;
  const open = r.possiblePermits.length > 0;
  return {
    unsettledFacts: r.unsettledFacts,
    possiblePermits: r.possiblePermits,
    acceptedAt: accepted ? new Date(accepted.occurred_at).toISOString() : null,
    acceptedBy: accepted?.actor_user_id ?? null,
    settled: !open || !!accepted,
  };
}

export interface Settlement {
  unsettledFacts: string[];
  possiblePermits: PossiblePermit[];
  acceptedAt: string | null;
  acceptedBy: string | null;
  /** True when nothing is open or a coordinator accepted it: the case may be submitted. */
  settled: boolean;
}

/**
 * The designated-park fast track of a case (issue 13 item 19), screened from its stored facts with
 * its catalogue version; null outside a park (or for stored facts today's rules refuse).
 */
export function industrialParkOf(facts: unknown, catalogVersion: string): IndustrialParkScreening | null {
  if ((facts as { inIndustrialPark?: unknown } | null)?.inIndustrialPark !== true) return null;
  try {
    return screen(facts as ProjectFacts, { catalogVersion, possiblePermits: false }).industrialPark;
  } catch {
    return null;
  }
}

export class UnsettledFactsError extends ApiError {
  constructor(unsettledFacts: string[], possiblePermits: string[]) {
    super('CASE.UNSETTLED_FACTS', `"Don't know" answers leave permits open (${possiblePermits.join(', ')}): settle ${unsettledFacts.join(', ')} or have a coordinator accept them.`, { unsettledFacts, possiblePermits });
  }
}

export class NoApplicablePermitsError extends ApiError {
  constructor() {
    super('CASE.NO_APPLICABLE_PERMITS', 'The project facts screen to no permit, so there is nothing to apply for; check the facts with POST /screening.');
  }
}

// Rows of the reads below, typed where they leave the database.
const TOTAL_ROW = z.object({ total: z.number().int() });
const ID_ROW = z.object({ id: z.string() });
/** `id, code` of authorities (by routing code) and of the permits a case creation inserted. */
const ID_CODE_ROW = z.object({ id: z.string(), code: z.string() });
const CASE_REFERENCE = z.object({ case_reference: z.string() });
const CASE_DETAIL_ROW = caseRowSchema.extend({ organisation_cvr: z.string(), organisation_name: z.string() });
type CaseDetailRow = z.infer<typeof CASE_DETAIL_ROW>;
const CASE_LIST_ROW = CASE_DETAIL_ROW.extend({ permit_count: z.number().int(), open_info_requests: z.number().int(), worst: z.union([z.literal(0), z.literal(1), z.literal(2)]).nullable() });
/** The permit type's names in the case's catalogue version (none if the code is not in it). */
function timelinePermitNames(code: string, catalogVersion: string): { permitNameDa?: string; permitNameEn?: string } {
  try {
    const type = getPermitType(code, catalogVersion);
    return { permitNameDa: type.nameDa, permitNameEn: type.nameEn };
  } catch {
    return {};
  }
}

const TIMELINE_ROW = z.object({
  catalog_version: z.string(),
  id: z.string(),
  permit_id: z.string().nullable(),
  permit_code: z.string().nullable(),
  actor_user_id: z.string().nullable(),
  actor_username: z.string().nullable(),
  actor_name: z.string().nullable(),
  actor_role: z.string().nullable(),
  actor_org_name: z.string().nullable(),
  on_behalf_of_id: z.string().nullable(),
  on_behalf_of_name: z.string().nullable(),
  event_type: z.string(),
  from_state: z.string().nullable(),
  to_state: z.string().nullable(),
  reason: z.string().nullable(),
  payload: z.unknown(),
  occurred_at: z.date(),
});

export class UnknownAuthorityError extends ApiError {
  constructor(code: string) {
    super('CASE.AUTHORITY_NOT_ONBOARDED', `No authority with routing code ${code} is registered; run the seed.`);
  }
}

/** Routing code of a screened authority in the `authorities` table. */
export function authorityRoutingCode(a: ScreenedPermit['authority']): string {
  return a.kind === 'municipality' ? `KOMMUNE-${a.code}` : a.code;
}

export interface CreateCaseInput {
  title: string;
  description?: string;
  facts: unknown;
  /** The structured application (issue 14); optional for API v1 clients (their permits arrive flagged incomplete). */
  application?: { shared: Record<string, unknown>; sections: Record<string, unknown> };
}

export interface ListCasesQuery {
  page: number;
  pageSize: number;
  state?: string;
  q?: string;
  risk?: string;
  sort?: 'created' | 'reference' | 'title' | 'ceilingDue' | 'state';
  direction?: 'asc' | 'desc';
  organisationId?: string;
}

/** ORDER BY of the case list; every order ends in `c.id` so pages are stable. */
function caseOrder(sort: ListCasesQuery['sort'] = 'created', direction?: 'asc' | 'desc'): Sql {
  const dir = sql.raw((direction ?? (sort === 'created' ? 'desc' : 'asc')) === 'desc' ? 'DESC' : 'ASC');
  const column = { created: 'c.created_at', reference: 'c.reference', title: 'c.title', ceilingDue: 'c.ceiling_due_on', state: 'c.state' }[sort];
  return sql`${sql.raw(column)} ${dir} NULLS LAST, c.id`;
}

const REFERRAL_DUE_ROW = z.object({ id: z.string(), due_on: z.string() });

@Injectable()
export class CaseService {
  constructor(
    private readonly access: AccessService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly ds: DataSource,
    private readonly host: PermitHostService,
    private readonly idempotency: IdempotencyService,
  ) {}

  /**
   * The one validation path of project facts, for POST /screening and POST /cases alike (issue 13
   * item 18): the facts as the client sent them (common/raw-json-body.ts) → `screen`, which
   * refuses bad facts with 422 SCREENING.INVALID_FACTS and the rule that refused them.
   */
  private screenFacts(facts: unknown, today: ReturnType<typeof toCopenhagenDate>): ScreeningResult {
    return screen(facts as ProjectFacts, { today });
  }

  /** Screening preview (no case): permits, reasons, authorities, prerequisites, projection. */
  preview(facts: unknown) {
    const now = this.clock.now();
    const today = toCopenhagenDate(now);
    const result = this.screenFacts(facts, today);
    // Outside L 206 there is no ceiling to project against (issue 13 item 16).
    const ceilingDueOn = result.caseCeiling.appliesUnderL206 ? computeCeilingDueOn(today, result.caseCeiling.months, CALENDAR) : undefined;
    const plan = planForScreening(result.permits, today, ceilingDueOn);
    const previewCeiling = ceilingRisk({ startOn: today, ceilingDueOn, projectedCompletion: plan.projectedCompletion });
    return {
      catalogVersion: result.catalogVersion,
      permits: result.permits.map((p) => ({
        code: p.code,
        nameDa: p.nameDa,
        nameEn: p.nameEn,
        legalBasis: p.legalBasis,
        reasons: p.reasons,
        authority: p.authority,
        coAuthorities: p.coAuthorities,
        routedBy: p.routedBy,
        prerequisites: p.prerequisites,
        clocks: { serviceTarget: p.serviceTarget, statutoryDeadline: p.statutoryDeadline, typicalDuration: p.typicalDuration, hearing: p.hearing, appeal: p.appeal },
        plan: plan.byCode[p.code] ?? null,
      })),
      projectedDecisionDate: plan.projectedCompletion,
      criticalPath: plan.criticalPath,
      caseCeiling: {
        ...result.caseCeiling,
        dueOnIfStartedToday: ceilingDueOn ?? null,
        withinCeiling: plan.ceiling?.withinCeiling ?? null,
        marginDays: plan.ceiling?.marginDays ?? null,
        risk: previewCeiling?.risk ?? null,
        usedShare: previewCeiling?.usedShare ?? null,
      },
      // The one case risk (issue 16 item 1), so the company is warned before it creates the case.
      risk: caseRisk([], previewCeiling),
      eligibleForOneStopShop: result.eligibleForOneStopShop,
      notes: result.notes,
      // What screening derived from the list item (s-mark, annex, EIA track) and from what (issue 13).
      derived: result.derived,
      // "Don't know" answers (issue 13 item 15): permits the other answer may add, and the questions.
      possiblePermits: result.possiblePermits,
      unsettledFacts: result.unsettledFacts,
      // The designated-park fast track (issue 13 item 19; its effects are inferences).
      industrialPark: result.industrialPark,
    };
  }

  /** POST /cases: screening + case + permits + audit + outbox in one transaction. */
  async create(principal: Principal, input: CreateCaseInput, idempotencyKey: string | undefined) {
    const now = this.clock.now();
    const today = toCopenhagenDate(now);
    // Validate before the transaction (typed 422 for bad facts, no key consumed).
    const screening = this.screenFacts(input.facts, today);
    if (screening.permits.length === 0) throw new NoApplicablePermitsError();
    if (input.application) {
      const problems = draftErrors(screening.catalogVersion, input.application, screening.permits.map((p) => p.code));
      if (problems.length > 0) throw new ApplicationInvalidError(problems);
    }
    // The organisation is part of the request: one key reused for another company (X-Acting-For) is a different request.
    return this.idempotency.run(principal.userId, idempotencyKey, { method: 'POST', path: '/cases', body: { ...input, organisationId: principal.organisationId } }, async (m) => {
      const { c, permits } = await this.insertCase(m, principal, input, screening);
      // The view is built from the rows the inserts returned: a new case has no joint hearing,
      // referral, stored forecast or coordinator acceptance yet, and it is the caller's own
      // organisation's case (visible to them by AccessService.applicantCases). Re-reading all of it
      // cost 7 of the 15 round trips of a case creation (issue 14, bench step b).
      const settlement = settlementOf((input.facts as ProjectFacts).unknownFacts?.length ? screening : null, undefined);
      return { status: 201, body: this.detailView(principal, c, permits, { floors: [], referralWaits: new Map(), p80: null, settlement }) };
    });
  }

  private async insertCase(m: EntityManager, principal: Principal, input: CreateCaseInput, screening: ScreeningResult): Promise<{ c: CaseDetailRow; permits: PermitWithAuthority[] }> {
    const at = this.clock.now().toISOString();
    const facts = input.facts as ProjectFacts & { nationalStrategicImportance?: boolean };
    const authorityId = await this.authorityIds(m, screening.permits);

    // Four statements whatever the permit count (case, permits, outbox, audit): at ~24 permits a
    // round trip per row dominated case creation.
    const caseId = randomUUID();
    // Not eligible for Én indgang (L 206 §2): no ceiling stored, only the reason (issue 13 item 16).
    const ceilingMonths = screening.caseCeiling.appliesUnderL206 ? screening.caseCeiling.months : null;
    const [caseSnapshot] = initialTransition(caseMachine, { caseId, ceilingMonths });
    const [c] = await queryRows(
      m,
      CASE_DETAIL_ROW,
      sql`WITH c AS (
            INSERT INTO cases (id, reference, organisation_id, title, description, facts, catalog_version, state, machine_id, machine_version, snapshot,
                               simple, ceiling_months, ceiling_reason, national_strategic, created_by)
            SELECT ${caseId}, 'RL-' || ${at.slice(0, 4)} || '-' || lpad(s.n::text, greatest(6, length(s.n::text)), '0'), ${principal.organisationId}, ${input.title},
                   ${input.description ?? ''}, ${JSON.stringify(input.facts)}, ${screening.catalogVersion}, 'draft', ${CASE_MACHINE_ID}, ${CASE_MACHINE_VERSION},
                   ${JSON.stringify(caseMachine.getPersistedSnapshot(caseSnapshot))}, ${screening.caseCeiling.simple}, ${ceilingMonths},
                   ${JSON.stringify(screening.caseCeiling.reason)}, ${facts.nationalStrategicImportance === true}, ${principal.userId}
              FROM (SELECT nextval('case_reference_seq') AS n) s
            RETURNING *)
          SELECT c.*, o.cvr AS organisation_cvr, o.name AS organisation_name FROM c JOIN organisations o ON o.id = c.organisation_id`,
    );
    const reference = c.reference;

    const { outbox, rows: permits } = await this.insertPermits(m, caseId, screening.permits, screening.catalogVersion, authorityId, at);
    outbox.push({ aggregateType: 'case', aggregateId: caseId, type: 'case.created', payload: { caseId, reference, at } });
    await this.host.insertOutbox(m, outbox);
    // The application (issue 14): version 1, as sent (validated before the transaction) or empty;
    // and the audit row, in the same statement.
    const app = input.application ?? { shared: {}, sections: {} };
    await execute(
      m,
      sql`WITH ca AS (INSERT INTO case_applications (case_id, version, shared, sections, updated_by, updated_at)
                      VALUES (${caseId}, 1, ${JSON.stringify(app.shared)}, ${JSON.stringify(app.sections)}, ${principal.userId}, ${at}) RETURNING case_id),
               cv AS (INSERT INTO case_application_versions (case_id, version, shared, sections, created_by, created_at)
                      SELECT case_id, 1, ${JSON.stringify(app.shared)}, ${JSON.stringify(app.sections)}, ${principal.userId}, ${at} FROM ca)
          INSERT INTO audit_events (case_id, actor_user_id, actor_role, event_type, from_state, to_state, payload, occurred_at)
          VALUES (${caseId}, ${principal.userId}, ${principal.role}, 'case.created', NULL, 'draft',
                  ${JSON.stringify({ reference, catalogVersion: screening.catalogVersion, permits: screening.permits.map((p) => p.code) })}, ${at})`,
    );
    return { c, permits };
  }

  /** Authority ids by routing code of the screened permits; 422 when one is not onboarded. */
  async authorityIds(m: EntityManager, permits: readonly ScreenedPermit[]): Promise<Map<string, string>> {
    const codes = [...new Set(permits.map((p) => authorityRoutingCode(p.authority)))];
    const authorities = await queryRows(m, ID_CODE_ROW, sql`SELECT id, code FROM authorities WHERE code = ANY(${codes})`);
    const authorityId = new Map(authorities.map((a) => [a.code, a.id]));
    for (const c of codes) if (!authorityId.has(c)) throw new UnknownAuthorityError(c);
    return authorityId;
  }

  /**
   * Inserts the screened permits of a case (case creation, and permits a facts change adds) in one
   * statement, and returns the outbox rows of their entry effects.
   */
  async insertPermits(
    m: EntityManager,
    caseId: string,
    permits: readonly ScreenedPermit[],
    catalogVersion: string,
    authorityId: ReadonlyMap<string, string>,
    at: string,
  ): Promise<{ outbox: Parameters<PermitHostService['insertOutbox']>[1]; rows: PermitWithAuthority[] }> {
    const tuples: Sql[] = [];
    const entryEffects = new Map<string, InitialPermitState>();
    for (const p of permits) {
      const type = getPermitType(p.code, catalogVersion);
      const prerequisites = p.prerequisites.map((x) => ({ code: x.code, requires: x.requires, via: x.via }));
      const initial = initialPermitState(permitInputFromCatalog(type, catalogVersion, prerequisites.map((x) => x.code)));
      const clocks = clockColumnsFor(p);
      entryEffects.set(p.code, initial);
      tuples.push(
        sql`(${caseId}, ${p.code}, ${authorityId.get(authorityRoutingCode(p.authority))}, ${initial.state}, ${PERMIT_MACHINE_ID}, ${PERMIT_MACHINE_VERSION},
             ${initial.snapshotJson}, ${JSON.stringify(prerequisites)}, ${JSON.stringify(p.reasons)},
             ${clocks.target_unit}, ${clocks.target_length}, ${clocks.target_kind}, ${clocks.statutory_unit}, ${clocks.statutory_length})`,
      );
    }
    const outbox: Parameters<PermitHostService['insertOutbox']>[1] = [];
    let inserted: PermitWithAuthority[] = [];
    if (tuples.length > 0) {
      // The new rows come back as the permit views read them (with their authority), in the
      // views' order (created_at is the transaction's time, so by code).
      inserted = await queryRows(
        m,
        { parse: parsePermitWithAuthority },
        sql`WITH p AS (
              INSERT INTO permits (case_id, code, authority_id, state, machine_id, machine_version, snapshot, prerequisites, reasons,
                                   target_unit, target_length, target_kind, statutory_unit, statutory_length)
              VALUES ${sql.join(tuples, ', ')} RETURNING *)
            SELECT ${sql.raw(PERMIT_SELECT)} FROM p JOIN authorities a ON a.id = p.authority_id ORDER BY p.created_at, p.code`,
      );
      const idOf = new Map(inserted.map((r) => [r.code, r.id]));
      for (const p of permits) {
        const permitId = idOf.get(p.code) as string;
        const { state, effects } = entryEffects.get(p.code) as InitialPermitState;
        for (const e of effects) {
          outbox.push({ aggregateType: 'permit', aggregateId: permitId, type: e.type, payload: { caseId, permitId, permitCode: p.code, eventType: 'permit.created', toState: state, params: e.params, at } });
        }
      }
    }
    return { outbox, rows: inserted };
  }

  /**
   * The case's open "don't know" answers (issue 13 item 15): the possible permits they leave
   * open (screened with the case's facts and catalogue version) and the coordinator's acceptance
   * (the `case.unknownsAccepted` audit row), if any.
   */
  async settlement(m: EntityManager, caseId: string): Promise<Settlement> {
    const [c] = await m.query(`SELECT facts, catalog_version FROM cases WHERE id = $1`, [caseId]);
    const facts = (c?.facts ?? {}) as ProjectFacts;
    if (!facts.unknownFacts?.length) return settlementOf(null, undefined);
    const r = screen(facts, { catalogVersion: c.catalog_version });
    const [last] = await m.query(
      `SELECT occurred_at, actor_user_id, payload FROM audit_events WHERE case_id = $1 AND event_type = 'case.unknownsAccepted' ORDER BY id DESC LIMIT 1`,
      [caseId],
    );
    return settlementOf(r, last);
  }

  /** Refuses to submit a case with possible permits left open by "don't know" answers, unless a coordinator accepted them. */
  async assertSettled(m: EntityManager, caseId: string): Promise<void> {
    const s = await this.settlement(m, caseId);
    if (!s.settled) throw new UnsettledFactsError(s.unsettledFacts, s.possiblePermits.map((p) => p.code));
  }

  /** Refuses to submit a case that has no live permit (see {@link NoApplicablePermitsError}). Call with the case locked. */
  async assertHasPermits(m: EntityManager, caseId: string): Promise<void> {
    const live = await execute(m, sql`SELECT 1 FROM permits WHERE case_id = ${caseId} AND state <> 'withdrawn' LIMIT 1`);
    if (live === 0) throw new NoApplicablePermitsError();
  }

  /**
   * The documents an info answer points at must exist and belong to the permit's own case;
   * otherwise 404 DOCUMENT.NOT_FOUND (like any object the caller may not see), nothing written.
   */
  /** Issue 17: 422 when the permit's hearing is part of an open joint hearing (it ends with the joint hearing, after its one period). */
  async assertNotInOpenJointHearing(m: EntityManager, permitId: string): Promise<void> {
    const [row] = await queryRows(
      m,
      ID_ROW,
      sql`SELECT j.id FROM joint_hearing_permits jp JOIN joint_hearings j ON j.id = jp.joint_hearing_id WHERE jp.permit_id = ${permitId} AND jp.open AND j.status = 'open'`,
    );
    if (row) throw new ApiError('JOINT_HEARING.END_THROUGH_JOINT_HEARING', 'This permit is in a joint hearing: it ends with the joint hearing (POST /joint-hearings/:id/end).', { jointHearingId: row.id });
  }

  /**
   * Issue 17 item 1: a permit is not decided while another authority's opinion or consent it asked
   * for is open — until the answer comes, or the deadline has passed and the caseworker records
   * that they proceed without it (POST /referrals/:id/proceed). 422 REFERRAL.OPEN, nothing written.
   */
  async assertNoOpenReferral(m: EntityManager, permitId: string): Promise<void> {
    const open = await queryRows(m, REFERRAL_DUE_ROW, sql`SELECT id, due_on::text AS due_on FROM referrals WHERE permit_id = ${permitId} AND status = 'open' ORDER BY due_on, id`);
    if (open.length > 0) {
      throw new ApiError('REFERRAL.OPEN', `The permit has ${open.length} open referral(s): decide after the answer, or after the deadline (${open[0].due_on}) once you have recorded that you proceed without it.`, {
        referrals: open.map((r) => ({ id: r.id, dueOn: r.due_on })),
      });
    }
  }

  async assertDocumentsOfCase(m: EntityManager, caseId: string, documentIds: readonly string[]): Promise<void> {
    if (documentIds.length === 0) return;
    const ids = [...new Set(documentIds.map((d) => d.toLowerCase()))];
    const found = await queryRows(m, ID_ROW, sql`SELECT id FROM documents WHERE case_id = ${caseId} AND id = ANY(${ids}::uuid[])`);
    const known = new Set(found.map((r) => r.id));
    const missing = ids.find((d) => !known.has(d));
    if (missing) throw new DocumentNotFoundError(missing);
  }

  async list(principal: AccessPrincipal, q: ListCasesQuery) {
    const where: Sql[] = [this.access.caseFilter(principal, 'c')];
    if (q.state) where.push(sql`c.state = ${q.state}`);
    // Narrows what the caller may see (caseFilter above); never widens it.
    if (q.organisationId) where.push(sql`c.organisation_id = ${q.organisationId}::uuid`);
    if (q.q) {
      const like = `%${q.q.replace(/[%_\\]/g, (ch) => `\\${ch}`)}%`;
      // Issue 19: reference, title, description (the site and address are described there), company name and CVR.
      where.push(sql`(c.title ILIKE ${like} OR c.reference ILIKE ${like} OR c.description ILIKE ${like} OR o.name ILIKE ${like} OR o.cvr ILIKE ${like})`);
    }
    // Risk (filter and shown value) comes only from permits the caller sees in full — for a
    // caseworker their own authority's — as in the detail view; otherwise ?risk= would reveal
    // the state of other authorities' permits.
    const ownPermit = (alias: string) => (principal.role === 'caseworker' ? sql`${sql.raw(alias)}.authority_id = ${principal.authorityId}` : sql.raw('TRUE'));
    // The ceiling's risk counts too (issue 16), except for caseworkers (their own permits only).
    const ceilingMatch = principal.role === 'caseworker' ? sql.raw('FALSE') : sql`EXISTS (SELECT 1 FROM case_forecasts cf WHERE cf.case_id = c.id AND cf.ceiling_risk = ${q.risk ?? null})`;
    if (q.risk) where.push(sql`(EXISTS (SELECT 1 FROM permits rp WHERE rp.case_id = c.id AND ${ownPermit('rp')} AND rp.risk = ${q.risk}) OR ${ceilingMatch})`);
    const whereSql = sql.join(where, ' AND ');
    const [{ total }] = await queryRows(this.ds, TOTAL_ROW, sql`SELECT count(*)::int AS total FROM cases c JOIN organisations o ON o.id = c.organisation_id WHERE ${whereSql}`);
    const rows = await queryRows(
      this.ds,
      CASE_LIST_ROW,
      sql`SELECT c.*, o.cvr AS organisation_cvr, o.name AS organisation_name,
                 (SELECT count(*)::int FROM permits x WHERE x.case_id = c.id) AS permit_count,
                 (SELECT max(CASE x.risk WHEN 'breached' THEN 2 WHEN 'atRisk' THEN 1 ELSE 0 END) FROM permits x WHERE x.case_id = c.id AND ${ownPermit('x')}) AS worst,
                 (SELECT count(*)::int FROM permits x WHERE x.case_id = c.id AND x.state IN ('submitted.infoRequested', 'infoRequested') AND ${ownPermit('x')}) AS open_info_requests
            FROM cases c JOIN organisations o ON o.id = c.organisation_id
           WHERE ${whereSql}
           ORDER BY ${caseOrder(q.sort, q.direction)}
           LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
    );
    // The one case risk (issue 16 item 1) for the page: the permits' worst (above) and the
    // ceiling's, computed as the detail view does — one read of the page's permits.
    const now = this.clock.now();
    const pagePermits = rows.length ? await queryRows(this.ds, { parse: parsePermitRow }, sql`SELECT * FROM permits WHERE case_id = ANY(${rows.map((r) => r.id)}::uuid[])`) : [];
    const p80s = rows.length ? await queryRows(this.ds, STORED_P80_ROW.extend({ case_id: z.string() }), sql`SELECT case_id, completion_p80 FROM case_forecasts WHERE case_id = ANY(${rows.map((r) => r.id)}::uuid[])`) : [];
    // Open joint hearings and referral waits hold permits back in the projection, as on the case
    // page: read once for the page (keyed by permit id), so the list says the risk the case says.
    const [floors, waits] = rows.length ? await Promise.all([loadJointHearingFloors(this.ds, rows.map((r) => r.id)), referralWaits(this.ds, rows.map((r) => r.id))]) : [[], new Map<string, string>()];
    const projectionOf = (permits: PermitRow[], ceilingDueOn: string | null) => {
      try {
        return planForCase(permits, now, ceilingDueOn, floors, waits).projectedCompletion;
      } catch {
        return null; // a case whose plan cannot be computed shows its permits' risk
      }
    };
    const includeCeiling = principal.role !== 'caseworker';
    const ceilingOf = (r: (typeof rows)[number]) => {
      const permits = pagePermits.filter((p) => p.case_id === r.id);
      return caseRiskOf({
        // A caseworker's list risk is their own permits' (no ceiling): no projection to compute.
        projectedCompletion: includeCeiling ? projectionOf(permits, r.ceiling_due_on) : null,
        permits,
        visible: () => false,
        now,
        ceilingDueOn: r.ceiling_due_on,
        ceilingStartOn: r.submitted_at ? toCopenhagenDate(r.submitted_at) : null,
        p80: p80s.find((f) => f.case_id === r.id)?.completion_p80 ?? null,
        includeCeiling,
      }).risk;
    };
    return {
      items: rows.map((r) => ({ ...caseSummary({ ...r, risk: worstRisk([(['onTrack', 'atRisk', 'breached'] as const)[r.worst ?? 0], ceilingOf(r)]) }), openInfoRequests: r.open_info_requests })),
      page: q.page,
      pageSize: q.pageSize,
      total,
    };
  }

  /** GET /cases/:id: the case with permits (caseworkers see other authorities' permits as summaries). */
  async detail(principal: Principal, caseId: string, m: EntityManager = this.ds.manager) {
    await this.access.assertCaseVisible(principal, caseId, m);
    const [c] = await queryRows(
      m,
      CASE_DETAIL_ROW,
      sql`SELECT c.*, o.cvr AS organisation_cvr, o.name AS organisation_name FROM cases c JOIN organisations o ON o.id = c.organisation_id WHERE c.id = ${caseId}`,
    );
    const permits = await queryRows(
      m,
      { parse: parsePermitWithAuthority },
      sql`SELECT ${sql.raw(PERMIT_SELECT)} FROM permits p JOIN authorities a ON a.id = p.authority_id WHERE p.case_id = ${caseId} ORDER BY p.created_at, p.code`,
    );
    const floors = await loadJointHearingFloors(m, caseId);
    const waits = await referralWaits(m, caseId);
    const [stored] = await queryRows(m, STORED_P80_ROW, sql`SELECT completion_p80 FROM case_forecasts WHERE case_id = ${caseId}`);
    return this.detailView(principal, c, permits, { floors, referralWaits: waits, p80: stored?.completion_p80 ?? null, settlement: await this.settlement(m, caseId) });
  }

  /** The case as `principal` sees it, from its rows (what the detail read loads, or what case creation just wrote). */
  private detailView(
    principal: Principal,
    c: CaseDetailRow,
    permits: PermitWithAuthority[],
    loaded: { floors: Awaited<ReturnType<typeof loadJointHearingFloors>>; referralWaits: ReadonlyMap<string, string>; p80: string | null; settlement: Settlement },
  ) {
    const now = this.clock.now();
    const role = principal.role as Role;
    const full = (p: PermitRow) => principal.role !== 'caseworker' || p.authority_id === principal.authorityId;
    const views = permits.map((p) => (full(p) ? permitView(p, now, role, c.reference) : permitSummary(p)));
    const plan = planForCase(permits, now, c.ceiling_due_on, loaded.floors, loaded.referralWaits);
    // One risk (issue 16 item 1): the worst of the permits the caller sees and the ceiling's.
    const risk = caseRiskOf({ permits, visible: full, now, ceilingDueOn: c.ceiling_due_on, ceilingStartOn: c.submitted_at ? toCopenhagenDate(c.submitted_at) : null, p80: loaded.p80, projectedCompletion: plan.projectedCompletion, includeCeiling: principal.role !== 'caseworker' });
    return {
      ...caseSummary(c),
      description: c.description,
      catalogVersion: c.catalog_version,
      facts: c.facts,
      completedAt: c.completed_at ? new Date(c.completed_at).toISOString() : null,
      risk: risk.risk,
      permits: views,
      projection: {
        projectedCompletion: plan.projectedCompletion,
        criticalPath: plan.criticalPath,
        ceilingDueOn: c.ceiling_due_on,
        withinCeiling: plan.ceiling?.withinCeiling ?? null,
        marginDays: plan.ceiling?.marginDays ?? null,
        ceilingRisk: risk.ceiling?.risk ?? null,
        ceilingUsedShare: risk.ceiling?.usedShare ?? null,
        p80: loaded.p80,
      },
      // May building start? MBL §33(1) and the rest of the gate (issue 13 item 17). Uses only
      // permit states, which every caller of this view already sees (permitSummary).
      constructionStart: constructionStartOf(permits),
      settlement: loaded.settlement,
      industrialPark: industrialParkOf(c.facts, c.catalog_version),
      allowedEvents: allowedCaseEventsFor(c, role, now),
    };
  }

  async permitDetail(principal: Principal, permitId: string, m: EntityManager = this.ds.manager, accessChecked = false) {
    if (!accessChecked) await this.access.assertPermitVisible(principal, permitId, m);
    const [p] = await queryRows(
      m,
      { parse: (r) => ({ ...parsePermitWithAuthority(r), ...CASE_REFERENCE.parse(r) }) },
      sql`SELECT ${sql.raw(PERMIT_SELECT)}, c.reference AS case_reference FROM permits p JOIN authorities a ON a.id = p.authority_id JOIN cases c ON c.id = p.case_id WHERE p.id = ${permitId}`,
    );
    return permitView(p, this.clock.now(), principal.role as Role, p.case_reference);
  }

  /** The view of a permit a transition just returned (no further read). */
  transitionedPermitView(principal: Principal, p: TransitionedPermit) {
    return permitView(p, p.computed.at, principal.role as Role, p.case_reference, p.computed);
  }

  async timeline(principal: Principal, caseId: string, page: number, pageSize: number) {
    await this.access.assertCaseVisible(principal, caseId);
    // Caseworkers see case-level entries and entries of their own authority's permits.
    const filter = principal.role === 'caseworker' ? sql`AND (e.permit_id IS NULL OR p.authority_id = ${principal.authorityId})` : sql``;
    const [{ total }] = await queryRows(
      this.ds,
      TOTAL_ROW,
      sql`SELECT count(*)::int AS total FROM audit_events e LEFT JOIN permits p ON p.id = e.permit_id WHERE e.case_id = ${caseId} ${filter}`,
    );
    const rows = await queryRows(
      this.ds,
      TIMELINE_ROW,
      sql`SELECT e.id, e.permit_id, p.code AS permit_code, e.actor_user_id, u.username AS actor_username, u.display_name AS actor_name,
                 e.actor_role, ao.name AS actor_org_name, e.on_behalf_of_organisation_id AS on_behalf_of_id, bo.name AS on_behalf_of_name,
                 e.event_type, e.from_state, e.to_state, e.reason, e.payload, e.occurred_at, c.catalog_version
            FROM audit_events e JOIN cases c ON c.id = e.case_id LEFT JOIN permits p ON p.id = e.permit_id LEFT JOIN users u ON u.id = e.actor_user_id
            LEFT JOIN organisations ao ON ao.id = e.actor_organisation_id LEFT JOIN organisations bo ON bo.id = e.on_behalf_of_organisation_id
           WHERE e.case_id = ${caseId} ${filter}
           ORDER BY e.id
           LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
    );
    return {
      items: rows.map((r) => ({
        id: Number(r.id),
        permitId: r.permit_id,
        permitCode: r.permit_code,
        // Issue 19: the permit's name for people (the code is internal).
        ...(r.permit_code ? timelinePermitNames(r.permit_code, r.catalog_version) : {}),
        actor: r.actor_user_id ? { id: r.actor_user_id, username: r.actor_username, name: r.actor_name, organisationName: r.actor_org_name } : null,
        actorRole: r.actor_role,
        // Who acted for whom (issue 14 point 6): the company whose case it is, when a company-side user acted.
        onBehalfOf: r.on_behalf_of_id ? { id: r.on_behalf_of_id, name: r.on_behalf_of_name } : null,
        eventType: r.event_type,
        fromState: r.from_state,
        toState: r.to_state,
        reason: r.reason,
        payload: r.payload,
        occurredAt: r.occurred_at.toISOString(),
      })),
      page,
      pageSize,
      total,
    };
  }
}
