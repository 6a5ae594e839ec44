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
 *
 * The phases, one file each: provision.js (runtime, database, Redis, SMTP sink, API + worker),
 * workload.js (the applicant/caseworker workflows and the clock driver), inject.js (the faults),
 * settle.js, check.js (invariants and summary); processes.js and common.js are shared by them.
 */
'use strict';

const fs = require('node:fs');
const { resolveRuntime } = require('../lib/runtime');
const { ROOT, LOG_DIR, SEED, FAULTS_COUNT, CHAOS_MS, ACTORS, log } = require('./common');
const { pickRedisDb, provision, startProcesses } = require('./provision');
const { createWorkload } = require('./workload');
const { injectFaults } = require('./inject');
const { settle } = require('./settle');
const { checkInvariants, report } = require('./check');
const { registerWebhookEndpoints, startWebhookReceiver } = require('./webhooks');

async function main() {
  fs.mkdirSync(LOG_DIR, { recursive: true });
  log(`seed ${SEED} (replay: FAULTS_SEED=${SEED}); faults ${FAULTS_COUNT} over ${CHAOS_MS / 1000} s; ${ACTORS} applicant workflows`);
  await pickRedisDb();

  const rt = await resolveRuntime({ purpose: 'test', log, rootDir: ROOT });
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
    const ctx = await provision(rt, cleanups);
    ctx.webhooks = await startWebhookReceiver();
    cleanups.push(() => ctx.webhooks.close());
    await startProcesses(ctx);
    await registerWebhookEndpoints(ctx, ctx.webhooks);
    const work = createWorkload(ctx);
    const chaos = await injectFaults(ctx, work);
    const settled = await settle(ctx, work, chaos);
    const checked = await checkInvariants(ctx, work, chaos, settled);
    exitCode = report(ctx, work, chaos, settled, checked);
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
