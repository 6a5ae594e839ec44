import { SignJWT } from 'jose';
import { loadConfig } from '@rl/config';
import { codeOf } from './test-helpers';
import { DEV_ISSUER, oidcJwksUrl, TokenService } from './token.service';
import type { DirectoryUser } from './user-directory.service';

const config = loadConfig({ DATABASE_URL: 'postgres://x', REDIS_URL: 'redis://x', JWT_TTL_SECONDS: '60' });
const user: DirectoryUser = {
  principal: {
    userId: '00000000-0000-4000-8000-000000000001',
    username: 'anna@nordlys.example',
    displayName: 'Anna',
    role: 'applicant',
    organisationId: 'o1',
    authorityId: null,
    authorityCode: null,
    locale: 'da',
  },
  deactivatedAt: null,
  organisation: { id: 'o1', cvr: '10000001', name: 'Nordlys Pharma A/S' },
  authority: null,
};

describe('TokenService (dev mode)', () => {
  const svc = new TokenService(config);

  it('verifies a token once per request (rate limiter and AuthGuard share it), also a bad one', async () => {
    const own = new TokenService(config);
    const uncached = jest.spyOn(own as unknown as { verifyUncached(t: string): Promise<unknown> }, 'verifyUncached');
    const req = {};
    expect(await codeOf(own.verifyOnce(req, 'not.a.jwt'))).toBe('AUTH.INVALID_TOKEN');
    expect(await codeOf(own.verifyOnce(req, 'not.a.jwt'))).toBe('AUTH.INVALID_TOKEN');
    expect(uncached).toHaveBeenCalledTimes(1);
    expect(await codeOf(own.verifyOnce({}, 'not.a.jwt'))).toBe('AUTH.INVALID_TOKEN'); // another request checks again
    expect(uncached).toHaveBeenCalledTimes(2);
  });

  it('issues an HS256 token with the documented claims and verifies it', async () => {
    const { accessToken, expiresIn } = await svc.issueDevToken(user);
    expect(expiresIn).toBe(60);
    const header = JSON.parse(Buffer.from(accessToken.split('.')[0], 'base64url').toString());
    expect(header.alg).toBe('HS256');
    const claims = await svc.verify(accessToken);
    expect(claims).toMatchObject({ sub: user.principal.userId, iss: DEV_ISSUER, preferred_username: 'anna@nordlys.example', rl_role: 'applicant', rl_org: '10000001' });
    expect(claims.rl_authority).toBeUndefined();
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(60);
  });

  it('rejects expired, foreign-key, wrong-issuer, unsigned and garbage tokens as AUTH.INVALID_TOKEN', async () => {
    const key = new TextEncoder().encode(config.jwtSecret);
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('s').setIssuer(DEV_ISSUER).setExpirationTime(now - 10).sign(key);
    const foreign = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('s').setIssuer(DEV_ISSUER).setExpirationTime(now + 60).sign(new TextEncoder().encode('x'.repeat(40)));
    const wrongIss = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('s').setIssuer('evil').setExpirationTime(now + 60).sign(key);
    const noExp = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('s').setIssuer(DEV_ISSUER).sign(key);
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 's', iss: DEV_ISSUER, exp: now + 60 })).toString('base64url')}.`;
    for (const t of [expired, foreign, wrongIss, noExp, unsigned, 'garbage']) {
      expect([t, await codeOf(svc.verify(t))]).toEqual([t, 'AUTH.INVALID_TOKEN']);
    }
  });

  it('trusts a verified token from its cache only until the token expires', async () => {
    const key = new TextEncoder().encode(config.jwtSecret);
    const realNow = Date.now();
    const exp = Math.floor(realNow / 1000) + 5;
    const token = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('s').setIssuer(DEV_ISSUER).setExpirationTime(exp).sign(key);
    const fresh = new TokenService(config);
    expect((await fresh.verify(token)).sub).toBe('s'); // verified, now cached
    jest.useFakeTimers({ now: exp * 1000 + 1, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      // The same clock for the cache and for jose: the cache must not answer for an expired token.
      expect(await codeOf(fresh.verify(token))).toBe('AUTH.INVALID_TOKEN');
    } finally {
      jest.useRealTimers();
    }
  });

  it('derives the JWKS URL from the issuer unless OIDC_JWKS_URL is set', () => {
    expect(oidcJwksUrl({ OIDC_ISSUER: 'https://idp.example/realms/rl/', OIDC_JWKS_URL: undefined }).href).toBe('https://idp.example/realms/rl/.well-known/jwks.json');
    expect(oidcJwksUrl({ OIDC_ISSUER: 'https://idp.example', OIDC_JWKS_URL: 'https://keys.example/jwks' }).href).toBe('https://keys.example/jwks');
  });
});

describe('toAuthError', () => {
  it('maps an unreachable JWKS to 503 DEPENDENCY.UNAVAILABLE and jose errors to AUTH.INVALID_TOKEN', async () => {
    const { toAuthError } = await import('./token.service');
    expect(toAuthError(new TypeError('fetch failed'), 'oidc').code).toBe('DEPENDENCY.UNAVAILABLE');
    expect(toAuthError(Object.assign(new Error('t'), { code: 'ERR_JWKS_TIMEOUT' }), 'oidc').code).toBe('DEPENDENCY.UNAVAILABLE');
    expect(toAuthError(Object.assign(new Error('n'), { code: 'ERR_JWKS_NO_MATCHING_KEY' }), 'oidc').code).toBe('AUTH.INVALID_TOKEN');
    expect(toAuthError(Object.assign(new Error('e'), { code: 'ERR_JWT_EXPIRED' }), 'oidc').message).toMatch(/expired/);
    expect(toAuthError(new TypeError('x'), 'dev').code).toBe('AUTH.INVALID_TOKEN');
  });
});
