import { Body, Controller, Get, HttpCode, Injectable, Module, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { PERMIT_STATES, RISKS, V0_PERMIT_STATES } from '@rl/case-engine';
import { execute, queryRows, sql, type Sql } from '@rl/db';
import { CurrentPrincipal, Roles, type Principal } from '../auth';
import { ApiError } from '../common/problem';
import { ApiProblems } from '../common/openapi';
import { PageQueryDto } from '../documents/pagination.dto';

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
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

export class TasksQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'done', 'all'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'done', 'all'])
  status?: 'open' | 'done' | 'all';

  @ApiPropertyOptional({ description: 'Coordinators only: restrict to one authority (routing code, e.g. KOMMUNE-326)' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  authorityCode?: string;
}

export class AssignTaskDto {
  @ApiProperty({ description: 'User id of a caseworker at the task authority' })
  @IsUUID()
  userId!: string;
}

export class TaskDto {
  @ApiProperty() id!: string;
  @ApiProperty() permitId!: string;
  @ApiProperty() caseId!: string;
  @ApiProperty() caseReference!: string;
  @ApiProperty() caseTitle!: string;
  @ApiProperty() permitCode!: string;
  @ApiProperty({ enum: ['checkCompleteness', 'review', 'decide'] }) kind!: string;
  @ApiProperty({ enum: ['open', 'done'] }) status!: string;
  @ApiProperty({ enum: ['onTrack', 'atRisk', 'breached'] }) risk!: string;
  @ApiPropertyOptional({ nullable: true }) dueOn!: string | null;
  @ApiProperty({ description: 'National strategic cases are served first (priority lane)' }) nationalStrategic!: boolean;
  @ApiPropertyOptional({ nullable: true }) assignedTo!: string | null;
  @ApiProperty() permitState!: string;
  @ApiProperty() routedAt!: string;
}

/**
 * Authority inbox. Order (documented priority lane): national-strategic cases first, then
 * risk (breached, at risk, on track), then the earliest due date, then routing time. A ranked
 * query over PostgreSQL, so the inbox is exact even if Redis lost every job.
 */
@Injectable()
export class TasksService {
  constructor(private readonly ds: DataSource) {}

  async list(p: Principal, q: TasksQueryDto) {
    const where: Sql[] = [];
    if (p.role === 'caseworker') where.push(sql`t.authority_id = ${p.authorityId}`);
    else if (q.authorityCode) where.push(sql`a.code = ${q.authorityCode}`);
    const status = q.status ?? 'open';
    if (status !== 'all') where.push(sql`t.status = ${status}`);
    const whereSql = where.length ? sql`WHERE ${sql.join(where, ' AND ')}` : sql``;
    const authorityJoin = sql.raw(q.authorityCode && p.role !== 'caseworker' ? 'JOIN authorities a ON a.id = t.authority_id' : '');
    // A big authority has 100,000+ open tasks: counting them all costs more than the page. Count
    // up to a cap and say whether the total is exact.
    const [{ total }] = await queryRows(this.ds, TOTAL_ROW, sql`SELECT count(*)::int AS total FROM (SELECT 1 FROM tasks t ${authorityJoin} ${whereSql} LIMIT ${TOTAL_CAP + 1}) capped`);
    // Rank and page on `tasks` alone (its ranking keys are indexed in this order), then join the
    // page's permits and cases: the cost is one page, not every open task of the authority.
    const rows = await queryRows(
      this.ds,
      INBOX_ROW,
      sql`WITH page AS (
         SELECT t.* FROM tasks t ${authorityJoin} ${whereSql}
          ORDER BY t.national_strategic DESC, t.risk_rank, t.due_on ASC NULLS LAST, t.routed_at, t.id
          LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize})
       SELECT page.*, p.code AS permit_code, p.state AS permit_state, p.risk, p.target_due_on, c.reference, c.title
         FROM page JOIN permits p ON p.id = page.permit_id JOIN cases c ON c.id = page.case_id
        ORDER BY page.national_strategic DESC, page.risk_rank, page.due_on ASC NULLS LAST, page.routed_at, page.id`,
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        permitId: r.permit_id,
        caseId: r.case_id,
        caseReference: r.reference,
        caseTitle: r.title,
        permitCode: r.permit_code,
        kind: r.kind,
        status: r.status,
        risk: r.risk,
        dueOn: r.target_due_on,
        nationalStrategic: r.national_strategic,
        assignedTo: r.assigned_to,
        permitState: r.permit_state,
        routedAt: r.routed_at.toISOString(),
      })),
      page: q.page,
      pageSize: q.pageSize,
      total: Math.min(total, TOTAL_CAP),
      totalIsExact: total <= TOTAL_CAP,
    };
  }

  /** Claim for oneself; a task someone else holds gives 409, another authority's task 404. */
  async claim(p: Principal, id: string) {
    if (!UUID.test(id)) throw new TaskNotFoundError(id);
    const n = await execute(
      this.ds,
      sql`UPDATE tasks SET assigned_to = ${p.userId}, version = version + 1 WHERE id = ${id} AND authority_id = ${p.authorityId} AND status = 'open'
          AND (assigned_to IS NULL OR assigned_to = ${p.userId})`,
    );
    if (n === 0) {
      const exists = await execute(this.ds, sql`SELECT 1 FROM tasks WHERE id = ${id} AND authority_id = ${p.authorityId}`);
      if (exists > 0) throw new TaskAlreadyClaimedError();
      throw new TaskNotFoundError(id);
    }
    return { id, assignedTo: p.userId };
  }

  /** Coordinator reassignment (to a caseworker of the task's authority). */
  async assign(id: string, userId: string) {
    if (!UUID.test(id)) throw new TaskNotFoundError(id);
    const n = await execute(
      this.ds,
      sql`UPDATE tasks t SET assigned_to = u.id, version = t.version + 1 FROM users u
        WHERE t.id = ${id} AND u.id = ${userId} AND u.role = 'caseworker' AND u.authority_id = t.authority_id`,
    );
    if (n === 0) throw new ApiError('TASK.ASSIGNEE_INVALID', 'The task does not exist or the user is not a caseworker at its authority.');
    return { id, assignedTo: userId };
  }
}

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @Roles('caseworker', 'coordinator')
  @ApiOperation({ summary: 'Authority inbox in priority-lane order (national strategic, risk, due date)' })
  list(@CurrentPrincipal() p: Principal, @Query() q: TasksQueryDto) {
    return this.tasks.list(p, q);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @Roles('caseworker')
  @ApiOperation({ summary: 'Claim a task of your authority' })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Task id' })
  @ApiProblems('TASK.NOT_FOUND', 'TASK.ALREADY_CLAIMED')
  claim(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.tasks.claim(p, id);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: 'Assign a task to a caseworker of its authority' })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Task id' })
  @ApiProblems('TASK.ASSIGNEE_INVALID')
  assign(@Param('id') id: string, @Body() dto: AssignTaskDto) {
    return this.tasks.assign(id, dto.userId);
  }
}

@Module({ controllers: [TasksController], providers: [TasksService] })
export class TasksModule {}
