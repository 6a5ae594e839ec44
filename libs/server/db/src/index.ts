export { assertRedisNoEviction, RedisPolicyError } from './lib/redis';
export { execute, preparedQuery, queryRows, statementName } from './lib/prepared';
export type { QueryResult, RowParser } from './lib/prepared';
export { Sql, sql } from './lib/sql';
