/**
 * Check: the invariants, read from PostgreSQL after the system settled, and the summary.
 *   (1) no lost transition        (2) audit rows = transitions     (3) no lost alert
 *   (4) no duplicated alert       (5) every routed task present    (6) no duplicate notification/e-mail
 *   (7) outbox fully relayed       (8) no lost webhook delivery     (9) no duplicate webhook ids
 */
'use strict';

const { runTs } = require('../lib/harness');
const { SEED, t0 } = require('./common');

/** Returns `{ results: [{ name, ok, violations, note, reported }], duplicateMails }`. */
async function checkInvariants(ctx, work, chaos, { finalClock }) {
  const { pg, smtp } = ctx;
  const { acked, raceViolations, conflicts } = work;
  const { injected } = chaos;
  const desired = JSON.parse(runTs(['scripts/faults/helper.ts', 'desired'], ctx.baseEnv, 'desired alerts'));
  const results = [];
  const check = (name, violations, note, reported = []) => {
    results.push({ name, ok: violations.length === 0, violations, note, reported });
  };
  const q = async (sql, params) => (await pg.query(sql, params)).rows;

  const permits = await q(`SELECT id, case_id, version, state, authority_id FROM permits`);
  const permitById = new Map(permits.map((p) => [p.id, p]));
  const caseRows = await q(`SELECT id, version, state FROM cases`);
  const audits = await q(`SELECT id::bigint AS id, case_id, permit_id, event_type, from_state, to_state, payload FROM audit_events ORDER BY id`);
  const NON_BUMPING = (t) => t.startsWith('deadline.') || t === 'document.uploaded';
  const bumpsByPermit = new Map();
  const caseBumps = new Map();
  for (const a of audits) {
    if (a.permit_id) {
      if (NON_BUMPING(a.event_type)) continue;
      if (!bumpsByPermit.has(a.permit_id)) bumpsByPermit.set(a.permit_id, []);
      bumpsByPermit.get(a.permit_id).push(a);
    } else if (a.event_type !== 'case.created') {
      if (!caseBumps.has(a.case_id)) caseBumps.set(a.case_id, []);
      caseBumps.get(a.case_id).push(a);
    }
  }

  // (1) no lost transition
  {
    const v = [];
    for (const ack of acked) {
      const rows = ack.kind === 'permit' ? bumpsByPermit.get(ack.id) || [] : caseBumps.get(ack.id) || [];
      const row = rows[ack.expectedVersion - 1]; // the transition from version k to k+1 is the k-th bump
      if (!row) v.push(`${ack.kind} ${ack.id}: acknowledged ${ack.type} at v${ack.expectedVersion} has no audit row`);
      else if (row.event_type !== ack.type) v.push(`${ack.kind} ${ack.id}: acknowledged ${ack.type} at v${ack.expectedVersion}, audit says ${row.event_type}`);
      const cur = ack.kind === 'permit' ? permitById.get(ack.id) : caseRows.find((c) => c.id === ack.id);
      if (!cur || cur.version < ack.version) v.push(`${ack.kind} ${ack.id}: acknowledged version ${ack.version} but the row is at ${cur && cur.version}`);
    }
    v.push(...raceViolations);
    check('no lost transition (every HTTP 200 is in audit_events at its version; racing writers: ≤ 1 winner)', v, `${acked.length} acknowledged transitions, ${conflicts.races} races (${conflicts.race409} with a 409)`);
  }

  // (2) audit rows = transitions
  {
    const v = [];
    for (const p of permits) {
      const rows = bumpsByPermit.get(p.id) || [];
      if (rows.length !== p.version - 1) v.push(`permit ${p.id}: version ${p.version} but ${rows.length} version-changing audit rows`);
      for (let i = 1; i < rows.length; i++) if (rows[i].from_state !== rows[i - 1].to_state) v.push(`permit ${p.id}: audit chain broken at #${i + 1} (${rows[i - 1].to_state} → from ${rows[i].from_state})`);
      if (rows.length && rows[rows.length - 1].to_state !== p.state) v.push(`permit ${p.id}: last audit to_state ${rows[rows.length - 1].to_state} ≠ state ${p.state}`);
    }
    for (const c of caseRows) {
      const rows = caseBumps.get(c.id) || [];
      if (rows.length !== c.version - 1) v.push(`case ${c.id}: version ${c.version} but ${rows.length} case transition audit rows`);
    }
    const alertAudits = audits.filter((a) => a.event_type.startsWith('deadline.'));
    const firedAlerts = await q(`SELECT id::text AS id FROM deadline_alerts WHERE fired_at IS NOT NULL`);
    const perAlert = new Map();
    for (const a of alertAudits) perAlert.set(String(a.payload.alertId), (perAlert.get(String(a.payload.alertId)) || 0) + 1);
    for (const f of firedAlerts) if (perAlert.get(f.id) !== 1) v.push(`alert ${f.id}: fired with ${perAlert.get(f.id) || 0} deadline.* audit rows`);
    for (const [id, n] of perAlert) if (!firedAlerts.some((f) => f.id === id)) v.push(`deadline.* audit row(s) (${n}) for alert ${id}, which is not fired`);
    check('audit rows = transitions (permit.version − 1 = version-changing rows, chained; one deadline.* row per fired alert)', v, `${permits.length} permits, ${caseRows.length} cases, ${audits.length} audit rows (${alertAudits.length} deadline.*)`);
  }

  // (3) no lost alert
  const alerts = await q(`SELECT id::text AS id, permit_id, clock, threshold, due_at, fired_at FROM deadline_alerts`);
  {
    const v = [];
    const wantedKey = new Set();
    for (const d of desired) for (const a of d.alerts) if (Date.parse(a.dueAt) <= finalClock) wantedKey.add(`${d.permitId}|${a.clock}|${a.threshold}|${Date.parse(a.dueAt)}`);
    const firedKinds = new Set(alerts.filter((a) => a.fired_at).map((a) => `${a.permit_id}|${a.clock}|${a.threshold}`));
    const rowKeys = new Set(alerts.map((a) => `${a.permit_id}|${a.clock}|${a.threshold}|${new Date(a.due_at).getTime()}`));
    for (const a of alerts) {
      const k = `${a.permit_id}|${a.clock}|${a.threshold}|${new Date(a.due_at).getTime()}`;
      if (!a.fired_at && new Date(a.due_at).getTime() <= finalClock && wantedKey.has(k)) v.push(`alert ${a.id} (${a.clock} ${a.threshold}, due ${new Date(a.due_at).toISOString()}) is due and wanted but not fired`);
    }
    for (const k of wantedKey) {
      const [pid, clock, threshold] = k.split('|');
      if (!rowKeys.has(k) && !firedKinds.has(`${pid}|${clock}|${threshold}`)) v.push(`permit ${pid}: ${clock} ${threshold} due ${new Date(Number(k.split('|')[3])).toISOString()} has no deadline_alerts row`);
    }
    check('no lost alert (every wanted alert due by the final clock is fired)', v, `${alerts.length} alert rows, ${alerts.filter((a) => a.fired_at).length} fired; final clock ${new Date(finalClock).toISOString()}`);
  }

  // (4) no duplicated alert
  const notifications = await q(`SELECT n.id::text AS id, n.user_id, n.kind, n.case_id, n.permit_id, n.dedupe_key, n.email_status FROM notifications n`);
  {
    const v = [];
    const firedPer = new Map();
    for (const a of alerts.filter((x) => x.fired_at)) {
      const k = `${a.permit_id}|${a.clock}|${a.threshold}`;
      firedPer.set(k, (firedPer.get(k) || 0) + 1);
    }
    for (const [k, n] of firedPer) if (n > 1) v.push(`${k}: fired ${n} times`);
    const caseworkers = await q(`SELECT id, authority_id FROM users WHERE role = 'caseworker'`);
    const coordinators = await q(`SELECT id FROM users WHERE role = 'coordinator'`);
    const byKeyPrefix = new Map();
    for (const n of notifications) {
      const m = /^(alert|escalation)-(\d+)-/.exec(n.dedupe_key);
      if (!m) continue;
      const k = `${m[1]}-${m[2]}`;
      if (!byKeyPrefix.has(k)) byKeyPrefix.set(k, []);
      byKeyPrefix.get(k).push(n);
    }
    for (const a of alerts.filter((x) => x.fired_at)) {
      const p = permitById.get(a.permit_id);
      const recipients = caseworkers.filter((u) => u.authority_id === p.authority_id).map((u) => u.id);
      const got = byKeyPrefix.get(`alert-${a.id}`) || [];
      const kind = a.threshold === 'warning' ? 'alertWarning' : 'alertBreach';
      for (const r of recipients) {
        const mine = got.filter((n) => n.user_id === r && n.kind === kind);
        if (mine.length !== 1) v.push(`alert ${a.id}: ${mine.length} ${kind} notifications for caseworker ${r}`);
      }
      if (got.length !== recipients.length) v.push(`alert ${a.id}: ${got.length} notifications for ${recipients.length} recipients`);
      if (a.threshold === 'breach') {
        const esc = byKeyPrefix.get(`escalation-${a.id}`) || [];
        if (esc.length !== coordinators.length) v.push(`breach ${a.id}: ${esc.length} escalations for ${coordinators.length} coordinators`);
      }
    }
    for (const [k, ns] of byKeyPrefix) {
      const id = k.split('-')[1];
      const a = alerts.find((x) => x.id === id);
      if (!a || !a.fired_at) v.push(`${ns.length} notification(s) ${k} for an alert that is not fired`);
    }
    check('no duplicated alert (≤ 1 fired per permit/clock/threshold; one alert notification per fired alert per recipient)', v, `${[...firedPer.values()].reduce((s, n) => s + n, 0)} fired alerts`);
  }

  // (5) every routed task present
  {
    const v = [];
    const tasks = new Set((await q(`SELECT permit_id FROM tasks`)).map((t) => t.permit_id));
    const submitted = new Set(audits.filter((a) => a.permit_id && a.to_state && a.to_state.startsWith('submitted.')).map((a) => a.permit_id));
    for (const p of permits) if (p.state.startsWith('submitted.')) submitted.add(p.id);
    for (const pid of submitted) if (!tasks.has(pid)) v.push(`permit ${pid} reached submitted.* but has no task`);
    check('every routed task present (every permit that reached submitted.* has a tasks row)', v, `${submitted.size} permits reached submitted.*`);
  }

  // (6) no duplicate notifications; e-mail exactly once by Message-ID
  const mailByNotification = new Map();
  for (const m of smtp.received) {
    const mm = m.messageId && /notification-([^@>]+)@/.exec(m.messageId);
    const id = mm ? mm[1] : `?${m.messageId}`;
    if (!mailByNotification.has(id)) mailByNotification.set(id, []);
    mailByNotification.get(id).push(m.at);
  }
  let duplicateMails = [];
  {
    const v = [];
    const keys = new Set();
    const semantic = new Map();
    const alertById = new Map(alerts.map((a) => [a.id, a]));
    for (const n of notifications) {
      if (keys.has(n.dedupe_key)) v.push(`dedupe_key ${n.dedupe_key} twice`);
      keys.add(n.dedupe_key);
      // Semantic identity: (user, kind, subject, transition) — an alert by permit/clock/threshold.
      const base = n.dedupe_key.slice(0, n.dedupe_key.length - n.user_id.length - 1);
      let sem = base;
      const am = /^(alert|escalation)-(\d+)$/.exec(base);
      if (am && alertById.get(am[2])) {
        const a = alertById.get(am[2]);
        sem = `${am[1]}-${a.permit_id}-${a.clock}-${a.threshold}`;
      }
      const k = `${n.user_id}|${n.kind}|${sem}`;
      semantic.set(k, (semantic.get(k) || 0) + 1);
      // Version-keyed notifications must belong to a real transition of that permit/case.
      const pm = /^(?:permit|route)-([0-9a-f-]{36})-(\d+)/.exec(base);
      if (pm) {
        const rows = bumpsByPermit.get(pm[1]) || [];
        if (Number(pm[2]) - 1 > rows.length || Number(pm[2]) < 2) v.push(`notification ${n.id} (${base}) names permit version ${pm[2]}, which no transition produced`);
      }
    }
    for (const [k, c] of semantic) if (c > 1) v.push(`${c} notifications with the same meaning ${k}`);
    const unsent = notifications.filter((n) => n.email_status !== 'sent');
    for (const n of unsent.slice(0, 20)) v.push(`notification ${n.id} (${n.kind}) e-mail status ${n.email_status} after settling`);
    if (unsent.length > 20) v.push(`… ${unsent.length - 20} more notifications not e-mailed`);
    const notifIds = new Set(notifications.map((n) => n.id));
    for (const n of notifications) {
      if (n.email_status !== 'sent') continue;
      const got = mailByNotification.get(n.id) || [];
      if (got.length === 0) v.push(`notification ${n.id} is 'sent' but no e-mail with its Message-ID reached the sink`);
      if (got.length > 1) duplicateMails.push({ id: n.id, times: got });
    }
    for (const [id, times] of mailByNotification) if (!notifIds.has(id)) v.push(`e-mail ${id} (${times.length}×) for no notification`);
    const windowNotes = [];
    for (const d of duplicateMails) {
      // The one duplicate the design allows (at-least-once at the SMTP boundary; the stable
      // Message-ID lets mail systems drop it): a worker SIGKILL after the sink accepted the
      // first copy and before the worker recorded email_status = 'sent'. Anything else fails.
      const kills = [];
      for (let i = 0; i + 1 < d.times.length; i++) kills.push(injected.find((f) => f.kind === 'worker.kill' && f.t >= d.times[i] && f.t - d.times[i] <= 1000 && f.t <= d.times[i + 1]));
      const near = injected.filter((f) => f.t >= d.times[0] - 3000 && f.t <= d.times[1]).map((f) => `${f.kind}@${((f.t - t0) / 1000).toFixed(1)}s`);
      const line = `notification ${d.id}: ${d.times.length} e-mails at ${d.times.map((x) => `+${((x - t0) / 1000).toFixed(2)}s`).join(', ')}`;
      if (kills.every(Boolean)) windowNotes.push(`${line} (worker SIGKILLed ${kills.map((k, i) => k.t - d.times[i]).join(' / ')} ms after the sink accepted each earlier copy, before the DB update)`);
      else v.push(`${line} (not explained by a worker SIGKILL in the accept→update window; faults nearby: ${near.join(' ') || 'none'})`);
    }
    duplicateMails = { total: duplicateMails.length, window: windowNotes };
    check("no duplicate notifications; every 'sent' notification has exactly one e-mail by Message-ID (duplicates only in the SIGKILL accept→update window, reported)", v, `${notifications.length} notifications, ${smtp.received.length} e-mails received, ${duplicateMails.total} duplicated`, windowNotes);
  }

  // (7) outbox fully relayed
  {
    const rows = await q(`SELECT id::text AS id, type, created_at FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT 20`);
    const [{ n }] = await q(`SELECT count(*)::int AS n FROM outbox`);
    check('outbox fully relayed (no row with sent_at IS NULL)', rows.map((r) => `outbox ${r.id} (${r.type}) not relayed`), `${n} outbox rows`);
  }
  // (8) no lost webhook delivery: every (endpoint, event) the fan-out owes has a delivery row,
  // delivered, and the receiver verified it (signature) under that row's webhook-id.
  const deliveries = await q(`SELECT d.id, d.endpoint_id, d.outbox_id::text AS outbox_id, d.status, d.event->>'id' AS event_id FROM webhook_deliveries d`);
  const hooks = ctx.webhooks;
  {
    const v = [];
    const owed = JSON.parse(runTs(['scripts/faults/helper.ts', 'webhooks'], ctx.baseEnv, 'webhook targets'));
    const have = new Set(deliveries.map((d) => `${d.endpoint_id}|${d.outbox_id}`));
    for (const t of owed) if (!have.has(`${t.endpointId}|${t.outboxId}`)) v.push(`endpoint ${t.endpointId}: outbox ${t.outboxId} owed but has no delivery`);
    const got = new Set(hooks.received.map((r) => r.webhookId));
    for (const d of deliveries) {
      if (d.status !== 'delivered') v.push(`delivery ${d.id} is ${d.status}`);
      else if (!got.has(d.id)) v.push(`delivery ${d.id} is delivered but the receiver never verified it`);
    }
    for (const r of hooks.rejected.slice(0, 10)) v.push(`receiver refused ${r.webhookId} on ${r.path}: ${r.error}`);
    check('no lost webhook delivery (every owed (endpoint, event) delivered and verified by the receiver)', v, `${owed.length} owed, ${deliveries.length} delivery rows, ${hooks.received.length} verified receipts`);
  }

  // (9) no duplicate webhook ids: one webhook-id per (endpoint, event), no receipt for an unknown id.
  {
    const v = [];
    const byId = new Map(deliveries.map((d) => [d.id, d]));
    const idsPerEvent = new Map();
    let redelivered = 0;
    const counts = new Map();
    for (const r of hooks.received) {
      const d = byId.get(r.webhookId);
      if (!d) {
        v.push(`receiver got webhook-id ${r.webhookId}, which is no delivery`);
        continue;
      }
      if (d.event_id !== r.eventId) v.push(`webhook-id ${r.webhookId} carried event ${r.eventId}, its row says ${d.event_id}`);
      const k = `${r.path}|${r.eventId}`;
      if (!idsPerEvent.has(k)) idsPerEvent.set(k, new Set());
      idsPerEvent.get(k).add(r.webhookId);
      counts.set(r.webhookId, (counts.get(r.webhookId) || 0) + 1);
    }
    for (const [k, ids] of idsPerEvent) if (ids.size > 1) v.push(`event ${k} arrived under ${ids.size} webhook-ids`);
    for (const c of counts.values()) if (c > 1) redelivered++;
    check('no duplicate webhook ids (each event reaches an endpoint under one webhook-id; receivers dedupe repeats)', v, `${idsPerEvent.size} events × endpoints; ${redelivered} webhook-ids received more than once (at-least-once, same id)`);
  }
  return { results, duplicateMails };
}

