import { applyDecorators, Body, Headers, Module, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiQuery } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CaseEngineModule, parseIfMatch } from '@rl/case-engine';
import { isLocalDate } from '@rl/clocks';
import { AccessModule } from '../access';
import { CurrentPrincipal, Public, type Principal } from '../auth';
import { BearerController } from '../common/bearer-controller';
import { ApiError } from '../common/problem';
import { BINARY, CaseRead, Endpoint, uuidParam } from '../common/endpoint';
import { DashboardDto } from './dashboard.dto';
import { TargetChangeReasonDto, TargetDateChangedDto } from './insight.dto';
import { InsightService } from './insight.service';
import { CasePlanDto } from './plan.dto';
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

function ganttLang(lang: string | undefined): 'da' | 'en' {
  if (lang === undefined || lang === 'da' || lang === 'en') return lang ?? 'da';
  throw new ApiError('REQUEST.VALIDATION_FAILED', 'lang must be da or en.', { errors: [{ field: 'lang', code: 'INVALID', message: 'da | en' }] });
}

/** The Gantt chart as a download, by format. */
const GANTT = {
  pdf: { type: 'application/pdf', summary: 'The Gantt as PDF (A4 landscape: chart with P50–P80 bands, baseline vs current plan, ceiling; the dates as a table)' },
  png: { type: 'image/png', summary: 'The Gantt as PNG (the same chart as the PDF, 1800 px wide)' },
} as const;

/** The Gantt download of one format, in Danish or English (`?lang=`). */
const GanttEndpoint = (format: keyof typeof GANTT) =>
  applyDecorators(
    CaseRead(`cases/:id/plan/gantt.${format}`, GANTT[format].summary, { produces: GANTT[format].type, ok: { schema: BINARY }, problems: ['REQUEST.VALIDATION_FAILED'] }),
    ApiQuery({ name: 'lang', required: false, enum: ['da', 'en'] }),
  );

function ganttDownload(f: { body: Buffer; reference: string }, format: keyof typeof GANTT): StreamableFile {
  return new StreamableFile(f.body, { type: GANTT[format].type, disposition: `attachment; filename="gantt-${f.reference}.${format}"` });
}

@BearerController('insight')
export class InsightController {
  constructor(private readonly insight: InsightService) {}

  /** Gantt rows with the critical path, projected completion and the 12/18-month ceiling. */
  @CaseRead('cases/:id/plan', 'Gantt plan of a case: critical path, projected completion, 12/18-month ceiling', {
    description: "A caseworker sees other authorities' permits as restricted rows (phase only; no actual dates, target or risk) and only their own permits' referrals.",
    ok: { type: CasePlanDto, description: 'The plan: Gantt rows, critical path, projection against the L 206 ceiling, stored forecasts, referrals and gateways' },
  })
  plan(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.insight.plan(p, id);
  }

  @GanttEndpoint('pdf')
  async ganttPdf(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Query('lang') lang: string | undefined) {
    return ganttDownload(await this.insight.ganttFile(p, id, 'pdf', ganttLang(lang)), 'pdf');
  }

  @GanttEndpoint('png')
  async ganttPng(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Query('lang') lang: string | undefined) {
    return ganttDownload(await this.insight.ganttFile(p, id, 'png', ganttLang(lang)), 'png');
  }

  /** Coordinators only: it lists cases (titles, references, permit ids), and admins see no case data. */
  @Endpoint('GET', 'dashboard', {
    roles: ['coordinator'],
    summary: 'Coordinator dashboard: KPIs, breaches, risks, load per authority and permit type',
    ok: { type: DashboardDto, description: 'The overview: totals, breached and at-risk permits, cases to watch, the L 206 ceiling lists, load and speed per authority and permit type' },
  })
  dashboard() {
    return this.insight.dashboard();
  }

  @Public()
  @Endpoint('GET', 'target-change-reasons', { summary: 'Reason codes for moving a target date', ok: { type: [TargetChangeReasonDto], description: 'Every reason code with its Danish and English wording' } })
  reasons() {
    return TARGET_CHANGE_REASON_CODES.map((code) => ({ code, ...TARGET_CHANGE_REASONS[code] }));
  }

  @Endpoint('POST', 'permits/:id/target-date', {
    code: 200,
    roles: ['coordinator'],
    summary: 'Move the target date of a running permit clock later, with a reason code (audited)',
    params: [uuidParam('id', 'Permit id')],
    ifMatch: 'The permit version you last read',
    ok: { type: TargetDateChangedDto, description: 'The target due date moved: from, to and the reason code' },
    problems: ['PERMIT.NOT_FOUND', 'PERMIT.TARGET_DATE_INVALID'],
  })
  async changeTarget(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: ChangeTargetDateDto, @Headers('if-match') ifMatch: string | undefined) {
    if (!isLocalDate(dto.dueOn)) throw new ApiError('REQUEST.VALIDATION_FAILED', 'dueOn is not a real date.', { errors: [{ field: 'dueOn', code: 'INVALID_DATE', message: 'not a real date' }] });
    return this.insight.changeTargetDate(p, id, parseIfMatch(ifMatch), dto.dueOn, dto.reasonCode, dto.comment);
  }
}

@Module({ controllers: [InsightController], imports: [AccessModule, CaseEngineModule], providers: [InsightService], exports: [InsightService] })
export class InsightModule {}
