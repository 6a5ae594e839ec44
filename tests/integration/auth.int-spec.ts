import type { INestApplication } from '@nestjs/common';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import type { DataSource } from 'typeorm';
 
import { linkIdentities, startApp, stopApp, unlinkIdentities } from './support/app';
import { testConfig } from './support/env';

const DEMO: { username: string; role: string; org?: string; authority?: string; locale: string }[] = [
  { username: 'anna@nordlys.example', role: 'applicant', org: '10000001', locale: 'da' },
  { username: 'bo@bolge.example', role: 'applicant', org: '10000002', locale: 'en' },
  { username: 'cw.kalundborg', role: 'caseworker', authority: 'KOMMUNE-326', locale: 'da' },
  { username: 'cw.hillerod', role: 'caseworker', authority: 'KOMMUNE-219', locale: 'da' },
  { username: 'cw.mst', role: 'caseworker', authority: 'MST', locale: 'da' },
  { username: 'cw.dkma', role: 'caseworker', authority: 'DKMA', locale: 'da' },
  { username: 'coordinator', role: 'coordinator', locale: 'da' },
  { username: 'admin', role: 'admin', locale: 'en' },
];

const json = { 'content-type': 'application/json' };

/** Response bodies are checked field by field below; `fetch` types them as unknown. */
 
type Body = Record<string, any>;
const read = async (res: Response): Promise<Body> => (await res.json()) as Body;

async function expectProblem(res: Response, status: number, code: string): Promise<Body> {
  const body = await read(res);
  expect([res.status, body.code]).toEqual([status, code]);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(body).toMatchObject({ status, code, type: `urn:rod-lober:problem:${code}` });
  return body;
}

