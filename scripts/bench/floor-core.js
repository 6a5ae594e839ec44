/**
 * What the two floors of bench step (a) share (issue 20 item 1): the product's statements and the
 * write set of one transition, independent of how they reach PostgreSQL. `floor.js` runs them on
 * bare node:http + pg; `floor-stack.ts` on the product's fixed stack (NestJS on Express, TypeORM,
 * the product's prepared-statement helper) without the product's own code — so the gap between
 * the two floors is the stack's cost, and the gap between the stack floor and the product is ours.
 */
'use strict';

const { LOAD_TRANSITION_TEXT, loadTransitionSql } = require('../../libs/server/case-engine/src/lib/transition-read-sql');

const USER_SQL = `SELECT u.id, u.username, u.display_name, u.role, u.locale, u.deactivated_at,
       o.id AS org_id, o.cvr AS org_cvr, o.name AS org_name,
       a.id AS authority_id, a.code AS authority_code, a.name_da AS authority_name_da, a.name_en AS authority_name_en
  FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id LEFT JOIN authorities a ON a.id = u.authority_id WHERE u.id = $1`;
const LOCK_SQL = `SELECT p.case_id FROM permits p JOIN cases c ON c.id = p.case_id WHERE p.id = $1 FOR UPDATE OF c`;
/** The writer's CTE for this shape (up, au, tk, nt, [ad], [ai], ob), values as arrays. */
const WRITE_SQL = `WITH up AS (UPDATE permits SET
      state = $1, outcome = $2, machine_version = $3::int, snapshot = $4::jsonb,
      version = $5::int, updated_at = $6::timestamptz,
      received_at = $7::timestamptz, complete_on = $8::date, stops = $9::jsonb,
      extensions = $10::jsonb, decided_at = $11::timestamptz, appeal_deadline_on = $12::date,
      usable_from = $13::date, final_at = $14::timestamptz,
      target_due_on = $15::date, statutory_due_on = $16::date, risk = $17, superseded_by = $18::uuid
    WHERE id = $19::uuid AND version = $20::int RETURNING *),
  au AS (INSERT INTO audit_events (case_id, permit_id, actor_user_id, actor_role, event_type, from_state, to_state, reason, payload, occurred_at)
    SELECT $21::uuid, $19::uuid, $22::uuid, $23, $24, $25, $1, $26, $27::jsonb, $6::timestamptz FROM up),
  tk AS (UPDATE tasks SET risk_rank = $28::int, due_on = $15::date FROM up
    WHERE tasks.permit_id = up.id AND (tasks.risk_rank <> $28::int OR tasks.due_on IS DISTINCT FROM $15::date)),
  nt AS (INSERT INTO notifications (user_id, kind, case_id, permit_id, title, body, dedupe_key, data, email_status)
    SELECT v.user_id, v.kind, $21::uuid, $19::uuid, v.title, v.body, v.dedupe_key, v.data, 'pending'
      FROM up, unnest($29::uuid[], $30::text[], $31::text[], $32::text[], $33::text[], $34::jsonb[]) v(user_id, kind, title, body, dedupe_key, data)
    ON CONFLICT (dedupe_key) DO NOTHING RETURNING id),
  ad AS (DELETE FROM deadline_alerts d USING up WHERE $35::boolean AND d.permit_id = up.id AND d.fired_at IS NULL),
  ai AS (INSERT INTO deadline_alerts (permit_id, case_id, clock, threshold, due_at)
    SELECT $19::uuid, $21::uuid, v.clock, v.threshold, v.due_at FROM up, unnest($36::text[], $37::text[], $38::timestamptz[]) v(clock, threshold, due_at)
    ON CONFLICT (permit_id, clock, threshold, due_at) DO NOTHING RETURNING id),
  ob AS (INSERT INTO outbox (aggregate_type, aggregate_id, type, payload, sent_at)
    SELECT 'permit', $19::uuid, o.type, o.payload, CASE WHEN o.relay THEN NULL ELSE now() END FROM up, (
      SELECT 0 AS grp, v.ord, v.type, v.payload, v.relay FROM unnest($39::text[], $40::jsonb[], $42::boolean[]) WITH ORDINALITY v(type, payload, relay, ord)
      UNION ALL SELECT 1, 0, 'email.send', $41::jsonb || jsonb_build_object('notificationId', nt.id::text), true FROM nt
      UNION ALL SELECT 2, ai.id, 'alert.schedule', $41::jsonb || jsonb_build_object('alertId', ai.id::text), true FROM ai) o(grp, ord, type, payload, relay) ORDER BY o.grp, o.ord)
SELECT id, version, state FROM up`;

