/**
 * Bulk seed inside PostgreSQL (INSERT … SELECT generate_series), shaped like the rows the API
 * writes: a template case created through the API gives the real case/permit snapshots, machine
 * ids, prerequisites, reasons and clock units; states, risks, dates and authorities are spread
 * realistically. Nothing but the batch bounds travels from Node.
 */
'use strict';

const { progressBar } = require('./lib');

/** Copies the template case's permits into bench_template_permits (one row per permit code). */
async function prepareTemplate(pg, templateCaseId) {
  await pg.query(`DROP TABLE IF EXISTS bench_template_permits`);
  await pg.query(
    `CREATE TABLE bench_template_permits AS
       SELECT row_number() OVER (ORDER BY p.created_at, p.code)::int AS n, p.code, a.code AS authority_code, p.authority_id,
              (a.kind = 'municipality') AS municipal, p.machine_id, p.machine_version, p.snapshot, p.prerequisites, p.reasons,
              p.target_unit, p.target_length, p.target_kind, p.statutory_unit, p.statutory_length
         FROM permits p JOIN authorities a ON a.id = p.authority_id WHERE p.case_id = $1`,
    [templateCaseId],
  );
  const [{ n }] = (await pg.query(`SELECT count(*)::int AS n FROM bench_template_permits`)).rows;
  const [tc] = (await pg.query(`SELECT facts, catalog_version, machine_id, machine_version, snapshot FROM cases WHERE id = $1`, [templateCaseId])).rows;
  const munis = (await pg.query(`SELECT id FROM authorities WHERE kind = 'municipality' ORDER BY code`)).rows.map((r) => r.id);
  const [kal] = (await pg.query(`SELECT id FROM authorities WHERE code = 'KOMMUNE-326'`)).rows;
  const applicants = (await pg.query(`SELECT id, organisation_id FROM users WHERE role = 'applicant' ORDER BY username`)).rows;
  return { permitsPerTemplate: n, tc, munis, kalundborg: kal.id, applicants };
}

/**
 * One batch of cases [from, to] (reference numbers), with ~83 % of the template's permits each
 * (so ~20 of 24), tasks for routed permits. One statement, one transaction.
 */
