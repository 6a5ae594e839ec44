import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ceilingDueOn, toCopenhagenDate } from '@rl/clocks';
import type { CaseEvent, PermitEvent, PermitSnapshot } from '@rl/permits-machines';
import { CLOCK, type Clock } from '@rl/server-infra';
import { transitionCase, transitionPermit } from './apply';
import { VersionConflictError } from './errors';
import { loadFilingCheck } from './filing';
import { alertOwner, claimAlert, insertPermit, loadCase, loadCasePermits, loadTransition, lockCase } from './load';
import { CALENDAR } from './permit-clocks';
import { outboxInsert, type OutboxRow } from './outbox';
import { addMissingPlanItems } from './plan-items';
import { propagate } from './propagate';
import type { PermitClockView } from './permit-clocks';
import type { CaseRow, PermitRow, PermitWithAuthority } from './rows';
import { isDecidedOrFinal, TERMINAL_PERMIT_STATES } from './state-value';
import { planAlertFiring } from './transition/alert-plan';
import { planCeilingRescreen, type CeilingScreening } from './transition/ceiling-plan';
import { planEscalation } from './transition/escalation-plan';
import { planReassignment } from './transition/reassignment-plan';
import type { Recipient } from './notifier';
import { planExtension, type TargetExtension } from './transition/extension-plan';
import { planPermitTransition } from './transition/permit-plan';
import { planReapplication } from './transition/reapplication-plan';
import { planDraftAnswered, planDraftSent, type DraftDecision } from './transition/party-hearing-plan';
import type { Duration } from '@rl/clocks';

export type PartyHearingStep =
  | { kind: 'send'; draft: DraftDecision; period: Duration }
  | { kind: 'answer'; draftId: string; response: 'accepted' | 'commented'; text: string | null };
import { planUnknownsAccepted, type UnknownsAcceptance } from './transition/unknowns-plan';
import { SYSTEM, type Actor, type DecisionDocumentInput } from './transition/types';
import { writePlan } from './writer';

/** What the planner computed for the row it wrote, at `at`: its machine snapshot and clocks (a view reuses them). */
export interface PermitComputed {
  at: Date;
  snapshot: PermitSnapshot;
  clocks: PermitClockView;
}

/** The permit as a transition left it, with what its view needs (authority, case reference, the planner's results). */
export type TransitionedPermit = PermitWithAuthority & { case_reference: string; computed: PermitComputed };

/**
 * The transition host: reads, asks a pure planner (./transition) what the event changes, and
 * hands the plan to the one writer (./writer.ts) — one statement per transition, inside the
 * caller's transaction, which holds the case row lock. Then it propagates (./propagate.ts):
 * prerequisites that became decided/final unblock dependants, permits that became ready in a
 * submitted case are filed, and a case whose permits are all final completes.
 */
@Injectable()
export class PermitHostService {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  now(): Date {
    return this.clock.now();
  }

  /** Applies a client's permit event (version checked against If-Match), then propagates. Returns the
   *  permit as this event left it (propagation only changes other permits and the case). */
  async sendPermitEvent(
    m: EntityManager,
    permitId: string,
    expectedVersion: number,
    type: PermitEvent['type'],
    payload: Record<string, unknown>,
    actor: Actor,
    decision?: { document: DecisionDocumentInput; at: Date },
  ): Promise<TransitionedPermit> {
    // A decision letter was rendered with the dates of `at`: the transition uses the same instant.
    const now = decision?.at ?? this.now();
    const { row, ctx } = await loadTransition(m, permitId, now);
    if (row.version !== expectedVersion) throw new VersionConflictError(row.version);
    const filing = type === 'application.submitted' ? await loadFilingCheck(m, row) : undefined;
    const plan = planPermitTransition(row, ctx, { type, payload, actor, filing, decisionDocument: decision?.document }, now);
    const updated = await writePlan(m, plan);
    // Only a decision, finality, withdrawal, readiness or an appeal board's outcome (which can
    // take a decision away) can unblock, block again, file or complete something.
    if (updated.state === 'ready' || updated.state === 'withdrawn' || isDecidedOrFinal(updated.state) || type === 'appeal.decided') await propagate(m, row.case_id, now);
    const { code, name_da, name_en, kind } = ctx.authority;
    const computed = { at: now, snapshot: plan.snapshot, clocks: plan.clocks };
    return { ...updated, authority_code: code, authority_name_da: name_da, authority_name_en: name_en, authority_kind: kind, case_reference: ctx.caseInfo.reference, computed };
  }

