import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { decodeJwt, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { AppConfig } from '@rl/config';
import { APP_CONFIG } from '@rl/server-infra';
import { ApiError } from '../common/problem';
import { JwksCache, JwksUnavailableError } from './jwks-cache';
import type { DirectoryUser } from './user-directory.service';

/** `iss` of tokens minted by POST /auth/dev-login. */
export const DEV_ISSUER = 'rod-lober-dev';
/** `iss` of client-credentials tokens minted by POST /oauth/token (issue 18), in every AUTH_MODE. */
export const CLIENT_ISSUER = 'rod-lober-clients';
export const CLAIM_CLIENT_ID = 'client_id';
export const CLAIM_SCOPE = 'scope';

/** Claim names (documented in docs/auth.md). */
export const CLAIM_USERNAME = 'preferred_username';
export const CLAIM_ROLE = 'rl_role';
export const CLAIM_ORG = 'rl_org';
export const CLAIM_AUTHORITY = 'rl_authority';

/** Verified-token cache: entries and the longest an entry is trusted without re-verifying. */
const VERIFIED_MAX = 10_000;
const VERIFIED_TTL_MS = 60_000;

/** OIDC: asymmetric algorithms only, so a JWKS can never be abused as an HMAC secret. */
const OIDC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];

export interface VerifiedClaims extends JWTPayload {
  sub: string;
  /** Always set for OIDC tokens (checked against OIDC_ISSUER); with `sub` it names the external identity. */
  iss?: string;
  [CLAIM_USERNAME]?: string;
  [CLAIM_ROLE]?: string;
  [CLAIM_ORG]?: string;
  [CLAIM_AUTHORITY]?: string;
  [CLAIM_CLIENT_ID]?: string;
  [CLAIM_SCOPE]?: string;
}

export function oidcJwksUrl(config: Pick<AppConfig, 'OIDC_JWKS_URL' | 'OIDC_ISSUER'>): URL {
  if (config.OIDC_JWKS_URL) return new URL(config.OIDC_JWKS_URL);
  if (!config.OIDC_ISSUER) throw new Error('OIDC_ISSUER is required when AUTH_MODE=oidc');
  return new URL(`${config.OIDC_ISSUER.replace(/\/+$/, '')}/.well-known/jwks.json`);
}

/**
 * Mints dev-login tokens (HS256, AUTH_MODE=dev) and verifies bearer tokens: HS256 with the local
 * key in dev mode, the issuer's JWKS in oidc mode. Token lifetimes use wall-clock time, never
 * the adjustable application clock, so moving the test clock does not expire sessions.
 */
