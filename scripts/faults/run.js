#!/usr/bin/env node
/**
 * `npm run test:faults`: fault injection against the real stack (issue 7, goals G6/G7).
 *
 * Provisions like `npm test`'s integration step (resolveRuntime purpose 'test', a throw-away
 * database migrated and seeded with the demo directory, our own Redis DB index), starts the API
 * and the worker as child processes (test clock on, SMTP to an in-process sink), runs a scripted
 * workload and injects FAULTS_COUNT randomised faults during it, chosen by a seeded PRNG:
 *   redis.flushdb     FLUSHDB of our Redis DB index (everything BullMQ holds for us is gone)
 *   redis.restart     a private redis-server (runtime spawned it): SIGKILL + start again on the port;
 *                     a shared system Redis: CLIENT KILL of the connections on OUR DB index only
 *   worker.kill       worker SIGKILL, preferably while a job is active; restarted after a pause
 *   api.kill          API SIGKILL while requests are in flight; restarted (clients re-read + retry)
 *   race              two writers send different events with the same If-Match
 * Then it stops the chaos, lets the system settle (clean worker restart, sweep via the test
 * clock, outbox drained, e-mails sent; bounded waits) and checks invariants in PostgreSQL.
 *
 * Env: FAULTS_SEED (replay), FAULTS_COUNT (default 120), FAULTS_CHAOS_MS (default 80000),
 *      FAULTS_ACTORS (parallel applicant workflows, default 6), RL_TEST_REDIS_DB (default: the
 *      first empty index of 8..15), FAULTS_KEEP_DB=1 (keep the database for inspection).
 * Logs of the API and worker go to .data/faults/.
 */
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { resolveRuntime, createTestDatabase, dropDatabase } = require('../lib/runtime');

const ROOT = path.resolve(__dirname, '..', '..');
const LOG_DIR = path.join(ROOT, '.data', 'faults');
const TSCONFIG = path.join(ROOT, 'tsconfig.base.json');
const JWT_SECRET = 'faults-run-jwt-secret-0123456789abcdef-xyz';
const DAY = 86_400_000;

const t0 = Date.now();
const elapsed = () => ((Date.now() - t0) / 1000).toFixed(1).padStart(6);
const log = (msg) => process.stdout.write(`[faults ${elapsed()}s] ${msg}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- seeded PRNG

function mulberry32(a) {
  return function next() {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const SEED = process.env.FAULTS_SEED ? Number(process.env.FAULTS_SEED) >>> 0 : crypto.randomBytes(4).readUInt32BE(0);
const FAULTS_COUNT = Math.max(1, Number(process.env.FAULTS_COUNT || 120));
const CHAOS_MS = Math.max(10_000, Number(process.env.FAULTS_CHAOS_MS || 80_000));
const ACTORS = Math.max(1, Number(process.env.FAULTS_ACTORS || 6));
const planRng = mulberry32(SEED);
const workRng = mulberry32(SEED ^ 0x9e3779b9);
const rnd = (rng, lo, hi) => lo + rng() * (hi - lo);
const pick = (rng, arr) => arr[Math.floor(rng() * arr.length)];
function weighted(rng, entries) {
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let x = rng() * total;
  for (const [v, w] of entries) if ((x -= w) < 0) return v;
  return entries[entries.length - 1][0];
}

// ---------------------------------------------------------------- helpers

function tsEnv(extra) {
  return { ...process.env, TS_NODE_PROJECT: TSCONFIG, SWC_NODE_PROJECT: TSCONFIG, ...extra };
}

function runTs(args, env, label) {
  const r = spawnSync(process.execPath, ['-r', '@swc-node/register', ...args], { cwd: ROOT, env: tsEnv(env), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${label} failed (exit ${r.status ?? r.signal}): ${(r.stderr || '').slice(-2000)}`);
  return r.stdout;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function lazyRedis() {
  const m = require('ioredis');
  return m.default || m.Redis || m;
}

