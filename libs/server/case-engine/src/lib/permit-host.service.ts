import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  addCalendarDays,
  addDuration,
  appealDeadline,
  ceilingDueOn,
  startOfCopenhagenDay,
  toCopenhagenDate,
} from '@rl/clocks';
import { getPermitType, isUnknown, type Duration } from '@rl/permits-catalog';
import {
  applyCaseEvent,
  applyPermitEvent,
  CASE_MACHINE_VERSION,
  caseMachine,
  persistPermitSnapshot,
  restorePermitSnapshot,
  type CaseEvent,
  type CaseSnapshot,
  type PermitEffect,
  type PermitEvent,
  type Role,
} from '@rl/permits-machines';
import { preparedQuery } from '@rl/db';
import { CLOCK, type Clock } from '@rl/server-infra';
import type { NotificationKind } from '@rl/mailer';
import { alertJobId, planAlerts, rescheduleAlerts, type ExistingAlert } from './alerts';
import { VersionConflictError } from './errors';
import { buildNotifications, insertNotificationsSql, notify, type Audience, type CaseInfo, type Directory, type NotificationRow, type Recipient } from './notifier';
import { CALENDAR, computeRisk } from './permit-clocks';
import type { CaseRow, PermitRow, PermitWithAuthority } from './rows';
import { flattenState, isDecidedOrFinal, TERMINAL_PERMIT_STATES } from './state-value';

/** Who caused a transition. `role` is the machine role; `system` acts on behalf of the host. */
interface OutboxRow {
  aggregateType: string;
  aggregateId: string;
  type: string;
  payload: Record<string, unknown>;
}

export interface Actor {
  userId: string | null;
  role: Role;
}

const SYSTEM: Actor = { userId: null, role: 'system' };

/** What a permit transition reads besides the permit row: one query (`loadTransition`). */
export interface TransitionContext {
  caseInfo: CaseInfo & { national_strategic: boolean };
  authority: { code: string; name_da: string; name_en: string; kind: string };
  directory: Directory;
  alerts: ExistingAlert[];
}

/** The permit as a transition left it, with what its view needs (authority, case reference). */
export type TransitionedPermit = PermitWithAuthority & { case_reference: string };

/**
 * A permit row with everything its transition reads, in one round trip: the case fields of
 * notifications and tasks, the authority, the people who may be notified (applicant
 * organisation, the permit's authority, coordinators) and the permit's alert rows.
 */
const LOAD_TRANSITION_SQL = `
  SELECT p.*,
         c.reference AS ctx_case_reference, c.title AS ctx_case_title, c.organisation_id AS ctx_case_organisation_id,
         c.national_strategic AS ctx_case_national_strategic,
         a.code AS ctx_authority_code, a.name_da AS ctx_authority_name_da, a.name_en AS ctx_authority_name_en, a.kind AS ctx_authority_kind,
         (SELECT coalesce(json_agg(json_build_object('id', d.id::text, 'clock', d.clock, 'threshold', d.threshold,
                                                      'dueMs', round(extract(epoch FROM d.due_at) * 1000), 'fired', d.fired_at IS NOT NULL)), '[]')
            FROM deadline_alerts d WHERE d.permit_id = p.id) AS ctx_alerts,
         (SELECT coalesce(json_agg(json_build_object('id', u.id, 'locale', u.locale, 'role', u.role) ORDER BY u.created_at, u.id), '[]')
            FROM users u
           WHERE (u.role = 'applicant' AND u.organisation_id = c.organisation_id)
              OR (u.role = 'caseworker' AND u.authority_id = p.authority_id)
              OR u.role = 'coordinator') AS ctx_users
    FROM permits p JOIN cases c ON c.id = p.case_id JOIN authorities a ON a.id = p.authority_id
   WHERE p.id = $1`;

/** Inbox ranking of a risk: breached first. */
export function riskRank(risk: string): number {
  return risk === 'breached' ? 0 : risk === 'atRisk' ? 1 : 2;
}

/** Keeps the inbox's ranking keys on `tasks` in step with the permit (indexed ranking). */
async function syncTaskRanking(m: EntityManager, p: Pick<PermitRow, 'id' | 'risk' | 'target_due_on'>): Promise<void> {
  await m.query(
    `UPDATE tasks SET risk_rank = $2, due_on = $3 WHERE permit_id = $1 AND (risk_rank <> $2 OR due_on IS DISTINCT FROM $3::date)`,
    [p.id, riskRank(p.risk), p.target_due_on],
  );
}

