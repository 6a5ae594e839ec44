export * from './lib/entities';
export { assertRedisNoEviction, RedisPolicyError } from './lib/redis';
export { preparedQuery, statementName } from './lib/prepared';
