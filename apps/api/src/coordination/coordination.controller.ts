import { Body, Headers, Module, Param } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { CaseEngineModule, parseIfMatch, PermitHostService, lockCase } from '@rl/case-engine';
import { isLocalDate } from '@rl/clocks';
import { DataSource } from 'typeorm';
import { AccessModule, AccessService } from '../access';
import { CurrentPrincipal, type Principal } from '../auth';
import { BearerController } from '../common/bearer-controller';
import { ApiError } from '../common/problem';
import { CASE_ID, CaseEndpoint, CaseRead, Endpoint, IfMatch, uuidParam } from '../common/endpoint';
import { CoordinationService } from './coordination.service';
import { EscalateDto, MissedDateDto, PlanChangeDto, PlanDecisionDto, WhatIfDto } from './coordination.dto';
import { ForecastViewService } from './forecast-view.service';
import { CaseForecastViewDto, WhatIfResultDto } from './forecast-views.dto';
import { CoordinatedPlanDto, PermitEscalatedDto, PlanChangeResultDto } from './plan-views.dto';

const IF_MATCH = 'The plan version you last read';

@BearerController('coordination')
export class CoordinationController {
  constructor(
    private readonly plans: CoordinationService,
    private readonly forecasts: ForecastViewService,
    private readonly access: AccessService,
    private readonly ds: DataSource,
    private readonly host: PermitHostService,
  ) {}

