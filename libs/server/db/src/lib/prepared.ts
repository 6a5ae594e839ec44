import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Sql } from './sql';

interface PgClient {
  query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

/** Name of a prepared statement: a digest of its text, so one name never means two texts. */
export function statementName(text: string): string {
  return `rl_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
}

/**
 * Digests already computed, by text: the hot statements are a few dozen fixed texts, so the
 * SHA-1 runs once per text per process, not once per call. Bounded in case a caller ever
 * passes varying text (it then stops caching, it does not grow).
 */
const NAMES = new Map<string, string>();
const MAX_CACHED_NAMES = 1000;

function cachedName(text: string): string {
  let name = NAMES.get(text);
  if (name === undefined) {
    name = statementName(text);
    if (NAMES.size < MAX_CACHED_NAMES) NAMES.set(text, name);
  }
  return name;
}

/** Rows and row count of a statement (the same shape for SELECT, INSERT/UPDATE … RETURNING, DELETE). */
export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

/**
 * Runs one statement on the manager's connection (its transaction, if it has one; else a pooled
 * connection for this one statement), named (prepared) when `name` is given.
 */
async function run<T>(on: EntityManager | DataSource, text: string, values: unknown[], name?: string): Promise<QueryResult<T>> {
  const manager = 'manager' in on ? on.manager : on;
  // A transaction's manager used after its commit must fail (as TypeORM's own query() does),
  // not quietly write outside the transaction on another connection.
  if (manager.queryRunner?.isReleased) throw new Error('preparedQuery: the query runner of this manager was already released');
  const own = manager.queryRunner ? null : manager.connection.createQueryRunner();
  const runner = own ?? (manager.queryRunner as NonNullable<typeof manager.queryRunner>);
  try {
    const client = (await runner.connect()) as PgClient;
    const res = await client.query(name ? { name, text, values } : { text, values });
    return { rows: res.rows as T[], rowCount: res.rowCount ?? 0 };
  } finally {
    if (own) await own.release();
  }
}

/**
 * Runs `text` as a named prepared statement. PostgreSQL parses and plans a named statement once
 * per connection: for the hot transition statements, planning an unnamed statement cost about
 * three times its execution (measured: 500–670 µs unnamed vs 170–190 µs named for the
 * transition's context read). Keep the set of texts small and fixed: pass lists as arrays
 * (`unnest($n::type[])`), never as a varying number of placeholders.
 */
export async function preparedQuery<T = Record<string, unknown>>(on: EntityManager | DataSource, query: Sql): Promise<QueryResult<T>>;
export async function preparedQuery<T = Record<string, unknown>>(on: EntityManager | DataSource, text: string, values: unknown[]): Promise<QueryResult<T>>;
export async function preparedQuery<T = Record<string, unknown>>(on: EntityManager | DataSource, query: string | Sql, params: unknown[] = []): Promise<QueryResult<T>> {
  const text = typeof query === 'string' ? query : query.text;
  return run<T>(on, text, typeof query === 'string' ? params : query.values, cachedName(text));
}

/** Anything that turns one raw row into a typed one and throws if it does not fit (a zod schema does). */
export interface RowParser<T> {
  parse(row: unknown): T;
}

/**
 * One statement whose rows leave the database typed: each row goes through `parser` (a zod
 * schema beside the query, or a hand-written parse on hot paths). `prepared` names the
 * statement (see preparedQuery) — for the hot, fixed texts only.
 */
export async function queryRows<T>(on: EntityManager | DataSource, parser: RowParser<T>, query: Sql, opts: { prepared?: boolean } = {}): Promise<T[]> {
  const text = query.text;
  const { rows } = await run<unknown>(on, text, query.values, opts.prepared ? cachedName(text) : undefined);
  return rows.map((r) => parser.parse(r));
}

/** A statement run for its effect; returns how many rows it touched. */
export async function execute(on: EntityManager | DataSource, query: Sql): Promise<number> {
  return (await run<unknown>(on, query.text, query.values)).rowCount;
}