  /** Applies a client's case event (version checked against If-Match), then its consequences. */
  async sendCaseEvent(m: EntityManager, caseId: string, expectedVersion: number, type: CaseEvent['type'], payload: Record<string, unknown>, actor: Actor): Promise<CaseRow> {
    const now = this.now();
    const { row, effects } = await transitionCase(m, caseId, { type, payload, actor }, now, expectedVersion);
    if (type === 'case.submitted') {
      // The one-stop-shop starts processing at once: the ceiling clock runs from submission. A case
      // outside L 206 (ceiling_months null) has no ceiling to run (issue 13 item 16).
      const due = row.ceiling_months === null ? undefined : ceilingDueOn(toCopenhagenDate(now), row.ceiling_months, CALENDAR);
      await transitionCase(m, caseId, { type: 'case.processingStarted', payload: due === undefined ? {} : { ceilingDueOn: due }, actor: SYSTEM }, now);
    }
    if (effects.some((e) => e.type === 'permits.withdrawAll')) {
      const reason = typeof payload.reason === 'string' ? payload.reason : 'Case withdrawn';
      for (const p of await loadCasePermits(m, caseId)) {
        if (TERMINAL_PERMIT_STATES.includes(p.state) || isDecidedOrFinal(p.state)) continue;
        await transitionPermit(m, p.id, { type: 'application.withdrawn', payload: { reason }, actor: { userId: actor.userId, role: 'applicant' }, auditRole: 'system' }, now);
      }
    }
    await propagate(m, caseId, now);
    return loadCase(m, caseId);
  }

  /**
   * The case's simple-case flag and ceiling after a confirmed change of the project facts (issue
   * 14), through the writer (audited `case.ceilingRescreened`); the caller holds the case lock.
   * Returns the row written, or null when screening left the ceiling as it was.
   */
  async rescreenCeiling(m: EntityManager, caseId: string, next: CeilingScreening, actor: Actor): Promise<CaseRow | null> {
    const plan = planCeilingRescreen(await loadCase(m, caseId), next, actor, this.now());
    return plan ? writePlan(m, plan) : null;
  }

  /** A coordinator accepts the case's open "don't know" answers (issue 13 item 15; If-Match checked). */
  async acceptUnknowns(m: EntityManager, caseId: string, expectedVersion: number, actor: Actor, acceptance: UnknownsAcceptance): Promise<CaseRow> {
    const row = await loadCase(m, caseId);
    if (row.version !== expectedVersion) throw new VersionConflictError(row.version);
    return writePlan(m, planUnknownsAccepted(row, actor, acceptance, this.now()));
  }

  /** One system transition of a permit (e.g. the appeal period ran out); the caller holds the case lock. */
  async applyToPermit(m: EntityManager, row: Pick<PermitRow, 'id'>, type: PermitEvent['type'], payload: Record<string, unknown>, actor: Actor): Promise<PermitRow> {
    return transitionPermit(m, row.id, { type, payload, actor }, this.now());
  }

  /** Unblocks, files and completes until nothing changes (see ./propagate.ts). */
  propagate(m: EntityManager, caseId: string): Promise<void> {
    return propagate(m, caseId, this.now());
  }

  /**
   * Fires one deadline alert exactly once: the row is claimed with `fired_at IS NULL`, so a
   * second sweep, a duplicated job or a replay after a Redis wipe finds nothing to do.
   */
  async fireAlert(m: EntityManager, alertId: string): Promise<boolean> {
    // Same lock order as every transition (case, then its rows), so firing an alert never
    // deadlocks with a transition of the same case.
    const caseId = await alertOwner(m, alertId);
    if (!caseId) return false;
    await lockCase(m, caseId);
    const alert = await claimAlert(m, alertId);
    if (!alert) return false;
    const now = this.now();
    const { row, ctx } = await loadTransition(m, alert.permit_id, now);
    await writePlan(m, planAlertFiring(alert, row, ctx, now));
    return true;
  }

