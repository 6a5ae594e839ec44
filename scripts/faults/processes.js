/**
 * The processes and the HTTP client of the fault suite: a restartable API/worker child (logs to
 * .data/faults/<name>.log, 'ready' once it says so) and a client whose requests wait at a gate
 * while the API restarts.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { spawnTs } = require('../lib/harness');
const { LOG_DIR, elapsed, sleep } = require('./common');

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
    const proc = spawnTs(this.entry, { env: this.env });
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

  get pids() {
    return this.proc ? [this.proc.pid] : [];
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

/**
 * Several workers (FAULTS_WORKERS > 1) behind the interface of one Child: start() starts the
 * ones that are not running, kill() stops all of them, killOne() one of them (a worker.kill
 * fault), alive()/waitReady() ask all of them.
 */
class ChildGroup {
  constructor(children) {
    this.children = children;
    this.name = children[0].name;
    this.logFile = children.map((c) => c.logFile).join(', ');
  }

  get starts() {
    return this.children.reduce((s, c) => s + c.starts, 0);
  }

  get pids() {
    return this.children.map((c) => c.proc && c.proc.pid).filter(Boolean);
  }

  start() {
    for (const c of this.children) if (!c.alive()) c.start();
  }

  alive() {
    return this.children.every((c) => c.alive());
  }

  async kill(signal = 'SIGKILL', graceMs = 20_000) {
    await Promise.all(this.children.map((c) => c.kill(signal, graceMs)));
  }

  async killOne(index, signal = 'SIGKILL') {
    await this.children[index % this.children.length].kill(signal);
  }

  async waitReady(ms) {
    const ready = await Promise.all(this.children.map((c) => c.waitReady(ms)));
    return ready.every(Boolean);
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

module.exports = { Child, ChildGroup, Client };
