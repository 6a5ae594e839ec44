import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { execute, queryRows, sql } from '@rl/db';
import { ApiError } from '../common/problem';

export class IdempotencyKeyReusedError extends ApiError {
  constructor() {
    super('IDEMPOTENCY.KEY_REUSED', 'This Idempotency-Key was already used with a different request body.');
  }
}

export class IdempotencyKeyInvalidError extends ApiError {
  constructor() {
    super('IDEMPOTENCY.KEY_INVALID', 'Idempotency-Key must be 1–200 visible ASCII characters.');
  }
}

/** A key's stored request hash and response (the response is written before the transaction commits). */
const STORED_ROW = z.object({ request_hash: z.string(), response_status: z.number().int(), response_body: z.unknown() });

export interface StoredResponse<T> {
  status: number;
  body: T;
  replayed: boolean;
}

/** Canonical JSON (sorted keys), so `{a,b}` and `{b,a}` are the same request. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as object).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/**
 * Idempotency-Key (draft-ietf-httpapi-idempotency-key-header-07). The key row is inserted in
 * the same transaction as the work it protects: a concurrent request with the same key waits
 * on the primary key until the first commits, then replays its stored response. Same key with
 * a different body → 422 IDEMPOTENCY.KEY_REUSED. Keys are per user.
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly ds: DataSource) {}

  async run<T>(
    userId: string,
    key: string | undefined,
    request: { method: string; path: string; body: unknown },
    work: (m: EntityManager) => Promise<{ status: number; body: T }>,
  ): Promise<StoredResponse<T>> {
    if (key === undefined) {
      const r = await this.ds.transaction((m) => work(m));
      return { ...r, replayed: false };
    }
    if (!/^[\x21-\x7e]{1,200}$/.test(key)) throw new IdempotencyKeyInvalidError();
    const hash = createHash('sha256').update(`${request.method} ${request.path}\n${canonical(request.body)}`).digest('hex');
    return this.ds.transaction(async (m) => {
      const inserted = await execute(
        m,
        sql`INSERT INTO idempotency_keys (user_id, key, method, path, request_hash) VALUES (${userId}, ${key}, ${request.method}, ${request.path}, ${hash})
            ON CONFLICT (user_id, key) DO NOTHING`,
      );
      if (inserted === 0) {
        const [row] = await queryRows(m, STORED_ROW, sql`SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE user_id = ${userId} AND key = ${key}`);
        if (row.request_hash !== hash) throw new IdempotencyKeyReusedError();
        return { status: row.response_status, body: row.response_body as T, replayed: true };
      }
      const result = await work(m);
      await execute(m, sql`UPDATE idempotency_keys SET response_status = ${result.status}, response_body = ${JSON.stringify(result.body)} WHERE user_id = ${userId} AND key = ${key}`);
      return { ...result, replayed: false };
    });
  }
}
