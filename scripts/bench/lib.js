/**
 * Helpers for scripts/bench/run.js (plain CommonJS, no build step): percentiles, a tiny JSON
 * HTTP client for 127.0.0.1, a bounded autocannon wrapper, a stderr progress bar and CPU
 * accounting from /proc (ports, children and the SMTP sink: scripts/lib/harness.js).
 */
'use strict';

/** Nearest-rank percentile of an array of numbers (copy-sorted); null for an empty array. */
function percentile(values, p) {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i];
}

const round = (v, d = 1) => (v === null || v === undefined || Number.isNaN(v) ? null : Math.round(v * 10 ** d) / 10 ** d);

/** JSON client bound to one base URL (only ever 127.0.0.1). */
function httpClient(base) {
  if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(base + '/')) throw new Error(`bench traffic must go to 127.0.0.1, not ${base}`);
  const tokens = new Map();
  async function call(method, path, { token, body, headers = {} } = {}) {
    const h = { ...headers };
    if (token) h.authorization = `Bearer ${token}`;
    if (body !== undefined) h['content-type'] = 'application/json';
    const res = await fetch(`${base}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(60_000) });
    const text = await res.text();
    let parsed = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, headers: res.headers, body: parsed };
  }
  async function login(username) {
    if (tokens.has(username)) return tokens.get(username);
    const r = await call('POST', '/auth/dev-login', { body: { username } });
    if (r.status !== 200) throw new Error(`dev-login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
    tokens.set(username, r.body.accessToken);
    return r.body.accessToken;
  }
  async function expectOk(method, path, opts, what) {
    const r = await call(method, path, opts);
    if (r.status < 200 || r.status > 299) throw new Error(`${what || `${method} ${path}`}: ${r.status} ${JSON.stringify(r.body).slice(0, 400)}`);
    return r.body;
  }
  return { base, call, login, expectOk };
}

/** Runs `fn` over `items` with at most `limit` in flight. */
async function pool(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  });
  await Promise.all(workers);
  return out;
}

/**
 * autocannon, bounded in count (amount) and time (maxSeconds: stop() is called then). Collects
 * every response latency by status class so p50/p95/p99 are exact, not histogram buckets.
 */
function cannon(opts, { maxSeconds }) {
  const autocannon = require('autocannon');
  return new Promise((resolve, reject) => {
    const ok = [];
    const statuses = {};
    const started = Date.now();
    let timer;
    const inst = autocannon({ timeout: 60, ...opts }, (err, res) => {
      clearTimeout(timer);
      if (err) return reject(err);
      const seconds = (Date.now() - started) / 1000;
      resolve({ res, ok, statuses, seconds, stoppedByTimeCap: seconds >= maxSeconds - 0.5 });
    });
    inst.on('response', (_client, status, _bytes, rt) => {
      statuses[status] = (statuses[status] || 0) + 1;
      if (status >= 200 && status < 300) ok.push(rt);
    });
    timer = setTimeout(() => inst.stop(), maxSeconds * 1000);
  });
}

/** Progress bar on stderr: percentage, rate, ETA. */
function progressBar(label, total, unit) {
  const started = Date.now();
  const tty = process.stderr.isTTY;
  let lastLine = 0;
  return {
    update(done) {
      const el = (Date.now() - started) / 1000;
      const rate = done / Math.max(el, 0.001);
      const eta = rate > 0 ? (total - done) / rate : Infinity;
      const pct = (100 * done) / total;
      const width = 30;
      const filled = Math.round((width * done) / total);
      const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct.toFixed(1).padStart(5)}%  ${done}/${total} ${unit}  ${rate.toFixed(0)} ${unit}/s  ETA ${Number.isFinite(eta) ? `${eta.toFixed(0)}s` : '?'}`;
      if (tty) process.stderr.write(`\r${line}`);
      else if (Date.now() - lastLine > 5000 || done >= total) {
        process.stderr.write(`${line}\n`);
        lastLine = Date.now();
      }
    },
    done() {
      if (tty) process.stderr.write('\n');
    },
  };
}

/**
 * CPU time used so far (user + system, ms) by each process of this machine, from /proc (Linux):
 * `{ pid: { comm, ms } }`. Clock ticks are read once from `getconf CLK_TCK`. Empty elsewhere.
 */
let clkTck = null;
function cpuSnapshot() {
  const fs = require('node:fs');
  if (clkTck === null) {
    try {
      clkTck = Number(require('node:child_process').execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
    } catch {
      clkTck = 100;
    }
  }
  const out = {};
  let pids = [];
  try {
    pids = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return out;
  }
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out[pid] = { comm, ms: ((Number(f[11]) + Number(f[12])) * 1000) / clkTck };
    } catch {
      /* exited meanwhile */
    }
  }
  return out;
}

/** CPU ms per group between two snapshots; `groupOf(pid, comm)` names a process's group or returns null. */
function cpuDelta(before, after, groupOf) {
  const groups = {};
  for (const [pid, a] of Object.entries(after)) {
    const g = groupOf(Number(pid), a.comm);
    if (!g) continue;
    groups[g] = (groups[g] || 0) + a.ms - (before[pid] ? before[pid].ms : 0);
  }
  return groups;
}

module.exports = { percentile, round, httpClient, pool, cannon, progressBar, cpuSnapshot, cpuDelta };