const BATCH_SQL = `
WITH nc AS (
  INSERT INTO cases (reference, organisation_id, title, description, facts, catalog_version, state, machine_id, machine_version, snapshot,
                     version, simple, ceiling_months, national_strategic, submitted_at, ceiling_due_on, completed_at, created_by, created_at, updated_at)
  SELECT 'BENCH-' || lpad(g::text, 7, '0'), ($6::uuid[])[1 + g % cardinality($6::uuid[])], 'Bench production site ' || g, '', $3::jsonb, $4, s.state, $5, $9::int, $10::jsonb,
         1 + (g % 7), false, 12, (g % 40 = 0),
         CASE WHEN s.state <> 'draft' THEN s.created + interval '2 days' END,
         CASE WHEN s.state <> 'draft' THEN (s.created + interval '12 months')::date END,
         CASE WHEN s.state = 'completed' THEN s.created + interval '300 days' END,
         -- Last changes (here and the permits' below) are never in the future: a case made 2 days ago
         -- whose permits "changed 10 days after creation" looked changed after every forecast, so the
         -- worker re-forecast ~600 such cases every 10 s and the dashboard planned them per request.
         ($7::uuid[])[1 + g % cardinality($7::uuid[])], s.created, least(s.created + interval '3 days', now())
    FROM generate_series($1::int, $2::int) g
    CROSS JOIN LATERAL (SELECT CASE WHEN r < 0.05 THEN 'draft' WHEN r < 0.85 THEN 'inProgress' ELSE 'completed' END AS state,
                               now() - (random() * 1000 + 2) * interval '1 day' AS created
                          FROM (SELECT random() AS r WHERE g IS NOT NULL) x) s
  RETURNING id, reference, state, created_at, national_strategic, ceiling_due_on
), nf AS (
  -- A stored forecast per open case, as the worker keeps one (it recomputes a case within ~10 s
  -- of a change and every open case nightly): the dashboard is measured in that steady state, not
  -- while the worker works off 80,000 missing forecasts after the bulk insert. Synthetic values
  -- (runs = 1): completion 1–8 months ahead, the ceiling risk from P80 against the ceiling date.
  -- as_of is Copenhagen's date, as the worker dates it: with the server's current_date (UTC) a
  -- bench between 00:00 and 01:00 (02:00 in summer) Copenhagen time found every forecast stale
  -- and measured the reads while the worker recomputed 80,000 cases.
  INSERT INTO case_forecasts (case_id, computed_at, as_of, runs, seed, projected_completion, completion_p50, completion_p80, ceiling_probability, ceiling_risk)
  SELECT nc.id, now(), (now() AT TIME ZONE 'Europe/Copenhagen')::date, 1, 0, f.p50, f.p50, f.p80, CASE WHEN f.p80 <= nc.ceiling_due_on THEN 0.9 ELSE 0.3 END,
         CASE WHEN f.p80 > nc.ceiling_due_on THEN 'breached' WHEN f.p80 > nc.ceiling_due_on - 30 THEN 'atRisk' ELSE 'onTrack' END
    FROM nc CROSS JOIN LATERAL (SELECT current_date + (30 + (random() * 210)::int) AS p50 WHERE nc.id IS NOT NULL) d
    CROSS JOIN LATERAL (SELECT d.p50 AS p50, d.p50 + 30 AS p80) f
   WHERE nc.state = 'inProgress'
), np AS (
  INSERT INTO permits (case_id, code, authority_id, state, outcome, machine_id, machine_version, snapshot, version, prerequisites, reasons,
                       received_at, complete_on, target_unit, target_length, target_kind, target_due_on, statutory_unit, statutory_length,
                       decided_at, appeal_deadline_on, final_at, usable_from, risk, created_at, updated_at)
  SELECT nc.id, t.code,
         CASE WHEN t.municipal THEN (CASE WHEN gi % 5 = 0 THEN $11::uuid ELSE ($8::uuid[])[1 + gi % cardinality($8::uuid[])] END)
              ELSE t.authority_id END,
         ps.state,
         CASE WHEN ps.state LIKE 'decided%' OR ps.state = 'final' THEN (CASE WHEN rr.r2 < 0.05 THEN 'refused' WHEN rr.r2 < 0.5 THEN 'grantedWithConditions' ELSE 'granted' END) END,
         t.machine_id, t.machine_version, t.snapshot, 1 + (gi % 9), t.prerequisites, t.reasons,
         CASE WHEN ps.state NOT IN ('blocked', 'ready') THEN nc.created_at + interval '2 days' END,
         CASE WHEN ps.state NOT IN ('blocked', 'ready', 'submitted.completenessCheck') THEN (nc.created_at + interval '9 days')::date END,
         t.target_unit, t.target_length, t.target_kind,
         CASE WHEN ps.state NOT IN ('blocked', 'ready', 'submitted.completenessCheck') THEN (nc.created_at + (40 + rr.r3 * 200) * interval '1 day')::date END,
         t.statutory_unit, t.statutory_length,
         CASE WHEN ps.state LIKE 'decided%' OR ps.state = 'final' THEN nc.created_at + (20 + rr.r3 * 220) * interval '1 day' END,
         CASE WHEN ps.state = 'decided.appealPeriod' THEN current_date + (1 + (rr.r4 * 27)::int) END,
         CASE WHEN ps.state = 'final' THEN nc.created_at + (60 + rr.r3 * 240) * interval '1 day' END,
         CASE WHEN ps.state = 'final' THEN (nc.created_at + interval '300 days')::date END,
         CASE WHEN ps.state LIKE 'submitted%' THEN (CASE WHEN rr.r4 < 0.08 THEN 'breached' WHEN rr.r4 < 0.25 THEN 'atRisk' ELSE 'onTrack' END) ELSE 'onTrack' END,
         nc.created_at, least(nc.created_at + interval '10 days', now())
    FROM nc
    CROSS JOIN LATERAL (SELECT split_part(nc.reference, '-', 2)::int AS gi) gg
    CROSS JOIN bench_template_permits t
    CROSS JOIN LATERAL (SELECT random() AS r1, random() AS r2, random() AS r3, random() AS r4 WHERE t.n IS NOT NULL AND nc.id IS NOT NULL) rr
    CROSS JOIN LATERAL (SELECT CASE
              WHEN nc.state = 'draft' THEN (CASE WHEN rr.r1 < 0.2 THEN 'blocked' ELSE 'ready' END)
              WHEN nc.state = 'completed' THEN 'final'
              WHEN rr.r1 < 0.05 THEN 'blocked'
              WHEN rr.r1 < 0.20 THEN 'submitted.completenessCheck'
              WHEN rr.r1 < 0.55 THEN 'submitted.underReview'
              WHEN rr.r1 < 0.65 THEN 'submitted.infoRequested'
              WHEN rr.r1 < 0.72 THEN 'submitted.hearing'
              WHEN rr.r1 < 0.82 THEN 'decided.appealPeriod'
              ELSE 'final' END AS state) ps
   WHERE rr.r2 >= 0.17 OR t.n = 1
  RETURNING id, case_id, authority_id, state, received_at, risk, target_due_on
)
INSERT INTO tasks (permit_id, case_id, authority_id, kind, status, national_strategic, routed_at, closed_at, risk_rank, due_on)
SELECT np.id, np.case_id, np.authority_id,
       CASE WHEN np.state = 'submitted.completenessCheck' THEN 'checkCompleteness' WHEN np.state LIKE 'submitted%' THEN 'review' ELSE 'decide' END,
       CASE WHEN np.state LIKE 'submitted%' THEN 'open' ELSE 'done' END,
       nc.national_strategic, np.received_at,
       CASE WHEN np.state LIKE 'submitted%' THEN NULL ELSE np.received_at + interval '90 days' END,
       CASE np.risk WHEN 'breached' THEN 0 WHEN 'atRisk' THEN 1 ELSE 2 END, np.target_due_on
  FROM np JOIN nc ON nc.id = np.case_id
 WHERE np.state NOT IN ('blocked', 'ready')`;

/** Seeds `count` cases starting at reference number `start`, in batches; progress on stderr. */
async function bulkSeed(pg, tpl, { start, count, batch, label = 'seed' }) {
  const bar = progressBar(label, count, 'cases');
  let done = 0;
  bar.update(0);
  while (done < count) {
    const n = Math.min(batch, count - done);
    const from = start + done;
    await pg.query(BATCH_SQL, [
      from,
      from + n - 1,
      JSON.stringify(tpl.tc.facts),
      tpl.tc.catalog_version,
      tpl.tc.machine_id,
      tpl.applicants.map((a) => a.organisation_id),
      tpl.applicants.map((a) => a.id),
      tpl.munis,
      tpl.tc.machine_version,
      JSON.stringify(tpl.tc.snapshot),
      tpl.kalundborg,
    ]);
    done += n;
    bar.update(done);
  }
  bar.done();
}

module.exports = { prepareTemplate, bulkSeed };
