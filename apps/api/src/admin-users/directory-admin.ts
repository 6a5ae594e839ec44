import type { EntityManager } from 'typeorm';
import { ApiError } from '../common/problem';
import { UUID } from '../common/uuid';

/**
 * Directory changes shared by the admin API and the `link-admin` CLI (scripts/db.ts). Each runs
 * inside the caller's transaction and writes its directory_audit row in the same transaction,
 * so a change without its audit entry (or the other way round) cannot be committed.
 */

/** Who made a change: an admin through the API, or an operator with database access (CLI). */
export type DirectoryActor = { kind: 'admin'; userId: string } | { kind: 'cli' };

export class UserNotFoundError extends ApiError {
  constructor(id: string) {
    super('USER.NOT_FOUND', `User ${id} was not found.`);
  }
}
export class IdentityNotFoundError extends ApiError {
  constructor(id: string) {
    super('IDENTITY.NOT_FOUND', `External identity ${id} was not found on this user.`);
  }
}
export class IdentityAlreadyLinkedError extends ApiError {
  constructor(issuer: string, subject: string, userId: string) {
    super('IDENTITY.ALREADY_LINKED', `The subject ${subject} of ${issuer} is already linked to a user; unlink it first.`, { userId });
  }
}

export async function audit(m: EntityManager, actor: DirectoryActor, action: string, targetUserId: string, details: Record<string, unknown>): Promise<void> {
  await m.query(`INSERT INTO directory_audit (actor, actor_user_id, action, target_user_id, details) VALUES ($1, $2, $3, $4, $5)`, [
    actor.kind,
    actor.kind === 'admin' ? actor.userId : null,
    action,
    targetUserId,
    JSON.stringify(details),
  ]);
}

/** Locks the user row for the rest of the transaction; 404 when there is no such user. */
export async function lockUser(m: EntityManager, userId: string): Promise<{ id: string; role: string; deactivatedAt: Date | null }> {
  if (!UUID.test(userId)) throw new UserNotFoundError(userId);
  const rows = await m.query(`SELECT id, role, deactivated_at FROM users WHERE id = $1 FOR UPDATE`, [userId]);
  if (rows.length === 0) throw new UserNotFoundError(userId);
  return { id: rows[0].id, role: rows[0].role, deactivatedAt: rows[0].deactivated_at };
}

/** Links (issuer, subject) to the user; 409 IDENTITY.ALREADY_LINKED when any user holds it. */
export async function linkIdentity(m: EntityManager, actor: DirectoryActor, userId: string, issuer: string, subject: string): Promise<string> {
  await lockUser(m, userId);
  const inserted = await m.query(
    `INSERT INTO user_external_identities (issuer, subject, user_id, linked_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (issuer, subject) DO NOTHING RETURNING id`,
    [issuer, subject, userId, actor.kind === 'admin' ? actor.userId : null],
  );
  if (inserted.length === 0) {
    const [holder] = await m.query(`SELECT user_id FROM user_external_identities WHERE issuer = $1 AND subject = $2`, [issuer, subject]);
    throw new IdentityAlreadyLinkedError(issuer, subject, holder?.user_id);
  }
  const identityId: string = inserted[0].id;
  await audit(m, actor, 'identity.linked', userId, { identityId, issuer, subject });
  return identityId;
}