describe('auth (AUTH_MODE=dev, real PostgreSQL + Redis)', () => {
  const config = testConfig({ AUTH_MODE: 'dev' });
  let app: INestApplication;
  let base: string;
  let ds: DataSource;

  const login = (username: string) => fetch(`${base}/api/v1/auth/dev-login`, { method: 'POST', headers: json, body: JSON.stringify({ username }) });
  const me = (token?: string, scheme = 'Bearer') =>
    fetch(`${base}/api/v1/auth/me`, { headers: token === undefined ? {} : { authorization: `${scheme} ${token}` } });
  const userId = async (username: string): Promise<string> => (await ds.query('SELECT id FROM users WHERE username = $1', [username]))[0].id;
  const hs256 = (secret: string) => new TextEncoder().encode(secret);

  beforeAll(async () => {
    ({ app, ds, base } = await startApp(config));
  });

  afterAll(() => stopApp(app, ds));

  it.each(DEMO)('dev-login as $username returns a token whose /auth/me matches role and binding', async (u) => {
    const res = await login(u.username);
    expect(res.status).toBe(200);
    const body = await read(res);
    expect(body).toMatchObject({ tokenType: 'Bearer', expiresIn: config.JWT_TTL_SECONDS, user: { username: u.username, role: u.role } });
    expect(body.accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(body.user.organisation?.cvr).toBe(u.org);
    expect(body.user.authority?.code).toBe(u.authority);
    const claims = JSON.parse(Buffer.from(body.accessToken.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ sub: body.user.id, iss: 'rod-lober-dev', preferred_username: u.username, rl_role: u.role });
    expect(claims.rl_org).toBe(u.org);
    expect(claims.rl_authority).toBe(u.authority);
    expect(claims.exp - claims.iat).toBe(config.JWT_TTL_SECONDS);

    const who = await me(body.accessToken);
    expect(who.status).toBe(200);
    const p = await read(who);
    expect(p).toMatchObject({ userId: body.user.id, username: u.username, role: u.role, locale: u.locale, authorityCode: u.authority ?? null });
    expect(p.organisation?.cvr).toBe(u.org);
    expect(p.authority?.code).toBe(u.authority);
    expect(p.organisationId).toBe(p.organisation?.id ?? null);
    expect(p.authorityId).toBe(p.authority?.id ?? null);
    if (u.org) expect(p.organisation.name).toMatch(/Nordlys|Bølge/);
    if (u.authority) expect(p.authority.nameDa.length).toBeGreaterThan(0);
  });

  it('GET /auth/config (public) tells the web app to use dev login', async () => {
    const res = await fetch(`${base}/api/v1/auth/config`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ mode: 'dev', oidc: null });
  });

  it('answers an unknown username with 401 AUTH.UNKNOWN_USER', async () => {
    await expectProblem(await login('nobody@example'), 401, 'AUTH.UNKNOWN_USER');
  });

  it('rejects unknown, missing or empty body fields with 400 REQUEST.VALIDATION_FAILED', async () => {
    const extra = await fetch(`${base}/api/v1/auth/dev-login`, { method: 'POST', headers: json, body: JSON.stringify({ username: 'admin', role: 'admin' }) });
    const body = await expectProblem(extra, 400, 'REQUEST.VALIDATION_FAILED');
    expect(body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'role', code: 'UNKNOWN_FIELD' })]));
    await expectProblem(await fetch(`${base}/api/v1/auth/dev-login`, { method: 'POST', headers: json, body: '{}' }), 400, 'REQUEST.VALIDATION_FAILED');
    await expectProblem(await login(''), 400, 'REQUEST.VALIDATION_FAILED');
    await expectProblem(await login('x'.repeat(201)), 400, 'REQUEST.VALIDATION_FAILED');
  });

  it('requires a bearer token: none → 401 AUTH.UNAUTHENTICATED problem+json with a challenge', async () => {
    const res = await me();
    await expectProblem(res, 401, 'AUTH.UNAUTHENTICATED');
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    await expectProblem(await me('abc', 'Basic'), 401, 'AUTH.UNAUTHENTICATED');
  });

  it('rejects garbage, expired and foreign-key tokens with 401 AUTH.INVALID_TOKEN', async () => {
    await expectProblem(await me('garbage'), 401, 'AUTH.INVALID_TOKEN');
    await expectProblem(await me('a.b.c'), 401, 'AUTH.INVALID_TOKEN');
    const sub = await userId('coordinator');
    const now = Math.floor(Date.now() / 1000);
    const claims = { preferred_username: 'coordinator', rl_role: 'coordinator' };
    const expired = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuer('rod-lober-dev').setIssuedAt(now - 7200).setExpirationTime(now - 3600).sign(hs256(config.jwtSecret));
    const res = await me(expired);
    const body = await expectProblem(res, 401, 'AUTH.INVALID_TOKEN');
    expect(body.detail).toMatch(/expired/);
    const foreign = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuer('rod-lober-dev').setExpirationTime(now + 600).sign(hs256('another-key-another-key-another-key!'));
    await expectProblem(await me(foreign), 401, 'AUTH.INVALID_TOKEN');
    const wrongIssuer = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuer('someone-else').setExpirationTime(now + 600).sign(hs256(config.jwtSecret));
    await expectProblem(await me(wrongIssuer), 401, 'AUTH.INVALID_TOKEN');
  });

  it('rejects a valid token whose user no longer exists with 401 AUTH.UNKNOWN_USER', async () => {
    await ds.query(`INSERT INTO users (username, display_name, email, role) VALUES ('auth-test-gone', 'Gone', 'gone@example', 'coordinator')`);
    const { accessToken } = await read(await login('auth-test-gone'));
    expect((await me(accessToken)).status).toBe(200);
    await ds.query(`DELETE FROM users WHERE username = 'auth-test-gone'`);
    await expectProblem(await me(accessToken), 401, 'AUTH.UNKNOWN_USER');
  });

  it('keeps health, dev-login and the API docs public, and documents the auth endpoints', async () => {
    expect((await fetch(`${base}/api/v1/health`)).status).toBe(200);
    expect((await fetch(`${base}/api/docs`)).status).toBe(200);
    const res = await fetch(`${base}/api/docs-json`);
    expect(res.status).toBe(200);
    const doc = await read(res);
    expect(doc.paths['/api/v1/auth/dev-login'].post.requestBody).toBeDefined();
    expect(doc.paths['/api/v1/auth/me'].get.security).toEqual([{ bearer: [] }]);
    for (const name of ['DevLoginDto', 'DevLoginResponseDto', 'LoginUserDto', 'MeDto', 'OrganisationRefDto', 'AuthorityRefDto']) {
      expect([name, Object.keys(doc.components.schemas[name]?.properties ?? {}).length > 0]).toEqual([name, true]);
    }
  });
});