/** Permit machine notification templates that reach people (the rest are bookkeeping). */
const PERMIT_NOTIFICATION_KINDS: Partial<Record<string, NotificationKind>> = {
  infoRequested: 'infoRequested',
  infoProvided: 'infoProvided',
  hearingStarted: 'hearingStarted',
  hearingEnded: 'hearingEnded',
  decisionIssued: 'decisionIssued',
  permitFinal: 'permitFinal',
  applicationWithdrawn: 'applicationWithdrawn',
};

/** Klagefrist when the catalogue does not know the period: 4 weeks is the general rule (MBL §93, PL §60). */
const DEFAULT_APPEAL_PERIOD: Duration = { unit: 'weeks', length: 4 };

/** How a transition changes the permit's inbox task. */
type TaskWrite = { kind: 'route'; task: string; closed: boolean } | { kind: 'close' } | { kind: 'rank' };

/** Positional parameters of one statement ($1, $2, …). */
class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/**
 * The transition host. For one event on one permit, inside the caller's transaction:
 * load → pure `transition()` → save snapshot + machine version + denormalised state + clock
 * columns with `UPDATE … WHERE id AND version` (optimistic concurrency; TypeORM's save() does
 * not check versions) → append the audit row → write one outbox row per effect. Then it
 * propagates: prerequisites that became decided/final unblock dependants, permits that became
 * ready in a submitted case are filed (the one application covers them), and a case whose
 * permits are all final completes — all in the same transaction.
 */
@Injectable()
export class PermitHostService {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  now(): Date {
    return this.clock.now();
  }

  /** Reads the case row; callers hold its row lock (`SELECT … FOR UPDATE`) for the transaction. */
  async loadCase(m: EntityManager, caseId: string): Promise<CaseRow> {
    const [row] = await m.query(`SELECT * FROM cases WHERE id = $1`, [caseId]);
    return row as CaseRow;
  }

