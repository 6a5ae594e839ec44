export * from './lib/entities';
export { assertRedisNoEviction, RedisPolicyError } from './lib/redis';
