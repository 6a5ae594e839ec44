// Types of scripts/bench/floor-core.js (plain CommonJS, shared by floor.js and floor-stack.ts).

/** One prepared statement on the transaction's connection. */
export type FloorQuery = (name: string, text: string, values: unknown[]) => Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>;
/** [HTTP status, JSON body]. */
export type FloorAnswer = [number, unknown];
export interface FloorDb {
  readUser(sub: string | null): Promise<Record<string, unknown> | undefined>;
  /** Runs `fn` after BEGIN; COMMIT when it answers 2xx, else (and on a throw) ROLLBACK. */
  inTransaction(fn: (q: FloorQuery) => Promise<FloorAnswer>): Promise<FloorAnswer>;
}
export declare const USER_SQL: string;
export declare const READ_SQL: string;
export declare function floorTransition(db: FloorDb, template: unknown, permitId: string, ifMatch: string | undefined, authorization: string | undefined, rawBody: string): Promise<FloorAnswer>;
