import 'reflect-metadata';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiError } from '../common/problem';
import { codeOf } from './test-helpers';
import { assertRole, AuthGuard, bearerToken, claimsAgree } from './auth.guard';
import { Public, Roles } from './decorators';
import type { Principal, RequestWithPrincipal } from './principal';
import type { TokenService, VerifiedClaims } from './token.service';
import type { DirectoryUser, UserDirectory } from './user-directory.service';

const coordinator: DirectoryUser = {
  principal: {
    userId: '00000000-0000-4000-8000-000000000001',
    username: 'coordinator',
    displayName: 'Koordinator',
    role: 'coordinator',
    organisationId: null,
    authorityId: null,
    authorityCode: null,
    locale: 'da',
  },
  deactivatedAt: null,
  organisation: null,
  authority: null,
};
const caseworker: DirectoryUser = {
  principal: { ...coordinator.principal, userId: '00000000-0000-4000-8000-000000000002', username: 'cw.mst', role: 'caseworker', authorityId: 'a1', authorityCode: 'MST' },
  deactivatedAt: null,
  organisation: null,
  authority: { id: 'a1', code: 'MST', nameDa: 'Miljøstyrelsen', nameEn: 'Danish EPA' },
};

@Roles('coordinator', 'admin')
class Fixture {
  open() {}
  @Public() health() {}
  @Roles('caseworker') inbox() {}
}
@Public()
class PublicFixture {
  anything() {}
}

function setup(user: DirectoryUser | null, claims: Partial<VerifiedClaims> = {}, mode: 'dev' | 'oidc' = 'dev') {
  const tokens = {
    mode,
    verify: jest.fn(async (t: string) => {
      if (t !== 'good') throw new ApiError('AUTH.INVALID_TOKEN', 'bad');
      return { sub: user?.principal.userId ?? 'x', ...claims } as VerifiedClaims;
    }),
    // The real verifyOnce memoises verify per request; the fake passes straight through.
    verifyOnce: (_req: object, t: string) => tokens.verify(t),
  };
  const directory = { findById: jest.fn(async () => user), findByExternalIdentity: jest.fn(async () => user) };
  const guard = new AuthGuard(new Reflector(), tokens as unknown as TokenService, directory as unknown as UserDirectory);
  const ctx = (cls: { prototype: object }, method: string, authorization?: string) => {
    const req: RequestWithPrincipal = { headers: { authorization } };
    const headers: Record<string, string> = {};
    const c = {
      getType: () => 'http',
      getHandler: () => (cls.prototype as Record<string, unknown>)[method],
      getClass: () => cls,
      switchToHttp: () => ({ getRequest: () => req, getResponse: () => ({ setHeader: (k: string, v: string) => (headers[k] = v) }) }),
    } as unknown as ExecutionContext;
    return { c, req, headers };
  };
  return { guard, ctx, tokens, directory };
}

