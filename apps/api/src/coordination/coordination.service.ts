import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { addCalendarDays, calendarDaysBetween, compareLocalDates, toCopenhagenDate } from '@rl/clocks';
import { computeRisk, loadPermit, lockCase, parsePermitRow, plannedItems, PermitHostService, VersionConflictError, type PermitRow } from '@rl/case-engine';
import { execute, queryRows, sql } from '@rl/db';
import { restorePermitSnapshot } from '@rl/permits-machines';
import { CLOCK, type Clock } from '@rl/server-infra';
import { AccessService } from '../access';
import type { Principal } from '../auth';
import { TARGET_CHANGE_REASONS, type TargetChangeReason } from '../insight/reason-codes';
import { planView, requestView } from './plan-view';
import { CASE_ROW, FOUR_EYES_DAYS, ITEM_ROW, PLAN_ROW, PlanError, REQUEST_ROW, VERSION_ROW, type ItemRow, type RequestRow } from './plan-rows';

export interface PlanChangeInput {
  permitId: string;
  plannedStartOn?: string;
  plannedDecisionOn?: string;
  reasonCode: TargetChangeReason;
  note: string;
}

const isDecided = (p: PermitRow) => p.state === 'final' || p.state === 'withdrawn' || p.state.startsWith('decided') || !!p.superseded_by;

