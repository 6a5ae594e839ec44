#!/usr/bin/env node
/**
 * The two commands of the README, and the database helpers:
 *   node scripts/run.js start            migrate, seed, start api + worker + web, print URLs and logins
 *                                        (API_PROCS=N API processes, WORKERS=M workers; default 1 each)
 *   node scripts/run.js test [steps…]    lint, typecheck, unit, integration (default: all steps)
 *   node scripts/run.js migrate | seed   against the dev database
 *
 * PostgreSQL and Redis are resolved by scripts/lib/runtime.js: DATABASE_URL/REDIS_URL win, then
 * 127.0.0.1:5432/6379, then an embedded PostgreSQL and a redis-server from PATH.
 */
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { resolveRuntime, createTestDatabase, dropDatabase } = require('./lib/runtime');
const { ROOT, freePort, tsEnv, runTs, spawnTs, waitHttpOk, stopChildren } = require('./lib/harness');

const BIN = (name) => path.join(ROOT, 'node_modules', '.bin', name);
const log = (msg) => process.stdout.write(`[rod-lober] ${msg}\n`);

function dbCommand(command, env, args = []) {
  runTs(['scripts/db.ts', command, ...args], env, `db ${command}`, { stdio: 'inherit' });
}

async function start() {
  const rt = await resolveRuntime({ purpose: 'dev', log, rootDir: ROOT });
  const apiPort = process.env.PORT ? Number(process.env.PORT) : await freePort(3000);
  const webPort = process.env.WEB_PORT ? Number(process.env.WEB_PORT) : await freePort(5173);
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const webUrl = `http://127.0.0.1:${webPort}`;
  const env = {
    DATABASE_URL: rt.databaseUrl,
    REDIS_URL: rt.redisUrl,
    PORT: String(apiPort),
    WEB_PORT: String(webPort),
    API_URL: apiUrl,
    WEB_ORIGIN: webUrl,
    NODE_ENV: process.env.NODE_ENV || 'development',
    // Issue 19: readable lines for people in development (Nest's start-up chatter at debug);
    // LOG_FORMAT=json restores the production format.
    LOG_FORMAT: process.env.LOG_FORMAT || 'pretty',
  };
  const children = [];
  let stopping = false;
  const stopAll = async (code) => {
    if (stopping) return;
    stopping = true;
    log('shutting down…');
    await stopChildren(children, 10_000);
    await rt.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => stopAll(0));
  process.on('SIGTERM', () => stopAll(0));
  try {
    log('applying migrations…');
    dbCommand('migrate', env);
    log('seeding demo data…');
    dbCommand('seed', env);
  } catch (e) {
    log(e.message);
    await rt.stop();
    process.exit(1);
  }
  const watch = (name, child) => {
    child.on('exit', (code, signal) => {
      if (!stopping) {
        log(`${name} exited (${code ?? signal}); stopping the stack`);
        stopAll(code || 1);
      }
    });
    children.push(child);
    return child;
  };
  const stdio = ['ignore', 'inherit', 'inherit'];
  // Issue 20 item 4: API_PROCS API processes (a node cluster behind one port) and WORKERS workers.
  const workers = Math.max(1, Number(process.env.WORKERS || 1) || 1);
  watch('api', spawnTs('apps/api/src/main.ts', { env: { ...env, API_PROCS: process.env.API_PROCS || '1' }, stdio }));
  for (let i = 0; i < workers; i++) watch(workers > 1 ? `worker ${i + 1}` : 'worker', spawnTs('apps/worker/src/main.ts', { env, stdio }));
  const viteArgs = ['--config', 'apps/web/vite.config.ts', '--port', String(webPort), '--strictPort', '--host', '127.0.0.1'];
  watch('web', spawn(BIN('vite'), viteArgs, { cwd: ROOT, env: tsEnv({ ...env, LOG_LEVEL: undefined }), stdio }));
  const apiUp = await waitHttpOk(`${apiUrl}/api/v1/health`, { isDead: () => stopping });
  const webUp = await waitHttpOk(webUrl, { isDead: () => stopping });
  if (!apiUp) return;
  // The seed's own list (seeds/demo-directory.ts), printed by `db.ts logins`: one source of truth.
  let users;
  try {
    users = runTs(['scripts/db.ts', 'logins'], env, 'db logins').trim().split('\n');
  } catch (e) {
    users = [`(could not list them: ${e.message})`];
  }
  process.stdout.write(
    [
      '',
      '  Rød Løber is running',
      `  Web app      ${webUrl}${webUp ? '' : '  (not answering yet)'}`,
      `  API          ${apiUrl}/api/v1`,
      `  Health       ${apiUrl}/api/v1/health`,
      `  API docs     ${apiUrl}/api/docs   (OpenAPI JSON: ${apiUrl}/api/docs-json)`,
      `  PostgreSQL   ${rt.pgDescription ?? rt.pgSource}`,
      `  Redis        ${rt.redisDescription ?? rt.redisSource}`,
      '',
      '  Demo logins (AUTH_MODE=dev: POST /api/v1/auth/dev-login {"username": "…"}; no password):',
      ...users.map((u) => `    ${u}`),
      '',
      '  Ctrl+C stops everything.',
      '',
    ].join('\n') + '\n',
  );
}

// ---------------------------------------------------------------- tests
const STEPS = ['lint', 'typecheck', 'unit', 'integration', 'browser'];

