/**
 * AUTH_MODE=oidc against a REAL OpenID provider in this process (`oidc-provider`, RS256, its JWKS
 * over HTTP on 127.0.0.1, random port). Test "users" are OAuth clients: a client_credentials
 * access token for the resource OIDC_AUDIENCE is a JWT with sub = client_id, plus the
 * preferred_username / email claims configured per client (issue 12.1).
 */
import type { INestApplication } from '@nestjs/common';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider from 'oidc-provider';
import type { DataSource } from 'typeorm';
import { linkIdentities, startApp, unlinkIdentities } from './support/app';
import { readJson, testConfig } from './support/env';

const AUDIENCE = 'https://api.rod-lober.test';
/** Clients = subjects. The impostors carry a colliding username or e-mail but are linked to nobody. */
const CLIENTS: Record<string, Record<string, string>> = {
  'nemlogin-admin-0001': { preferred_username: 'admin' },
  'nemlogin-cw-mst-0001': { preferred_username: 'cw.mst' },
  'nemlogin-anna-7f3a': { preferred_username: 'anna@nordlys.example', email: 'anna@nordlys.example' },
  'impostor-admin': { preferred_username: 'admin' },
  'impostor-coordinator': { preferred_username: 'coordinator' },
  'impostor-anna': { preferred_username: 'anna@nordlys.example', email: 'anna@nordlys.example' },
  'impostor-anna-email': { email: 'anna@nordlys.example' },
  // bo is linked to no subject at all: the old fallback (username of an unlinked user) took him over.
  'impostor-bo': { preferred_username: 'bo@bolge.example', email: 'bo@bolge.example' },
};

async function signingKey(kid: string): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
}

