/**
 * Inject: FAULTS_COUNT faults, planned up front by a seeded PRNG over CHAOS_MS while the workload
 * runs (see run.js for the kinds). Restarts of a killed API or worker run in the background;
 * `chaos.apiRestarting` / `chaos.workerRestarting` are their promises.
 */
'use strict';

const { spawn } = require('node:child_process');
const { withTimeout, redisServerArgs } = require('../lib/harness');
const { SEED, FAULTS_COUNT, CHAOS_MS, log, sleep, mulberry32, rnd, weighted } = require('./common');

const planRng = mulberry32(SEED);
const workRng = mulberry32(SEED ^ 0x9e3779b9);

/** Starts the workload, injects the planned faults, and returns when the last one is in (the workload keeps running). */
async function injectFaults(ctx, work) {
  const { admin, redisDb, privateRedis, redisPort, rt, api, worker, client } = ctx;
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
  const chaos = { injected, faultCounts, injectedCount: 0, redisRestarts: 0, apiDowntime: [], workerRestarting: null, apiRestarting: null };

  const restartPrivateRedis = async () => {
    const pid = ctx.privateRedisProc ? ctx.privateRedisProc.pid : rt.pids && rt.pids.redis;
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
    ctx.privateRedisProc = spawn('redis-server', redisServerArgs(redisPort), { stdio: 'ignore' });
    ctx.privateRedisProc.on('error', () => {});
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
        await ctx.assertRedisOurs();
        await admin.flushdb();
        return `FLUSHDB ${redisDb}`;
      case 'redis.restart':
        await ctx.assertRedisOurs();
        chaos.redisRestarts++;
        return privateRedis ? restartPrivateRedis() : killOurRedisClients();
      case 'worker.kill': {
        if (chaos.workerRestarting) await chaos.workerRestarting;
        // Prefer a moment with an active job (mid-job kill), bounded.
        let active = 0;
        for (let i = 0; i < 20; i++) {
          active = (await admin.llen('bull:notifications:active').catch(() => 0)) + (await admin.llen('bull:deadlines:active').catch(() => 0));
          if (active > 0) break;
          await sleep(50);
        }
        // Several workers: one of them dies (the others carry on and take over its stalled jobs).
        if (worker.killOne) await worker.killOne(f.pause);
        else await worker.kill('SIGKILL');
        chaos.workerRestarting = (async () => {
          await sleep(f.pause);
          await ctx.startWorker().catch((e) => log(`worker restart: ${e.message}`));
          chaos.workerRestarting = null;
        })();
        return `worker SIGKILL (${active} active job${active === 1 ? '' : 's'}), restart in ${f.pause} ms`;
      }
      case 'api.kill': {
        if (chaos.apiRestarting) await chaos.apiRestarting;
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
        chaos.apiRestarting = (async () => {
          await sleep(Math.min(f.pause, 1000));
          try {
            await ctx.startApi();
            chaos.apiDowntime.push(Date.now() - killedAt);
          } finally {
            release();
            chaos.apiRestarting = null;
          }
        })();
        return `API SIGKILL with ${inflight} request(s) in flight; restarting`;
      }
      case 'race':
        return work.race(workRng);
      default:
        throw new Error(f.kind);
    }
  };
  log(`chaos: ${FAULTS_COUNT} faults planned (${KINDS.map(([k]) => `${k} ${plan.filter((p) => p.kind === k).length}`).join(', ')})`);
  const chaosStart = Date.now();
  chaos.running = work.start();
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
  chaos.injectedCount = injected.filter((f) => !/^no permit with/.test(f.what)).length;
  log(`chaos over after ${((Date.now() - chaosStart) / 1000).toFixed(1)} s: ${injected.length} faults injected (${Object.entries(faultCounts).map(([k, v]) => `${k} ${v}`).join(', ')})`);
  return chaos;
}

module.exports = { injectFaults };
