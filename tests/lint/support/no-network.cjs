// Preloaded (node --require) into the OpenAPI linter by tests/lint/openapi.spec.ts: any attempt
// to open a network connection or resolve a name (telemetry, update checks, remote $refs) is
// recorded in $RL_NETWORK_LOG and refused, so the test proves the linter runs offline.
'use strict';
const fs = require('node:fs');
const net = require('node:net');
const dns = require('node:dns');

function refuse(what) {
  fs.appendFileSync(process.env.RL_NETWORK_LOG, `${what}\n`);
  throw new Error(`network access refused in the lint test: ${what}`);
}
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const o = args[0];
  // Unix-domain sockets (e.g. worker IPC) are local; everything else is network.
  if (o && typeof o === 'object' && typeof o.path === 'string') return connect.apply(this, args);
  refuse(`connect ${JSON.stringify(Array.isArray(o) ? o[0] : o)}`);
};
dns.lookup = (host) => refuse(`dns.lookup ${host}`);
dns.promises.lookup = async (host) => refuse(`dns.promises.lookup ${host}`);