function withTimeout(promise, ms, what) {
  let t;
  return Promise.race([promise, new Promise((_, rej) => (t = setTimeout(() => rej(new Error(`${what} timed out after ${ms} ms`)), ms)))]).finally(() => clearTimeout(t));
}

// ---------------------------------------------------------------- SMTP sink

function startSmtpSink() {
  const { SMTPServer } = require('smtp-server');
  const received = []; // { messageId, at }
  const closed = new Set();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onClose: (session) => closed.add(session.id),
    onData: (stream, session, callback) => {
      const chunks = [];
      stream.on('data', (c) => chunks.push(c));
      stream.on('end', () => {
        // A little latency, so that a worker SIGKILL often lands mid-send.
        setTimeout(() => {
          if (closed.has(session.id)) return callback(new Error('client went away before the message was accepted'));
          const raw = Buffer.concat(chunks).toString('utf8');
          const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
          const m = /^message-id:\s*(\S+)/im.exec(head);
          received.push({ messageId: m ? m[1] : null, at: Date.now() });
          callback();
        }, 15);
      });
    },
  });
  server.on('error', () => {}); // a client killed mid-session resets its connection: expected here
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ port: server.server.address().port, received, stop: () => new Promise((r) => server.close(() => r())) }));
  });
}

// ---------------------------------------------------------------- child processes

class Child {
  constructor(name, entry, env) {
    this.name = name;
    this.entry = entry;
    this.env = env;
    this.proc = null;
    this.starts = 0;
    this.logFile = path.join(LOG_DIR, `${name}.log`);
    fs.writeFileSync(this.logFile, '');
  }

  start() {
    this.starts++;
    const proc = spawn(process.execPath, ['-r', '@swc-node/register', this.entry], { cwd: ROOT, env: tsEnv(this.env), stdio: ['ignore', 'pipe', 'pipe'] });
    const out = fs.createWriteStream(this.logFile, { flags: 'a' });
    out.write(`\n==== start #${this.starts} pid ${proc.pid} at +${elapsed()}s\n`);
    proc.stdout.pipe(out, { end: false });
    proc.stderr.pipe(out, { end: false });
    proc.ready = false;
    proc.exited = new Promise((r) => proc.once('exit', (code, sig) => { out.end(`==== exit ${code ?? sig}\n`); r(code ?? sig); }));
    proc.stdout.on('data', (d) => {
      if (!proc.ready && /worker started|API listening/.test(String(d))) proc.ready = true;
    });
    this.proc = proc;
    return proc;
  }

  alive() {
    return this.proc && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  async kill(signal = 'SIGKILL', graceMs = 20_000) {
    const p = this.proc;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    p.kill(signal);
    const done = await Promise.race([p.exited.then(() => true), sleep(graceMs).then(() => false)]);
    if (!done) {
      p.kill('SIGKILL');
      await p.exited;
    }
  }

  async waitReady(ms) {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (this.proc.ready) return true;
      if (!this.alive()) return false;
      await sleep(100);
    }
    return false;
  }
}

// ---------------------------------------------------------------- HTTP client with an API gate

class Client {
  constructor(base) {
    this.base = base;
    this.tokens = new Map();
    this.inflight = 0;
    this.gate = Promise.resolve();
    this.stats = { requests: 0, connErrors: 0, status5xx: 0 };
  }

