import type { DataSource, EntityManager } from 'typeorm';
import { execute, sql } from '@rl/db';
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

/**
 * Issue 19 claim semantics, in the action's transaction (so a refused action claims nothing):
 * a caseworker acting on the permit's open task of their authority claims it if unassigned
 * (audited in `task_assignment_events`); if a colleague holds it the action is refused with
 * TASK.ASSIGNED_TO_COLLEAGUE (409) unless `takeOver` (then audited as `takenOver`). Other
 * roles, and permits without an open task of the caller's authority, are left alone.
 *
 * `task` is the permit's open task of the caller's authority as `AccessService.lockPermitForEvent`
 * read and locked it in this transaction, in the same statement as the case lock (null: none open).
 */
export async function claimForAction(m: EntityManager, p: Principal, permitId: string, takeOver: boolean, now: Date, task: OpenTask | null | undefined): Promise<'none' | 'own' | 'claimed' | 'takenOver'> {
  if (p.role !== 'caseworker' || !p.authorityId) return 'none';
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
