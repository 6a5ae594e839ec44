import { sql, type Sql } from '@rl/db';
import { ApiError } from '../common/problem';

/**
 * Fuldmagt roles (issue 14 point 6), each including the one before:
 * - `read`: sees the granted cases (permits, documents, timeline), changes nothing;
 * - `prepare`: also edits the application and uploads documents, and (with a grant for all the
 *   company's cases) creates draft cases for the company, but files nothing;
 * - `submit`: also acts for the company towards the authorities — submits the case or a permit,
 *   answers information requests, withdraws, re-applies.
 * Answering an information request counts as filing (it is material sent to the authority on
 * the company's behalf and restarts its clock), so it needs `submit` (inference: a fuldmagt "to
 * prepare" does not cover statements to the authority; the company decides by the role it gives).
 */
export const PROXY_ROLES = ['read', 'prepare', 'submit'] as const;
export type ProxyRole = (typeof PROXY_ROLES)[number];
export const PROXY_RANK: Record<ProxyRole, number> = { read: 1, prepare: 2, submit: 3 };

/** Actions a `prepare` grant covers; every other action of the company needs `submit`. */
const PREPARE_ACTIONS: ReadonlySet<string> = new Set(['document.upload', 'document.version', 'application.edit', 'case.create']);

/** The least role an action needs when done through a fuldmagt. Unknown actions need `submit`. */
export function actionNeeds(action: string): ProxyRole {
  return PREPARE_ACTIONS.has(action) ? 'prepare' : 'submit';
}

/** The events a view offers, narrowed to what the fuldmagt role covers (null: no fuldmagt, all of them). */
export function withinProxyRole<T extends string>(events: readonly T[], role: ProxyRole | null): T[] {
  return role === null ? [...events] : events.filter((e) => PROXY_RANK[role] >= PROXY_RANK[actionNeeds(e)]);
}

export function isProxyRole(v: unknown): v is ProxyRole {
  return typeof v === 'string' && (PROXY_ROLES as readonly string[]).includes(v);
}

/**
 * Predicate over a `proxy_grants` alias: a grant to `userId` that is accepted (it has a grantee),
 * not revoked and in force at `now` (the application clock, so the test clock moves expiry too).
 */
export function activeGrantSql(alias: string, userId: string, now: Date): Sql {
  const g = sql.raw(alias);
  return sql`${g}.grantee_user_id = ${userId} AND ${g}.revoked_at IS NULL AND ${g}.valid_from <= ${now} AND ${g}.valid_until > ${now}`;
}

/** 403: the fuldmagt's role does not cover this action (read cannot write, prepare cannot file). */
export class ProxyRoleInsufficientError extends ApiError {
  constructor(action: string, held: ProxyRole | null, needed: ProxyRole) {
    super('ACCESS.PROXY_ROLE_INSUFFICIENT', `Your power of attorney (${held ?? 'none'}) does not cover ${action}; it needs the role ${needed}.`, { action, role: held, requiredRole: needed });
  }
}
