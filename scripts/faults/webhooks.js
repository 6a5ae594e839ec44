/**
 * Webhooks in the fault run (issue 18): an in-process receiver that verifies every request with
 * the `standardwebhooks` library and answers 503 to the first attempt of every fifth delivery
 * (so retries happen besides the injected faults), and endpoints for every authority the
 * workload routes to and for the applicant organisations, subscribed to every event type.
 */
'use strict';

const http = require('node:http');
const { Webhook } = require('standardwebhooks');
const { CASEWORKER_FOR } = require('../lib/demo-fixtures');
const { log } = require('./common');

async function startWebhookReceiver() {
  const secrets = new Map(); // path → secret
  const received = []; // { path, webhookId, eventId, at }
  const rejected = [];
  const seen = new Map(); // webhookId → requests so far
  let n = 0;
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const id = String(req.headers['webhook-id'] || '');
      let event;
      try {
        event = new Webhook(secrets.get(req.url)).verify(body, req.headers);
      } catch (e) {
        rejected.push({ path: req.url, webhookId: id, error: e.message });
        res.writeHead(401).end();
        return;
      }
      const count = (seen.get(id) || 0) + 1;
      seen.set(id, count);
      if (count === 1 && ++n % 5 === 0) {
        res.writeHead(503).end();
        return;
      }
      received.push({ path: req.url, webhookId: id, eventId: event.id, at: Date.now() });
      res.writeHead(204).end();
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const port = server.address().port;
  return { port, secrets, received, rejected, close: () => new Promise((r) => (server.closeAllConnections(), server.close(() => r()))) };
}

/** One endpoint per authority caseworker and per demo applicant organisation. */
async function registerWebhookEndpoints(ctx, receiver) {
  const types = (await ctx.client.read('/webhooks/event-types', 'cw.hillerod')).body.items;
  const owners = [...new Set(Object.values(CASEWORKER_FOR))].concat(['anna@nordlys.example', 'bo@bolge.example']);
  for (const owner of owners) {
    const path = `/${encodeURIComponent(owner)}`;
    const r = await ctx.client.call('POST', '/webhooks/endpoints', owner, { body: { url: `http://127.0.0.1:${receiver.port}${path}`, eventTypes: types } });
    if (r.status !== 201) throw new Error(`webhook endpoint for ${owner}: ${r.status} ${JSON.stringify(r.body)}`);
    receiver.secrets.set(path, r.body.secret);
  }
  log(`webhooks: ${owners.length} endpoints on the receiver at 127.0.0.1:${receiver.port}`);
}

module.exports = { startWebhookReceiver, registerWebhookEndpoints };
