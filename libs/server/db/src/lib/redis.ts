import type { Redis } from 'ioredis';
import { CodedError } from '@rl/errors';

export class RedisPolicyError extends CodedError<'CONFIG.REDIS_EVICTION_POLICY'> {
  constructor(message: string) {
    super('CONFIG.REDIS_EVICTION_POLICY', message);
  }
}

/**
 * BullMQ loses jobs silently if Redis evicts keys, so anything but `noeviction` is refused.
 * Managed Redis services sometimes forbid CONFIG GET; then we can only warn.
 */
export async function assertRedisNoEviction(
  redis: Redis,
  warn: (msg: string) => void,
): Promise<'noeviction' | 'unknown'> {
  let policy: string | undefined;
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
    policy = reply?.[1];
  } catch (e) {
    warn(`Could not read Redis maxmemory-policy (${(e as Error).message}); make sure it is 'noeviction'.`);
    return 'unknown';
  }
  if (policy === undefined) {
    warn("Redis did not report maxmemory-policy; make sure it is 'noeviction'.");
    return 'unknown';
  }
  if (policy !== 'noeviction') {
    throw new RedisPolicyError(
      `Redis maxmemory-policy is '${policy}', but queues need 'noeviction' or jobs can be silently lost. ` +
        `Run: redis-cli CONFIG SET maxmemory-policy noeviction (and persist it in redis.conf), ` +
        `or set REDIS_REQUIRE_NOEVICTION=0 to start anyway (not for production).`,
    );
  }
  return 'noeviction';
}