  /** Reads a permit and its transition context (caller holds the case lock). */
  async loadTransition(m: EntityManager, permitId: string): Promise<{ row: PermitRow; ctx: TransitionContext }> {
    const {
      rows: [raw],
    } = await preparedQuery(m, LOAD_TRANSITION_SQL, [permitId]);
    const row: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(raw)) if (!k.startsWith('ctx_')) row[k] = v;
    const users = raw.ctx_users as (Recipient & { role: Audience })[];
    const ctx: TransitionContext = {
      caseInfo: {
        id: raw.case_id as string,
        reference: raw.ctx_case_reference as string,
        title: raw.ctx_case_title as string,
        organisation_id: raw.ctx_case_organisation_id as string,
        national_strategic: raw.ctx_case_national_strategic as boolean,
      },
      authority: { code: raw.ctx_authority_code as string, name_da: raw.ctx_authority_name_da as string, name_en: raw.ctx_authority_name_en as string, kind: raw.ctx_authority_kind as string },
      directory: {
        authority: { name_da: raw.ctx_authority_name_da as string, name_en: raw.ctx_authority_name_en as string },
        recipients: (audience) => users.filter((u) => u.role === audience).map((u) => ({ id: u.id, locale: u.locale })),
      },
      alerts: (raw.ctx_alerts as { id: string; clock: string; threshold: string; dueMs: number; fired: boolean }[]).map((a) => ({ ...a, dueMs: Number(a.dueMs) })),
    };
    return { row: row as unknown as PermitRow, ctx };
  }

  /** Applies a client's permit event (version checked against If-Match), then propagates. Returns the
   *  permit as this event left it (propagation only changes other permits and the case). */
  async sendPermitEvent(m: EntityManager, permitId: string, expectedVersion: number, type: PermitEvent['type'], payload: Record<string, unknown>, actor: Actor): Promise<TransitionedPermit> {
    const { row, ctx } = await this.loadTransition(m, permitId);
    if (row.version !== expectedVersion) throw new VersionConflictError(row.version);
    const updated = await this.applyToPermit(m, row, type, payload, actor, undefined, ctx);
    // Only a decision, finality, withdrawal or readiness can unblock, file or complete something.
    if (updated.state === 'ready' || updated.state === 'final' || updated.state === 'withdrawn' || updated.state.startsWith('decided')) {
      await this.propagate(m, row.case_id);
    }
    return {
      ...updated,
      authority_code: ctx.authority.code,
      authority_name_da: ctx.authority.name_da,
      authority_name_en: ctx.authority.name_en,
      authority_kind: ctx.authority.kind,
      case_reference: ctx.caseInfo.reference,
    };
  }

  /** Applies a client's case event (version checked against If-Match), then its consequences. */
  async sendCaseEvent(m: EntityManager, caseId: string, expectedVersion: number, type: CaseEvent['type'], payload: Record<string, unknown>, actor: Actor): Promise<CaseRow> {
    const row = await this.loadCase(m, caseId);
    if (row.version !== expectedVersion) throw new VersionConflictError(row.version);
    const effects = await this.applyToCase(m, row, type, payload, actor);
    if (type === 'case.submitted') {
      // The one-stop-shop starts processing at once: the ceiling clock runs from submission.
      const today = toCopenhagenDate(this.now());
      const fresh = await this.loadCase(m, caseId);
      await this.applyToCase(m, fresh, 'case.processingStarted', { ceilingDueOn: ceilingDueOn(today, fresh.ceiling_months, CALENDAR) }, SYSTEM);
    }
    if (effects.some((e) => e.type === 'permits.withdrawAll')) {
      const permits = (await m.query(`SELECT * FROM permits WHERE case_id = $1 ORDER BY created_at, code`, [caseId])) as PermitRow[];
      for (const p of permits) {
        if (TERMINAL_PERMIT_STATES.includes(p.state) || isDecidedOrFinal(p.state)) continue;
        await this.applyToPermit(m, p, 'application.withdrawn', { reason: (payload.reason as string) ?? 'Case withdrawn' }, { userId: actor.userId, role: 'applicant' }, 'system');
      }
    }
    await this.propagate(m, caseId);
    return this.loadCase(m, caseId);
  }

  private async applyToCase(m: EntityManager, row: CaseRow, type: CaseEvent['type'], payload: Record<string, unknown>, actor: Actor) {
    const at = this.now().toISOString();
    const snapshot = caseMachine.resolveState(row.snapshot as Parameters<typeof caseMachine.resolveState>[0]) as CaseSnapshot;
    const event = { ...payload, type, at } as CaseEvent;
    const { snapshot: next, effects } = applyCaseEvent(snapshot, event, actor.role);
    const toState = flattenState(next.value);
    const persisted = JSON.parse(JSON.stringify(caseMachine.getPersistedSnapshot(next)));
    const res = await m.query(
      `UPDATE cases SET snapshot = $3, state = $4, machine_version = $5, version = version + 1, updated_at = now(),
              submitted_at = COALESCE($6::timestamptz, submitted_at),
              ceiling_due_on = COALESCE($7::date, ceiling_due_on),
              completed_at = COALESCE($8::timestamptz, completed_at)
        WHERE id = $1 AND version = $2 RETURNING version`,
      [
        row.id,
        row.version,
        JSON.stringify(persisted),
        toState,
        CASE_MACHINE_VERSION,
        next.context.submittedAt,
        next.context.ceilingDueOn,
        next.context.completedAt,
      ],
    );
    // UPDATE returns [rows, rowCount]; 0 rows = someone else moved the version on.
    if ((res as [unknown[], number])[1] === 0) throw new VersionConflictError(row.version);
    await this.audit(m, { caseId: row.id, permitId: null, actor, eventType: type, from: row.state, to: toState, reason: (payload.reason as string) ?? null, payload, at });
    for (const e of effects) await this.outbox(m, 'case', row.id, e.type, { caseId: row.id, eventType: type, params: e.params, at });
    for (const e of effects) {
      if (e.type !== 'notify') continue;
      await notify(
        m,
        { kind: e.params.template, audience: [...e.params.to] as Audience[], caseInfo: row, permit: null, data: {}, dedupeKey: `case-${row.id}-${row.version + 1}-${e.params.template}` },
        (t, body) => this.outbox(m, 'case', row.id, t, { caseId: row.id, ...body }),
      );
    }
    return effects;
  }

  /**
   * One permit transition. `auditRole` overrides the recorded role when the host acts on
   * someone's behalf (e.g. filing the one application for a permit that became ready).
   */
  async applyToPermit(
    m: EntityManager,
    row: PermitRow,
    type: PermitEvent['type'],
    payload: Record<string, unknown>,
    actor: Actor,
    auditRole?: string,
    context?: TransitionContext,
  ): Promise<PermitRow> {
    const ctx = context ?? (await this.loadTransition(m, row.id)).ctx;
    const nowDate = this.now();
    const at = nowDate.toISOString();
    const today = toCopenhagenDate(nowDate);
    const snapshot = restorePermitSnapshot(row.snapshot, row.machine_version);
    const permitType = getPermitType(row.code, snapshot.context.catalogVersion);
    const event = { ...payload, type, at } as Record<string, unknown>;
    delete event.documentIds; // recorded in the audit payload; not machine input

    // Computed by the host from the catalogue and the business calendar; the machine stays pure.
    let appealDeadlineOn: string | null = null;
    let usableFrom: string | null = null;
    if (type === 'authority.hearingStarted') {
      const min = snapshot.context.hearingMinDuration;
      event.earliestEndAt = min ? startOfCopenhagenDay(addDuration(today, min, CALENDAR)).toISOString() : at;
    }
    if (type === 'authority.decisionIssued') {
      const appeal = isUnknown(permitType.appeal) ? null : permitType.appeal;
      const period = appeal && !isUnknown(appeal.period) ? appeal.period : DEFAULT_APPEAL_PERIOD;
      appealDeadlineOn = appealDeadline(today, period, CALENDAR);
      // The appeal period has run out at the start of the day after the klagefrist.
      event.appealPeriodEndsAt = startOfCopenhagenDay(addCalendarDays(appealDeadlineOn, 1)).toISOString();
      const waitForAppeal = appeal ? appeal.usableOnlyAfterAppealPeriod || appeal.suspendsPermit === true : false;
      usableFrom = payload.outcome === 'refused' ? null : waitForAppeal ? addCalendarDays(appealDeadlineOn, 1) : today;
    }

    const { snapshot: next, effects } = applyPermitEvent(snapshot, event as unknown as PermitEvent, actor.role);
    const toState = flattenState(next.value);

    // Clock columns from the effects.
    let stops = [...(row.stops ?? [])];
    let completeOn = row.complete_on;
    for (const e of effects) {
      if (e.type === 'clock.start' && !completeOn) completeOn = today;
      if (e.type === 'clock.stop') stops.push({ reason: e.params.reason, from: today, to: null });
      if (e.type === 'clock.resume') stops = stops.map((s) => (s.to === null ? { ...s, to: today } : s));
    }
    const draft: PermitRow = {
      ...row,
      state: toState,
      complete_on: completeOn,
      stops,
      decided_at: type === 'authority.decisionIssued' ? nowDate : row.decided_at,
    };
    const stopsFlag = next.context.clockStopsWhileAwaitingApplicant;
    const clocks = computeRisk(draft, today, stopsFlag);

    const persisted = persistPermitSnapshot(next);
    // The row as the UPDATE below will leave it: the writes that depend on it (task ranking,
    // notification texts, alerts) are planned from it and go out in the same statement.
    const projected: PermitRow = {
      ...draft,
      snapshot: persisted,
      machine_version: 1,
      version: row.version + 1,
      outcome: next.context.outcome ?? row.outcome,
      received_at: row.received_at ?? (type === 'application.submitted' ? nowDate : null),
      decided_at: row.decided_at ?? (type === 'authority.decisionIssued' ? nowDate : null),
      appeal_deadline_on: appealDeadlineOn ?? row.appeal_deadline_on,
      usable_from: usableFrom ?? row.usable_from,
      final_at: row.final_at ?? (toState === 'final' ? nowDate : null),
      target_due_on: clocks.target?.dueOn ?? null,
      statutory_due_on: clocks.statutory?.dueOn ?? null,
      risk: clocks.risk,
      updated_at: nowDate,
    };
    const plan = this.planAfterTransition(projected, effects, type, payload, next.context.hearingEarliestEndAt, ctx);
    const outbox: OutboxRow[] = effects.map((e) => ({
      aggregateType: 'permit',
      aggregateId: row.id,
      type: e.type,
      payload: { caseId: row.case_id, permitId: row.id, permitCode: row.code, authorityId: row.authority_id, eventType: type, fromState: row.state, toState, params: e.params, at },
    }));
    for (const e of plan.alerts.stale) {
      outbox.push({ aggregateType: 'permit', aggregateId: row.id, type: 'alert.cancel', payload: { caseId: row.case_id, permitId: row.id, jobId: alertJobId(row.id, e.clock, e.threshold, new Date(e.dueMs)) } });
    }

    const q = new Params();
    const ctes: string[] = [];
    ctes.push(`up AS (
      UPDATE permits SET
          snapshot = ${q.add(JSON.stringify(persisted))}::jsonb, state = ${q.add(toState)}, machine_version = 1, version = version + 1, updated_at = now(),
          outcome = COALESCE(${q.add(next.context.outcome)}, outcome),
          received_at = COALESCE(received_at, ${q.add(type === 'application.submitted' ? at : null)}::timestamptz),
          complete_on = ${q.add(completeOn)}::date,
          stops = ${q.add(JSON.stringify(stops))}::jsonb,
          decided_at = COALESCE(decided_at, ${q.add(type === 'authority.decisionIssued' ? at : null)}::timestamptz),
          appeal_deadline_on = COALESCE(${q.add(appealDeadlineOn)}::date, appeal_deadline_on),
          usable_from = COALESCE(${q.add(usableFrom)}::date, usable_from),
          final_at = COALESCE(final_at, ${q.add(toState === 'final' ? at : null)}::timestamptz),
          target_due_on = ${q.add(projected.target_due_on)}::date, statutory_due_on = ${q.add(projected.statutory_due_on)}::date, risk = ${q.add(clocks.risk)}
        WHERE id = ${q.add(row.id)}::uuid AND version = ${q.add(row.version)}::int
        RETURNING *)`);
    const auditActor = auditRole ? { ...actor, role: auditRole as Role } : actor;
    const reason = (payload.reason as string) ?? (payload.question as string) ?? null;
    ctes.push(`au AS (
      INSERT INTO audit_events (case_id, permit_id, actor_user_id, actor_role, event_type, from_state, to_state, reason, payload, occurred_at)
      SELECT up.case_id, up.id, ${q.add(auditActor.userId)}::uuid, ${q.add(auditActor.role)}, ${q.add(type)}, ${q.add(row.state)}, ${q.add(toState)}, ${q.add(reason)}, ${q.add(JSON.stringify(payload ?? {}))}::jsonb, ${q.add(at)}::timestamptz FROM up)`);
    const t = plan.task;
    if (t.kind === 'route') {
      ctes.push(`tk AS (
        INSERT INTO tasks (permit_id, case_id, authority_id, kind, national_strategic, risk_rank, due_on, status, closed_at)
        SELECT up.id, up.case_id, up.authority_id, ${q.add(t.task)}, ${q.add(ctx.caseInfo.national_strategic)}::boolean, ${q.add(riskRank(projected.risk))}::int, up.target_due_on,
               ${q.add(t.closed ? 'done' : 'open')}, CASE WHEN ${q.add(t.closed)}::boolean THEN now() END FROM up
        ON CONFLICT (permit_id) DO UPDATE SET kind = EXCLUDED.kind, status = EXCLUDED.status, closed_at = EXCLUDED.closed_at, version = tasks.version + 1,
          risk_rank = EXCLUDED.risk_rank, due_on = EXCLUDED.due_on)`);
    } else if (t.kind === 'close') {
      ctes.push(`tk AS (UPDATE tasks SET status = 'done', closed_at = now(), version = tasks.version + 1 FROM up WHERE tasks.permit_id = up.id AND tasks.status = 'open')`);
    } else {
      const rank = q.add(riskRank(projected.risk));
      const due = q.add(projected.target_due_on);
      ctes.push(`tk AS (UPDATE tasks SET risk_rank = ${rank}::int, due_on = ${due}::date FROM up
        WHERE tasks.permit_id = up.id AND (tasks.risk_rank <> ${rank}::int OR tasks.due_on IS DISTINCT FROM ${due}::date))`);
    }
    // Lists go in as arrays (unnest), so the statement text depends only on which parts are
    // present and stays one of a few dozen prepared statements.
    const selects: string[] = [];
    if (outbox.length > 0) {
      selects.push(`SELECT 0 AS grp, v.ord, v.type, v.payload FROM up,
        unnest(${q.add(outbox.map((o) => o.type))}::text[], ${q.add(outbox.map((o) => JSON.stringify(o.payload)))}::jsonb[]) WITH ORDINALITY v(type, payload, ord)`);
    }
    if (plan.notifications.length > 0) {
      ctes.push(`nt AS (${insertNotificationsSql(plan.notifications, (v) => q.add(v), 'up, ')})`);
      selects.push(`SELECT 1, 0, 'email.send', jsonb_build_object('caseId', up.case_id, 'permitId', up.id, 'notificationId', nt.id::text) FROM up, nt`);
    }
    if (plan.alerts.stale.length > 0) {
      ctes.push(`ad AS (DELETE FROM deadline_alerts d USING up WHERE d.id = ANY(${q.add(plan.alerts.stale.map((e) => e.id))}::bigint[]) AND d.fired_at IS NULL)`);
    }
    if (plan.alerts.toInsert.length > 0) {
      const ins = plan.alerts.toInsert;
      ctes.push(`ai AS (INSERT INTO deadline_alerts (permit_id, case_id, clock, threshold, due_at)
        SELECT up.id, up.case_id, v.clock, v.threshold, v.due_at
          FROM up, unnest(${q.add(ins.map((d) => d.clock))}::text[], ${q.add(ins.map((d) => d.threshold))}::text[], ${q.add(ins.map((d) => d.dueAt.toISOString()))}::timestamptz[]) v(clock, threshold, due_at)
        ON CONFLICT (permit_id, clock, threshold, due_at) DO NOTHING RETURNING id, permit_id, case_id, clock, threshold, due_at)`);
      // Payload as alerts.ts alertSchedulePayload() builds it (jobId from the epoch milliseconds of due_at).
      selects.push(`SELECT 2, ai.id, 'alert.schedule', jsonb_build_object('caseId', ai.case_id, 'permitId', ai.permit_id, 'alertId', ai.id::text,
          'jobId', 'alert-' || ai.permit_id || '-' || ai.clock || '-' || ai.threshold || '-' || round(extract(epoch FROM ai.due_at) * 1000)::bigint,
          'dueAt', to_char(ai.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) FROM up, ai`);
    }
    if (selects.length > 0) {
      ctes.push(`ob AS (INSERT INTO outbox (aggregate_type, aggregate_id, type, payload)
        SELECT 'permit', up.id, o.type, o.payload FROM up, (${selects.join(' UNION ALL ')}) o(grp, ord, type, payload) ORDER BY o.grp, o.ord)`);
    }
    // One statement for the whole transition (a round trip per row was most of its time),
    // prepared once per connection (planning it cost more than running it).
    const { rows } = await preparedQuery<PermitRow>(m, `WITH ${ctes.join(',\n')} SELECT * FROM up`, q.values);
    if (rows.length === 0) throw new VersionConflictError(row.version);
    return rows[0];
  }

  /**
   * Consequences that must not be lost, planned from the permit as the transition leaves it and
   * written in the same statement: the authority inbox task, in-app notifications (+ e-mail
   * outbox rows) and the re-derived deadline alerts.
   */
  private planAfterTransition(
    p: PermitRow,
    effects: PermitEffect[],
    eventType: string,
    payload: Record<string, unknown>,
    hearingEarliestEndAt: string | null,
    ctx: TransitionContext,
  ): { task: TaskWrite; notifications: NotificationRow[]; alerts: ReturnType<typeof planAlerts> } {
    const c = ctx.caseInfo;
    const closed = p.state === 'final' || p.state === 'withdrawn' || p.state.startsWith('decided');
    const routed = effects.find((e) => e.type === 'route.task');
    const notifications: NotificationRow[] = [];
    let task: TaskWrite;
    if (routed && routed.type === 'route.task') {
      task = { kind: 'route', task: routed.params.task, closed };
      if (eventType === 'application.submitted') {
        notifications.push(
          ...buildNotifications({ kind: 'taskRouted', audience: ['caseworker'], caseInfo: c, permit: p, data: { dueOn: p.target_due_on ?? undefined }, dedupeKey: `route-${p.id}-${p.version}` }, ctx.directory),
        );
      }
    } else task = closed ? { kind: 'close' } : { kind: 'rank' };
    for (const e of effects) {
      if (e.type !== 'notify') continue;
      const kind = PERMIT_NOTIFICATION_KINDS[e.params.template];
      if (!kind) continue;
      notifications.push(
        ...buildNotifications(
          {
            kind,
            audience: [...e.params.to] as Audience[],
            caseInfo: c,
            permit: p,
            data: {
              question: typeof payload.question === 'string' ? payload.question : undefined,
              dueOn: typeof payload.dueOn === 'string' ? payload.dueOn : undefined,
              outcome: p.outcome ?? undefined,
              appealDeadlineOn: p.appeal_deadline_on ?? undefined,
              usableFrom: p.usable_from ?? undefined,
              earliestEndAt: hearingEarliestEndAt ?? undefined,
            },
            dedupeKey: `permit-${p.id}-${p.version}-${kind}`,
          },
          ctx.directory,
        ),
      );
    }
    return { task, notifications, alerts: planAlerts(p, ctx.alerts) };
  }

  /**
   * Fires one deadline alert exactly once: the row is claimed with `fired_at IS NULL`, so a
   * second sweep, a duplicated job or a replay after a Redis wipe finds nothing to do.
   */
  async fireAlert(m: EntityManager, alertId: string): Promise<boolean> {
    // Same lock order as every transition (case, then its rows), so firing an alert never
    // deadlocks with a transition of the same case.
    const [owner] = (await m.query(`SELECT case_id FROM deadline_alerts WHERE id = $1 AND fired_at IS NULL`, [alertId])) as { case_id: string }[];
    if (!owner) return false;
    await m.query(`SELECT 1 FROM cases WHERE id = $1 FOR UPDATE`, [owner.case_id]);
    const claimed: { id: string; permit_id: string; case_id: string; clock: 'target' | 'statutory'; threshold: 'warning' | 'breach'; due_at: Date }[] = await m.query(
      `SELECT id, permit_id, case_id, clock, threshold, due_at FROM deadline_alerts WHERE id = $1 AND fired_at IS NULL FOR UPDATE SKIP LOCKED`,
      [alertId],
    );
    if (claimed.length === 0) return false;
    const a = claimed[0];
    await m.query(`UPDATE deadline_alerts SET fired_at = $2 WHERE id = $1`, [a.id, this.now()]);
    const [p] = (await m.query(`SELECT * FROM permits WHERE id = $1`, [a.permit_id])) as PermitRow[];
    const [c] = (await m.query(`SELECT id, reference, title, organisation_id FROM cases WHERE id = $1`, [a.case_id])) as CaseInfo[];
    const today = toCopenhagenDate(this.now());
    const risk = computeRisk(p, today);
    await m.query(`UPDATE permits SET risk = $2 WHERE id = $1`, [p.id, risk.risk]);
    await syncTaskRanking(m, { ...p, risk: risk.risk });
    const out = (type: string, body: Record<string, unknown>) => this.outbox(m, 'permit', p.id, type, { caseId: p.case_id, permitId: p.id, ...body });
    const dueOn = (a.clock === 'target' ? risk.target?.dueOn : risk.statutory?.dueOn) ?? undefined;
    const percentUsed = a.clock === 'target' ? risk.target?.percentUsed : risk.statutory?.percentUsed;
    await notify(
      m,
      { kind: a.threshold === 'warning' ? 'alertWarning' : 'alertBreach', audience: ['caseworker'], caseInfo: c, permit: p, data: { clock: a.clock, dueOn, percentUsed }, dedupeKey: `alert-${a.id}` },
      out,
    );
    if (a.threshold === 'breach') {
      // A missed date is escalated to the one-stop-shop (FAST-41 style accountability).
      await notify(m, { kind: 'escalation', audience: ['coordinator'], caseInfo: c, permit: p, data: { clock: a.clock, dueOn }, dedupeKey: `escalation-${a.id}` }, out);
    }
    await this.audit(m, { caseId: p.case_id, permitId: p.id, actor: SYSTEM, eventType: `deadline.${a.threshold}`, from: p.state, to: p.state, reason: `${a.clock} ${a.threshold}`, payload: { alertId: String(a.id), clock: a.clock, dueAt: new Date(a.due_at).toISOString() }, at: this.now().toISOString() });
    return true;
  }

  /**
   * A target-date change (coordinator, with a reason code): stored as a clock extension, audited
   * as `target.changed`, alerts re-derived. Version-checked like every other write.
   */
  async applyExtension(m: EntityManager, row: PermitRow, extensions: PermitRow['extensions'], actor: Actor, audit: Record<string, unknown>): Promise<PermitRow> {
    const at = this.now().toISOString();
    const today = toCopenhagenDate(this.now());
    const draft: PermitRow = { ...row, extensions };
    const clocks = computeRisk(draft, today);
    const [rows, n] = (await m.query(
      `UPDATE permits SET extensions = $3::jsonb, target_due_on = $4::date, statutory_due_on = $5::date, risk = $6, version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2 RETURNING *`,
      [row.id, row.version, JSON.stringify(extensions), clocks.target?.dueOn ?? null, clocks.statutory?.dueOn ?? null, clocks.risk],
    )) as [PermitRow[], number];
    if (n === 0) throw new VersionConflictError(row.version);
    const updated = rows[0];
    await this.audit(m, { caseId: row.case_id, permitId: row.id, actor, eventType: 'target.changed', from: row.state, to: row.state, reason: String(audit.reasonCode), payload: audit, at });
    const out = (type: string, body: Record<string, unknown>) => this.outbox(m, 'permit', row.id, type, { caseId: row.case_id, permitId: row.id, ...body });
    await out('target.changed', audit);
    await syncTaskRanking(m, updated);
    await rescheduleAlerts(m, updated, out);
    return updated;
  }

  /** Unblocks, files and completes until nothing changes (prerequisite chains settle in one go). */
  async propagate(m: EntityManager, caseId: string): Promise<void> {
    for (let round = 0; round < 50; round++) {
      const caseRow = await this.loadCase(m, caseId);
      const permits = (await m.query(`SELECT * FROM permits WHERE case_id = $1 ORDER BY created_at, code`, [caseId])) as PermitRow[];
      const byCode = new Map(permits.map((p) => [p.code, p]));
      let changed = false;
      for (const p of permits) {
        if (p.state !== 'blocked') continue;
        const snapshot = restorePermitSnapshot(p.snapshot, p.machine_version);
        const satisfied = snapshot.context.prerequisitesOpen.filter((code) => {
          const req = p.prerequisites.find((x) => x.code === code);
          const pre = byCode.get(code);
          if (!pre || pre.outcome === 'refused') return false;
          return req?.requires === 'final' ? pre.state === 'final' : isDecidedOrFinal(pre.state);
        });
        if (satisfied.length > 0) {
          await this.applyToPermit(m, p, 'prerequisites.satisfied', { codes: satisfied }, SYSTEM);
          changed = true;
        }
      }
      if (changed) continue;
      if (caseRow.state === 'inProgress' || caseRow.state === 'submitted') {
        for (const p of permits) {
          if (p.state !== 'ready') continue;
          // The one application filed with the case covers every permit once it can start.
          await this.applyToPermit(m, p, 'application.submitted', {}, { userId: caseRow.created_by, role: 'applicant' }, 'system');
          changed = true;
        }
      }
      if (changed) continue;
      if (caseRow.state === 'inProgress' && permits.length > 0 && permits.every((p) => TERMINAL_PERMIT_STATES.includes(p.state))) {
        await this.applyToCase(m, caseRow, 'case.permitsAllFinal', {}, SYSTEM);
      }
      return;
    }
  }

  private async audit(
    m: EntityManager,
    a: { caseId: string; permitId: string | null; actor: Actor; eventType: string; from: string | null; to: string | null; reason: string | null; payload: Record<string, unknown>; at: string },
  ): Promise<void> {
    await m.query(
      `INSERT INTO audit_events (case_id, permit_id, actor_user_id, actor_role, event_type, from_state, to_state, reason, payload, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [a.caseId, a.permitId, a.actor.userId, a.actor.role, a.eventType, a.from, a.to, a.reason, JSON.stringify(a.payload ?? {}), a.at],
    );
  }

  /** One multi-row INSERT for a transition's outbox rows (one round trip instead of one per row). */
  async insertOutbox(m: EntityManager, rows: OutboxRow[]): Promise<void> {
    if (rows.length === 0) return;
    const values: unknown[] = [];
    const tuples = rows.map((r, i) => {
      values.push(r.aggregateType, r.aggregateId, r.type, JSON.stringify(r.payload));
      return `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4})`;
    });
    await m.query(`INSERT INTO outbox (aggregate_type, aggregate_id, type, payload) VALUES ${tuples.join(', ')}`, values);
  }

  async outbox(m: EntityManager, aggregateType: string, aggregateId: string, type: string, payload: Record<string, unknown>): Promise<void> {
    await m.query(`INSERT INTO outbox (aggregate_type, aggregate_id, type, payload) VALUES ($1, $2, $3, $4)`, [aggregateType, aggregateId, type, JSON.stringify(payload)]);
  }

}