function provider(issuer: string, keys: JWK[]): Provider {
  return new Provider(issuer, {
    jwks: { keys },
    clients: Object.keys(CLIENTS).map((client_id) => ({
      client_id,
      client_secret: `${client_id}-secret`,
      grant_types: ['client_credentials'],
      redirect_uris: [],
      response_types: [],
    })),
    ttl: { ClientCredentials: 3600 },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => ({
          scope: 'api',
          audience: resource,
          accessTokenTTL: 3600,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
    extraTokenClaims: (_ctx, token) => CLIENTS[(token as unknown as { clientId: string }).clientId],
  });
}

/** An HTTP server for a provider; `listen(port)` can bring it back on the same port. */
function serve(p: Provider) {
  const server = http.createServer(p.callback());
  return {
    listen: (port = 0) => new Promise<number>((r) => server.listen(port, '127.0.0.1', () => r((server.address() as AddressInfo).port))),
    close: () => new Promise<void>((r) => {
      server.close(() => r());
      server.closeAllConnections();
    }),
  };
}

describe('auth (AUTH_MODE=oidc against a real oidc-provider)', () => {
  let app: INestApplication;
  let base: string;
  let ds: DataSource;
  let issuer: string;
  let issuerPort: number;
  let k1: JWK;
  let k2: JWK;
  let idp: ReturnType<typeof serve>;
  /** Mints tokens with the rotated key (k2) on another port while the issuer's own port is down. */
  let rotatedMint: ReturnType<typeof serve>;
  let rotatedMintPort: number;
  let rotated: Provider;

  const token = async (port: number, clientId: string, resource = AUDIENCE): Promise<string> => {
    const res = await fetch(`http://127.0.0.1:${port}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${clientId}:${clientId}-secret`).toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'client_credentials', resource, scope: 'api' }),
    });
    const body = await readJson(res);
    if (res.status !== 200) throw new Error(`token endpoint: ${res.status} ${JSON.stringify(body)}`);
    return body.access_token;
  };
  const me = (t: string) => fetch(`${base}/api/v1/auth/me`, { headers: { authorization: `Bearer ${t}` } });
  const header = (t: string) => JSON.parse(Buffer.from(t.split('.')[0], 'base64url').toString());
  const claims = (t: string) => JSON.parse(Buffer.from(t.split('.')[1], 'base64url').toString());
  async function expectProblem(res: Response, status: number, code: string): Promise<void> {
    const body = await readJson(res);
    expect([res.status, body.code]).toEqual([status, code]);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  }

  beforeAll(async () => {
    [k1, k2] = await Promise.all([signingKey('k1'), signingKey('k2')]);
    // Reserve the issuer's port first: the issuer URL (iss) contains it.
    const probe = http.createServer();
    issuerPort = await new Promise<number>((r) => probe.listen(0, '127.0.0.1', () => r((probe.address() as AddressInfo).port)));
    await new Promise((r) => probe.close(r));
    issuer = `http://127.0.0.1:${issuerPort}`;
    idp = serve(provider(issuer, [k1]));
    await idp.listen(issuerPort);
    rotated = provider(issuer, [k2, k1]);
    rotatedMint = serve(rotated);
    rotatedMintPort = await rotatedMint.listen();

    const config = testConfig({
      AUTH_MODE: 'oidc',
      OIDC_ISSUER: issuer,
      OIDC_AUDIENCE: AUDIENCE,
      OIDC_JWKS_URL: `${issuer}/jwks`,
      // Short, so the outage steps below need not wait for the production defaults (10 min / 30 s).
      OIDC_JWKS_MAX_AGE_SECONDS: '1',
      OIDC_JWKS_COOLDOWN_SECONDS: '1',
    });
    const links = { 'nemlogin-cw-mst-0001': 'cw.mst', 'nemlogin-anna-7f3a': 'anna@nordlys.example' };
    ({ app, ds, base } = await startApp(config, { prepare: (seeded) => linkIdentities(seeded, issuer, links) }));
  });

  afterAll(async () => {
    await app?.close();
    await unlinkIdentities(ds, issuer);
    await ds?.destroy();
    await idp?.close().catch(() => undefined);
    await rotatedMint?.close().catch(() => undefined);
  });

  it('GET /auth/config (public) says oidc, and no web client when OIDC_WEB_CLIENT_ID is unset (the web app then offers no login)', async () => {
    const res = await fetch(`${base}/api/v1/auth/config`);
    expect([res.status, await readJson(res)]).toEqual([200, { mode: 'oidc', oidc: null }]);
  });

  it('issues real RS256 JWT access tokens for the configured audience (sanity check of the provider)', async () => {
    const t = await token(issuerPort, 'impostor-admin');
    expect(header(t)).toMatchObject({ alg: 'RS256', kid: 'k1' });
    expect(claims(t)).toMatchObject({ iss: issuer, aud: AUDIENCE, sub: 'impostor-admin', preferred_username: 'admin' });
  });

  it('accepts a linked (issuer, sub) → 200 as the linked user', async () => {
    const res = await me(await token(issuerPort, 'nemlogin-cw-mst-0001'));
    expect(res.status).toBe(200);
    expect(await readJson(res)).toMatchObject({ username: 'cw.mst', role: 'caseworker', authorityCode: 'MST' });
    const anna = await me(await token(issuerPort, 'nemlogin-anna-7f3a'));
    expect(await readJson(anna)).toMatchObject({ username: 'anna@nordlys.example', role: 'applicant' });
  });

  it.each(['impostor-admin', 'impostor-coordinator', 'impostor-anna', 'impostor-anna-email', 'impostor-bo'])(
    'refuses the unlinked subject %s whose username/e-mail claim collides with a user → 401 AUTH.UNKNOWN_USER',
    async (clientId) => {
      await expectProblem(await me(await token(issuerPort, clientId)), 401, 'AUTH.UNKNOWN_USER');
    },
  );

  it('refuses a token for another audience and a token from another issuer → 401 AUTH.INVALID_TOKEN', async () => {
    await expectProblem(await me(await token(issuerPort, 'nemlogin-cw-mst-0001', 'https://other-api.test')), 401, 'AUTH.INVALID_TOKEN');
    // Another issuer (a second provider on its own port) with the same subject and the same key.
    const foreign = serve(provider('http://127.0.0.1:1/evil', [k1]));
    const port = await foreign.listen();
    try {
      await expectProblem(await me(await token(port, 'nemlogin-cw-mst-0001')), 401, 'AUTH.INVALID_TOKEN');
    } finally {
      await foreign.close();
    }
  });

  it('an admin links a subject through the API (issuer defaults to OIDC_ISSUER): then it logs in; unlinked or deactivated it does not', async () => {
    // Linked here, not in beforeAll: the impostor tests above must meet an admin with no identity
    // (the old username fallback only reached unlinked users).
    await ds.query(`INSERT INTO user_external_identities (issuer, subject, user_id) SELECT $1, 'nemlogin-admin-0001', id FROM users WHERE username = 'admin'`, [issuer]);
    const adminToken = await token(issuerPort, 'nemlogin-admin-0001');
    const asAdmin = (method: string, path: string, body?: unknown) =>
      fetch(`${base}/api/v1${path}`, { method, headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const [{ id: bo }] = await ds.query(`SELECT id FROM users WHERE username = 'bo@bolge.example'`);
    const boToken = await token(issuerPort, 'impostor-bo');
    await expectProblem(await me(boToken), 401, 'AUTH.UNKNOWN_USER');

    const linked = await asAdmin('POST', `/admin/users/${bo}/identities`, { subject: 'impostor-bo' });
    expect(linked.status).toBe(201);
    const identity = (await readJson(linked)).identities[0];
    expect(identity).toMatchObject({ issuer, subject: 'impostor-bo' });
    expect(await readJson(await me(boToken))).toMatchObject({ username: 'bo@bolge.example' });

    expect((await asAdmin('POST', `/admin/users/${bo}/deactivate`, {})).status).toBe(200);
    await expectProblem(await me(boToken), 403, 'AUTH.USER_DEACTIVATED');
    expect((await asAdmin('POST', `/admin/users/${bo}/reactivate`, {})).status).toBe(200);
    expect((await me(boToken)).status).toBe(200);

    expect((await asAdmin('DELETE', `/admin/users/${bo}/identities/${identity.id}`)).status).toBe(200);
    await expectProblem(await me(boToken), 401, 'AUTH.UNKNOWN_USER');
    const audit = await readJson(await asAdmin('GET', `/admin/users/${bo}/audit`));
    // Newest first; the four this test made are the newest (other test files in the same database
    // may have deactivated and reactivated Bo before).
    expect(audit.items.map((e: { action: string }) => e.action).slice(0, 4)).toEqual(['identity.unlinked', 'user.reactivated', 'user.deactivated', 'identity.linked']);
  });

  it('outage: known key keeps working (also past the key cache age), unknown kid → 503; rotated key accepted once the issuer is back', async () => {
    // Minted before the outage, first presented during it (the API caches verified tokens).
    const known = [await token(issuerPort, 'nemlogin-cw-mst-0001'), await token(issuerPort, 'nemlogin-cw-mst-0001')];
    await idp.close();
    expect(await fetch(`${issuer}/jwks`).then(() => 'up', () => 'down')).toBe('down');
    expect((await me(known[0])).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1200)); // past OIDC_JWKS_MAX_AGE_SECONDS and the cooldown
    expect((await me(known[1])).status).toBe(200);

    const rotatedToken = await token(rotatedMintPort, 'nemlogin-cw-mst-0001');
    expect(header(rotatedToken).kid).toBe('k2');
    expect(claims(rotatedToken).iss).toBe(issuer);
    await expectProblem(await me(rotatedToken), 503, 'DEPENDENCY.UNAVAILABLE');

    // The issuer comes back on its URL with the rotated key set (k2 signs, k1 still published).
    idp = serve(rotated);
    await idp.listen(issuerPort);
    await new Promise((r) => setTimeout(r, 1100)); // the retry interval after the failed fetch
    const res = await me(rotatedToken);
    expect(res.status).toBe(200);
    expect(await readJson(res)).toMatchObject({ username: 'cw.mst' });
    expect((await me(await token(issuerPort, 'nemlogin-anna-7f3a'))).status).toBe(200);
  });
});
