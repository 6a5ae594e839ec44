import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWK } from 'jose';
import { loadConfig } from '@rl/config';
import type { ApiError } from '../common/problem';
import { JwksCache, JwksUnavailableError } from './jwks-cache';
import { codeOf } from './test-helpers';
import { TokenService } from './token.service';

/** A JWKS endpoint on 127.0.0.1 that can be taken down and given other keys. */
async function jwksServer() {
  let keys: JWK[] = [];
  let up = true;
  let fetches = 0;
  const server = http.createServer((req, res) => {
    fetches++;
    if (!up) return res.writeHead(503).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`);
  return {
    url,
    setKeys: (k: JWK[]) => (keys = k),
    setUp: (v: boolean) => (up = v),
    fetches: () => fetches,
    close: () => new Promise((r) => server.close(r)),
  };
}

async function rsaKey(kid: string): Promise<{ kid: string; privateKey: CryptoKey; jwk: JWK }> {
  const pair = await generateKeyPair('RS256');
  return { kid, privateKey: pair.privateKey, jwk: { ...(await exportJWK(pair.publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

const ISSUER = 'https://idp.example';
const sign = (k: { kid: string; privateKey: CryptoKey }, expSeconds = 3600) =>
  new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', kid: k.kid })
    .setSubject('s')
    .setIssuer(ISSUER)
    .setAudience('rl')
    .setExpirationTime(Math.floor(Date.now() / 1000) + expSeconds)
    .sign(k.privateKey);

describe('JwksCache', () => {
  let srv: Awaited<ReturnType<typeof jwksServer>>;
  let k1: Awaited<ReturnType<typeof rsaKey>>;
  let k2: Awaited<ReturnType<typeof rsaKey>>;
  beforeAll(async () => {
    [k1, k2] = await Promise.all([rsaKey('k1'), rsaKey('k2')]);
  });
  beforeEach(async () => {
    srv = await jwksServer();
    srv.setKeys([k1.jwk]);
  });
  afterEach(() => srv.close());

  const verify = (cache: JwksCache, token: string) => jwtVerify(token, cache.getKey);
  /** How verifying a fresh token signed with `key` ends: 'passed' or the error code. */
  const outcome = async (cache: JwksCache, key: typeof k1) => codeOf(verify(cache, await sign(key)));
  /** A cache (max age one minute) that has fetched the JWKS once, for a token signed with k1. */
  const warmCache = async (cooldownMs: number, failureRetryMs: number) => {
    const cache = new JwksCache(srv.url, { maxAgeMs: 60_000, cooldownMs, failureRetryMs });
    await verify(cache, await sign(k1));
    return cache;
  };

  it('answers from the cache while fresh, and serves known keys while the issuer is down past max age', async () => {
    const tokens = await Promise.all([sign(k1), sign(k1), sign(k1)]);
    const cache = new JwksCache(srv.url, { maxAgeMs: 300, cooldownMs: 0, failureRetryMs: 0 });
    await verify(cache, tokens[0]);
    await verify(cache, tokens[1]);
    expect(srv.fetches()).toBe(1);
    srv.setUp(false);
    await new Promise((r) => setTimeout(r, 350));
    expect(await codeOf(verify(cache, tokens[2]))).toBe('passed');
    await new Promise((r) => setTimeout(r, 50));
    expect(srv.fetches()).toBe(2); // the background refresh was tried (and failed)
  });

  it('answers an unknown kid with JwksUnavailableError while the issuer is down, and with JWKSNoMatchingKey when it is up', async () => {
    const cache = await warmCache(0, 0);
    expect(await outcome(cache, k2)).toBe('ERR_JWKS_NO_MATCHING_KEY');
    srv.setUp(false);
    expect(await outcome(cache, k2)).toBe('JwksUnavailableError');
    expect(await outcome(cache, k1)).toBe('passed');
  });

  it('picks up a rotated key once the issuer is back', async () => {
    const cache = await warmCache(0, 0);
    srv.setUp(false);
    expect(await outcome(cache, k2)).toBe('JwksUnavailableError');
    srv.setKeys([k2.jwk, k1.jwk]);
    srv.setUp(true);
    expect(await outcome(cache, k2)).toBe('passed');
    expect(await outcome(cache, k1)).toBe('passed');
  });

  it('limits fetches for unknown kids: once per cooldown after a success, once per retry interval after a failure', async () => {
    const cache = await warmCache(60_000, 60_000);
    for (let i = 0; i < 5; i++) expect(await outcome(cache, k2)).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(srv.fetches()).toBe(1);

    const down = await warmCache(0, 60_000);
    srv.setUp(false);
    const before = srv.fetches();
    for (let i = 0; i < 5; i++) expect(await outcome(down, k2)).toBe('JwksUnavailableError');
    expect(srv.fetches() - before).toBe(1);
  });

  it('shares one fetch between concurrent callers and refuses a body that is not a JWKS', async () => {
    const cache = new JwksCache(srv.url, { maxAgeMs: 60_000, cooldownMs: 0 });
    const tokens = await Promise.all(Array.from({ length: 8 }, () => sign(k1)));
    await Promise.all(tokens.map((t) => verify(cache, t)));
    expect(srv.fetches()).toBe(1);
    srv.setKeys('nope' as unknown as JWK[]);
    const broken = new JwksCache(srv.url, { maxAgeMs: 60_000, cooldownMs: 0 });
    const err = await verify(broken, await sign(k1)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JwksUnavailableError);
  });
});

describe('TokenService (oidc mode) during an issuer outage', () => {
  it('keeps accepting tokens signed with a known key after the cache max age while the JWKS cannot be fetched (503 only for unknown keys)', async () => {
    const srv = await jwksServer();
    const [k1, k2] = await Promise.all([rsaKey('k1'), rsaKey('k2')]);
    srv.setKeys([k1.jwk]);
    const config = loadConfig({ DATABASE_URL: 'postgres://x', REDIS_URL: 'redis://x', AUTH_MODE: 'oidc', OIDC_ISSUER: ISSUER, OIDC_AUDIENCE: 'rl', OIDC_JWKS_URL: srv.url.href });
    const svc = new TokenService(config);
    try {
      await svc.verify(await sign(k1, 24 * 3600));
      srv.setUp(false);
      const later = await sign(k1, 24 * 3600);
      const unknown = await sign(k2, 24 * 3600);
      // Only Date moves: an hour later, far beyond the default 10-minute key cache.
      jest.useFakeTimers({ now: Date.now() + 3600_000, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'hrtime', 'performance'] });
      expect((await svc.verify(later)).sub).toBe('s');
      const err = (await svc.verify(unknown).catch((e: unknown) => e)) as ApiError;
      expect(err.code).toBe('DEPENDENCY.UNAVAILABLE');
    } finally {
      jest.useRealTimers();
      await srv.close();
    }
  });
});
