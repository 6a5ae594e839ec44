/**
 * Bench step (w), issue 18: webhooks.
 *   (w1) the transition test of step (a) three times in a row on the same database: without
 *        webhooks, with webhook endpoints for every authority the cases route to and for the
 *        company (every event type, a local receiver answering 204), and without again (those
 *        endpoints disabled). The rate with them must stay ≥ 90 % of the mean of the two runs
 *        without (the fan-out rides on the worker's relay, not on the API's write path).
 *        Until 2026-12-01 the run with webhooks was compared with step (a), made minutes earlier
 *        on a database ~100 times smaller (before (d)'s bulk seed): full runs gave 0.70×, 1.23×,
 *        0.97×, 0.75× for unchanged code. Step (a)'s rate is still reported beside it.
 *   (w2) fan-out: 10,000 events (outbox rows written directly, as the engine writes them) to
 *        3 endpoints of the company = 30,000 signed deliveries, all accepted by the receiver
 *        within 60 s.
 */
'use strict';

const http = require('node:http');

async function startReceiver() {
  const counts = new Map();
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      counts.set(req.url, (counts.get(req.url) || 0) + 1);
      res.writeHead(204).end();
    });
  });
  // Keep-alive like a real receiver (Node's default is 5 s): the worker's agent reuses its sockets.
  server.keepAliveTimeout = 5000;
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { port: server.address().port, counts, total: () => [...counts.values()].reduce((a, b) => a + b, 0), close: () => new Promise((r) => (server.closeAllConnections(), server.close(r))) };
}

async function register(api, token, url) {
  const types = (await api.expectOk('GET', '/webhooks/event-types', { token })).items;
  return api.expectOk('POST', '/webhooks/endpoints', { token, body: { url, eventTypes: types } }, `register ${url}`);
}

