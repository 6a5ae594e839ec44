/**
 * The one process harness of the scripts and the test supports (plain CommonJS, so scripts/run.js
 * can require it before anything is compiled; TypeScript callers get harness.d.ts).
 *
 *   freePort(preferred?)            a free TCP port on 127.0.0.1 (the preferred one when free)
 *   tsEnv(extra) / spawnTs(entry)   start a TypeScript entry point the way `npm start` does
 *   runTs(args, env, label)         run one synchronously (migrations, seeds, helpers)
 *   waitHttpOk(url, opts)           poll a health URL until 2xx, the deadline or the child died
 *   stopChildren(children, graceMs) SIGTERM, then SIGKILL after the grace period
 *   startSmtpSink(opts)             an in-process SMTP server on 127.0.0.1 that accepts every message
 *   withRedis(target, fn)           a fail-fast Redis connection for probes and admin commands
 *   redisServerArgs(port, dir?)     argv of a private redis-server
 *   sleep, withTimeout
 *
 * Callers: scripts/run.js, scripts/lib/runtime.js, scripts/bench, scripts/faults,
 * tests/integration/support and tests/browser/support.
 */
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const net = require('node:net');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const HOST = '127.0.0.1';
const TSCONFIG = path.join(ROOT, 'tsconfig.base.json');

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

function withTimeout(promise, ms, what) {
  let t;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      t = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(t));
}

/** A free TCP port on 127.0.0.1: `preferred` when it is free (npm start's 3000/5173), else any. */
function freePort(preferred = 0) {
  return new Promise((resolve, reject) => {
    const tryPort = (p) => {
      const srv = net.createServer();
      srv.unref();
      srv.once('error', (e) => (p === 0 ? reject(e) : tryPort(0)));
      srv.listen(p, HOST, () => {
        const { port } = srv.address();
        srv.close(() => resolve(port));
      });
    };
    tryPort(preferred);
  });
}

// ---------------------------------------------------------------- TypeScript children

/** The environment a TypeScript child needs: @swc-node/register reads this tsconfig (decorator metadata, path aliases). */
function tsEnv(extra) {
  return { ...process.env, TS_NODE_PROJECT: TSCONFIG, SWC_NODE_PROJECT: TSCONFIG, ...extra };
}

/** node argv for a TypeScript entry (`nodeArgs` go before the loader, e.g. --cpu-prof). */
function tsArgv(args, nodeArgs = []) {
  return [...nodeArgs, '-r', '@swc-node/register', ...args];
}

/**
 * Starts a TypeScript entry point (relative to the repository root) with SWC register.
 * `env` is added to this process's environment; keys set to undefined are removed.
 */
function spawnTs(entry, { env = {}, stdio = ['ignore', 'pipe', 'pipe'], nodeArgs = [] } = {}) {
  return spawn(process.execPath, tsArgv([entry], nodeArgs), { cwd: ROOT, env: tsEnv(env), stdio });
}

/** Runs a TypeScript script to completion; throws with its exit status (and stderr tail when piped). */
function runTs(args, env, label, { stdio = 'pipe', timeout } = {}) {
  const r = spawnSync(process.execPath, tsArgv(args), { cwd: ROOT, env: tsEnv(env), stdio, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout });
  if (r.status !== 0) throw new Error(`${label} failed (exit ${r.status ?? r.signal})${r.stderr ? `: ${r.stderr.slice(-2000)}` : ''}`);
  return r.stdout || '';
}

/**
 * Polls `url` until it answers 2xx. Resolves true when up, false when `timeoutMs` passed or
 * `isDead()` says the process behind it is gone.
 */
async function waitHttpOk(url, { timeoutMs = 60_000, intervalMs = 300, isDead } = {}) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (isDead && isDead()) return false;
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (r.ok) return true;
    } catch {
      /* not up yet */
    }
    await sleep(intervalMs);
  }
  return false;
}

const running = (c) => c.exitCode === null && c.signalCode === null;

/** Resolves when `child` has exited, killing it with `signal` first; SIGKILL after `graceMs`. */
function stopChild(child, signal = 'SIGTERM', graceMs = 10_000) {
  if (!running(child)) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, graceMs);
    child.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    child.kill(signal);
  });
}

/** Stops every child at once (SIGTERM, SIGKILL after `graceMs`). */
function stopChildren(children, graceMs = 10_000) {
  return Promise.all(children.map((c) => stopChild(c, 'SIGTERM', graceMs)));
}

// ---------------------------------------------------------------- SMTP sink

/**
 * An SMTP server on 127.0.0.1 (free port) that accepts every message, so the worker's real
 * nodemailer transport talks real SMTP. `onMessage(raw, session)` sees each message (a Buffer)
 * before it is accepted; `delayMs` (a number, or a function read per message) holds the reply,
 * so a killed client can be caught mid-send: like a real MTA, a message whose client went away
 * before the reply is not accepted. `rejectRecipient(address)` true: that RCPT TO is answered
 * 550 (a mailbox that does not exist), as a real MTA does.
 */
async function startSmtpSink({ onMessage = () => {}, delayMs = 0, disabledCommands = ['STARTTLS'], rejectRecipient = () => false } = {}) {
  const { SMTPServer } = require('smtp-server');
  let received = 0;
  const closed = new Set();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands,
    logger: false,
    onClose: (session) => closed.add(session.id),
    onRcptTo(address, _session, callback) {
      if (!rejectRecipient(address.address)) return callback();
      const refused = new Error(`5.1.1 <${address.address}>: mailbox unavailable`);
      refused.responseCode = 550;
      callback(refused);
    },
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (c) => chunks.push(c));
      stream.on('end', async () => {
        try {
          const wait = typeof delayMs === 'function' ? delayMs() : delayMs;
          if (wait) await sleep(wait);
          if (closed.has(session.id)) return callback(new Error('client went away before the message was accepted'));
          await onMessage(Buffer.concat(chunks), session);
          received++;
          callback();
        } catch (e) {
          callback(e);
        }
      });
    },
  });
  server.on('error', () => {}); // a client killed mid-session resets its connection: expected in these runs
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, resolve);
  });
  return { port: server.server.address().port, received: () => received, close: () => new Promise((r) => server.close(() => r())) };
}

// ---------------------------------------------------------------- Redis

/** redis-server argv for a private, non-persistent server on 127.0.0.1 (runtime.js starts one; the fault suite restarts it). */
function redisServerArgs(port, dir) {
  return ['--port', String(port), '--bind', HOST, '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction', '--daemonize', 'no', ...(dir ? ['--dir', dir] : [])];
}

function lazyRedis() {
  const m = require('ioredis');
  return m.default || m.Redis || m;
}

/**
 * Connects a fail-fast Redis client (no retries, no offline queue) to `target` (a URL or
 * { host, port }), runs `fn(client)` and disconnects. Throws when Redis does not answer in time.
 */
async function withRedis(target, fn, timeoutMs = 1500) {
  const Redis = lazyRedis();
  const opts = { lazyConnect: true, connectTimeout: timeoutMs, commandTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false, enableReadyCheck: false };
  const r = typeof target === 'string' ? new Redis(target, opts) : new Redis({ host: HOST, ...target, ...opts });
  r.on('error', () => {});
  try {
    await withTimeout(r.connect(), timeoutMs + 200, 'Redis connect');
    return await fn(r);
  } finally {
    r.disconnect();
  }
}

module.exports = { ROOT, HOST, sleep, withTimeout, freePort, tsEnv, tsArgv, spawnTs, runTs, waitHttpOk, stopChild, stopChildren, startSmtpSink, redisServerArgs, lazyRedis, withRedis };
