/**
 * The floor of bench step (a) (issue 20 item 1): the same write set as a product transition on
 * bare `node:http` + `pg`, no framework, no state machine, no worker. It answers the bench's own
 * request generator (POST /api/v1/permits/:id/events with If-Match, GET /api/v1/permits/:id for
 * a re-read) and per transition runs, in one transaction on one pooled connection, the product's
 * round trips with prepared statements:
 *
 *   the principal read (users ⋈ organisations ⋈ authorities, by the token's `sub`), BEGIN,
 *   the case row lock, the transition read (permit + case + authority + recipients + alerts: the
 *   product's statement, libs/server/case-engine/src/lib/transition-read-sql.ts),
 *   ONE data-modifying CTE, COMMIT
 *
 * The CTE writes what the product wrote for the same event type in the same bench run (the bench
 * reads it from the product's rows and passes it in FLOOR_TEMPLATE): the permit row (every
 * column the product's writer sets), one audit row, the task ranking, the notifications (one per
 * recipient, the product's title/body), the alert rows deleted/inserted and the same outbox rows
 * (types and payloads, e-mail rows per notification). What the floor does NOT do: verify the
 * token's signature, check the event against the machine, compute clocks, render texts.
 *
 *   DATABASE_URL=postgres://… PORT=… FLOOR_TEMPLATE='{"authority.infoRequested":{…},…}' SWC_NODE_PROJECT=tsconfig.base.json \
 *     node -r @swc-node/register scripts/bench/floor.js
 */
'use strict';

const http = require('node:http');
const { Pool } = require('pg');
const { USER_SQL, READ_SQL, floorTransition } = require('./floor-core');

const template = JSON.parse(process.env.FLOOR_TEMPLATE || '{}');
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.FLOOR_POOL || 10) });

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * The principal read and the transaction on ONE pooled connection, as the product's round trips;
 * the connection is taken at the principal read, floorTransition's first statement (a body it
 * refuses before that takes none).
 */
async function transition(permitId, ifMatch, authorization, rawBody) {
  let client = null;
  const q = (name, text, values) => client.query({ name, text, values });
  try {
    const db = {
      readUser: async (sub) => {
        client = await pool.connect();
        return (await q('floor_user', USER_SQL, [sub])).rows[0];
      },
      inTransaction: async (fn) => {
        await client.query('BEGIN');
        try {
          const out = await fn(q);
          await client.query(out[0] < 300 ? 'COMMIT' : 'ROLLBACK');
          return out;
        } catch (e) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw e;
        }
      },
    };
    return await floorTransition(db, template, permitId, ifMatch, authorization, rawBody);
  } finally {
    client?.release();
  }
}

async function read(permitId) {
  const { rows } = await pool.query({ name: 'floor_read', text: READ_SQL, values: [permitId] });
  return rows[0] ? [200, rows[0]] : [404, { code: 'PERMIT.NOT_FOUND' }];
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const m = /^\/api\/v1\/permits\/([0-9a-f-]{36})(\/events)?$/.exec(req.url);
    let work;
    if (req.url === '/api/v1/health') work = Promise.resolve([200, { status: 'ok' }]);
    else if (m && req.method === 'POST' && m[2]) work = transition(m[1], req.headers['if-match'], req.headers.authorization, Buffer.concat(chunks).toString('utf8'));
    else if (m && req.method === 'GET' && !m[2]) work = read(m[1]);
    else work = Promise.resolve([404, { code: 'NOT_FOUND' }]);
    work.then(
      ([status, body]) => send(res, status, body),
      (e) => send(res, 500, { code: 'FLOOR.ERROR', detail: String(e && e.message) }),
    );
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1');
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => server.close(() => pool.end().then(() => process.exit(0))));
