import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { OptionalIn, SearchQuery } from '../common/dto-decorators';
import { PageOf, PageQueryDto } from '../documents/pagination.dto';

export const INBOX_FILTERS = ['mine', 'unassigned', 'waitingOnCompany', 'overdue'] as const;
export const INBOX_SORTS = ['priority', 'received', 'due', 'reference'] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];

export class TasksQueryDto extends PageQueryDto {
  @OptionalIn(['open', 'done', 'all'], { default: 'open' })
  status?: 'open' | 'done' | 'all';

  @OptionalIn(INBOX_FILTERS, { description: 'mine: assigned to you; unassigned; waitingOnCompany: an open information request; overdue: past the target date' })
  filter?: (typeof INBOX_FILTERS)[number];

  @SearchQuery('Search in case reference, title, company name, CVR and permit code')
  q?: string;

  @OptionalIn(INBOX_SORTS, { default: 'priority' })
  sort?: InboxSort;

  @OptionalIn(['asc', 'desc'], { default: 'asc', description: 'Not used by sort=priority' })
  direction?: 'asc' | 'desc';

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
  @ApiProperty({ description: "The permit type's Danish name" }) permitNameDa!: string;
  @ApiProperty({ description: "The permit type's English name" }) permitNameEn!: string;
  @ApiProperty() organisationName!: string;
  @ApiProperty({ enum: ['checkCompleteness', 'review', 'decide'] }) kind!: string;
  @ApiProperty({ enum: ['open', 'done'] }) status!: string;
  @ApiProperty({ enum: ['onTrack', 'atRisk', 'breached'] }) risk!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) dueOn!: string | null;
  @ApiProperty({ description: 'National strategic cases are served first (priority lane)' }) nationalStrategic!: boolean;
  @ApiProperty({ description: 'The target date has passed' }) overdue!: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) assignedTo!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) assignedToName!: string | null;
  @ApiProperty() permitState!: string;
  @ApiProperty({ description: 'An open information request: the authority waits for the company' }) waitingOnCompany!: boolean;
  @ApiProperty() routedAt!: string;
  @ApiProperty({ description: 'When the application was received (routing time if not yet received)' }) receivedAt!: string;
}

export class TaskPageDto extends PageOf(TaskDto) {
  @ApiProperty({ description: 'false when the total was capped at 10,000' }) totalIsExact!: boolean;
}

export class PermitTaskDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['checkCompleteness', 'review', 'decide'] }) kind!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) assignedTo!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) assignedToName!: string | null;
  @ApiProperty() assignedToMe!: boolean;
  @ApiPropertyOptional({ type: () => [TaskAssigneeDto], description: "Coordinators only: the caseworkers of the task's authority it can be reassigned to" })
  assignees?: TaskAssigneeDto[];
}

export class TaskAssigneeDto {
  @ApiProperty() id!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) name!: string | null;
}

export class PermitTaskResultDto {
  @ApiPropertyOptional({ type: PermitTaskDto, nullable: true, description: 'null: the permit has no open task' }) task!: PermitTaskDto | null;
}

/** Who a task is assigned to now (the answer of a claim or an assignment; audited in the task's assignment log). */
export class TaskAssignmentDto {
  @ApiProperty({ format: 'uuid', description: 'The task id (as sent in the path)' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'The user id of the caseworker the task is assigned to: the caller after a claim, the chosen caseworker after an assignment' }) assignedTo!: string;
}