  /**
   * A target-date change (coordinator, with a reason code): stored as a clock extension, audited
   * as `target.changed`, alerts re-derived. Version-checked like every other write.
   */
  async applyExtension(m: EntityManager, permitId: string, expectedVersion: number, change: TargetExtension): Promise<PermitRow> {
    const now = this.now();
    const { row, ctx } = await loadTransition(m, permitId, now);
    if (row.version !== expectedVersion) throw new VersionConflictError(row.version);
    return writePlan(m, planExtension(row, ctx, change, now));
  }

  /** A coordinator's manual escalation (issue 16): audited, the authority and coordinators told; the caller holds the case lock. */
  async escalate(m: EntityManager, permitId: string, actor: Actor, note: string): Promise<PermitRow> {
    const now = this.now();
    const { row, ctx } = await loadTransition(m, permitId, now);
    return writePlan(m, planEscalation(row, ctx, { actor, note }, now));
  }

  /**
   * A coordinator's reassignment of the permit's task (issue 16): audited and notified through
   * the writer; the caller has already moved the task (and logged it in task_assignment_events)
   * in the same transaction, which holds the case lock.
   */
  async reassigned(m: EntityManager, permitId: string, actor: Actor, assignee: Recipient, previousAssigneeId: string | null): Promise<PermitRow> {
    const now = this.now();
    const { row, ctx } = await loadTransition(m, permitId, now);
    return writePlan(m, planReassignment(row, ctx, { actor, assignee, previousAssigneeId }, now));
  }

  /**
   * A new application for a refused or overturned permit (issue 13 item 1), in the caller's
   * transaction (which holds the case lock): the old permit is marked superseded through the
   * writer (version-checked, audited), the new one inserted with its entry effects in the
   * outbox, then propagation satisfies its prerequisites that hold and files it in a running case.
   */
  async reapply(m: EntityManager, permitId: string, expectedVersion: number, actor: Actor): Promise<string> {
    const now = this.now();
    const { row } = await loadTransition(m, permitId, now);
    if (row.version !== expectedVersion) throw new VersionConflictError(row.version);
    const { supersede, insert } = planReapplication(row, actor, randomUUID(), now);
    await writePlan(m, supersede);
    await insertPermit(m, insert.row);
    const at = now.toISOString();
    const payload = { caseId: row.case_id, permitId: insert.row.id, permitCode: row.code, eventType: 'permit.created', toState: insert.row.state, replacesPermitId: row.id, at };
    await outboxInsert(m, insert.effects.map((e) => ({ aggregateType: 'permit' as const, aggregateId: insert.row.id, type: e.type, payload: { ...payload, params: e.params } })));
    await propagate(m, row.case_id, now);
    // In a case with a coordinated plan the new application gets its item (keeping the old one's baseline).
    await addMissingPlanItems(m, row.case_id, now);
    return insert.row.id;
  }

  /**
   * Partshøring (issue 15 item 2): the draft decision to the company, or its answer; version-checked,
   * audited and notified through the writer like a transition (the state does not change).
   */
  async partyHearing(m: EntityManager, permitId: string, expectedVersion: number, step: PartyHearingStep, actor: Actor & { userId: string }): Promise<PermitRow> {
    const now = this.now();
    const { row, ctx } = await loadTransition(m, permitId, now);
    if (row.version !== expectedVersion) throw new VersionConflictError(row.version);
    const plan =
      step.kind === 'send' ? planDraftSent(row, ctx, step.draft, step.period, actor, now) : planDraftAnswered(row, ctx, step.draftId, step.response, step.text, actor, now);
    return writePlan(m, plan);
  }

  /** Outbox rows written outside a plan (case creation), in one statement. */
  insertOutbox(m: EntityManager, rows: OutboxRow[]): Promise<void> {
    return outboxInsert(m, rows);
  }
}
