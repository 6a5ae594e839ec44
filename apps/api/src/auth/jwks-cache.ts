import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';

/** The issuer's keys could not be fetched: our outage (503), not the caller's bad token. */
export class JwksUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'JwksUnavailableError';
  }
}

export interface JwksCacheOptions {
  /** Keys older than this are refetched in the background; the old ones stay in use meanwhile. */
  maxAgeMs: number;
  /** After a successful fetch, an unknown `kid` may trigger the next fetch only after this long. */
  cooldownMs: number;
  /** After a failed fetch, the next attempt waits this long (the issuer is down: do not hammer it). */
  failureRetryMs?: number;
  timeoutMs?: number;
  /** Told about failed fetches (the API logs them). */
  onFetchError?: (error: unknown) => void;
}

/**
 * The issuer's JWKS, cached so that an issuer outage does not log everyone out.
 *
 * jose's createRemoteJWKSet fails closed: once its cache is older than `cacheMaxAge` every
 * verification waits for a refetch and fails while the issuer is down, and it cannot tell "the
 * issuer is down" from "this kid does not exist". Here (key selection stays jose's):
 * - known keys keep working for as long as the issuer is down (stale-while-revalidate);
 * - an unknown `kid` refetches (at most once per cooldown after a success, once per
 *   failureRetryMs after a failure); if the issuer cannot be reached the answer is
 *   {@link JwksUnavailableError} (503), because we cannot know whether the key is real;
 *   if the issuer answered recently and the kid is not in its set, jose's JWKSNoMatchingKey (401);
 * - a rotated key is picked up by the first request that uses it once the issuer is back.
 */
export class JwksCache {
  private local?: ReturnType<typeof createLocalJWKSet>;
  private okAt = Number.NEGATIVE_INFINITY;
  private failedAt = Number.NEGATIVE_INFINITY;
  private pending?: Promise<void>;
  private readonly failureRetryMs: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly url: URL,
    private readonly options: JwksCacheOptions,
  ) {
    this.failureRetryMs = options.failureRetryMs ?? 1000;
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  /** A jose key resolver (pass to jwtVerify). */
  readonly getKey: JWTVerifyGetKey = async (header, token) => {
    const now = Date.now();
    if (!this.local) {
      await this.refresh();
    } else if (now - this.okAt >= this.options.maxAgeMs && now - this.failedAt >= this.failureRetryMs) {
      // Stale: refresh in the background and verify with the keys we have.
      this.refresh().catch(() => undefined);
    }
    try {
      return await this.local!(header, token);
    } catch (e) {
      if (!(e instanceof errors.JWKSNoMatchingKey)) throw e;
      const issuerDown = this.failedAt > this.okAt;
      const mayFetch = issuerDown ? now - this.failedAt >= this.failureRetryMs : now - this.okAt >= this.options.cooldownMs;
      if (!mayFetch) {
        if (issuerDown) throw new JwksUnavailableError('The issuer is unreachable and the token is signed with a key we do not know.');
        throw e;
      }
      await this.refresh();
      return this.local!(header, token);
    }
  };

  /** One fetch at a time; callers arriving meanwhile wait for the same one. */
  private refresh(): Promise<void> {
    this.pending ??= this.fetchOnce().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async fetchOnce(): Promise<void> {
    try {
      const res = await fetch(this.url, {
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'manual',
        headers: { accept: 'application/jwk-set+json, application/json' },
      });
      if (res.status !== 200) throw new Error(`JWKS endpoint answered ${res.status}`);
      // createLocalJWKSet throws unless the body is a JWKS: a broken answer keeps the old keys.
      this.local = createLocalJWKSet((await res.json()) as JSONWebKeySet);
      this.okAt = Date.now();
    } catch (e) {
      this.failedAt = Date.now();
      this.options.onFetchError?.(e);
      throw new JwksUnavailableError("The identity provider's signing keys could not be fetched.", { cause: e });
    }
  }
}