  async raw(method, p, { token, body, headers = {}, ungated = false, timeoutMs = 20_000 } = {}) {
    if (!ungated) await this.gate;
    const h = { ...headers };
    if (token) h.authorization = `Bearer ${token}`;
    if (body !== undefined) h['content-type'] = 'application/json';
    this.inflight++;
    this.stats.requests++;
    try {
      const res = await fetch(`${this.base}${p}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
      const text = await res.text();
      let parsed = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        /* not JSON */
      }
      if (res.status >= 500) this.stats.status5xx++;
      return { status: res.status, body: parsed };
    } catch (e) {
      this.stats.connErrors++;
      return { status: 0, body: null, error: e.cause?.code || e.name || e.message };
    } finally {
      this.inflight--;
    }
  }

  async token(username) {
    if (this.tokens.has(username)) return this.tokens.get(username);
    for (let i = 0; i < 50; i++) {
      const r = await this.raw('POST', '/auth/dev-login', { body: { username } });
      if (r.status === 200) {
        this.tokens.set(username, r.body.accessToken);
        return r.body.accessToken;
      }
      await sleep(300);
    }
    throw new Error(`dev-login ${username} kept failing`);
  }

  async call(method, p, as, opts = {}) {
    const r = await this.raw(method, p, { ...opts, token: as ? await this.token(as) : undefined });
    if (r.status === 401 && as) {
      this.tokens.delete(as);
      return this.raw(method, p, { ...opts, token: await this.token(as) });
    }
    return r;
  }

  /** GET that retries through API restarts and transient 5xx (reads have no side effects). */
  async read(p, as) {
    for (let i = 0; i < 120; i++) {
      const r = await this.call('GET', p, as);
      if (r.status !== 0 && r.status < 500) return r;
      await sleep(250);
    }
    throw new Error(`GET ${p} kept failing`);
  }
}

// ---------------------------------------------------------------- main

async function main() {
  fs.mkdirSync(LOG_DIR, { recursive: true });
  log(`seed ${SEED} (replay: FAULTS_SEED=${SEED}); faults ${FAULTS_COUNT} over ${CHAOS_MS / 1000} s; ${ACTORS} applicant workflows`);

  // Our own Redis DB index on a shared Redis: the first empty one of 8..15 unless given.
  if (!process.env.REDIS_URL && !process.env.RL_TEST_REDIS_DB) {
    const Redis = lazyRedis();
    const probe = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true, connectTimeout: 1500, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
    probe.on('error', () => {});
    try {
      await withTimeout(probe.connect(), 2000, 'redis probe');
      const clients = String(await probe.client('LIST'));
      for (let db = 15; db >= 8; db--) {
        await probe.select(db);
        if ((await probe.dbsize()) === 0 && !clients.includes(` db=${db} `)) {
          process.env.RL_TEST_REDIS_DB = String(db);
          break;
        }
      }
    } catch {
      /* no system Redis: the runtime spawns a private one */
    } finally {
      probe.disconnect();
    }
  }

  const rt = await resolveRuntime({ purpose: 'test', log, rootDir: ROOT });
  const redisUrl = new URL(rt.redisUrl);
  const redisDb = Number(redisUrl.pathname.replace('/', '') || 0);
  const privateRedis = rt.redisSource === 'spawned';
  const redisPort = Number(redisUrl.port || 6379);
  const dbName = `rodlober_faults_${process.pid}_${Date.now().toString(36)}`;
  const cleanups = [];
  let exitCode = 1;
  let stopping = false;
  const onSignal = () => {
    if (stopping) return;
    stopping = true;
    log('interrupted: cleaning up');
    (async () => {
      for (const c of cleanups.reverse()) await c().catch(() => {});
      await rt.stop();
      process.exit(130);
    })();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
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

    const smtp = await startSmtpSink();
    cleanups.push(() => smtp.stop());

    const apiPort = await freePort();
    const common = { ...baseEnv, LOG_LEVEL: 'warn', ENABLE_TEST_CLOCK: '1', JWT_SECRET, SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), RATE_LIMIT_PER_MINUTE: '1000000' };
    const api = new Child('api', 'apps/api/src/main.ts', { ...common, PORT: String(apiPort), HOST: '127.0.0.1' });
    const worker = new Child('worker', 'apps/worker/src/main.ts', { ...common, LOG_LEVEL: 'info', WORKER_CONCURRENCY: '4' });
    cleanups.push(() => api.kill('SIGTERM', 10_000));
    cleanups.push(() => worker.kill('SIGTERM', 10_000));
    let privateRedisProc = null;
    cleanups.push(async () => {
      if (privateRedisProc && privateRedisProc.exitCode === null) privateRedisProc.kill('SIGKILL');
    });

    // If this process dies unexpectedly, never leave an API or worker behind.
    process.on('exit', () => {
      for (const c of [api, worker]) if (c.alive()) c.proc.kill('SIGKILL');
      if (privateRedisProc && privateRedisProc.exitCode === null) privateRedisProc.kill('SIGKILL');
    });

    /**
     * Safety guard before anything destructive on Redis: every connection on our DB index must
     * belong to this process, the API or the worker (socket owners looked up with `ss`). Another
     * engineer's process on the same index aborts the run instead of losing their data.
     */
    const foreignRedisClients = async () => {
      if (privateRedis) return [];
      const list = String(await admin.client('LIST'));
      const ours = new Set([process.pid, api.proc && api.proc.pid, worker.proc && worker.proc.pid].filter(Boolean));
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
        if (pid !== undefined && !ours.has(pid)) foreign.push(`${addr[1]} (pid ${pid})`);
      }
      return foreign;
    };
    const assertRedisOurs = async () => {
      const foreign = await foreignRedisClients();
      if (foreign.length) throw new Error(`another process uses Redis DB ${redisDb} (${foreign.join(', ')}): refusing to FLUSHDB / CLIENT KILL; set RL_TEST_REDIS_DB to a free index`);
    };

    const client = new Client(`http://127.0.0.1:${apiPort}/api/v1`);
    // The test clock: starts at wall time (Monday 09:00 UTC of this week) and only moves forward.
    const start = new Date();
    start.setUTCHours(9, 0, 0, 0);
    start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
    let clockNow = start.getTime();

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
    const setClockUngated = async () => {
      for (let i = 0; i < 40; i++) {
        const r = await client.raw('POST', '/test/clock', { body: { now: new Date(clockNow).toISOString() }, ungated: true, timeoutMs: 60_000 });
        if (r.status === 200) return r.body;
        await sleep(250);
      }
      throw new Error('could not set the test clock');
    };
    const startApi = async () => {
      let release;
      client.gate = new Promise((r) => (release = r));
      api.start();
      const t = Date.now();
      if (!(await waitApiUp(90_000))) throw new Error(`API did not come up (see ${api.logFile})`);
      await setClockUngated(); // the clock lives in the API process: set it again after every start
      release();
      return Date.now() - t;
    };
    const startWorker = async () => {
      worker.start();
      const t = Date.now();
      if (!(await worker.waitReady(90_000))) throw new Error(`worker did not start (see ${worker.logFile})`);
      return Date.now() - t;
    };

    log(`starting API (port ${apiPort}) and worker…`);
    const [apiBoot, workerBoot] = await Promise.all([startApi(), startWorker()]);
    log(`API up in ${apiBoot} ms, worker in ${workerBoot} ms; test clock ${new Date(clockNow).toISOString()}`);

    // ------------------------------------------------------------ workload

    const acked = []; // { kind: 'permit'|'case', id, type, expectedVersion, version }
    const unknown = { permit: 0, case: 0, create: 0 };
    const conflicts = { race409: 0, raceBoth200: 0, races: 0, other409: 0, r422: 0 };
    const raceViolations = [];
    const cases = new Map(); // caseId -> { applicant, permits: [{id, caseworker}] }
    const infoRequests = new Map(); // permitId -> count
    let stopWork = false;

    const APPLICANTS = ['anna@nordlys.example', 'bo@bolge.example'];
    const CW = { 'KOMMUNE-326': 'cw.kalundborg', 'KOMMUNE-219': 'cw.hillerod', MST: 'cw.mst', DKMA: 'cw.dkma' };
    const SIMPLE = { municipalityCode: '219', siteZone: 'byzone', inIndustrialPark: true, fitsMunicipalPlanFrame: true, newBuildingOrExtension: true };
    const PHARMA = { municipalityCode: '326', siteZone: 'byzone', inIndustrialPark: true, fitsMunicipalPlanFrame: true, medicinalProductManufacture: true, newBuildingOrExtension: true, listedActivity: { annex: 'annex1', sMarked: true }, groundwaterAbstraction: true };

    const payloadFor = (type, rng) => {
      switch (type) {
        case 'authority.infoRequested':
          return { question: 'Please send the updated noise report' };
        case 'applicant.infoProvided':
          return { answer: 'Attached as requested' };
        case 'authority.decisionIssued': {
          const outcome = weighted(rng, [['granted', 5], ['grantedWithConditions', 3], ['refused', 1]]);
          return outcome === 'grantedWithConditions' ? { outcome, conditions: ['Noise ≤ 45 dB(A) at night'], reason: 'Meets BAT' } : { outcome, reason: 'Assessed' };
        }
        case 'authority.hearingStarted':
          return { audience: 'Neighbours' };
        default:
          return {};
      }
    };
    const CW_WEIGHTS = { 'authority.completenessConfirmed': 4, 'authority.infoRequested': 1, 'authority.hearingStarted': 3, 'authority.hearingEnded': 6, 'authority.decisionIssued': 2 };

    /** One permit event with If-Match; connection errors / 5xx are "unknown outcome": re-read, never assume. */
    const permitEvent = async (permitId, as, type, expectedVersion, payload) => {
      const r = await client.call('POST', `/permits/${permitId}/events`, as, { body: { type, ...payload }, headers: { 'if-match': `"${expectedVersion}"` } });
      if (r.status === 200) acked.push({ kind: 'permit', id: permitId, type, expectedVersion, version: r.body.version });
      else if (r.status === 0 || r.status >= 500) unknown.permit++;
      else if (r.status === 422) conflicts.r422++;
      return r;
    };

    const createCase = async (applicant, rng) => {
      const facts = rng() < 0.5 ? SIMPLE : PHARMA;
      const key = crypto.randomUUID();
      const body = { title: `Fault run case ${crypto.randomBytes(3).toString('hex')}`, facts };
      for (let i = 0; i < 100 && !stopWork; i++) {
        // Same Idempotency-Key on every retry: an unknown outcome can be retried safely.
        const r = await client.call('POST', '/cases', applicant, { body, headers: { 'idempotency-key': key } });
        if (r.status === 201 || r.status === 200) return r.body;
        if (r.status === 0 || r.status >= 500) unknown.create++;
        else if (r.status !== 429 && r.status !== 409) throw new Error(`create case: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
        await sleep(300);
      }
      return null;
    };

    const submitCase = async (caseId, applicant) => {
      for (let i = 0; i < 100 && !stopWork; i++) {
        const cur = await client.read(`/cases/${caseId}`, applicant);
        if (cur.body.state !== 'draft') return true;
        const r = await client.call('POST', `/cases/${caseId}/events`, applicant, { body: { type: 'case.submitted' }, headers: { 'if-match': `"${cur.body.version}"` } });
        if (r.status === 200) {
          acked.push({ kind: 'case', id: caseId, type: 'case.submitted', expectedVersion: cur.body.version, version: r.body.version });
          return true;
        }
        if (r.status === 0 || r.status >= 500) unknown.case++;
        await sleep(200);
      }
      return false;
    };

    const actor = async (n) => {
      const rng = mulberry32((SEED + n * 7919) >>> 0);
      const applicant = APPLICANTS[n % APPLICANTS.length];
      while (!stopWork) {
        const c = await createCase(applicant, rng);
        if (!c) return;
        // About half the permits get a slow caseworker, so their clocks run into warnings and breaches.
        const entry = { applicant, permits: c.permits.map((p) => ({ id: p.id, caseworker: CW[p.authority.code], attention: rng() < 0.5 ? 0.06 : 0.6 })) };
        cases.set(c.id, entry);
        if (!(await submitCase(c.id, applicant))) return;
        let idleRounds = 0;
        while (!stopWork) {
          let acted = false;
          let open = 0;
          for (const p of entry.permits) {
            if (stopWork) break;
            const checking = (await client.read(`/permits/${p.id}`, p.caseworker)).body.state === 'submitted.completenessCheck';
            if (rng() > (checking ? 0.8 : p.attention)) {
              open++;
              continue; // the caseworker is busy elsewhere: lets clocks run towards alerts
            }
            const cur = await client.read(`/permits/${p.id}`, p.caseworker);
            const st = cur.body.state;
            if (st === 'final' || st === 'withdrawn' || st.startsWith('decided.refused')) continue;
            open++;
            let as = p.caseworker;
            let allowed = (cur.body.allowedEvents || []).filter((e) => CW_WEIGHTS[e]);
            if ((infoRequests.get(p.id) || 0) >= 2) allowed = allowed.filter((e) => e !== 'authority.infoRequested');
            let type = null;
            if (allowed.length) type = weighted(rng, allowed.map((e) => [e, CW_WEIGHTS[e]]));
            else if (cur.body.awaiting === 'applicant') {
              const a = await client.read(`/permits/${p.id}`, applicant);
              if ((a.body.allowedEvents || []).includes('applicant.infoProvided')) {
                as = applicant;
                type = 'applicant.infoProvided';
              }
            }
            if (!type) continue;
            const r = await permitEvent(p.id, as, type, cur.body.version, payloadFor(type, rng));
            if (r.status === 200) {
              acted = true;
              if (type === 'authority.infoRequested') infoRequests.set(p.id, (infoRequests.get(p.id) || 0) + 1);
            } else if (r.status === 409) conflicts.other409++;
            await sleep(rnd(rng, 30, 120));
          }
          if (open === 0) break; // every permit decided/final: next case
          idleRounds = acted ? 0 : idleRounds + 1;
          await sleep(acted ? 150 : Math.min(1500, 250 * idleRounds));
        }
      }
    };

    /** Racing writers: two caseworker events with the same If-Match; at most one may win. */
    const race = async (rng) => {
      const ids = [...cases.values()].flatMap((c) => c.permits);
      for (let attempt = 0; attempt < 8 && ids.length; attempt++) {
        const p = pick(rng, ids);
        const cur = await client.read(`/permits/${p.id}`, p.caseworker);
        const allowed = (cur.body.allowedEvents || []).filter((e) => CW_WEIGHTS[e]);
        if (!allowed.length) continue;
        const a = pick(rng, allowed);
        const b = pick(rng, allowed);
        const [ra, rb] = await Promise.all([
          permitEvent(p.id, p.caseworker, a, cur.body.version, payloadFor(a, rng)),
          permitEvent(p.id, p.caseworker, b, cur.body.version, payloadFor(b, rng)),
        ]);
        conflicts.races++;
        if (ra.status === 200 && rb.status === 200) {
          conflicts.raceBoth200++;
          raceViolations.push(`${p.id} v${cur.body.version}: ${a} and ${b} both acknowledged`);
        }
        if (ra.status === 409 || rb.status === 409) conflicts.race409++;
        return `${a.split('.')[1]}×${b.split('.')[1]} on v${cur.body.version} → ${ra.status}/${rb.status}`;
      }
      return 'no permit with an open caseworker event (skipped race, counted as a no-op)';
    };

    // Test-clock driver: jumps forward so warnings, breaches, hearing ends and appeal expiries come due.
    const clockJumps = { n: 0, fired: 0, expired: 0, failed: 0 };
    const clockDriver = async () => {
      const rng = mulberry32((SEED ^ 0x5bd1e995) >>> 0);
      while (!stopWork) {
        await sleep(rnd(rng, 3000, 6000));
        if (stopWork) break;
        clockNow += Math.round(rnd(rng, 5, 20)) * DAY + Math.round(rnd(rng, 0, 8)) * 3_600_000;
        const r = await client.raw('POST', '/test/clock', { body: { now: new Date(clockNow).toISOString() }, timeoutMs: 60_000 });
        clockJumps.n++;
        if (r.status === 200) {
          clockJumps.fired += r.body.sweep.alertsFired;
          clockJumps.expired += r.body.sweep.appealPeriodsExpired;
        } else clockJumps.failed++;
      }
    };

    // ------------------------------------------------------------ faults

    const KINDS = [
      ['redis.flushdb', 14],
      ['redis.restart', 14],
      ['worker.kill', 18],
      ['api.kill', 5],
      ['race', 49],
    ];
    const plan = [];
    for (let i = 0; i < FAULTS_COUNT; i++) plan.push({ at: Math.round((CHAOS_MS * (i + planRng())) / FAULTS_COUNT), kind: weighted(planRng, KINDS), pause: Math.round(rnd(planRng, 200, 2500)) });
    const injected = [];
    const faultCounts = {};
    let workerRestarting = null;
    let apiRestarting = null;
    let redisRestarts = 0;
    const apiDowntime = [];

    const restartPrivateRedis = async () => {
      const pid = privateRedisProc ? privateRedisProc.pid : rt.pids && rt.pids.redis;
      if (pid) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* gone */
        }
        const until = Date.now() + 5000;
        while (Date.now() < until) {
          try {
            process.kill(pid, 0);
            await sleep(50);
          } catch {
            break;
          }
        }
      }
      await sleep(200);
      privateRedisProc = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction', '--daemonize', 'no'], { stdio: 'ignore' });
      privateRedisProc.on('error', () => {});
      const until = Date.now() + 10_000;
      while (Date.now() < until) {
        try {
          if ((await withTimeout(admin.ping(), 500, 'ping')) === 'PONG') return 'private redis-server SIGKILLed and restarted empty';
        } catch {
          await sleep(100);
        }
      }
      return 'private redis-server restarted (no PING yet)';
    };

    const killOurRedisClients = async () => {
      const list = String(await admin.client('LIST'));
      const myId = String(await admin.client('ID'));
      const ids = list
        .split('\n')
        .map((l) => Object.fromEntries(l.trim().split(' ').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)])))
        .filter((c) => c.id && c.db === String(redisDb) && c.id !== myId)
        .map((c) => c.id);
      if (!ids.length) return 'no client connections on our DB index';
      for (const id of ids) await admin.client('KILL', 'ID', id).catch(() => 0);
      return `CLIENT KILL of ${ids.length} connections on DB ${redisDb}`;
    };

    const inject = async (f) => {
      switch (f.kind) {
        case 'redis.flushdb':
          await assertRedisOurs();
          await admin.flushdb();
          return `FLUSHDB ${redisDb}`;
        case 'redis.restart':
          await assertRedisOurs();
          redisRestarts++;
          return privateRedis ? restartPrivateRedis() : killOurRedisClients();
        case 'worker.kill': {
          if (workerRestarting) await workerRestarting;
          // Prefer a moment with an active job (mid-job kill), bounded.
          let active = 0;
          for (let i = 0; i < 20; i++) {
            active = (await admin.llen('bull:notifications:active').catch(() => 0)) + (await admin.llen('bull:deadlines:active').catch(() => 0));
            if (active > 0) break;
            await sleep(50);
          }
          await worker.kill('SIGKILL');
          workerRestarting = (async () => {
            await sleep(f.pause);
            await startWorker().catch((e) => log(`worker restart: ${e.message}`));
            workerRestarting = null;
          })();
          return `worker SIGKILL (${active} active job${active === 1 ? '' : 's'}), restart in ${f.pause} ms`;
        }
        case 'api.kill': {
          if (apiRestarting) await apiRestarting;
          let inflight = 0;
          for (let i = 0; i < 40; i++) {
            inflight = client.inflight;
            if (inflight > 0) break;
            await sleep(25);
          }
          let release;
          client.gate = new Promise((r) => (release = r));
          await api.kill('SIGKILL');
          const killedAt = Date.now();
          apiRestarting = (async () => {
            await sleep(Math.min(f.pause, 1000));
            try {
              await startApi();
              apiDowntime.push(Date.now() - killedAt);
            } finally {
              release();
              apiRestarting = null;
            }
          })();
          return `API SIGKILL with ${inflight} request(s) in flight; restarting`;
        }
        case 'race':
          return race(workRng);
        default:
          throw new Error(f.kind);
      }
    };

    log(`chaos: ${FAULTS_COUNT} faults planned (${KINDS.map(([k]) => `${k} ${plan.filter((p) => p.kind === k).length}`).join(', ')})`);
    const chaosStart = Date.now();
    const actors = Array.from({ length: ACTORS }, (_, i) => actor(i).catch((e) => log(`actor ${i} stopped: ${e.message}`)));
    const driver = clockDriver().catch((e) => log(`clock driver stopped: ${e.message}`));
    for (const f of plan) {
      const wait = chaosStart + f.at - Date.now();
      if (wait > 0) await sleep(wait);
      try {
        const what = await inject(f);
        injected.push({ ...f, what, t: Date.now() });
        faultCounts[f.kind] = (faultCounts[f.kind] || 0) + 1;
        if (injected.length % 10 === 0 || f.kind === 'api.kill') log(`fault #${injected.length} ${f.kind}: ${what}`);
      } catch (e) {
        if (/another process uses Redis/.test(e.message)) throw e;
        log(`fault ${f.kind} could not be injected: ${e.message}`);
      }
    }
    const injectedCount = injected.filter((f) => !/^no permit with/.test(f.what)).length;
    log(`chaos over after ${((Date.now() - chaosStart) / 1000).toFixed(1)} s: ${injected.length} faults injected (${Object.entries(faultCounts).map(([k, v]) => `${k} ${v}`).join(', ')})`);

    // ------------------------------------------------------------ settle

    stopWork = true;
    await withTimeout(Promise.all([...actors, driver]), 60_000, 'workload stop').catch((e) => log(e.message));
    if (apiRestarting) await apiRestarting;
    if (workerRestarting) await workerRestarting;
    if (!api.alive()) await startApi();
    log('settling: clean worker restart, sweep via the test clock, outbox and e-mail drain');
    await worker.kill('SIGTERM', 20_000);
    await startWorker();
    clockNow += DAY;
    const sweep1 = await setClockUngated();
    const sweep2 = await setClockUngated(); // a second sweep at the same instant must fire nothing
    const finalClock = clockNow;
    let settled = false;
    const settleStart = Date.now();
    let last = null;
    while (Date.now() - settleStart < 100_000) {
      const [{ outbox, pending }] = (
        await pg.query(`SELECT (SELECT count(*)::int FROM outbox WHERE sent_at IS NULL) AS outbox, (SELECT count(*)::int FROM notifications WHERE email_status <> 'sent') AS pending`)
      ).rows;
      last = { outbox, pending };
      if (outbox === 0 && pending === 0) {
        settled = true;
        break;
      }
      await sleep(500);
    }
    await sleep(1500); // a duplicate send would arrive now
    log(`settled ${settled ? 'in' : 'NOT within'} ${((Date.now() - settleStart) / 1000).toFixed(1)} s (outbox unsent ${last.outbox}, e-mails pending ${last.pending}); final sweeps fired ${sweep1.sweep.alertsFired} then ${sweep2.sweep.alertsFired}`);
    await worker.kill('SIGTERM', 20_000);

    // ------------------------------------------------------------ invariants (from PostgreSQL)

    const desired = JSON.parse(runTs(['scripts/faults/helper.ts', 'desired'], baseEnv, 'desired alerts'));
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

    // ------------------------------------------------------------ summary

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
    exitCode = failed === 0 && settled ? 0 : 1;
  } finally {
    stopping = true;
    for (const c of cleanups.reverse()) await c().catch((e) => log(`cleanup: ${e.message}`));
    await rt.stop();
  }
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`\n[faults] ${e.stack || e.message}\n`);
    process.exit(1);
  },
);