  @CaseRead('cases/:id/coordinated-plan', 'The agreed coordinated plan: baseline and planned dates per permit, change requests, stored P50/P80 (status "none" before a proposal)', {
    ok: { type: CoordinatedPlanDto, description: 'The coordinated plan (status "none", version 0 and no items before a proposal)' },
  })
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.plans.get(p, id);
  }

  @ApiHeader({ name: 'If-Match', required: false, description: 'Required when re-proposing: the plan version you last read' })
  @CaseEndpoint('POST', 'cases/:id/coordinated-plan', {
    roles: ['coordinator'],
    summary: 'Propose (or, before agreement, re-propose) the plan from the catalogue and the critical path',
    created: { type: CoordinatedPlanDto, description: 'The proposed plan' },
    problems: ['PLAN.CASE_NOT_RUNNING', 'PLAN.ALREADY_AGREED', 'CONCURRENCY.PRECONDITION_REQUIRED', 'CONCURRENCY.VERSION_CONFLICT', 'CONCURRENCY.IF_MATCH_INVALID'],
  })
  propose(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined) {
    return this.plans.propose(p, id, ifMatch === undefined ? null : parseIfMatch(ifMatch));
  }

  @CaseEndpoint('POST', 'cases/:id/coordinated-plan/agree', {
    code: 200,
    roles: ['applicant', 'coordinator'],
    summary: "Record the plan's agreement (the company, or a coordinator recording it); the baseline is fixed",
    ifMatch: IF_MATCH,
    ok: { type: CoordinatedPlanDto, description: 'The agreed plan' },
    problems: ['PLAN.NOT_FOUND', 'PLAN.ALREADY_AGREED'],
  })
  agree(@CurrentPrincipal() p: Principal, @Param('id') id: string, @IfMatch() version: number) {
    return this.plans.agree(p, id, version);
  }

  @CaseEndpoint('POST', 'cases/:id/coordinated-plan/changes', {
    roles: ['coordinator'],
    summary: 'Change planned dates (reason code + note). Applied at once, or pending a second coordinator when the final date moves > 30 days from the baseline or past the ceiling',
    ifMatch: IF_MATCH,
    created: { type: PlanChangeResultDto, description: 'The change request (applied, or pending a second coordinator) and the plan after it' },
    problems: ['PLAN.NOT_FOUND', 'PLAN.NOT_AGREED', 'PLAN.REASON_REQUIRED', 'PLAN.PERMIT_NOT_IN_PLAN', 'PLAN.PERMIT_DECIDED', 'PLAN.DATE_IN_PAST', 'PLAN.DATE_INVALID'],
  })
  change(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: PlanChangeDto, @Headers('if-match') ifMatch: string | undefined) {
    for (const f of ['plannedStartOn', 'plannedDecisionOn'] as const) {
      const v = dto[f];
      if (v !== undefined && !isLocalDate(v)) throw new ApiError('REQUEST.VALIDATION_FAILED', `${f} is not a real date.`, { errors: [{ field: f, code: 'INVALID_DATE', message: 'not a real date' }] });
    }
    if (!dto.reasonCode || !dto.note?.trim()) throw new ApiError('PLAN.REASON_REQUIRED', 'A plan change needs a reason code and a note.');
    return this.plans.requestChange(p, id, parseIfMatch(ifMatch), { ...dto, reasonCode: dto.reasonCode, note: dto.note.trim() });
  }

  @CaseEndpoint('POST', 'cases/:id/coordinated-plan/changes/:requestId/approve', {
    code: 200,
    roles: ['coordinator'],
    summary: 'Approve a pending change (a second coordinator; the requester gets 403)',
    params: ['requestId'],
    ifMatch: IF_MATCH,
    ok: { type: PlanChangeResultDto, description: 'The applied change request and the plan after it' },
    problems: ['PLAN.REQUEST_NOT_FOUND', 'PLAN.REQUEST_NOT_PENDING', 'PLAN.REQUEST_OUTDATED', 'PLAN.SELF_APPROVAL_FORBIDDEN', 'PLAN.PERMIT_DECIDED', 'PLAN.DATE_INVALID'],
  })
  approve(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Param('requestId') requestId: string, @Body() dto: PlanDecisionDto, @Headers('if-match') ifMatch: string | undefined) {
    return this.plans.decide(p, id, requestId, parseIfMatch(ifMatch), true, dto.note);
  }

  @CaseEndpoint('POST', 'cases/:id/coordinated-plan/changes/:requestId/reject', {
    code: 200,
    roles: ['coordinator'],
    summary: 'Reject a pending change (a second coordinator); the request is kept',
    params: ['requestId'],
    ifMatch: IF_MATCH,
    ok: { type: PlanChangeResultDto, description: 'The rejected change request and the plan (unchanged dates, new version)' },
    problems: ['PLAN.REQUEST_NOT_FOUND', 'PLAN.REQUEST_NOT_PENDING', 'PLAN.SELF_APPROVAL_FORBIDDEN'],
  })
  reject(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Param('requestId') requestId: string, @Body() dto: PlanDecisionDto, @Headers('if-match') ifMatch: string | undefined) {
    return this.plans.decide(p, id, requestId, parseIfMatch(ifMatch), false, dto.note);
  }

  @Endpoint('POST', 'cases/:id/coordinated-plan/items/:permitId/missed', {
    code: 200,
    roles: ['caseworker', 'coordinator'],
    summary: "Record a missed planned decision date with the authority's explanation (422 PLAN.NOT_MISSED while the date has not passed, or when the permit was decided or withdrawn before it)",
    params: [CASE_ID, 'permitId'],
    ifMatch: IF_MATCH,
    ok: { type: CoordinatedPlanDto, description: 'The plan with the missed date recorded' },
    problems: ['PERMIT.NOT_FOUND', 'PLAN.PERMIT_NOT_IN_PLAN', 'PLAN.NOT_MISSED'],
  })
  missed(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Param('permitId') permitId: string, @Body() dto: MissedDateDto, @Headers('if-match') ifMatch: string | undefined) {
    return this.plans.recordMissed(p, id, permitId, parseIfMatch(ifMatch), dto.explanation);
  }

  @Endpoint('POST', 'permits/:id/escalate', {
    code: 200,
    roles: ['coordinator'],
    summary: "Escalate a permit by hand: audited; the authority's caseworkers and the coordinators are told",
    params: [uuidParam('id', 'Permit id')],
    ok: { type: PermitEscalatedDto, description: 'The escalated permit and its new version' },
    problems: ['PERMIT.NOT_FOUND'],
  })
  async escalate(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: EscalateDto) {
    const { caseId } = await this.access.assertPermitVisible(p, id);
    const row = await this.ds.transaction(async (m) => {
      await lockCase(m, caseId);
      return this.host.escalate(m, id, { userId: p.userId, role: 'coordinator' }, dto.note);
    });
    return { permitId: id, version: row.version, escalated: true };
  }

  @CaseRead('cases/:id/forecast', 'The stored Monte Carlo forecast (P50/P80 per permit and case, ceiling probability); null until the worker computed it', {
    ok: { type: CaseForecastViewDto, description: 'The stored forecast (forecast null until the worker computed it)' },
  })
  forecast(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.forecasts.stored(p, id);
  }

  @CaseEndpoint('POST', 'cases/:id/forecast/what-if', {
    code: 200,
    roles: ['coordinator'],
    summary: 'What-if: the forecast now and with the scenarios applied, side by side. Writes nothing',
    ok: { type: WhatIfResultDto, description: 'The scenarios, the forecast now and the forecast with them applied' },
    problems: ['FORECAST.WHAT_IF_INVALID'],
  })
  whatIf(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: WhatIfDto) {
    return this.forecasts.whatIf(p, id, dto.scenarios);
  }
}

@Module({ controllers: [CoordinationController], imports: [AccessModule, CaseEngineModule], providers: [CoordinationService, ForecastViewService] })
export class CoordinationModule {}
