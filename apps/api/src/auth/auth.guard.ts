import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiError } from '../common/problem';
import { IS_PUBLIC_KEY, ROLES_KEY } from './decorators';
import { MACHINE_USERNAME_PREFIX, PRINCIPAL_KEY, type Principal, type RequestWithPrincipal, type Role } from './principal';
import { assertMachineScope } from './machine-scope';
import { CLAIM_AUTHORITY, CLAIM_CLIENT_ID, CLAIM_ORG, CLAIM_ROLE, CLIENT_ISSUER, TokenService, type VerifiedClaims } from './token.service';
import { type DirectoryUser, UserDirectory } from './user-directory.service';

const BEARER = /^Bearer[ \t]+([A-Za-z0-9\-._~+/]+=*)[ \t]*$/i;

/** Extracts the token from `Authorization: Bearer <jwt>`; undefined when absent or malformed. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  return BEARER.exec(header)?.[1];
}

/** Role-level authorisation: throws 403 AUTH.FORBIDDEN unless the principal has one of the roles. */
export function assertRole(required: readonly Role[] | undefined, principal: Principal): void {
  if (!required || required.length === 0) return;
  if (!required.includes(principal.role)) {
    throw new ApiError('AUTH.FORBIDDEN', `This operation requires one of the roles: ${required.join(', ')}.`, { requiredRoles: [...required] });
  }
}

/** A deactivated user is refused whatever their token: 403, logging in again does not help. */
export function assertActive(user: DirectoryUser): void {
  if (user.deactivatedAt) throw new ApiError('AUTH.USER_DEACTIVATED', 'This user has been deactivated by an administrator.');
}

/**
 * The token may repeat the binding (rl_role, rl_org, rl_authority); when it does it must agree
 * with the directory, otherwise it is stale or minted for someone else.
 */
export function claimsAgree(claims: VerifiedClaims, user: DirectoryUser): boolean {
  if (claims[CLAIM_ROLE] !== undefined && claims[CLAIM_ROLE] !== user.principal.role) return false;
  if (claims[CLAIM_ORG] !== undefined && claims[CLAIM_ORG] !== (user.organisation?.cvr ?? null)) return false;
  if (claims[CLAIM_AUTHORITY] !== undefined && claims[CLAIM_AUTHORITY] !== (user.authority?.code ?? null)) return false;
  return true;
}

/** Failures a new token can cure: answered with `WWW-Authenticate: Bearer error="invalid_token"`. */
const CHALLENGED = new Set(['AUTH.INVALID_TOKEN', 'AUTH.UNKNOWN_USER']);

/**
 * Token → directory user, for the AuthGuard and Bull Board's guard alike: verify the token; find
 * the user by id (dev) or ONLY by the linked (issuer, sub) pair (oidc: a username or e-mail
 * claim never logs anyone in); refuse deactivated users and tokens whose binding claims
 * disagree with the directory.
 */
export async function authenticateBearer(tokens: TokenService, directory: UserDirectory, token: string, req?: object): Promise<{ claims: VerifiedClaims; user: DirectoryUser }> {
  const claims = await (req ? tokens.verifyOnce(req, token) : tokens.verify(token));
  if (claims.iss === CLIENT_ISSUER) return authenticateClient(directory, claims);
  const user = tokens.mode === 'oidc' ? await directory.findByExternalIdentity(claims.iss ?? '', claims.sub) : await directory.findById(claims.sub);
  if (!user) throw new ApiError('AUTH.UNKNOWN_USER', 'The user of this token is not known (any more).');
  // A machine client's service user logs in only with its client-credentials token.
  if (user.principal.username.startsWith(MACHINE_USERNAME_PREFIX)) throw new ApiError('AUTH.UNKNOWN_USER', 'The user of this token is not known (any more).');
  assertActive(user);
  if (!claimsAgree(claims, user)) {
    throw new ApiError('AUTH.INVALID_TOKEN', "The token's role or binding claims do not match the user directory; log in again.");
  }
  return { claims, user };
}

/** A client-credentials token: its service user, while the client is not revoked, with the client's scopes. */
async function authenticateClient(directory: UserDirectory, claims: VerifiedClaims): Promise<{ claims: VerifiedClaims; user: DirectoryUser }> {
  const user = await directory.findById(claims.sub);
  const client = user ? await directory.findMachineClient(user.principal.userId, claims[CLAIM_CLIENT_ID] ?? '') : null;
  if (!user || !client || !user.principal.username.startsWith(MACHINE_USERNAME_PREFIX)) {
    throw new ApiError('AUTH.UNKNOWN_USER', 'The client of this token is not known (any more) or was revoked.');
  }
  assertActive(user);
  return { claims, user: { ...user, principal: { ...user.principal, machineClient: client } } };
}

/**
 * Global guard (APP_GUARD, after the ThrottlerGuard): every route needs a valid bearer token
 * unless marked @Public(); @Roles(...) is enforced here too. Attaches the {@link Principal}.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly directory: UserDirectory,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;

    const http = ctx.switchToHttp();
    const req = http.getRequest<RequestWithPrincipal>();
    const challenge = (error?: string) => {
      const res = http.getResponse<{ setHeader?: (k: string, v: string) => void }>();
      res.setHeader?.('WWW-Authenticate', `Bearer realm="rod-lober"${error ? `, error="${error}"` : ''}`);
    };

    const token = bearerToken(req.headers.authorization);
    if (!token) {
      challenge();
      throw new ApiError('AUTH.UNAUTHENTICATED', 'This operation requires an Authorization: Bearer <token> header.');
    }
    let user: DirectoryUser;
    try {
      ({ user } = await authenticateBearer(this.tokens, this.directory, token, req));
    } catch (e) {
      if (e instanceof ApiError && CHALLENGED.has(e.code)) challenge('invalid_token');
      throw e;
    }
    req[PRINCIPAL_KEY] = user.principal;
    assertRole(this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets), user.principal);
    const { method, path } = req as unknown as { method: string; path: string };
    assertMachineScope(user.principal, method, path);
    return true;
  }
}