const NEXT_STATE = { 'authority.infoRequested': 'submitted.infoRequested', 'applicant.infoProvided': 'submitted.underReview' };
const RISK_RANK = { onTrack: 0, atRisk: 1, breached: 2 };

function subOf(authorization) {
  const token = /^Bearer (.+)$/.exec(authorization || '')?.[1];
  if (!token) return null;
  try {
    return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')).sub ?? null;
  } catch {
    return null;
  }
}

/**
 * One transition: the principal read, then in ONE transaction the case lock, the transition read,
 * the write (one data-modifying CTE). `db.readUser(sub)` reads the principal; `db.inTransaction(fn)`
 * runs `fn(q)` after BEGIN, `q(name, text, values)` being one prepared statement on the
 * transaction's connection, and ends it with COMMIT when `fn` answers 2xx, else (and on a throw)
 * with ROLLBACK, as the product does (a version conflict is an error there). Returns [status, body].
 */
async function floorTransition(db, template, permitId, ifMatch, authorization, rawBody) {
  const event = JSON.parse(rawBody);
  const tpl = template[event.type];
  const next = NEXT_STATE[event.type];
  if (!tpl || !next) return [422, { code: 'FLOOR.EVENT_NOT_SUPPORTED' }];
  const expected = Number(/^"(\d+)"$/.exec(ifMatch || '')?.[1]);
  const user = await db.readUser(subOf(authorization));
  if (!user) return [401, { code: 'AUTH.UNAUTHENTICATED' }];
  return db.inTransaction(async (q) => {
    const locked = await q('floor_lock', LOCK_SQL, [permitId]);
    if (locked.rowCount === 0) return [404, { code: 'PERMIT.NOT_FOUND' }];
    const now = new Date();
    const row = (await q('floor_load', LOAD_TRANSITION_TEXT, loadTransitionSql(permitId, now).values)).rows[0];
    if (row.version !== expected) return [409, { code: 'CONCURRENCY.VERSION_CONFLICT', version: row.version }];
    const at = now.toISOString();
    const today = at.slice(0, 10);
    const snapshot = { ...row.snapshot, value: { submitted: next.split('.')[1] } };
    const stops = event.type === 'authority.infoRequested' ? [...row.stops, { reason: 'awaitingApplicant', from: today, to: null }] : row.stops.map((s) => (s.to === null ? { ...s, to: today } : s));
    const recipients = row.ctx_users.filter((u) => tpl.audience.includes(u.role));
    const base = JSON.stringify({ caseId: row.case_id, permitId });
    const alertsDue = tpl.alerts.map((a, i) => new Date(now.getTime() + (30 + i) * 86_400_000).toISOString());
    const values = [
      next, row.outcome, row.machine_version, JSON.stringify(snapshot), row.version + 1, at,
      row.received_at, row.complete_on, JSON.stringify(stops), JSON.stringify(row.extensions), row.decided_at, row.appeal_deadline_on,
      row.usable_from, row.final_at, row.target_due_on, row.statutory_due_on, row.risk, row.superseded_by,
      permitId, row.version,
      row.case_id, user.id, user.role, event.type, row.state, event.question ?? null, rawBody,
      RISK_RANK[row.risk] ?? 0,
      recipients.map((u) => u.id), recipients.map(() => tpl.notification.kind), recipients.map(() => tpl.notification.title), recipients.map(() => tpl.notification.body),
      recipients.map((u) => `${permitId}-${row.version + 1}-${u.id}`), recipients.map(() => JSON.stringify(tpl.notification.data)),
      tpl.cancelAlerts, tpl.alerts.map((a) => a.clock), tpl.alerts.map((a) => a.threshold), alertsDue,
      tpl.outbox.map((o) => o.type), tpl.outbox.map((o) => JSON.stringify({ ...o.payload, permitId, caseId: row.case_id, fromState: row.state, toState: next, at })),
      base,
      tpl.outbox.map((o) => o.relay !== false),
    ];
    const written = await q('floor_write', WRITE_SQL, values);
    if (written.rowCount === 0) return [409, { code: 'CONCURRENCY.VERSION_CONFLICT' }];
    return [200, written.rows[0]];
  });
}

/** The re-read the generator makes after a non-2xx answer. */
const READ_SQL = 'SELECT id, version, state FROM permits WHERE id = $1';

module.exports = { USER_SQL, READ_SQL, floorTransition };
