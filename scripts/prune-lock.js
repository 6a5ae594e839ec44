#!/usr/bin/env node
/**
 * The npm registry mirror reachable here lacks some other-platform builds of native packages
 * (e.g. @swc/core-darwin-arm64 at the pinned version). npm then leaves them out of
 * package-lock.json but still lists them as optional dependencies of their parent, and
 * `npm ci` refuses the lock as "out of sync". This drops optional-dependency names that have
 * no entry in the lock, so `npm ci` works. Run it after every `npm install`:
 *   npm install <pkg> && node scripts/prune-lock.js
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const file = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const packages = lock.packages;

/** Node's resolution from the package at `location`: its own node_modules, then each parent's. */
function satisfies(version, spec) {
  try {
    return require('semver').satisfies(version, spec);
  } catch {
    return version === spec;
  }
}

/** Node's resolution from the package at `location` (own node_modules, then each parent's);
 *  true when the package found there satisfies `spec`. */
function resolves(location, name, spec) {
  let dir = location;
  for (;;) {
    const hit = packages[`${dir ? `${dir}/` : ''}node_modules/${name}`];
    if (hit) return satisfies(hit.version, spec);
    if (!dir) return false;
    const i = dir.lastIndexOf('/node_modules/');
    dir = i === -1 ? '' : dir.slice(0, i);
  }
}

let removed = 0;
for (const [location, entry] of Object.entries(packages)) {
  if (!entry.optionalDependencies) continue;
  for (const [name, spec] of Object.entries(entry.optionalDependencies)) {
    if (!resolves(location, name, spec)) {
      delete entry.optionalDependencies[name];
      removed++;
    }
  }
  if (Object.keys(entry.optionalDependencies).length === 0) delete entry.optionalDependencies;
}
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`prune-lock: removed ${removed} optional dependencies that the registry does not serve`);
