/**
 * THE writer: any plan (permit transition, case transition, alert firing, target extension)
 * becomes ONE statement of data-modifying CTEs. `up` is the version-checked UPDATE of the row;
 * every other part selects FROM up, so nothing is written unless the UPDATE matched. Lists go in
 * as arrays (unnest), so the text depends only on which parts a plan has and stays one of a few
 * dozen named prepared statements (planning it cost more than running it).
 */
import type { EntityManager } from 'typeorm';
import { persistedSnapshotJson } from '@rl/permits-machines';
import { preparedQuery, sql, type Sql } from '@rl/db';
import { VersionConflictError } from './errors';
import type { NotificationRow } from './notifier';
import { caseRowSchema, parsePermitRow, type CaseRow, type PermitRow } from './rows';
import type { DraftWrite } from './transition/party-hearing-plan';
import { authorityChangeWrites, referralWrite } from './cross-authority-writes';
import { outboxNeedsRelay } from './outbox';
import type { CasePlan, DecisionWrite, HearingWrite, Plan, PermitPlan, TaskWrite } from './transition/types';

const json = (v: unknown) => JSON.stringify(v);

/** The permit's columns a plan may change, written from `nextRow` as they are. */
function updatePermit(row: PermitRow, n: PermitRow): Sql {
  return sql`UPDATE permits SET
      state = ${n.state}, outcome = ${n.outcome}, machine_version = ${n.machine_version}::int, snapshot = ${persistedSnapshotJson(n.snapshot)}::jsonb,
      version = ${n.version}::int, updated_at = ${n.updated_at}::timestamptz,
      received_at = ${n.received_at}::timestamptz, complete_on = ${n.complete_on}::date, stops = ${json(n.stops)}::jsonb,
      extensions = ${json(n.extensions)}::jsonb, decided_at = ${n.decided_at}::timestamptz, appeal_deadline_on = ${n.appeal_deadline_on}::date,
      usable_from = ${n.usable_from}::date, final_at = ${n.final_at}::timestamptz,
      target_due_on = ${n.target_due_on}::date, statutory_due_on = ${n.statutory_due_on}::date, risk = ${n.risk},
      superseded_by = ${n.superseded_by}::uuid, filed_incomplete = ${n.filed_incomplete}::boolean, missing_items = ${json(n.missing_items)}::jsonb,
      completeness_due_on = ${n.completeness_due_on}::date, filing_held = ${n.filing_held}::boolean, authority_id = ${n.authority_id}::uuid
    WHERE id = ${row.id}::uuid AND version = ${row.version}::int RETURNING *`;
}

function updateCase(row: CaseRow, n: CaseRow): Sql {
  return sql`UPDATE cases SET
      state = ${n.state}, machine_version = ${n.machine_version}::int, snapshot = ${json(n.snapshot)}::jsonb,
      version = ${n.version}::int, updated_at = ${n.updated_at}::timestamptz,
      submitted_at = ${n.submitted_at}::timestamptz, ceiling_due_on = ${n.ceiling_due_on}::date, completed_at = ${n.completed_at}::timestamptz,
      simple = ${n.simple}::boolean, ceiling_months = ${n.ceiling_months}::int, ceiling_reason = ${n.ceiling_reason == null ? null : json(n.ceiling_reason)}::jsonb
    WHERE id = ${row.id}::uuid AND version = ${row.version}::int RETURNING *`;
}