function jestRun(project, env, extraArgs = []) {
  const out = path.join(ROOT, '.data', `jest-${project}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.rmSync(out, { force: true });
  // RL_JEST_ARGS narrows a run while developing, e.g. RL_JEST_ARGS="tests/integration/auth" (space-separated).
  const devArgs = process.env.RL_JEST_ARGS ? process.env.RL_JEST_ARGS.split(' ').filter(Boolean) : [];
  const r = spawnSync(BIN('jest'), ['--selectProjects', project, '--json', '--outputFile', out, ...extraArgs, ...devArgs], { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'inherit' });
  let passed = 0, failed = 0;
  try {
    const j = JSON.parse(fs.readFileSync(out, 'utf8'));
    passed = j.numPassedTests;
    failed = j.numFailedTests + (j.numRuntimeErrorTestSuites || 0);
  } catch {
    failed = failed || 1;
  }
  return { ok: r.status === 0, passed, failed };
}

async function test(steps) {
  const chosen = steps.length ? steps : STEPS;
  for (const s of chosen) if (!STEPS.includes(s)) throw new Error(`unknown test step '${s}' (${STEPS.join(', ')})`);
  const results = [];
  let passed = 0, failed = 0;
  for (const step of chosen) {
    log(`── ${step}`);
    if (step === 'lint') {
      // The boundary rule needs Nx's project graph; `nx show projects` computes and caches it.
      const g = spawnSync(BIN('nx'), ['show', 'projects'], { cwd: ROOT, env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' }, stdio: ['ignore', 'ignore', 'inherit'] });
      const r = g.status === 0 && spawnSync(BIN('eslint'), ['.', '--max-warnings=0'], { cwd: ROOT, stdio: 'inherit' }).status === 0;
      results.push([step, r]);
      if (!r) failed++;
    } else if (step === 'typecheck') {
      const r = spawnSync(BIN('tsc'), ['-p', 'tsconfig.json', '--noEmit'], { cwd: ROOT, stdio: 'inherit' }).status === 0 &&
        spawnSync(BIN('tsc'), ['-p', 'apps/web/tsconfig.json', '--noEmit'], { cwd: ROOT, stdio: 'inherit' }).status === 0;
      results.push([step, r]);
      if (!r) failed++;
    } else if (step === 'unit') {
      const r = jestRun('unit', {});
      const l = jestRun('lint-rules', { NX_DAEMON: 'false' });
      results.push([step, r.ok && l.ok, `${r.passed + l.passed} tests`]);
      passed += r.passed + l.passed;
      failed += r.failed + l.failed + (r.ok && l.ok ? 0 : r.failed + l.failed === 0 ? 1 : 0);
    } else if (step === 'integration' || step === 'browser') {
      if (step === 'browser' && !fs.existsSync(path.join(ROOT, 'tests', 'browser'))) continue;
      const rt = await resolveRuntime({ purpose: 'test', log, rootDir: ROOT });
      const dbName = `rodlober_test_${process.pid}_${Date.now().toString(36)}`;
      let r = { ok: false, passed: 0, failed: 1 };
      try {
        const databaseUrl = await createTestDatabase(rt.databaseUrl, dbName);
        const env = { DATABASE_URL: databaseUrl, REDIS_URL: rt.redisUrl, NODE_ENV: 'test', LOG_LEVEL: 'silent', ENABLE_TEST_CLOCK: '1' };
        dbCommand('migrate', env);
        r = jestRun(step, env, ['--runInBand']);
      } finally {
        await dropDatabase(rt.databaseUrl, dbName).catch((e) => log(`could not drop ${dbName}: ${e.message}`));
        await rt.stop();
      }
      results.push([step, r.ok, `${r.passed} tests`]);
      passed += r.passed;
      failed += r.failed + (r.ok || r.failed ? 0 : 1);
    }
  }
  log('── summary');
  for (const [step, ok, note] of results) log(`${ok ? 'PASS' : 'FAIL'}  ${step}${note ? `  (${note})` : ''}`);
  // A plain closing line that CI reads in any language: test counts, plus one failure per
  // failed check step (lint, typecheck) so a red check can never read as all-passed.
  process.stdout.write(`tests: ${passed} passed, ${failed} failed\n`);
  process.exit(failed === 0 && results.every(([, ok]) => ok) ? 0 : 1);
}

async function dbOnly(command, args = []) {
  const rt = await resolveRuntime({ purpose: 'dev', log, rootDir: ROOT });
  try {
    dbCommand(command, { DATABASE_URL: rt.databaseUrl, REDIS_URL: rt.redisUrl }, args);
  } finally {
    await rt.stop();
  }
}

/** `npm run import-bundle -- file.zip`: an operator imports a case bundle (scripts/import-bundle.ts). */
async function importBundle(args) {
  const rt = await resolveRuntime({ purpose: 'dev', log, rootDir: ROOT });
  try {
    const env = { DATABASE_URL: process.env.DATABASE_URL || rt.databaseUrl, REDIS_URL: rt.redisUrl };
    runTs(['scripts/import-bundle.ts', ...args.map((a) => (a.endsWith('.zip') && !require('node:path').isAbsolute(a) ? require('node:path').resolve(process.env.INIT_CWD || process.cwd(), a) : a))], env, 'import-bundle', { stdio: 'inherit' });
  } finally {
    await rt.stop();
  }
}

const [cmd, ...rest] = process.argv.slice(2);
const run = {
  start: () => start(),
  test: () => test(rest),
  migrate: () => dbOnly('migrate'),
  seed: () => dbOnly('seed'),
  'link-admin': () => dbOnly('link-admin', rest),
  'import-bundle': () => importBundle(rest),
}[cmd];
if (!run) {
  process.stderr.write('usage: node scripts/run.js start | test [lint typecheck unit integration browser] | migrate | seed | link-admin --issuer … --sub … | import-bundle <file.zip>\n');
  process.exit(2);
}
run().catch((e) => {
  process.stderr.write(`\n[rod-lober] ${e.message}\n`);
  process.exit(1);
});