async function benchWebhooks({ api, pg, log, benchTransitions, withoutWebhooks, applicantUser, caseworkers, events = 10_000, sleep }) {
  const receiver = await startReceiver();
  try {
    const out = {};
    const applicant = await api.login(applicantUser);
    const before = withoutWebhooks ? (log('(w1) transition test without webhooks (same database as with) …'), await benchTransitions()) : null;
    const transitionEndpoints = [];
    for (const user of caseworkers) transitionEndpoints.push(await register(api, await api.login(user), `http://127.0.0.1:${receiver.port}/authority/${encodeURIComponent(user)}`));
    transitionEndpoints.push(await register(api, applicant, `http://127.0.0.1:${receiver.port}/company/transitions`));

    if (withoutWebhooks) {
      log(`(w1) transition test with ${transitionEndpoints.length} webhook endpoints …`);
      const w = await benchTransitions();
      // Let the run's webhook work finish before the endpoints are disabled (a disabled endpoint's
      // pending deliveries are cancelled, and events not yet relayed would get none), and say how long that took.
      const ids = transitionEndpoints.map((e) => e.id);
      const t0 = Date.now();
      for (;;) {
        const [{ unsent, pending }] = (
          await pg.query(
            `SELECT (SELECT count(*)::int FROM outbox WHERE sent_at IS NULL) AS unsent, (SELECT count(*)::int FROM webhook_deliveries WHERE endpoint_id = ANY($1::uuid[]) AND status = 'pending') AS pending`,
            [ids],
          )
        ).rows;
        if ((unsent === 0 && pending === 0) || Date.now() - t0 > 60_000) break;
        await sleep(250);
      }
      const drainSeconds = Math.round((Date.now() - t0) / 100) / 10;
      const [{ n: deliveries }] = (await pg.query(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = ANY($1::uuid[])`, [ids])).rows;
      // Without again: the same endpoints disabled (the fan-out reads endpoints from PostgreSQL per batch), then enabled for (w2).
      let after;
      await pg.query(`UPDATE webhook_endpoints SET status = 'disabled' WHERE id = ANY($1::uuid[])`, [ids]);
      try {
        log('(w1) transition test without webhooks again (those endpoints disabled) …');
        after = await benchTransitions();
      } finally {
        await pg.query(`UPDATE webhook_endpoints SET status = 'active' WHERE id = ANY($1::uuid[])`, [ids]);
      }
      const withoutMean = (before.transitionsPerSecond + after.transitionsPerSecond) / 2;
      out.transitions = {
        transitionsPerSecond: w.transitionsPerSecond,
        withoutBefore: before.transitionsPerSecond,
        withoutAfter: after.transitionsPerSecond,
        withoutWebhooks: Math.round(withoutMean * 10) / 10,
        ratio: withoutMean ? Math.round((w.transitionsPerSecond / withoutMean) * 1000) / 1000 : null,
        stepA: withoutWebhooks.transitionsPerSecond,
        ratioToStepA: withoutWebhooks.transitionsPerSecond ? Math.round((w.transitionsPerSecond / withoutWebhooks.transitionsPerSecond) * 1000) / 1000 : null,
        cpuMsPerTransition: { with: w.cpuMsPerTransition, withoutBefore: before.cpuMsPerTransition, withoutAfter: after.cpuMsPerTransition },
        p99Ms: w.p99Ms,
        deliveriesCreated: deliveries,
        drainSecondsAfterRun: drainSeconds,
      };
    }

    // (w2) Three more endpoints of the company; then 10,000 document.added events on one of its cases.
    for (const n of [1, 2, 3]) await register(api, applicant, `http://127.0.0.1:${receiver.port}/fanout/${n}`);
    const [{ id: caseId }] = (await pg.query(`SELECT c.id FROM cases c JOIN organisations o ON o.id = c.organisation_id WHERE o.cvr = '10000001' ORDER BY c.created_at LIMIT 1`)).rows;
    await sleep(1500); // settle the relay of earlier steps
    const fanoutPaths = ['/fanout/1', '/fanout/2', '/fanout/3'];
    const receivedBefore = fanoutPaths.reduce((s, p) => s + (receiver.counts.get(p) || 0), 0);
    const t0 = Date.now();
    await pg.query(
      `INSERT INTO outbox (aggregate_type, aggregate_id, type, payload)
       SELECT 'case', $1::uuid, 'document.added', jsonb_build_object('caseId', $1::text, 'permitId', NULL, 'documentId', gen_random_uuid()::text, 'filename', 'bench-' || g || '.pdf', 'at', now())
         FROM generate_series(1, $2::int) g`,
      [caseId, events],
    );
    const want = receivedBefore + 3 * events;
    const deadline = t0 + 180_000;
    let last = 0;
    while (Date.now() < deadline) {
      const got = fanoutPaths.reduce((s, p) => s + (receiver.counts.get(p) || 0), 0);
      if (got >= want) break;
      if (got - last > 0 && Date.now() % 10 === 0) log(`(w2) ${got - receivedBefore}/${3 * events} delivered`);
      last = got;
      await sleep(250);
    }
    const seconds = (Date.now() - t0) / 1000;
    const received = fanoutPaths.reduce((s, p) => s + (receiver.counts.get(p) || 0), 0) - receivedBefore;
    const [{ delivered, pending, dead }] = (
      await pg.query(
        `SELECT count(*) FILTER (WHERE d.status = 'delivered')::int AS delivered, count(*) FILTER (WHERE d.status = 'pending')::int AS pending, count(*) FILTER (WHERE d.status = 'dead')::int AS dead
           FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE e.url LIKE '%/fanout/%'`,
      )
    ).rows;
    out.fanOut = { events, endpoints: 3, deliveries: 3 * events, received, seconds: Math.round(seconds * 10) / 10, perSecond: Math.round(received / seconds), delivered, pending, dead };
    return out;
  } finally {
    await receiver.close();
  }
}

module.exports = { benchWebhooks };