function taskWrite(t: TaskWrite, p: PermitRow): Sql | null {
  switch (t.kind) {
    case 'none':
      return null;
    case 'route':
      return sql`INSERT INTO tasks (permit_id, case_id, authority_id, kind, national_strategic, risk_rank, due_on, status, closed_at)
        SELECT ${p.id}::uuid, ${p.case_id}::uuid, ${p.authority_id}::uuid, ${t.task}, ${t.nationalStrategic}::boolean, ${t.riskRank}::int, ${p.target_due_on}::date,
               ${t.closed ? 'done' : 'open'}, CASE WHEN ${t.closed}::boolean THEN now() END FROM up
        ON CONFLICT (permit_id) DO UPDATE SET kind = EXCLUDED.kind, status = EXCLUDED.status, closed_at = EXCLUDED.closed_at, version = tasks.version + 1,
          risk_rank = EXCLUDED.risk_rank, due_on = EXCLUDED.due_on`;
    case 'close':
      return sql`UPDATE tasks SET status = 'done', closed_at = now(), version = tasks.version + 1 FROM up WHERE tasks.permit_id = up.id AND tasks.status = 'open'`;
    case 'move':
      return sql`UPDATE tasks SET authority_id = up.authority_id, assigned_to = NULL, routed_at = now(), version = tasks.version + 1 FROM up WHERE tasks.permit_id = up.id`;
    case 'rank': {
      const rank = sql`${t.riskRank}::int`;
      const due = sql`${p.target_due_on}::date`;
      return sql`UPDATE tasks SET risk_rank = ${rank}, due_on = ${due} FROM up
        WHERE tasks.permit_id = up.id AND (tasks.risk_rank <> ${rank} OR tasks.due_on IS DISTINCT FROM ${due})`;
    }
  }
}

/** `INSERT INTO notifications … RETURNING id`, the rows as arrays (the text does not depend on their count). */
function insertNotifications(rows: NotificationRow[]): Sql {
  const col = <K extends keyof NotificationRow>(k: K) => rows.map((n) => n[k]);
  return sql`INSERT INTO notifications (user_id, kind, case_id, permit_id, title, body, dedupe_key, data, email_status)
    SELECT v.user_id, v.kind, v.case_id, v.permit_id, v.title, v.body, v.dedupe_key, v.data, 'pending'
      FROM up, unnest(${col('userId')}::uuid[], ${col('kind')}::text[], ${col('caseId')}::uuid[], ${col('permitId')}::uuid[], ${col('title')}::text[],
                      ${col('body')}::text[], ${col('dedupeKey')}::text[], ${rows.map((n) => json(n.data))}::jsonb[])
           v(user_id, kind, case_id, permit_id, title, body, dedupe_key, data)
    ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`;
}

/** The decision letter (issue 15): its `documents` row, then its immutable `decision_documents` row. */
function decisionWrites(d: DecisionWrite): Sql[] {
  return [
    sql`dd AS (INSERT INTO documents (id, case_id, permit_id, filename, content_type, size_bytes, sha256, storage_key, description, uploaded_by, created_at)
      SELECT ${d.documentId}::uuid, ${d.caseId}::uuid, ${d.permitId}::uuid, ${d.filename}, 'application/pdf', ${d.pdf.byteLength}::bigint, ${d.sha256}, ${d.storageKey},
             'decision', ${d.issuedBy}::uuid, ${d.issuedAt}::timestamptz FROM up RETURNING id)`,
    sql`dx AS (INSERT INTO decision_documents (id, permit_id, case_id, document_id, locale, outcome, conditions, appeal_deadline_on, usable_from, sha256, pdf, publish, catalog_version, supersedes_id, issued_by, issued_at)
      SELECT ${d.id}::uuid, ${d.permitId}::uuid, ${d.caseId}::uuid, dd.id, ${d.locale}, ${d.outcome}, ${json(d.conditions)}::jsonb, ${d.appealDeadlineOn}::date, ${d.usableFrom}::date,
             ${d.sha256}, ${Buffer.from(d.pdf)}::bytea, ${d.publish}::boolean, ${d.catalogVersion}, ${d.supersedesId}::uuid, ${d.issuedBy}::uuid, ${d.issuedAt}::timestamptz FROM dd)`,
  ];
}

