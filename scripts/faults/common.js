/**
 * What every part of the fault suite shares: the run's configuration (from the environment), the
 * seeded PRNGs that make a run replayable, and the log with elapsed seconds.
 */
'use strict';

const crypto = require('node:crypto');
const path = require('node:path');
const { ROOT, sleep } = require('../lib/harness');

const LOG_DIR = path.join(ROOT, '.data', 'faults');
const JWT_SECRET = 'faults-run-jwt-secret-0123456789abcdef-xyz';
const DAY = 86_400_000;

const t0 = Date.now();
const elapsed = () => ((Date.now() - t0) / 1000).toFixed(1).padStart(6);
const log = (msg) => process.stdout.write(`[faults ${elapsed()}s] ${msg}\n`);

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
// Issue 20 item 4: API processes (a node cluster behind one port) and worker processes.
const API_PROCS = Math.max(1, Number(process.env.FAULTS_API_PROCS || 1));
const WORKERS = Math.max(1, Number(process.env.FAULTS_WORKERS || 1));
const rnd = (rng, lo, hi) => lo + rng() * (hi - lo);
const pick = (rng, arr) => arr[Math.floor(rng() * arr.length)];
function weighted(rng, entries) {
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let x = rng() * total;
  for (const [v, w] of entries) if ((x -= w) < 0) return v;
  return entries[entries.length - 1][0];
}

module.exports = { ROOT, LOG_DIR, JWT_SECRET, DAY, t0, elapsed, log, sleep, mulberry32, SEED, FAULTS_COUNT, CHAOS_MS, ACTORS, API_PROCS, WORKERS, rnd, pick, weighted };