describe('AuthGuard', () => {
  it('lets @Public() handlers and controllers through without a token', async () => {
    const { guard, ctx, tokens } = setup(coordinator);
    await expect(guard.canActivate(ctx(Fixture, 'health').c)).resolves.toBe(true);
    await expect(guard.canActivate(ctx(PublicFixture, 'anything').c)).resolves.toBe(true);
    expect(tokens.verify).not.toHaveBeenCalled();
  });

  it('requires a bearer token and sends a WWW-Authenticate challenge', async () => {
    const { guard, ctx } = setup(coordinator);
    const missing = ctx(Fixture, 'open');
    expect(await codeOf(guard.canActivate(missing.c))).toBe('AUTH.UNAUTHENTICATED');
    expect(missing.headers['WWW-Authenticate']).toBe('Bearer realm="rod-lober"');
    expect(await codeOf(guard.canActivate(ctx(Fixture, 'open', 'Basic Zm9vOmJhcg==').c))).toBe('AUTH.UNAUTHENTICATED');
    const bad = ctx(Fixture, 'open', 'Bearer nope');
    expect(await codeOf(guard.canActivate(bad.c))).toBe('AUTH.INVALID_TOKEN');
    expect(bad.headers['WWW-Authenticate']).toContain('error="invalid_token"');
  });

  it('rejects a valid token whose user no longer exists', async () => {
    const { guard, ctx } = setup(null);
    expect(await codeOf(guard.canActivate(ctx(Fixture, 'open', 'Bearer good').c))).toBe('AUTH.UNKNOWN_USER');
  });

  it('enforces class-level @Roles and attaches the principal', async () => {
    const ok = setup(coordinator);
    const { c, req } = ok.ctx(Fixture, 'open', 'Bearer good');
    await expect(ok.guard.canActivate(c)).resolves.toBe(true);
    expect(req.principal).toEqual(coordinator.principal);

    const denied = setup(caseworker);
    expect(await codeOf(denied.guard.canActivate(denied.ctx(Fixture, 'open', 'Bearer good').c))).toBe('AUTH.FORBIDDEN');
  });

  it('lets a handler-level @Roles override the controller', async () => {
    const cw = setup(caseworker);
    await expect(cw.guard.canActivate(cw.ctx(Fixture, 'inbox', 'bearer good').c)).resolves.toBe(true);
    const co = setup(coordinator);
    expect(await codeOf(co.guard.canActivate(co.ctx(Fixture, 'inbox', 'Bearer good').c))).toBe('AUTH.FORBIDDEN');
  });

  it('refuses a deactivated user with 403 AUTH.USER_DEACTIVATED and no challenge', async () => {
    const { guard, ctx } = setup({ ...coordinator, deactivatedAt: '2026-01-01T00:00:00.000Z' });
    const call = ctx(Fixture, 'open', 'Bearer good');
    expect(await codeOf(guard.canActivate(call.c))).toBe('AUTH.USER_DEACTIVATED');
    expect(call.req.principal).toBeUndefined();
    expect(call.headers['WWW-Authenticate']).toBeUndefined();
  });

  it('OIDC: looks the user up by (iss, sub) only, never by a username or e-mail claim', async () => {
    const { guard, ctx, directory } = setup(null, { iss: 'https://idp.example', sub: 'unlinked', preferred_username: 'admin', email: 'admin@example' } as Partial<VerifiedClaims>, 'oidc');
    expect(await codeOf(guard.canActivate(ctx(Fixture, 'open', 'Bearer good').c))).toBe('AUTH.UNKNOWN_USER');
    expect(directory.findByExternalIdentity).toHaveBeenCalledWith('https://idp.example', 'unlinked');
    expect(directory.findById).not.toHaveBeenCalled();
  });

  it('rejects a token whose role/binding claims disagree with the directory', async () => {
    const { guard, ctx } = setup(caseworker, { rl_role: 'coordinator' });
    expect(await codeOf(guard.canActivate(ctx(Fixture, 'inbox', 'Bearer good').c))).toBe('AUTH.INVALID_TOKEN');
  });
});

describe('assertRole', () => {
  const p = (role: Principal['role']): Principal => ({ ...coordinator.principal, role });
  it('allows everyone when no roles are required', () => {
    expect(() => assertRole(undefined, p('applicant'))).not.toThrow();
    expect(() => assertRole([], p('applicant'))).not.toThrow();
  });
  it('allows a listed role and forbids others with 403 AUTH.FORBIDDEN', () => {
    expect(() => assertRole(['coordinator', 'admin'], p('admin'))).not.toThrow();
    let err: unknown;
    try {
      assertRole(['coordinator'], p('applicant'));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'AUTH.FORBIDDEN', extra: { requiredRoles: ['coordinator'] } });
  });
});

describe('bearerToken / claimsAgree', () => {
  it('parses only well-formed bearer headers', () => {
    expect(bearerToken('Bearer a.b.c')).toBe('a.b.c');
    expect(bearerToken('bearer   a.b.c ')).toBe('a.b.c');
    expect(bearerToken('Bearer')).toBeUndefined();
    expect(bearerToken('Bearer a b')).toBeUndefined();
    expect(bearerToken(['Bearer a.b.c'])).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
  it('accepts absent claims and matching claims, rejects mismatches', () => {
    expect(claimsAgree({ sub: 'x' }, caseworker)).toBe(true);
    expect(claimsAgree({ sub: 'x', rl_role: 'caseworker', rl_authority: 'MST' }, caseworker)).toBe(true);
    expect(claimsAgree({ sub: 'x', rl_authority: 'DKMA' }, caseworker)).toBe(false);
    expect(claimsAgree({ sub: 'x', rl_org: '10000001' }, caseworker)).toBe(false);
  });
});