function hearingWrite(h: HearingWrite): Sql | null {
  switch (h.kind) {
    case 'none':
      return null;
    case 'open':
      return sql`INSERT INTO hearings (permit_id, case_id, audience, document_ids, started_at, earliest_end_at)
        SELECT up.id, up.case_id, ${h.audience}, ${h.documentIds}::uuid[], ${h.startedAt}::timestamptz, ${h.earliestEndAt}::timestamptz FROM up`;
    case 'close':
      return sql`UPDATE hearings SET ended_at = ${h.at}::timestamptz FROM up WHERE hearings.permit_id = up.id AND hearings.ended_at IS NULL`;
  }
}

/** Partshøring: the draft sent to the company, or the company's answer (only to an unanswered draft). */
function draftWrite(d: DraftWrite): Sql {
  if (d.kind === 'send') {
    const x = d.draft;
    return sql`INSERT INTO decision_drafts (id, permit_id, case_id, outcome, conditions, reasons, sent_by, sent_at, respond_by)
      SELECT ${x.id}::uuid, up.id, up.case_id, ${x.outcome}, ${json(x.conditions)}::jsonb, ${x.reasons}, ${d.sentBy}::uuid, ${d.sentAt}::timestamptz, ${d.respondBy}::date FROM up`;
  }
  return sql`UPDATE decision_drafts SET response = ${d.response}, response_text = ${d.text}, responded_by = ${d.respondedBy}::uuid, responded_at = ${d.respondedAt}::timestamptz
    FROM up WHERE decision_drafts.id = ${d.draftId}::uuid AND decision_drafts.permit_id = up.id AND decision_drafts.response IS NULL`;
}