@Injectable()
export class TokenService {
  private readonly hmacKey: Uint8Array;
  private jwks?: JwksCache;
  private readonly logger = new Logger(TokenService.name);

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.hmacKey = new TextEncoder().encode(config.jwtSecret);
  }

  get mode(): AppConfig['AUTH_MODE'] {
    return this.config.AUTH_MODE;
  }

  async issueDevToken(user: DirectoryUser): Promise<{ accessToken: string; expiresIn: number }> {
    const claims: Record<string, string> = { [CLAIM_USERNAME]: user.principal.username, [CLAIM_ROLE]: user.principal.role };
    if (user.organisation) claims[CLAIM_ORG] = user.organisation.cvr;
    if (user.authority) claims[CLAIM_AUTHORITY] = user.authority.code;
    return this.signHs256(claims, { typ: 'JWT', sub: user.principal.userId, iss: DEV_ISSUER, expiresIn: this.config.JWT_TTL_SECONDS });
  }

  /**
   * A short-lived access token of a machine client (RFC 6749 §4.4 client credentials; the JWT
   * profile of RFC 9068 in spirit): HS256 with the installation key, `sub` the client's service
   * user, `client_id` and the granted `scope`.
   */
  async issueClientToken(userId: string, clientId: string, scopes: readonly string[]): Promise<{ accessToken: string; expiresIn: number }> {
    const claims = { [CLAIM_CLIENT_ID]: clientId, [CLAIM_SCOPE]: scopes.join(' '), [CLAIM_ROLE]: 'caseworker' };
    return this.signHs256(claims, { typ: 'at+jwt', sub: userId, iss: CLIENT_ISSUER, expiresIn: this.config.CLIENT_TOKEN_TTL_SECONDS });
  }

  /** An HS256 token with the installation key, issued now, valid for `expiresIn` seconds, with a fresh `jti`. */
  private async signHs256(
    claims: Record<string, string>,
    { typ, sub, iss, expiresIn }: { typ: string; sub: string; iss: string; expiresIn: number },
  ): Promise<{ accessToken: string; expiresIn: number }> {
    const now = Math.floor(Date.now() / 1000);
    const accessToken = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ })
      .setSubject(sub)
      .setIssuer(iss)
      .setIssuedAt(now)
      .setExpirationTime(now + expiresIn)
      .setJti(randomUUID())
      .sign(this.hmacKey);
    return { accessToken, expiresIn };
  }

  /**
   * Tokens already verified, until their `exp` (at most VERIFIED_TTL_MS): a client sends the same
   * token with every request, and verifying it (WebCrypto HMAC or RSA) cost about 5 % of a
   * permit transition's CPU. Role and bindings still come from the directory on every request.
   */
  private readonly verified = new Map<string, { claims: VerifiedClaims; validUntilMs: number }>();

  private readonly perRequest = new WeakMap<object, { token: string; result: Promise<VerifiedClaims> }>();

  /**
   * One verification per request: the rate limiter (before routing) and the AuthGuard both need
   * the claims, and the cache above keeps only tokens that verified — a bad or forged token would
   * otherwise be checked twice.
   */
  verifyOnce(req: object, token: string): Promise<VerifiedClaims> {
    const prior = this.perRequest.get(req);
    if (prior?.token === token) return prior.result;
    const result = this.verify(token);
    result.catch(() => undefined); // a rejection is handled by whoever awaits it
    this.perRequest.set(req, { token, result });
    return result;
  }

  /** Verifies signature, issuer, audience (oidc) and expiry; throws a problem-coded ApiError. */
  async verify(token: string): Promise<VerifiedClaims> {
    const now = Date.now();
    const hit = this.verified.get(token);
    if (hit && now < hit.validUntilMs) return hit.claims;
    if (hit) this.verified.delete(token);
    const claims = await this.verifyUncached(token);
    if (this.verified.size >= VERIFIED_MAX) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { claims, validUntilMs: Math.min((claims.exp as number) * 1000, now + VERIFIED_TTL_MS) });
    return claims;
  }

  private async verifyUncached(token: string): Promise<VerifiedClaims> {
    try {
      // Client-credentials tokens are ours in every mode; everything else follows AUTH_MODE.
      const isClientToken = safeIssuer(token) === CLIENT_ISSUER;
      const { payload } = isClientToken
        ? await jwtVerify(token, this.hmacKey, { issuer: CLIENT_ISSUER, algorithms: ['HS256'], requiredClaims: ['sub', 'exp', CLAIM_CLIENT_ID] })
        : this.config.AUTH_MODE === 'oidc'
          ? await jwtVerify(token, this.remoteJwks().getKey, {
              issuer: this.config.OIDC_ISSUER,
              audience: this.config.OIDC_AUDIENCE,
              algorithms: OIDC_ALGORITHMS,
              requiredClaims: ['sub', 'exp'],
              clockTolerance: 30,
            })
          : await jwtVerify(token, this.hmacKey, { issuer: DEV_ISSUER, algorithms: ['HS256'], requiredClaims: ['sub', 'exp'] });
      if (typeof payload.sub !== 'string' || payload.sub === '') throw new ApiError('AUTH.INVALID_TOKEN', 'The token has no subject.');
      for (const claim of [CLAIM_USERNAME, CLAIM_ROLE, CLAIM_ORG, CLAIM_AUTHORITY, CLAIM_CLIENT_ID, CLAIM_SCOPE]) {
        if (payload[claim] !== undefined && typeof payload[claim] !== 'string') {
          throw new ApiError('AUTH.INVALID_TOKEN', `The token claim ${claim} must be a string.`);
        }
      }
      return payload as VerifiedClaims;
    } catch (e) {
      throw toAuthError(e, this.config.AUTH_MODE);
    }
  }

  private remoteJwks(): JwksCache {
    this.jwks ??= new JwksCache(oidcJwksUrl(this.config), {
      maxAgeMs: this.config.OIDC_JWKS_MAX_AGE_SECONDS * 1000,
      cooldownMs: this.config.OIDC_JWKS_COOLDOWN_SECONDS * 1000,
      onFetchError: (e) => this.logger.warn(`OIDC JWKS fetch failed (cached keys stay in use): ${e instanceof Error ? e.message : String(e)}`),
    });
    return this.jwks;
  }
}

/** The unverified `iss` of a JWT (only to choose the key), or undefined when it is no JWT. */
function safeIssuer(token: string): string | undefined {
  try {
    return decodeJwt(token).iss;
  } catch {
    return undefined;
  }
}

/** jose errors → stable problem codes. An unreachable JWKS is our outage (503), not a bad token. */
export function toAuthError(e: unknown, mode: AppConfig['AUTH_MODE']): ApiError {
  if (e instanceof ApiError) return e;
  if (e instanceof JwksUnavailableError) return new ApiError('DEPENDENCY.UNAVAILABLE', e.message);
  const code = (e as { code?: unknown })?.code;
  if (code === 'ERR_JWT_EXPIRED') return new ApiError('AUTH.INVALID_TOKEN', 'The token has expired.');
  if (code === 'ERR_JWKS_TIMEOUT' || code === 'ERR_JWKS_INVALID' || (mode === 'oidc' && (typeof code !== 'string' || !code.startsWith('ERR_')))) {
    return new ApiError('DEPENDENCY.UNAVAILABLE', "The identity provider's signing keys could not be fetched.");
  }
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') {
    const claim = (e as { claim?: unknown }).claim;
    return new ApiError('AUTH.INVALID_TOKEN', typeof claim === 'string' ? `The token's ${claim} claim is not acceptable.` : 'The token claims are not acceptable.');
  }
  return new ApiError('AUTH.INVALID_TOKEN', 'The bearer token is not valid.');
}
