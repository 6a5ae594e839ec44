/**
 * Provision: like `npm test`'s integration step (resolveRuntime purpose 'test', a throw-away
 * database migrated and seeded with the demo directory, our own Redis DB index), then the API and
 * the worker as child processes (test clock on, SMTP to an in-process sink).
 *
 * Returns the run's context `ctx`, which the later phases share: the runtime, the database and
 * Redis handles, the SMTP sink, the API/worker children with their (re)start functions, the HTTP
 * client and the test clock (`ctx.clock.now`, only ever moved forward).
 */
'use strict';

const { spawnSync } = require('node:child_process');
const { createTestDatabase, dropDatabase } = require('../lib/runtime');
const { freePort, runTs, startSmtpSink, lazyRedis, withRedis } = require('../lib/harness');
const { JWT_SECRET, API_PROCS, WORKERS, log, sleep } = require('./common');
const { Child, ChildGroup, Client } = require('./processes');

/** Our own Redis DB index on a shared Redis: the first empty one of 8..15 unless given. */
async function pickRedisDb() {
  if (process.env.REDIS_URL || process.env.RL_TEST_REDIS_DB) return;
  try {
    await withRedis({ port: 6379 }, async (probe) => {
      const clients = String(await probe.client('LIST'));
      for (let db = 15; db >= 8; db--) {
        await probe.select(db);
        if ((await probe.dbsize()) === 0 && !clients.includes(` db=${db} `)) {
          process.env.RL_TEST_REDIS_DB = String(db);
          break;
        }
      }
    });
  } catch {
    /* no system Redis: the runtime spawns a private one */
  }
}

/**
 * Provisions the database, Redis, the SMTP sink and the two children (not started yet);
 * every resource registers its cleanup in `cleanups` (run in reverse).
 */
async function provision(rt, cleanups) {
  const redisUrl = new URL(rt.redisUrl);
  const redisDb = Number(redisUrl.pathname.replace('/', '') || 0);
  const privateRedis = rt.redisSource === 'spawned';
  const redisPort = Number(redisUrl.port || 6379);
  const dbName = `rodlober_faults_${process.pid}_${Date.now().toString(36)}`;

  const databaseUrl = await createTestDatabase(rt.databaseUrl, dbName);
  if (process.env.FAULTS_KEEP_DB !== '1') cleanups.push(() => dropDatabase(rt.databaseUrl, dbName));
  else log(`keeping database ${dbName}`);
  log(`database ${dbName}; Redis ${rt.redisSource} DB ${redisDb}${privateRedis ? ' (private redis-server: real restarts)' : ' (shared: FLUSHDB of our index, CLIENT KILL of our connections instead of restarts)'}`);
  const baseEnv = { DATABASE_URL: databaseUrl, REDIS_URL: rt.redisUrl, NODE_ENV: 'test', LOG_LEVEL: 'silent' };
  runTs(['scripts/db.ts', 'migrate'], baseEnv, 'migrate');
  const seeded = runTs(['scripts/faults/helper.ts', 'seed'], baseEnv, 'seed').trim();
  log(`migrated; demo directory seeded ${seeded}`);

  // Redis admin connection (our DB index only).
  const Redis = lazyRedis();
  const admin = new Redis(rt.redisUrl, { maxRetriesPerRequest: 3, connectionName: 'rl-faults-admin' });
  admin.on('error', () => {});
  cleanups.push(async () => admin.disconnect());
  await admin.flushdb();

  const { Client: PgClient } = require('pg');
  const pg = new PgClient({ connectionString: databaseUrl });
  pg.on('error', () => {});
  await pg.connect();
  cleanups.push(() => pg.end());

  // Each e-mail is recorded with its Message-ID; a little latency, so that a worker SIGKILL often lands mid-send.
  const received = []; // { messageId, at }
  const sink = await startSmtpSink({
    delayMs: 15,
    onMessage: (raw) => {
      const head = raw.toString('utf8').split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
      const m = /^message-id:\s*(\S+)/im.exec(head);
      received.push({ messageId: m ? m[1] : null, at: Date.now() });
    },
  });
  const smtp = { port: sink.port, received };
  cleanups.push(() => sink.close());

  const apiPort = await freePort();
  const common = { ...baseEnv, LOG_LEVEL: 'warn', ENABLE_TEST_CLOCK: '1', JWT_SECRET, SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), RATE_LIMIT_PER_MINUTE: '1000000' };
  // API_PROCS > 1: the API is a node cluster (its primary forks the API processes; a SIGKILL of
  // the primary takes them all down, as a machine's crash would).
  const api = new Child('api', 'apps/api/src/main.ts', { ...common, PORT: String(apiPort), HOST: '127.0.0.1', API_PROCS: String(API_PROCS) });
  // Webhook retries fast enough to settle within the bounded wait, and never dead under chaos.
  const workerEnv = { ...common, LOG_LEVEL: 'info', WORKER_CONCURRENCY: '4', WEBHOOK_BACKOFF_MS: '250', WEBHOOK_MAX_ATTEMPTS: '20' };
  const worker =
    WORKERS === 1 ? new Child('worker', 'apps/worker/src/main.ts', workerEnv) : new ChildGroup(Array.from({ length: WORKERS }, (_, i) => new Child(`worker-${i + 1}`, 'apps/worker/src/main.ts', workerEnv)));
  log(`${API_PROCS} API process${API_PROCS === 1 ? '' : 'es'}, ${WORKERS} worker${WORKERS === 1 ? '' : 's'}`);
  cleanups.push(() => api.kill('SIGTERM', 10_000));
  cleanups.push(() => worker.kill('SIGTERM', 10_000));

  const ctx = { rt, redisDb, privateRedis, redisPort, baseEnv, admin, pg, smtp, api, worker, apiPort, privateRedisProc: null };
  cleanups.push(async () => {
    if (ctx.privateRedisProc && ctx.privateRedisProc.exitCode === null) ctx.privateRedisProc.kill('SIGKILL');
  });
  // If this process dies unexpectedly, never leave an API or worker behind.
  process.on('exit', () => {
    for (const c of [api, ...(worker.children || [worker])]) if (c.alive()) c.proc.kill('SIGKILL');
    if (ctx.privateRedisProc && ctx.privateRedisProc.exitCode === null) ctx.privateRedisProc.kill('SIGKILL');
  });

  ctx.assertRedisOurs = async () => {
    const foreign = await foreignRedisClients(ctx);
    if (foreign.length) throw new Error(`another process uses Redis DB ${redisDb} (${foreign.join(', ')}): refusing to FLUSHDB / CLIENT KILL; set RL_TEST_REDIS_DB to a free index`);
  };

  const client = (ctx.client = new Client(`http://127.0.0.1:${apiPort}/api/v1`));
  // The test clock: starts at wall time (Monday 09:00 UTC of this week) and only moves forward.
  const start = new Date();
  start.setUTCHours(9, 0, 0, 0);
  start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  ctx.clock = { now: start.getTime() };

  const waitApiUp = async (ms) => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (!api.alive()) return false;
      const r = await client.raw('GET', '/health', { ungated: true, timeoutMs: 2000 });
      if (r.status > 0) return true;
      await sleep(150);
    }
    return false;
  };
  ctx.setClockUngated = async () => {
    for (let i = 0; i < 40; i++) {
      const r = await client.raw('POST', '/test/clock', { body: { now: new Date(ctx.clock.now).toISOString() }, ungated: true, timeoutMs: 60_000 });
      if (r.status === 200) return r.body;
      await sleep(250);
    }
    throw new Error('could not set the test clock');
  };
  ctx.startApi = async () => {
    let release;
    client.gate = new Promise((r) => (release = r));
    api.start();
    const t = Date.now();
    if (!(await waitApiUp(90_000))) throw new Error(`API did not come up (see ${api.logFile})`);
    await ctx.setClockUngated(); // the clock lives in the API process: set it again after every start
    release();
    return Date.now() - t;
  };
  ctx.startWorker = async () => {
    worker.start();
    const t = Date.now();
    if (!(await worker.waitReady(90_000))) throw new Error(`worker did not start (see ${worker.logFile})`);
    return Date.now() - t;
  };
  return ctx;
}