describe('auth (AUTH_MODE=oidc against a local JWKS)', () => {
  const ISSUER_PATH = '/realms/rod-lober';
  const AUDIENCE = 'rod-lober-api';
  let jwks: http.Server;
  let issuer: string;
  let privateKey: CryptoKey;
  let otherKey: CryptoKey;
  let app: INestApplication;
  let base: string;
  let ds: DataSource;

  const me = (token: string) => fetch(`${base}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
  const sign = (claims: Record<string, unknown>, opts: { sub: string; iss?: string; aud?: string; key?: CryptoKey; kid?: string; exp?: number }) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: opts.kid ?? 'k1' })
      .setSubject(opts.sub)
      .setIssuer(opts.iss ?? issuer)
      .setAudience(opts.aud ?? AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(opts.exp ?? Math.floor(Date.now() / 1000) + 300)
      .sign(opts.key ?? privateKey);

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    otherKey = (await generateKeyPair('RS256')).privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    jwks = http.createServer((req, res) => {
      if (req.url === `${ISSUER_PATH}/.well-known/jwks.json`) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
      } else res.writeHead(404).end();
    });
    await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
    issuer = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}${ISSUER_PATH}`;

    const config = testConfig({ AUTH_MODE: 'oidc', OIDC_ISSUER: issuer, OIDC_AUDIENCE: AUDIENCE });
    ({ app, ds, base } = await startApp(config, { prepare: (seeded) => linkIdentities(seeded, issuer, { 'mitid-erhverv:cw-mst-0001': 'cw.mst' }) }));
  });

  afterAll(async () => {
    await app?.close();
    await unlinkIdentities(ds, issuer);
    await ds?.destroy();
    await new Promise((r) => jwks?.close(r));
  });

  it('accepts an issuer-signed token matched by the linked (issuer, sub)', async () => {
    const token = await sign({ rl_role: 'caseworker', rl_authority: 'MST' }, { sub: 'mitid-erhverv:cw-mst-0001' });
    const res = await me(token);
    expect(res.status).toBe(200);
    expect(await read(res)).toMatchObject({ username: 'cw.mst', role: 'caseworker', authorityCode: 'MST', authority: { code: 'MST' } });
  });

  it('never finds a user by preferred_username or email, even one not linked to any subject', async () => {
    const token = await sign({ preferred_username: 'anna@nordlys.example', email: 'anna@nordlys.example', rl_role: 'applicant', rl_org: '10000001' }, { sub: 'some-idp-subject' });
    await expectProblem(await me(token), 401, 'AUTH.UNKNOWN_USER');
  });

  it('does not accept a linked subject from another issuer', async () => {
    const token = await sign({}, { sub: 'mitid-erhverv:cw-mst-0001', iss: 'http://127.0.0.1:1/other' });
    await expectProblem(await me(token), 401, 'AUTH.INVALID_TOKEN');
  });

  it('never reaches a linked user through preferred_username with another subject', async () => {
    const token = await sign({ preferred_username: 'cw.mst' }, { sub: 'an-impostor' });
    await expectProblem(await me(token), 401, 'AUTH.UNKNOWN_USER');
  });

  it('rejects claims that disagree with the directory', async () => {
    const token = await sign({ rl_role: 'coordinator' }, { sub: 'mitid-erhverv:cw-mst-0001' });
    await expectProblem(await me(token), 401, 'AUTH.INVALID_TOKEN');
  });

  it('rejects wrong audience, wrong issuer, another key and expired tokens with 401', async () => {
    const sub = 'mitid-erhverv:cw-mst-0001';
    await expectProblem(await me(await sign({}, { sub, aud: 'someone-else' })), 401, 'AUTH.INVALID_TOKEN');
    await expectProblem(await me(await sign({}, { sub, iss: 'http://127.0.0.1:1/evil' })), 401, 'AUTH.INVALID_TOKEN');
    await expectProblem(await me(await sign({}, { sub, key: otherKey })), 401, 'AUTH.INVALID_TOKEN');
    await expectProblem(await me(await sign({}, { sub, exp: Math.floor(Date.now() / 1000) - 3600 })), 401, 'AUTH.INVALID_TOKEN');
  });

  it('does not accept dev-login (HS256) tokens', async () => {
    const hs = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('mitid-erhverv:cw-mst-0001').setIssuer(issuer).setAudience(AUDIENCE).setExpirationTime('5m').sign(new TextEncoder().encode('rod-lober-development-signing-key-not-for-production'));
    await expectProblem(await me(hs), 401, 'AUTH.INVALID_TOKEN');
  });

  it('answers dev-login with 404 AUTH.DEV_LOGIN_DISABLED, even for an invalid body', async () => {
    const login = (body: unknown) => fetch(`${base}/api/v1/auth/dev-login`, { method: 'POST', headers: json, body: JSON.stringify(body) });
    await expectProblem(await login({ username: 'admin' }), 404, 'AUTH.DEV_LOGIN_DISABLED');
    await expectProblem(await login({ bogus: true }), 404, 'AUTH.DEV_LOGIN_DISABLED');
  });
});
