import type { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { execute, queryRows, sql } from '@rl/db';
import type { OpenTask } from '../access/access.service';
import type { Principal } from '../auth';
import { ApiError } from '../common/problem';

/** Acting on a task a colleague holds needs an explicit take-over (`takeOver: true`). */
export class TaskAssignedToColleagueError extends ApiError {
  constructor(assignedToName: string) {
    super('TASK.ASSIGNED_TO_COLLEAGUE', `${assignedToName} is handling this task. Send takeOver: true to take it over.`, { assignedToName });
  }
}

/** Appends one row to the task assignment audit (claimed / taken over / assigned). */
export function auditAssignment(m: EntityManager | DataSource, a: { taskId: string; permitId: string; actor: string; action: 'claimed' | 'takenOver' | 'assigned'; previous: string | null; next: string; at: Date }) {
  return execute(
    m,
    sql`INSERT INTO task_assignment_events (task_id, permit_id, actor_user_id, action, previous_assignee, new_assignee, occurred_at)
        VALUES (${a.taskId}, ${a.permitId}, ${a.actor}, ${a.action}, ${a.previous}, ${a.next}, ${a.at})`,
  );
}

const OPEN_TASK_ROW = z.object({ id: z.string(), assigned_to: z.string().nullable(), assigned_to_name: z.string().nullable() });

/**
 * Issue 19 claim semantics, in the action's transaction (so a refused action claims nothing):
 * a caseworker acting on the permit's open task of their authority claims it if unassigned
 * (audited in `task_assignment_events`); if a colleague holds it the action is refused with
 * TASK.ASSIGNED_TO_COLLEAGUE (409) unless `takeOver` (then audited as `takenOver`). Other
 * roles, and permits without an open task of the caller's authority, are left alone.
 *
 * `locked` is the task as `AccessService.lockPermitForEvent` already read and locked it in this
 * transaction (null: none open); when undefined it is read (and locked) here.
 */
export async function claimForAction(m: EntityManager, p: Principal, permitId: string, takeOver: boolean, now: Date, locked?: OpenTask | null): Promise<'none' | 'own' | 'claimed' | 'takenOver'> {
  if (p.role !== 'caseworker' || !p.authorityId) return 'none';
  const task =
    locked !== undefined
      ? locked
      : ((
          await queryRows(
            m,
            OPEN_TASK_ROW,
            sql`SELECT t.id, t.assigned_to, u.display_name AS assigned_to_name FROM tasks t LEFT JOIN users u ON u.id = t.assigned_to
                 WHERE t.permit_id = ${permitId} AND t.authority_id = ${p.authorityId} AND t.status = 'open' FOR UPDATE OF t`,
          )
        )[0] ?? null);
  if (!task) return 'none';
  if (task.assigned_to === p.userId) return 'own';
  if (task.assigned_to !== null && !takeOver) throw new TaskAssignedToColleagueError(task.assigned_to_name ?? '?');
  const action = task.assigned_to === null ? 'claimed' : 'takenOver';
  await execute(m, sql`UPDATE tasks SET assigned_to = ${p.userId}, version = version + 1 WHERE id = ${task.id}`);
  await auditAssignment(m, { taskId: task.id, permitId, actor: p.userId, action, previous: task.assigned_to, next: p.userId, at: now });
  return action;
}

/** Splits `takeOver` (a request option, not part of the workflow event) off a permit event body. */
export function splitTakeOver(body: unknown): { body: unknown; takeOver: boolean } {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !('takeOver' in body)) return { body, takeOver: false };
  const { takeOver, ...rest } = body as Record<string, unknown>;
  return { body: rest, takeOver: takeOver === true };
}