/** The statement of a plan: up, audit, then only the parts the plan has. */
export function planStatement(plan: Plan): Sql {
  const a = plan.audit;
  const ctes: Sql[] = [
    sql`up AS (${plan.table === 'permits' ? updatePermit(plan.row, plan.nextRow) : updateCase(plan.row, plan.nextRow)})`,
    sql`au AS (INSERT INTO audit_events (case_id, permit_id, actor_user_id, actor_role, event_type, from_state, to_state, reason, payload, occurred_at)
      SELECT ${a.caseId}::uuid, ${a.permitId}::uuid, ${a.actorUserId}::uuid, ${a.actorRole}, ${a.eventType}, ${a.fromState}, ${a.toState}, ${a.reason},
             ${json(a.payload)}::jsonb, ${a.at}::timestamptz FROM up)`,
  ];
  const task = plan.table === 'permits' ? taskWrite(plan.task, plan.nextRow) : null;
  if (task) ctes.push(sql`tk AS (${task})`);
  if (plan.table === 'cases' && plan.fileOnly) {
    ctes.push(sql`hp AS (UPDATE permits p SET filing_held = true FROM up
      WHERE p.case_id = up.id AND p.state IN ('blocked', 'ready') AND NOT (p.code = ANY(${plan.fileOnly}::text[])))`);
  }
  if (plan.table === 'permits') {
    if (plan.decision) ctes.push(...decisionWrites(plan.decision));
    const hearing = plan.hearing ? hearingWrite(plan.hearing) : null;
    if (hearing) ctes.push(sql`hr AS (${hearing})`);
    if (plan.draft) ctes.push(sql`df AS (${draftWrite(plan.draft)})`);
    if (plan.referral) ctes.push(sql`rf AS (${referralWrite(plan.referral)})`);
    if (plan.authorityChange) ctes.push(...authorityChangeWrites(plan.authorityChange));
  }
  // Outbox rows: the plan's own (in order), then an e-mail per inserted notification, then a job per inserted alert.
  const outbox: Sql[] = [];
  if (plan.outbox.length > 0) {
    outbox.push(sql`SELECT 0 AS grp, v.ord, v.type, v.payload, v.relay FROM up,
      unnest(${plan.outbox.map((o) => o.type)}::text[], ${plan.outbox.map((o) => json(o.payload))}::jsonb[], ${plan.outbox.map((o) => outboxNeedsRelay(o.type, o.payload))}::boolean[])
        WITH ORDINALITY v(type, payload, relay, ord)`);
  }
  const base = json(plan.aggregate.payload);
  if (plan.notifications.length > 0) {
    ctes.push(sql`nt AS (${insertNotifications(plan.notifications)})`);
    outbox.push(sql`SELECT 1, 0, 'email.send', ${base}::jsonb || jsonb_build_object('notificationId', nt.id::text), true FROM nt`);
  }
  const al = plan.alerts;
  const permitId = plan.table === 'permits' ? plan.row.id : null;
  if (al.cancel.length > 0) ctes.push(sql`ad AS (DELETE FROM deadline_alerts d USING up WHERE d.id = ANY(${al.cancel}::bigint[]) AND d.fired_at IS NULL)`);
  if (al.fire) ctes.push(sql`af AS (UPDATE deadline_alerts d SET fired_at = ${al.fire.at}::timestamptz FROM up WHERE d.id = ${al.fire.id}::bigint)`);
  if (al.insert.length > 0) {
    const ins = al.insert;
    ctes.push(sql`av AS (SELECT * FROM unnest(${ins.map((d) => d.clock)}::text[], ${ins.map((d) => d.threshold)}::text[], ${ins.map((d) => d.dueAt.toISOString())}::timestamptz[],
        ${ins.map((d) => json(d.schedule))}::jsonb[]) v(clock, threshold, due_at, schedule))`);
    ctes.push(sql`ai AS (INSERT INTO deadline_alerts (permit_id, case_id, clock, threshold, due_at)
        SELECT ${permitId}::uuid, ${a.caseId}::uuid, av.clock, av.threshold, av.due_at FROM up, av
        ON CONFLICT (permit_id, clock, threshold, due_at) DO NOTHING RETURNING id, clock, threshold, due_at)`);
    // Job id and due instant were computed in TypeScript (alertJobId); only the row id comes from here.
    outbox.push(sql`SELECT 2, ai.id, 'alert.schedule', av.schedule || jsonb_build_object('alertId', ai.id::text), true FROM ai JOIN av USING (clock, threshold, due_at)`);
  }
  if (outbox.length > 0) {
    // Rows the relay has nothing to do with are written as relayed (outboxNeedsRelay).
    ctes.push(sql`ob AS (INSERT INTO outbox (aggregate_type, aggregate_id, type, payload, sent_at)
      SELECT ${plan.aggregate.type}, ${plan.aggregate.id}::uuid, o.type, o.payload, CASE WHEN o.relay THEN NULL ELSE now() END
        FROM up, (${sql.join(outbox, ' UNION ALL ')}) o(grp, ord, type, payload, relay) ORDER BY o.grp, o.ord)`);
  }
  return sql`WITH ${sql.join(ctes, ',\n')} SELECT * FROM up`;
}

/** Statement text by shape (Sql.shapeKey): built once per shape and process, so a write neither
 *  renders the ~3 KB text nor hashes a fresh copy of it to find its prepared-statement name.
 *  Bounded: a plan kind with many shapes would only stop being cached, not grow the map. */
const TEXT_BY_SHAPE = new Map<string, string>();
const MAX_SHAPES = 500;

/** Writes a plan in one round trip; returns the row as stored. A moved version = 409. */
export async function writePlan(m: EntityManager, plan: PermitPlan): Promise<PermitRow>;
export async function writePlan(m: EntityManager, plan: CasePlan): Promise<CaseRow>;
export async function writePlan(m: EntityManager, plan: Plan): Promise<PermitRow | CaseRow> {
  const q = planStatement(plan);
  const shape = q.shapeKey;
  let text = TEXT_BY_SHAPE.get(shape);
  if (text === undefined) {
    text = q.text;
    if (TEXT_BY_SHAPE.size < MAX_SHAPES) TEXT_BY_SHAPE.set(shape, text);
  }
  const { rows } = await preparedQuery(m, text, q.values);
  if (rows.length === 0) throw new VersionConflictError(plan.row.version);
  return plan.table === 'permits' ? parsePermitRow(rows[0]) : caseRowSchema.parse(rows[0]);
}