/** Prints the summary; returns the exit code (0 when every invariant holds and the system settled). */
function report(ctx, work, chaos, { settled, sweep1, finalClock }, { results, duplicateMails }) {
  const { privateRedis, redisDb, api, worker, smtp, client } = ctx;
  const { cases, acked, unknown, conflicts, clockJumps } = work;
  const { injected, faultCounts, injectedCount, redisRestarts, apiDowntime } = chaos;
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  const out = [];
  out.push('');
  out.push('── fault-injection summary');
  out.push(`seed                ${SEED}   (replay: FAULTS_SEED=${SEED} npm run test:faults)`);
  out.push(`faults injected     ${injected.length} (${Object.entries(faultCounts).map(([k, v]) => `${k} ${v}`).join(', ')})${injectedCount !== injected.length ? `; ${injected.length - injectedCount} races found no open permit` : ''}`);
  out.push(`redis mode          ${privateRedis ? 'private redis-server: restarts are real SIGKILL + restart' : `shared Redis DB ${redisDb}: "restart" = CLIENT KILL of our ${redisRestarts}× connections (no real restart of a shared server)`}`);
  out.push(`processes           API started ${api.starts}× (downtime per kill ${apiDowntime.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s), worker started ${worker.starts}×`);
  out.push(`workload            ${cases.size} cases, ${acked.length} acknowledged transitions, ${client.stats.requests} requests (${client.stats.connErrors} connection errors, ${client.stats.status5xx} 5xx), unknown outcomes: ${unknown.permit} permit / ${unknown.case} case / ${unknown.create} create; 422 ${conflicts.r422}, 409 ${conflicts.other409}`);
  out.push(`test clock          ${clockJumps.n} jumps to ${new Date(finalClock).toISOString()}; sweeps fired ${clockJumps.fired + sweep1.sweep.alertsFired} alerts, expired ${clockJumps.expired + sweep1.sweep.appealPeriodsExpired} appeal periods`);
  out.push(`e-mail              ${smtp.received.length} received by the sink, ${duplicateMails.total} duplicated Message-IDs (${duplicateMails.window.length} in the worker-SIGKILL accept→update window)`);
  out.push('');
  for (const r of results) {
    out.push(`${r.ok ? 'PASS' : 'FAIL'}  ${r.name}${r.note ? `  [${r.note}]` : ''}`);
    for (const x of r.violations.slice(0, 15)) out.push(`        - ${x}`);
    for (const x of r.reported) out.push(`        ! reported (allowed window): ${x}`);
    if (r.violations.length > 15) out.push(`        … ${r.violations.length - 15} more`);
  }
  if (!settled) out.push('(the system did not settle within the bounded wait: the run fails)');
  out.push('');
  out.push(`${passed} passed, ${failed} failed`);
  process.stdout.write(`${out.join('\n')}\n`);
  return failed === 0 && settled ? 0 : 1;
}

module.exports = { checkInvariants, report };