/** Starts the API and the worker for the first time. */
async function startProcesses(ctx) {
  log(`starting API (port ${ctx.apiPort}) and worker…`);
  const [apiBoot, workerBoot] = await Promise.all([ctx.startApi(), ctx.startWorker()]);
  log(`API up in ${apiBoot} ms, worker in ${workerBoot} ms; test clock ${new Date(ctx.clock.now).toISOString()}`);
}

/**
 * Safety guard before anything destructive on Redis: every connection on our DB index must
 * belong to this process, the API or the worker (socket owners looked up with `ss`). Another
 * engineer's process on the same index aborts the run instead of losing their data.
 */
async function foreignRedisClients({ privateRedis, admin, api, worker, redisDb }) {
  if (privateRedis) return [];
  const list = String(await admin.client('LIST'));
  const ours = new Set([process.pid, ...api.pids, ...worker.pids].filter(Boolean));
  // An API cluster's processes are children of the API's primary.
  const parentOf = (pid) => {
    try {
      const stat = require('node:fs').readFileSync(`/proc/${pid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    } catch {
      return null;
    }
  };
  const ss = spawnSync('ss', ['-tnpH'], { encoding: 'utf8' });
  if (ss.status !== 0) return [];
  const owner = new Map();
  for (const line of ss.stdout.split('\n')) {
    const cols = line.trim().split(/\s+/);
    const m = /pid=(\d+)/.exec(line);
    if (cols.length >= 5 && m) owner.set(cols[3], Number(m[1]));
  }
  const foreign = [];
  for (const l of list.split('\n')) {
    const db = / db=(\d+) /.exec(l);
    const addr = / addr=(\S+) /.exec(l);
    if (!db || !addr || Number(db[1]) !== redisDb) continue;
    const pid = owner.get(addr[1]);
    if (pid !== undefined && !ours.has(pid) && !ours.has(parentOf(pid))) foreign.push(`${addr[1]} (pid ${pid})`);
  }
  return foreign;
}

module.exports = { pickRedisDb, provision, startProcesses };
