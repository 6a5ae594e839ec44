import { Body, Controller, Get, Headers, HttpCode, Module, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiParam, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CaseEngineModule, parseIfMatch } from '@rl/case-engine';
import { isLocalDate } from '@rl/clocks';
import { AccessModule } from '../access';
import { CurrentPrincipal, Public, Roles, type Principal } from '../auth';
import { ApiError } from '../common/problem';
import { ApiProblems } from '../common/openapi';
import { InsightService } from './insight.service';
import { TARGET_CHANGE_REASON_CODES, TARGET_CHANGE_REASONS, type TargetChangeReason } from './reason-codes';

export class ChangeTargetDateDto {
  @ApiProperty({ example: '2027-10-01', description: 'New target due date (YYYY-MM-DD), later than the current one' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  dueOn!: string;

  @ApiProperty({ enum: TARGET_CHANGE_REASON_CODES })
  @IsIn(TARGET_CHANGE_REASON_CODES)
  reasonCode!: TargetChangeReason;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

@ApiTags('insight')
@ApiBearerAuth()
@Controller()
export class InsightController {
  constructor(private readonly insight: InsightService) {}

  /** Gantt rows with the critical path, projected completion and the 12/18-month ceiling. */
  @Get('cases/:id/plan')
  @ApiOperation({ summary: 'Gantt plan of a case: critical path, projected completion, 12/18-month ceiling' })
  @Roles('applicant', 'caseworker', 'coordinator')
  @ApiParam({ name: 'id', format: 'uuid', description: 'Case id' })
  @ApiProblems('CASE.NOT_FOUND')
  plan(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.insight.plan(p, id);
  }

  /** Coordinators only: it lists cases (titles, references, permit ids), and admins see no case data. */
  @Get('dashboard')
  @ApiOperation({ summary: 'Coordinator dashboard: KPIs, breaches, risks, load per authority and permit type' })
  @Roles('coordinator')
  dashboard() {
    return this.insight.dashboard();
  }

  @Public()
  @Get('target-change-reasons')
  @ApiOperation({ summary: 'Reason codes for moving a target date' })
  reasons() {
    return TARGET_CHANGE_REASON_CODES.map((code) => ({ code, ...TARGET_CHANGE_REASONS[code] }));
  }

  @Post('permits/:id/target-date')
  @ApiOperation({ summary: 'Move the target date of a running permit clock later, with a reason code (audited)' })
  @HttpCode(200)
  @Roles('coordinator')
  @ApiHeader({ name: 'If-Match', required: true, description: 'The permit version you last read' })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Permit id' })
  @ApiProblems('PERMIT.NOT_FOUND', 'PERMIT.TARGET_DATE_INVALID', 'CONCURRENCY.PRECONDITION_REQUIRED', 'CONCURRENCY.IF_MATCH_INVALID', 'CONCURRENCY.VERSION_CONFLICT')
  async changeTarget(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: ChangeTargetDateDto, @Headers('if-match') ifMatch: string | undefined) {
    if (!isLocalDate(dto.dueOn)) throw new ApiError('REQUEST.VALIDATION_FAILED', 'dueOn is not a real date.', { errors: [{ field: 'dueOn', code: 'INVALID_DATE', message: 'not a real date' }] });
    return this.insight.changeTargetDate(p, id, parseIfMatch(ifMatch), dto.dueOn, dto.reasonCode, dto.comment);
  }
}

@Module({ controllers: [InsightController], imports: [AccessModule, CaseEngineModule], providers: [InsightService], exports: [InsightService] })
export class InsightModule {}
