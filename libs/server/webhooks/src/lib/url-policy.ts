import { BlockList, isIP } from 'node:net';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { CodedError } from '@rl/errors';

/**
 * Where webhooks may go (issue 18: no SSRF). In production: https only, and the host must not
 * resolve to a loopback, private, link-local, CGNAT, multicast or reserved address — checked at
 * registration AND at every connection (the socket connects to the address that was checked, so
 * a DNS answer that changes in between cannot point a delivery inward). In development and
 * test: additionally http://127.0.0.1 (the local receiver), and nothing else private.
 */
export class WebhookUrlInvalidError extends CodedError {
  constructor(reason: string) {
    super('WEBHOOK.URL_INVALID', `The endpoint URL is not allowed: ${reason}`, { reason });
  }
}

export class WebhookTargetRefusedError extends CodedError {
  constructor(host: string, address: string) {
    super('WEBHOOK.TARGET_REFUSED', `The endpoint host ${host} resolves to ${address}, a private or reserved address.`, { host, address });
  }
}

/**
 * Addresses a production webhook may never reach (RFC 6890 special-purpose ranges). No
 * ::ffff:0:0/96 rule: BlockList matches IPv4 addresses against IPv4-mapped IPv6 rules, so it
 * would block everything; mapped addresses are unwrapped and checked as IPv4 instead.
 */
const FORBIDDEN = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) FORBIDDEN.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) FORBIDDEN.addSubnet(net, bits, 'ipv6');

export interface UrlPolicy {
  /** NODE_ENV === 'production': https only, no private targets at all. */
  production: boolean;
}

/** True when the address may not be a production webhook target. */
export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return FORBIDDEN.check(address, 'ipv4');
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return FORBIDDEN.check(mapped[1], 'ipv4');
    return FORBIDDEN.check(address, 'ipv6');
  }
  return true;
}

/** The one local exception outside production: plain http to 127.0.0.1. */
function isDevLoopback(url: URL, policy: UrlPolicy): boolean {
  return !policy.production && url.protocol === 'http:' && url.hostname === '127.0.0.1';
}

/** Syntax and scheme (no DNS): throws WEBHOOK.URL_INVALID. Returns the normalised URL. */
export function parseEndpointUrl(raw: unknown, policy: UrlPolicy): URL {
  if (typeof raw !== 'string' || raw.length === 0) throw new WebhookUrlInvalidError('not a URL');
  if (raw.length > 2048) throw new WebhookUrlInvalidError('longer than 2048 characters');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookUrlInvalidError('not an absolute URL');
  }
  if (url.username || url.password) throw new WebhookUrlInvalidError('credentials in the URL are not allowed (the signature authenticates us)');
  if (url.hash) throw new WebhookUrlInvalidError('a fragment is not allowed');
  if (isDevLoopback(url, policy)) return url;
  if (url.protocol !== 'https:') throw new WebhookUrlInvalidError(policy.production ? 'https is required' : 'https is required (http only to 127.0.0.1 outside production)');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) throw new WebhookUrlInvalidError('localhost is not allowed');
  if (isIP(host) && isForbiddenAddress(host)) throw new WebhookUrlInvalidError(`${host} is a private or reserved address`);
  return url;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http(s).request that refuses forbidden addresses: the connection is made to the
 * address checked here, never to a second resolution. 127.0.0.1 passes outside production only.
 */
export function guardedLookup(policy: UrlPolicy) {
  return (hostname: string, options: { all?: boolean } & Record<string, unknown>, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const list = addresses as LookupAddress[];
      const bad = list.find((a) => isForbiddenAddress(a.address) && !(!policy.production && a.address === '127.0.0.1'));
      if (bad || list.length === 0) return callback(new WebhookTargetRefusedError(hostname, bad?.address ?? 'nothing'), []);
      if (options.all) return callback(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}

/** Registration-time check: syntax, scheme, then every address the host resolves to. */
export async function checkEndpointUrl(raw: unknown, policy: UrlPolicy): Promise<URL> {
  const url = parseEndpointUrl(raw, policy);
  if (isDevLoopback(url, policy)) return url;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  await new Promise<void>((resolve, reject) =>
    guardedLookup(policy)(host, { all: true }, (err) => {
      if (!err) return resolve();
      if (err instanceof WebhookTargetRefusedError) return reject(err);
      reject(new WebhookUrlInvalidError(`the host ${host} does not resolve (${err.code ?? err.message})`));
    }),
  );
  return url;
}
