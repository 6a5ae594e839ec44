import { Body, Controller, Get, Headers, HttpCode, Module, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CaseEngineModule, parseIfMatch, PermitHostService, lockCase } from '@rl/case-engine';
import { isLocalDate } from '@rl/clocks';
import { DataSource } from 'typeorm';
import { AccessModule, AccessService } from '../access';
import { CurrentPrincipal, Roles, type Principal } from '../auth';
import { ApiError } from '../common/problem';
import { ApiProblems } from '../common/openapi';
import { CoordinationService } from './coordination.service';
import { EscalateDto, MissedDateDto, PlanChangeDto, PlanDecisionDto, WhatIfDto } from './coordination.dto';
import { ForecastViewService } from './forecast-view.service';

const IF_MATCH = { name: 'If-Match', required: true, description: 'The plan version you last read' };
const CASE_ID = { name: 'id', format: 'uuid', description: 'Case id' };

@ApiTags('coordination')
@ApiBearerAuth()
@Controller()
export class CoordinationController {
  constructor(
    private readonly plans: CoordinationService,
    private readonly forecasts: ForecastViewService,
    private readonly access: AccessService,
    private readonly ds: DataSource,
    private readonly host: PermitHostService,
  ) {}

  @Get('cases/:id/coordinated-plan')
  @ApiOperation({ summary: 'The agreed coordinated plan: baseline and planned dates per permit, change requests, stored P50/P80 (status "none" before a proposal)' })
  @Roles('applicant', 'caseworker', 'coordinator')
  @ApiParam(CASE_ID)
  @ApiProblems('CASE.NOT_FOUND')
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.plans.get(p, id);
  }

  @Post('cases/:id/coordinated-plan')
  @ApiOperation({ summary: 'Propose (or, before agreement, re-propose) the plan from the catalogue and the critical path' })
  @Roles('coordinator')
  @ApiParam(CASE_ID)
  @ApiHeader({ ...IF_MATCH, required: false, description: 'Required when re-proposing: the plan version you last read' })
  @ApiProblems('CASE.NOT_FOUND', 'PLAN.CASE_NOT_RUNNING', 'PLAN.ALREADY_AGREED', 'CONCURRENCY.PRECONDITION_REQUIRED', 'CONCURRENCY.VERSION_CONFLICT', 'CONCURRENCY.IF_MATCH_INVALID')
  propose(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined) {
    return this.plans.propose(p, id, ifMatch === undefined ? null : parseIfMatch(ifMatch));
  }

  @Post('cases/:id/coordinated-plan/agree')
  @HttpCode(200)
  @ApiOperation({ summary: "Record the plan's agreement (the company, or a coordinator recording it); the baseline is fixed" })
  @Roles('applicant', 'coordinator')
  @ApiParam(CASE_ID)
  @ApiHeader(IF_MATCH)
  @ApiProblems('CASE.NOT_FOUND', 'PLAN.NOT_FOUND', 'PLAN.ALREADY_AGREED', 'CONCURRENCY.PRECONDITION_REQUIRED', 'CONCURRENCY.IF_MATCH_INVALID', 'CONCURRENCY.VERSION_CONFLICT')
  agree(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined) {
    return this.plans.agree(p, id, parseIfMatch(ifMatch));
  }

  @Post('cases/:id/coordinated-plan/changes')
  @ApiOperation({ summary: 'Change planned dates (reason code + note). Applied at once, or pending a second coordinator when the final date moves > 30 days from the baseline or past the ceiling' })
  @Roles('coordinator')
  @ApiParam(CASE_ID)
  @ApiHeader(IF_MATCH)
  @ApiProblems(
    'CASE.NOT_FOUND',
    'PLAN.NOT_FOUND',
    'PLAN.NOT_AGREED',
    'PLAN.REASON_REQUIRED',
    'PLAN.PERMIT_NOT_IN_PLAN',
    'PLAN.PERMIT_DECIDED',
    'PLAN.DATE_IN_PAST',
    'PLAN.DATE_INVALID',
    'CONCURRENCY.PRECONDITION_REQUIRED',
    'CONCURRENCY.IF_MATCH_INVALID',
    'CONCURRENCY.VERSION_CONFLICT',
  )
  change(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: PlanChangeDto, @Headers('if-match') ifMatch: string | undefined) {
    for (const f of ['plannedStartOn', 'plannedDecisionOn'] as const) {
      const v = dto[f];
      if (v !== undefined && !isLocalDate(v)) throw new ApiError('REQUEST.VALIDATION_FAILED', `${f} is not a real date.`, { errors: [{ field: f, code: 'INVALID_DATE', message: 'not a real date' }] });
    }
    if (!dto.reasonCode || !dto.note?.trim()) throw new ApiError('PLAN.REASON_REQUIRED', 'A plan change needs a reason code and a note.');
    return this.plans.requestChange(p, id, parseIfMatch(ifMatch), { ...dto, reasonCode: dto.reasonCode, note: dto.note.trim() });
  }

  @Post('cases/:id/coordinated-plan/changes/:requestId/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve a pending change (a second coordinator; the requester gets 403)' })
  @Roles('coordinator')
  @ApiParam(CASE_ID)
  @ApiParam({ name: 'requestId', format: 'uuid' })
  @ApiHeader(IF_MATCH)
  @ApiProblems('CASE.NOT_FOUND', 'PLAN.REQUEST_NOT_FOUND', 'PLAN.REQUEST_NOT_PENDING', 'PLAN.SELF_APPROVAL_FORBIDDEN', 'PLAN.PERMIT_DECIDED', 'PLAN.DATE_INVALID', 'CONCURRENCY.PRECONDITION_REQUIRED', 'CONCURRENCY.IF_MATCH_INVALID', 'CONCURRENCY.VERSION_CONFLICT')
  approve(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Param('requestId') requestId: string, @Body() dto: PlanDecisionDto, @Headers('if-match') ifMatch: string | undefined) {
    return this.plans.decide(p, id, requestId, parseIfMatch(ifMatch), true, dto.note);
  }

  @Post('cases/:id/coordinated-plan/changes/:requestId/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject a pending change (a second coordinator); the request is kept' })
  @Roles('coordinator')
  @ApiParam(CASE_ID)
  @ApiParam({ name: 'requestId', format: 'uuid' })
  @ApiHeader(IF_MATCH)
  @ApiProblems('CASE.NOT_FOUND', 'PLAN.REQUEST_NOT_FOUND', 'PLAN.REQUEST_NOT_PENDING', 'PLAN.SELF_APPROVAL_FORBIDDEN', 'CONCURRENCY.PRECONDITION_REQUIRED', 'CONCURRENCY.IF_MATCH_INVALID', 'CONCURRENCY.VERSION_CONFLICT')
  reject(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Param('requestId') requestId: string, @Body() dto: PlanDecisionDto, @Headers('if-match') ifMatch: string | undefined) {
    return this.plans.decide(p, id, requestId, parseIfMatch(ifMatch), false, dto.note);
  }

  @Post('cases/:id/coordinated-plan/items/:permitId/missed')
  @HttpCode(200)
  @ApiOperation({ summary: "Record a missed planned decision date with the authority's explanation" })
  @Roles('caseworker', 'coordinator')
  @ApiParam(CASE_ID)
  @ApiParam({ name: 'permitId', format: 'uuid' })
  @ApiHeader(IF_MATCH)
  @ApiProblems('PERMIT.NOT_FOUND', 'PLAN.PERMIT_NOT_IN_PLAN', 'PLAN.NOT_MISSED', 'CONCURRENCY.PRECONDITION_REQUIRED', 'CONCURRENCY.IF_MATCH_INVALID', 'CONCURRENCY.VERSION_CONFLICT')
  missed(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Param('permitId') permitId: string, @Body() dto: MissedDateDto, @Headers('if-match') ifMatch: string | undefined) {
    return this.plans.recordMissed(p, id, permitId, parseIfMatch(ifMatch), dto.explanation);
  }

  @Post('permits/:id/escalate')
  @HttpCode(200)
  @ApiOperation({ summary: "Escalate a permit by hand: audited; the authority's caseworkers and the coordinators are told" })
  @Roles('coordinator')
  @ApiParam({ name: 'id', format: 'uuid', description: 'Permit id' })
  @ApiProblems('PERMIT.NOT_FOUND')
  async escalate(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: EscalateDto) {
    const { caseId } = await this.access.assertPermitVisible(p, id);
    const row = await this.ds.transaction(async (m) => {
      await lockCase(m, caseId);
      return this.host.escalate(m, id, { userId: p.userId, role: 'coordinator' }, dto.note);
    });
    return { permitId: id, version: row.version, escalated: true };
  }

  @Get('cases/:id/forecast')
  @ApiOperation({ summary: 'The stored Monte Carlo forecast (P50/P80 per permit and case, ceiling probability); null until the worker computed it' })
  @Roles('applicant', 'caseworker', 'coordinator')
  @ApiParam(CASE_ID)
  @ApiProblems('CASE.NOT_FOUND')
  forecast(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.forecasts.stored(p, id);
  }

  @Post('cases/:id/forecast/what-if')
  @HttpCode(200)
  @ApiOperation({ summary: 'What-if: the forecast now and with the scenarios applied, side by side. Writes nothing' })
  @Roles('coordinator')
  @ApiParam(CASE_ID)
  @ApiProblems('CASE.NOT_FOUND', 'FORECAST.WHAT_IF_INVALID')
  whatIf(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: WhatIfDto) {
    return this.forecasts.whatIf(p, id, dto.scenarios);
  }
}

@Module({ controllers: [CoordinationController], imports: [AccessModule, CaseEngineModule], providers: [CoordinationService, ForecastViewService] })
export class CoordinationModule {}
