import { Body, Inject, Injectable, Module, Param, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { CaseEngineModule, lockCase, PermitHostService, PERMIT_STATES, RISKS, V0_PERMIT_STATES } from '@rl/case-engine';
import { getPermitType } from '@rl/permits-catalog';
import { toCopenhagenDate } from '@rl/clocks';
import { execute, queryRows, sql, type Sql } from '@rl/db';
import { CLOCK, type Clock } from '@rl/server-infra';
import { AccessService } from '../access';
import { CurrentPrincipal, type Principal } from '../auth';
import { BearerController } from '../common/bearer-controller';
import { ApiError } from '../common/problem';
import { Endpoint, uuidParam } from '../common/endpoint';
import { auditAssignment } from './claim-on-act';
import { AssignTaskDto, PermitTaskResultDto, TaskAssignmentDto, TaskPageDto, TasksQueryDto, type InboxSort } from './tasks.dto';
import { UUID } from '../common/uuid';

/** Inbox totals are exact up to this many tasks ("10,000+" beyond). */
const TOTAL_CAP = 10_000;

const TOTAL_ROW = z.object({ total: z.number().int() });
/** One inbox line: the task with its permit's code, state, risk and due date and its case. */
const INBOX_ROW = z.object({
  id: z.string(),
  permit_id: z.string(),
  case_id: z.string(),
  reference: z.string(),
  title: z.string(),
  permit_code: z.string(),
  kind: z.enum(['checkCompleteness', 'review', 'decide']),
  status: z.enum(['open', 'done']),
  risk: z.enum(RISKS),
  target_due_on: z.string().nullable(),
  national_strategic: z.boolean(),
  assigned_to: z.string().nullable(),
  permit_state: z.enum([...PERMIT_STATES, ...V0_PERMIT_STATES]),
  routed_at: z.date(),
  received_at: z.date().nullable(),
  catalog_version: z.string(),
  organisation_name: z.string(),
  assigned_to_name: z.string().nullable(),
});

/** Permit states in which the authority waits for the company (an open information request). */
const WAITING_STATES = ['submitted.infoRequested', 'infoRequested'] as const;
const WAITING_SQL = sql.raw(`(p.state IN (${WAITING_STATES.map((w) => `'${w}'`).join(', ')}))`);

/**
 * ORDER BY for a sort key. `priority` is the documented priority lane — tasks waiting on the
 * company last (nothing to do until it answers), then national-strategic cases, risk (breached,
 * at risk, on track), earliest due date, routing time. Every order ends in `t.id` (stable pages).
 */
function orderBy(sort: InboxSort, direction: 'asc' | 'desc'): Sql {
  const dir = sql.raw(direction === 'desc' ? 'DESC' : 'ASC');
  switch (sort) {
    case 'received':
      return sql`COALESCE(p.received_at, t.routed_at) ${dir}, t.id`;
    case 'due':
      return sql`t.due_on ${dir} NULLS LAST, t.id`;
    case 'reference':
      return sql`c.reference ${dir}, t.id`;
    default:
      return sql`${WAITING_SQL}, t.national_strategic DESC, t.risk_rank, t.due_on ASC NULLS LAST, t.routed_at, t.id`;
  }
}

/** The permit type's names from the case's catalogue version (the code if it is not in it). */
function permitNames(code: string, catalogVersion: string): { permitNameDa: string; permitNameEn: string } {
  try {
    const type = getPermitType(code, catalogVersion);
    return { permitNameDa: type.nameDa, permitNameEn: type.nameEn };
  } catch {
    return { permitNameDa: code, permitNameEn: code };
  }
}

const CLAIMED_ROW = z.object({ permit_id: z.string() });
const ASSIGNED_ROW = z.object({ permit_id: z.string(), previous: z.string().nullable() });
const PERMIT_TASK_ROW = z.object({ id: z.string(), kind: z.string(), assigned_to: z.string().nullable(), assigned_to_name: z.string().nullable() });
const TASK_CASE_ROW = z.object({ case_id: z.string() });
const ASSIGNEE_ROW = z.object({ id: z.string(), display_name: z.string().nullable(), locale: z.string() });

export class TaskNotFoundError extends ApiError {
  constructor(id: string) {
    super('TASK.NOT_FOUND', `Task ${id} was not found.`);
  }
}
export class TaskAlreadyClaimedError extends ApiError {
  constructor() {
    super('TASK.ALREADY_CLAIMED', 'Another caseworker has claimed this task.');
  }
}

/**
 * Authority inbox. Order (documented priority lane): national-strategic cases first, then
 * risk (breached, at risk, on track), then the earliest due date, then routing time. A ranked
 * query over PostgreSQL, so the inbox is exact even if Redis lost every job.
 */
@Injectable()
export class TasksService {
  constructor(
    private readonly ds: DataSource,
    private readonly host: PermitHostService,
  ) {}

  async list(p: Principal, q: TasksQueryDto, today: string) {
    const where: Sql[] = [];
    if (p.role === 'caseworker') where.push(sql`t.authority_id = ${p.authorityId}`);
    else if (q.authorityCode) where.push(sql`t.authority_id = (SELECT id FROM authorities WHERE code = ${q.authorityCode})`);
    const status = q.status ?? 'open';
    if (status !== 'all') where.push(sql`t.status = ${status}`);
    if (q.filter === 'mine') where.push(sql`t.assigned_to = ${p.userId}`);
    if (q.filter === 'unassigned') where.push(sql`t.assigned_to IS NULL`);
    if (q.filter === 'overdue') where.push(sql`t.due_on < ${today}::date`);
    if (q.filter === 'waitingOnCompany') where.push(sql`p.state IN (${sql.join(WAITING_STATES.map((w) => sql`${w}`), ', ')})`);
    if (q.q) {
      const like = `%${q.q.replace(/[%_\\]/g, (ch) => `\\${ch}`)}%`;
      where.push(sql`(c.reference ILIKE ${like} OR c.title ILIKE ${like} OR o.name ILIKE ${like} OR o.cvr ILIKE ${like} OR p.code ILIKE ${like})`);
    }
    const whereSql = where.length ? sql`WHERE ${sql.join(where, ' AND ')}` : sql``;
    const from = sql`FROM tasks t JOIN permits p ON p.id = t.permit_id JOIN cases c ON c.id = t.case_id JOIN organisations o ON o.id = c.organisation_id`;
    // A big authority has 100,000+ open tasks: counting them all costs more than the page. Count
    // up to a cap and say whether the total is exact.
    // Without a filter on the permit, case or company, the joins change no count (every task has
    // its permit, case and company: NOT NULL foreign keys), and counting the tasks alone is an
    // index-only scan (100,000-case bench: 20 ms instead of 250 ms for MST's 10,000+).
    const joinsFilter = q.filter === 'waitingOnCompany' || Boolean(q.q);
    const [{ total }] = await queryRows(
      this.ds,
      TOTAL_ROW,
      sql`SELECT count(*)::int AS total FROM (SELECT 1 ${joinsFilter ? from : sql`FROM tasks t`} ${whereSql} LIMIT ${TOTAL_CAP + 1}) capped`,
    );
    const page = (extra: Sql | null, order: Sql, limit: number, offset: number) => {
      const w = extra ? [...where, extra] : where;
      return queryRows(
        this.ds,
        INBOX_ROW,
        sql`SELECT t.*, p.code AS permit_code, p.state AS permit_state, p.risk, p.target_due_on, p.received_at, c.reference, c.title, c.catalog_version,
                   o.name AS organisation_name, u.display_name AS assigned_to_name
              ${from} LEFT JOIN users u ON u.id = t.assigned_to
             ${w.length ? sql`WHERE ${sql.join(w, ' AND ')}` : sql``}
             ORDER BY ${order}
             LIMIT ${limit} OFFSET ${offset}`,
      );
    };
    const offset = (q.page - 1) * q.pageSize;
    const sort = q.sort ?? 'priority';
    let rows: Awaited<ReturnType<typeof page>>;
    if (sort === 'priority' && (q.direction ?? 'asc') === 'asc') {
      // The priority lane puts tasks waiting on the company last. Sorting on the permit's state
      // would sort every open task of the authority (178,000 at MST in the 100,000-case bench:
      // seconds per page), so the two lanes are read apart, each in the order of the inbox index
      // (tasks_inbox_idx), which stops after the page: first the tasks the authority can act on,
      // then — only when the page reaches past them — the waiting ones. Same rows, same order.
      const rest = sql`t.national_strategic DESC, t.risk_rank, t.due_on ASC NULLS LAST, t.routed_at, t.id`;
      rows = await page(sql`NOT ${WAITING_SQL}`, rest, q.pageSize, offset);
      if (rows.length < q.pageSize) {
        // How many actionable tasks come before the waiting lane: exact from this page when it
        // held some; otherwise counted (at most `offset` rows, the pages before this one).
        const actionable =
          rows.length > 0
            ? offset + rows.length
            : (await queryRows(this.ds, TOTAL_ROW, sql`SELECT count(*)::int AS total FROM (SELECT 1 ${from} WHERE ${sql.join([...where, sql`NOT ${WAITING_SQL}`], ' AND ')} LIMIT ${offset}) capped`))[0].total;
        rows = [...rows, ...(await page(WAITING_SQL, rest, q.pageSize - rows.length, Math.max(0, offset - actionable)))];
      }
    } else {
      rows = await page(null, orderBy(sort, q.direction ?? 'asc'), q.pageSize, offset);
    }
    return {
      items: rows.map((r) => ({
        id: r.id,
        permitId: r.permit_id,
        caseId: r.case_id,
        caseReference: r.reference,
        caseTitle: r.title,
        organisationName: r.organisation_name,
        permitCode: r.permit_code,
        ...permitNames(r.permit_code, r.catalog_version),
        kind: r.kind,
        status: r.status,
        risk: r.risk,
        dueOn: r.target_due_on,
        overdue: r.target_due_on !== null && r.target_due_on < today,
        nationalStrategic: r.national_strategic,
        assignedTo: r.assigned_to,
        assignedToName: r.assigned_to_name,
        permitState: r.permit_state,
        waitingOnCompany: (WAITING_STATES as readonly string[]).includes(r.permit_state),
        routedAt: r.routed_at.toISOString(),
        receivedAt: (r.received_at ?? r.routed_at).toISOString(),
      })),
      page: q.page,
      pageSize: q.pageSize,
      total: Math.min(total, TOTAL_CAP),
      totalIsExact: total <= TOTAL_CAP,
    };
  }

  /** Claim for oneself (audited); a task someone else holds gives 409, another authority's task 404. */
  async claim(p: Principal, id: string, now: Date) {
    if (!UUID.test(id)) throw new TaskNotFoundError(id);
    return this.ds.transaction(async (m) => {
      const [t] = await queryRows(
        m,
        CLAIMED_ROW,
        sql`UPDATE tasks SET assigned_to = ${p.userId}, version = version + 1 WHERE id = ${id} AND authority_id = ${p.authorityId} AND status = 'open'
            AND (assigned_to IS NULL OR assigned_to = ${p.userId}) RETURNING permit_id`,
      );
      if (!t) {
        const exists = await execute(m, sql`SELECT 1 FROM tasks WHERE id = ${id} AND authority_id = ${p.authorityId}`);
        if (exists > 0) throw new TaskAlreadyClaimedError();
        throw new TaskNotFoundError(id);
      }
      await auditAssignment(m, { taskId: id, permitId: t.permit_id, actor: p.userId, action: 'claimed', previous: null, next: p.userId, at: now });
      return { id, assignedTo: p.userId };
    });
  }

  /** The permit's open task with its assignee (null when none is open), for the permit page. */
  async ofPermit(p: Principal, permitId: string) {
    const [t] = await queryRows(
      this.ds,
      PERMIT_TASK_ROW,
      sql`SELECT t.id, t.kind, t.assigned_to, u.display_name AS assigned_to_name FROM tasks t LEFT JOIN users u ON u.id = t.assigned_to
           WHERE t.permit_id = ${permitId} AND t.status = 'open' ${p.role === 'caseworker' ? sql`AND t.authority_id = ${p.authorityId}` : sql``}`,
    );
    if (!t) return { task: null };
    // A coordinator may reassign the task: to these caseworkers of the task's authority (active users).
    const assignees =
      p.role === 'coordinator'
        ? (
            await queryRows(
              this.ds,
              ASSIGNEE_ROW,
              sql`SELECT u.id, u.display_name, u.locale FROM users u JOIN tasks t ON t.authority_id = u.authority_id
                   WHERE t.id = ${t.id} AND u.role = 'caseworker' AND u.deactivated_at IS NULL ORDER BY u.display_name, u.id`,
            )
          ).map((u) => ({ id: u.id, name: u.display_name }))
        : undefined;
    return { task: { id: t.id, kind: t.kind, assignedTo: t.assigned_to, assignedToName: t.assigned_to_name, assignedToMe: t.assigned_to === p.userId, ...(assignees ? { assignees } : {}) } };
  }

  /**
   * Coordinator reassignment (to a caseworker of the task's authority): logged in
   * task_assignment_events, audited as `task.reassigned` and the new assignee notified (through
   * the writer, `planReassignment`), under the case lock like every write of a case.
   */
  async assign(p: Principal, id: string, userId: string, now: Date) {
    if (!UUID.test(id)) throw new TaskNotFoundError(id);
    const invalid = () => new ApiError('TASK.ASSIGNEE_INVALID', 'The task does not exist or the user is not a caseworker at its authority.');
    return this.ds.transaction(async (m) => {
      const [owner] = await queryRows(m, TASK_CASE_ROW, sql`SELECT p.case_id FROM tasks t JOIN permits p ON p.id = t.permit_id WHERE t.id = ${id}`);
      if (!owner) throw invalid();
      await lockCase(m, owner.case_id);
      const [t] = await queryRows(
        m,
        ASSIGNED_ROW,
        sql`UPDATE tasks t SET assigned_to = u.id, version = t.version + 1 FROM users u, (SELECT assigned_to FROM tasks WHERE id = ${id} FOR UPDATE) prev
          WHERE t.id = ${id} AND u.id = ${userId} AND u.role = 'caseworker' AND u.authority_id = t.authority_id AND u.deactivated_at IS NULL RETURNING t.permit_id, prev.assigned_to AS previous`,
      );
      if (!t) throw new ApiError('TASK.ASSIGNEE_INVALID', 'The task does not exist or the user is not a caseworker at its authority.');
      await auditAssignment(m, { taskId: id, permitId: t.permit_id, actor: p.userId, action: 'assigned', previous: t.previous, next: userId, at: now });
      if (t.previous !== userId) {
        const [u] = await queryRows(m, ASSIGNEE_ROW, sql`SELECT id, display_name, locale FROM users WHERE id = ${userId}`);
        await this.host.reassigned(m, t.permit_id, { userId: p.userId, role: 'coordinator' }, { id: u.id, locale: u.locale }, t.previous);
      }
      return { id, assignedTo: userId };
    });
  }
}

@BearerController('tasks', 'tasks')
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Endpoint('GET', '/', {
    roles: ['caseworker', 'coordinator'],
    summary: 'Authority inbox: filters (mine, unassigned, waiting on the company, overdue), search, sorting; default order is the priority lane (waiting on the company last, then national strategic, risk, due date)',
    ok: { type: TaskPageDto },
  })
  list(@CurrentPrincipal() p: Principal, @Query() q: TasksQueryDto) {
    return this.tasks.list(p, q, toCopenhagenDate(this.clock.now()));
  }

  @Endpoint('POST', ':id/claim', {
    code: 200,
    roles: ['caseworker'],
    summary: 'Claim a task of your authority',
    params: [uuidParam('id', 'Task id')],
    ok: { type: TaskAssignmentDto, description: 'The task, now assigned to you (a task you already hold is claimed again)' },
    problems: ['TASK.NOT_FOUND', 'TASK.ALREADY_CLAIMED'],
  })
  claim(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.tasks.claim(p, id, this.clock.now());
  }

  @Endpoint('POST', ':id/assign', {
    code: 200,
    roles: ['coordinator'],
    summary: 'Assign a task to a caseworker of its authority',
    params: [uuidParam('id', 'Task id')],
    ok: { type: TaskAssignmentDto, description: 'The task, now assigned to that caseworker' },
    problems: ['TASK.ASSIGNEE_INVALID', 'TASK.NOT_FOUND'],
  })
  assign(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: AssignTaskDto) {
    return this.tasks.assign(p, id, dto.userId, this.clock.now());
  }
}

/** GET /permits/:id/task: who the permit's open task is assigned to (issue 19: the permit page shows it). */
@BearerController('tasks', 'permits')
export class PermitTaskController {
  constructor(
    private readonly tasks: TasksService,
    private readonly access: AccessService,
  ) {}

  @Endpoint('GET', ':id/task', {
    roles: ['caseworker', 'coordinator'],
    summary: "The permit's open task and who it is assigned to",
    params: [uuidParam('id', 'Permit id')],
    ok: { type: PermitTaskResultDto },
    problems: ['PERMIT.NOT_FOUND'],
  })
  async ofPermit(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<PermitTaskResultDto> {
    await this.access.assertPermitVisible(p, id);
    return this.tasks.ofPermit(p, id);
  }
}

@Module({ imports: [CaseEngineModule], controllers: [TasksController, PermitTaskController], providers: [TasksService] })
export class TasksModule {}