/**
 * The agreed coordinated plan (issue 16 item 2, FAST-41 style). A coordinator proposes it from the
 * catalogue and the critical path; the company (or a coordinator recording the agreement) agrees;
 * the baseline is kept. Every change carries a reason code and a note; one that moves a final date
 * more than 30 days from the baseline, or past the ceiling, waits for a second coordinator. A
 * planned decision date IS the permit's target, so an applied change goes through the target
 * path (planExtension: extension, audit, notifications, alerts) in the same transaction.
 */
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class CoordinationService {
  constructor(
    private readonly access: AccessService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly ds: DataSource,
    private readonly host: PermitHostService,
  ) {}

  private today() {
    return toCopenhagenDate(this.clock.now());
  }

  async get(principal: Principal, caseId: string, m: EntityManager = this.ds.manager) {
    await this.access.assertCaseVisible(principal, caseId, m);
    return planView(m, caseId, this.today());
  }

  private async caseRow(m: EntityManager, caseId: string) {
    const [c] = await queryRows(m, CASE_ROW, sql`SELECT id, state, ceiling_due_on, organisation_id FROM cases WHERE id = ${caseId}`);
    return c;
  }

  /** Bumps the plan version if it is still `expected` (concurrent plan edits → 409). */
  private async bump(m: EntityManager, caseId: string, expected: number) {
    const [row] = await queryRows(m, VERSION_ROW, sql`UPDATE coordinated_plans SET version = version + 1 WHERE case_id = ${caseId} AND version = ${expected} RETURNING version`);
    if (row) return row.version;
    const [cur] = await queryRows(m, VERSION_ROW, sql`SELECT version FROM coordinated_plans WHERE case_id = ${caseId}`);
    if (!cur) throw new PlanError('PLAN.NOT_FOUND', 'This case has no coordinated plan yet.');
    throw new VersionConflictError(cur.version);
  }

  private async audit(m: EntityManager, caseId: string, permitId: string | null, principal: Principal, eventType: string, payload: Record<string, unknown>) {
    await execute(
      m,
      sql`INSERT INTO audit_events (case_id, permit_id, actor_user_id, actor_role, event_type, reason, payload, occurred_at)
          VALUES (${caseId}, ${permitId}, ${principal.userId}, ${principal.role}, ${eventType}, ${typeof payload.reasonCode === 'string' ? payload.reasonCode : null}, ${JSON.stringify(payload)}, ${this.clock.now()})`,
    );
  }

  /** Proposes (or, before agreement, re-proposes) the plan from the critical path. */
  async propose(principal: Principal, caseId: string, expectedVersion: number | null) {
    await this.access.assertCaseVisible(principal, caseId);
    return this.ds.transaction(async (m) => {
      await lockCase(m, caseId);
      const c = await this.caseRow(m, caseId);
      if (c.state !== 'submitted' && c.state !== 'inProgress') throw new PlanError('PLAN.CASE_NOT_RUNNING', 'A plan is proposed after the case was submitted and while it runs.');
      const [existing] = await queryRows(m, PLAN_ROW, sql`SELECT p.*, NULL AS proposed_by_name, NULL AS agreed_by_name FROM coordinated_plans p WHERE case_id = ${caseId}`);
      if (existing?.status === 'agreed') throw new PlanError('PLAN.ALREADY_AGREED', 'The plan is agreed; change its dates one by one.');
      if (existing) {
        if (expectedVersion === null) throw new VersionConflictError(existing.version);
        await this.bump(m, caseId, expectedVersion);
        await execute(m, sql`UPDATE coordinated_plans SET proposed_by = ${principal.userId}, proposed_at = ${this.clock.now()} WHERE case_id = ${caseId}`);
        await execute(m, sql`DELETE FROM plan_items WHERE case_id = ${caseId}`);
      } else {
        await execute(m, sql`INSERT INTO coordinated_plans (case_id, status, proposed_by, proposed_at) VALUES (${caseId}, 'proposed', ${principal.userId}, ${this.clock.now()})`);
      }
      const permits = await queryRows(m, { parse: parsePermitRow }, sql`SELECT * FROM permits WHERE case_id = ${caseId} ORDER BY created_at, code`);
      const now = this.clock.now();
      const today = toCopenhagenDate(now);
      const items = plannedItems(permits, now, c.ceiling_due_on);
      await execute(
        m,
        sql`INSERT INTO plan_items (permit_id, case_id, baseline_start_on, baseline_decision_on, baseline_final_on, planned_start_on, planned_decision_on, planned_final_on)
            SELECT t.id, ${caseId}, t.s, t.d, t.f, t.s, t.d, t.f
              FROM unnest(${items.map((i) => i.id)}::uuid[], ${items.map((i) => i.start)}::date[], ${items.map((i) => i.decision)}::date[], ${items.map((i) => i.final)}::date[]) AS t(id, s, d, f)`,
      );
      // The stored forecast reads the planned starts (a permit does not start before its planned
      // start): the case counts as changed, so the worker recomputes it today, not tomorrow.
      await execute(m, sql`UPDATE cases SET updated_at = ${now} WHERE id = ${caseId}`);
      await this.audit(m, caseId, null, principal, 'plan.proposed', { items: items.length });
      return planView(m, caseId, today);
    });
  }

  /** Records the agreement: the company's applicant, or a coordinator recording it. The baseline is fixed here. */
  async agree(principal: Principal, caseId: string, expectedVersion: number) {
    await this.access.assertCaseVisible(principal, caseId);
    return this.ds.transaction(async (m) => {
      await lockCase(m, caseId);
      const [plan] = await queryRows(m, PLAN_ROW, sql`SELECT p.*, NULL AS proposed_by_name, NULL AS agreed_by_name FROM coordinated_plans p WHERE case_id = ${caseId}`);
      if (!plan) throw new PlanError('PLAN.NOT_FOUND', 'This case has no coordinated plan yet.');
      if (plan.status === 'agreed') throw new PlanError('PLAN.ALREADY_AGREED', 'The plan is already agreed.');
      await this.bump(m, caseId, expectedVersion);
      await execute(m, sql`UPDATE coordinated_plans SET status = 'agreed', agreed_by = ${principal.userId}, agreed_role = ${principal.role}, agreed_at = ${this.clock.now()} WHERE case_id = ${caseId}`);
      await execute(
        m,
        sql`UPDATE plan_items SET baseline_start_on = planned_start_on, baseline_decision_on = planned_decision_on, baseline_final_on = planned_final_on WHERE case_id = ${caseId}`,
      );
      await this.audit(m, caseId, null, principal, 'plan.agreed', {});
      return planView(m, caseId, this.today());
    });
  }

  /** A change of a permit's planned dates: applied at once, or kept pending for a second coordinator. */
  async requestChange(principal: Principal, caseId: string, expectedVersion: number, input: PlanChangeInput) {
    await this.access.assertCaseVisible(principal, caseId);
    return this.ds.transaction(async (m) => {
      await lockCase(m, caseId);
      const [plan] = await queryRows(m, PLAN_ROW, sql`SELECT p.*, NULL AS proposed_by_name, NULL AS agreed_by_name FROM coordinated_plans p WHERE case_id = ${caseId}`);
      if (!plan) throw new PlanError('PLAN.NOT_FOUND', 'This case has no coordinated plan yet.');
      if (plan.status !== 'agreed') throw new PlanError('PLAN.NOT_AGREED', 'Change control starts when the plan is agreed; propose it again instead.');
      const [item] = await queryRows(m, ITEM_ROW, sql`SELECT * FROM plan_items WHERE case_id = ${caseId} AND permit_id = ${input.permitId}`);
      if (!item) throw new PlanError('PLAN.PERMIT_NOT_IN_PLAN', `Permit ${input.permitId} is not in this case's plan.`);
      const permit = await loadPermit(m, input.permitId);
      if (!permit || isDecided(permit)) throw new PlanError('PLAN.PERMIT_DECIDED', 'A decided, final or withdrawn permit keeps its dates.');
      const today = this.today();
      const toStart = input.plannedStartOn ?? item.planned_start_on;
      const toDecision = input.plannedDecisionOn ?? item.planned_decision_on;
      for (const [field, d, from] of [['plannedStartOn', input.plannedStartOn, item.planned_start_on], ['plannedDecisionOn', input.plannedDecisionOn, item.planned_decision_on]] as const) {
        if (d !== undefined && d !== from && compareLocalDates(d, today) < 0) throw new PlanError('PLAN.DATE_IN_PAST', `${field} ${d} is before today (${today}).`);
      }
      if (toStart === item.planned_start_on && toDecision === item.planned_decision_on) throw new PlanError('PLAN.DATE_INVALID', 'The change moves no date.');
      if (compareLocalDates(toStart, toDecision) > 0) throw new PlanError('PLAN.DATE_INVALID', 'The planned start must not be after the planned decision.');
      const toFinal = addCalendarDays(toDecision, calendarDaysBetween(item.planned_decision_on, item.planned_final_on));
      const c = await this.caseRow(m, caseId);
      const baselineMove = Math.abs(calendarDaysBetween(item.baseline_final_on, toFinal));
      const pastCeiling = c.ceiling_due_on !== null && compareLocalDates(toFinal, c.ceiling_due_on) > 0;
      const needsApproval = baselineMove > FOUR_EYES_DAYS || pastCeiling;
      this.assertTargetMove(permit, toDecision, today);
      await this.bump(m, caseId, expectedVersion);
      const [req] = await queryRows(
        m,
        REQUEST_ROW.pick({ id: true }),
        sql`INSERT INTO plan_change_requests (case_id, permit_id, requested_by, requested_at, reason_code, note, from_start_on, to_start_on, from_decision_on, to_decision_on,
                                              from_final_on, to_final_on, baseline_move_days, past_ceiling, needs_second_approval, status)
            VALUES (${caseId}, ${input.permitId}, ${principal.userId}, ${this.clock.now()}, ${input.reasonCode}, ${input.note}, ${item.planned_start_on}, ${toStart},
                    ${item.planned_decision_on}, ${toDecision}, ${item.planned_final_on}, ${toFinal}, ${baselineMove}, ${pastCeiling}, ${needsApproval}, 'pending')
            RETURNING id`,
      );
      const [request] = await this.requests(m, req.id);
      if (needsApproval) await this.audit(m, caseId, input.permitId, principal, 'plan.changeRequested', { requestId: req.id, reasonCode: input.reasonCode, baselineMoveDays: baselineMove, pastCeiling });
      else await this.apply(m, principal, item, request, null);
      return { request: requestView((await this.requests(m, req.id))[0]), plan: await planView(m, caseId, today) };
    });
  }

  /** A running clock's target only moves later (as `POST /permits/:id/target-date`); a decision date before it is refused. */
  private assertTargetMove(permit: PermitRow, toDecision: string, today: string) {
    if (!permit.complete_on || !permit.state.startsWith('submitted')) return;
    const current = computeRisk(permit, today).target?.dueOn;
    if (current && compareLocalDates(toDecision, current) < 0) throw new PlanError('PLAN.DATE_INVALID', `The permit's clock runs; its target (${current}) can only move later.`);
  }

  private requests(m: EntityManager, id: string): Promise<RequestRow[]> {
    return queryRows(
      m,
      REQUEST_ROW,
      sql`SELECT r.*, u.display_name AS requested_by_name, d.display_name AS decided_by_name FROM plan_change_requests r
            JOIN users u ON u.id = r.requested_by LEFT JOIN users d ON d.id = r.decided_by WHERE r.id = ${id}`,
    );
  }

  /** Applies a change: the plan item, and the permit's target through the target path (planExtension). */
  private async apply(m: EntityManager, principal: Principal, item: ItemRow, r: RequestRow, approver: Principal | null) {
    const permit = await loadPermit(m, r.permit_id);
    if (!permit || isDecided(permit)) throw new PlanError('PLAN.PERMIT_DECIDED', 'A decided, final or withdrawn permit keeps its dates.');
    const today = this.today();
    let extensions = permit.extensions ?? [];
    const current = permit.complete_on && permit.state.startsWith('submitted') ? computeRisk(permit, today).target?.dueOn : undefined;
    if (current && compareLocalDates(r.to_decision_on, current) > 0) {
      extensions = [...extensions, { reasonCode: r.reason_code, duration: { unit: 'calendarDays' as const, length: calendarDaysBetween(current, r.to_decision_on) } }];
    }
    const reason = TARGET_CHANGE_REASONS[r.reason_code as TargetChangeReason];
    await this.host.applyExtension(m, permit.id, permit.version, {
      extensions,
      eventType: 'plan.changed',
      actor: { userId: (approver ?? principal).userId, role: 'coordinator' },
      details: {
        reasonCode: r.reason_code,
        reasonDa: reason?.da ?? r.reason_code,
        reasonEn: reason?.en ?? r.reason_code,
        comment: r.note,
        requestId: r.id,
        requestedBy: r.requested_by,
        approvedBy: approver?.userId ?? null,
        fromDueOn: r.from_decision_on,
        toDueOn: r.to_decision_on,
        fromFinalOn: r.from_final_on,
        toFinalOn: r.to_final_on,
        baselineMoveDays: r.baseline_move_days,
      },
    });
    await execute(
      m,
      sql`UPDATE plan_items SET planned_start_on = ${r.to_start_on}, planned_decision_on = ${r.to_decision_on}, planned_final_on = ${r.to_final_on} WHERE permit_id = ${item.permit_id}`,
    );
    await execute(m, sql`UPDATE plan_change_requests SET status = 'applied', decided_by = ${approver?.userId ?? null}, decided_at = ${approver ? this.clock.now() : null} WHERE id = ${r.id}`);
  }

  /** The second coordinator's decision on a pending change (four eyes: never the requester). */
  async decide(principal: Principal, caseId: string, requestId: string, expectedVersion: number, approve: boolean, note: string | undefined) {
    await this.access.assertCaseVisible(principal, caseId);
    return this.ds.transaction(async (m) => {
      await lockCase(m, caseId);
      // A request id that is not a UUID names no request (and must not reach a ::uuid cast as a 500).
      const [r] = UUID_PATTERN.test(requestId) ? await this.requests(m, requestId) : [];
      if (!r || r.case_id !== caseId) throw new PlanError('PLAN.REQUEST_NOT_FOUND', `No change request ${requestId} in this case.`);
      if (r.status !== 'pending') throw new PlanError('PLAN.REQUEST_NOT_PENDING', `The request is already ${r.status}.`);
      if (r.requested_by === principal.userId) throw new PlanError('PLAN.SELF_APPROVAL_FORBIDDEN', 'A second coordinator must decide a change you requested (four eyes).');
      await this.bump(m, caseId, expectedVersion);
      if (approve) {
        const [item] = await queryRows(m, ITEM_ROW, sql`SELECT * FROM plan_items WHERE permit_id = ${r.permit_id}`);
        // The request moves the dates it was made against; another change applied since (one that
        // needed no second coordinator) would be silently undone by writing this one's dates.
        if (item.planned_start_on !== r.from_start_on || item.planned_decision_on !== r.from_decision_on || item.planned_final_on !== r.from_final_on) {
          throw new PlanError('PLAN.REQUEST_OUTDATED', `The permit's planned dates changed after this request was made (now start ${item.planned_start_on}, decision ${item.planned_decision_on}): reject it and request the change again.`);
        }
        this.assertTargetMove((await loadPermit(m, r.permit_id)) as PermitRow, r.to_decision_on, this.today());
        await this.apply(m, principal, item, r, principal);
        if (note) await execute(m, sql`UPDATE plan_change_requests SET decision_note = ${note} WHERE id = ${requestId}`);
      } else {
        await execute(m, sql`UPDATE plan_change_requests SET status = 'rejected', decided_by = ${principal.userId}, decided_at = ${this.clock.now()}, decision_note = ${note ?? null} WHERE id = ${requestId}`);
        await this.audit(m, caseId, r.permit_id, principal, 'plan.changeRejected', { requestId, note: note ?? null, reasonCode: r.reason_code });
      }
      return { request: requestView((await this.requests(m, requestId))[0]), plan: await planView(m, caseId, this.today()) };
    });
  }

  /** A planned decision date that passed without a decision, recorded with the authority's explanation. */
  async recordMissed(principal: Principal, caseId: string, permitId: string, expectedVersion: number, explanation: string) {
    const { caseId: ofPermit } = await this.access.assertPermitVisible(principal, permitId);
    if (ofPermit !== caseId) throw new PlanError('PLAN.PERMIT_NOT_IN_PLAN', `Permit ${permitId} is not in this case.`);
    return this.ds.transaction(async (m) => {
      await lockCase(m, caseId);
      const [item] = await queryRows(m, ITEM_ROW, sql`SELECT * FROM plan_items WHERE case_id = ${caseId} AND permit_id = ${permitId}`);
      if (!item) throw new PlanError('PLAN.PERMIT_NOT_IN_PLAN', `Permit ${permitId} is not in this case's plan.`);
      const permit = (await loadPermit(m, permitId)) as PermitRow;
      if (principal.role === 'caseworker' && permit.authority_id !== principal.authorityId) throw new PlanError('PLAN.PERMIT_NOT_IN_PLAN', `Permit ${permitId} is not yours to explain.`);
      const today = this.today();
      // The day the permit's work ended: its decision, or its withdrawal (a permit withdrawn before
      // its planned date never missed it; one withdrawn after it did, and may be explained).
      const withdrawnAt = permit.state === 'withdrawn' ? restorePermitSnapshot(permit.snapshot, permit.machine_version).context.withdrawnAt : null;
      const endedOn = permit.decided_at ? toCopenhagenDate(permit.decided_at) : withdrawnAt ? toCopenhagenDate(withdrawnAt) : null;
      const missed = compareLocalDates(item.planned_decision_on, endedOn ?? today) < 0;
      if (!missed) throw new PlanError('PLAN.NOT_MISSED', `The planned decision date ${item.planned_decision_on} has not been missed.`);
      await this.bump(m, caseId, expectedVersion);
      await execute(
        m,
        sql`UPDATE plan_items SET missed_on = planned_decision_on, missed_explanation = ${explanation}, missed_recorded_by = ${principal.userId}, missed_recorded_at = ${this.clock.now()} WHERE permit_id = ${permitId}`,
      );
      await this.audit(m, caseId, permitId, principal, 'plan.dateMissed', { missedOn: item.planned_decision_on, explanation });
      return planView(m, caseId, today);
    });
  }
}
