import { Body, Controller, Headers, Module, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { parseIfMatch } from '@rl/case-engine';
import { CurrentPrincipal, Roles, type Principal } from '../auth';
import { Endpoint } from '../common/endpoint';
import {
  BusinessCalendarDto,
  CalendarAuditEntryDto,
  CalendarQueryDto,
  ClosureDayChangeDto,
  CreateClosureDayDto,
  CreateHolidayRuleDto,
  HolidayRuleChangeDto,
  RemovedDto,
  UpdateHolidayRuleDto,
} from './admin-calendar.dto';
import { AdminCalendarService } from './admin-calendar.service';

/**
 * The business calendar (admins only, issue 13 item 12): holiday rules with effective dates and
 * closure days. A change recomputes the due dates of running clocks and case ceilings it moves;
 * the change and each recomputation are audited. Rules and closure days are versioned (If-Match).
 */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/calendar')
@Roles('admin')
export class AdminCalendarController {
  constructor(private readonly calendar: AdminCalendarService) {}

  @Endpoint('GET', '/', { summary: 'Holiday rules, closure days, and the non-business days of a year as the calendar in force computes them.', ok: { type: BusinessCalendarDto } })
  get(@Query() q: CalendarQueryDto): Promise<BusinessCalendarDto> {
    return this.calendar.get(q.year);
  }

  @Endpoint('GET', 'audit', { summary: 'Calendar changes (who, when, what), newest first (200 at most).', ok: { type: [CalendarAuditEntryDto] } })
  audit(): Promise<CalendarAuditEntryDto[]> {
    return this.calendar.audit();
  }

  @Endpoint('POST', 'closure-days', {
    summary: 'Add a closure day; running clocks and ceilings it moves are recomputed (audited).',
    created: { type: ClosureDayChangeDto },
    problems: ['CALENDAR.ENTRY_EXISTS', 'CALENDAR.INVALID_RULE'],
  })
  addClosureDay(@CurrentPrincipal() me: Principal, @Body() dto: CreateClosureDayDto): Promise<ClosureDayChangeDto> {
    return this.calendar.addClosureDay(me, dto);
  }

  @Endpoint('DELETE', 'closure-days/:id', {
    summary: 'Remove a closure day (If-Match: its version); clocks recomputed.',
    ifMatch: 'The closure day version you last read',
    ok: { type: RemovedDto },
    problems: ['CALENDAR.CLOSURE_NOT_FOUND'],
  })
  removeClosureDay(@CurrentPrincipal() me: Principal, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined): Promise<RemovedDto> {
    return this.calendar.removeClosureDay(me, id, parseIfMatch(ifMatch));
  }

  @Endpoint('POST', 'holiday-rules', {
    summary: 'Add a holiday rule (fixed date or Easter offset, with effective dates); clocks recomputed.',
    created: { type: HolidayRuleChangeDto },
    problems: ['CALENDAR.ENTRY_EXISTS', 'CALENDAR.INVALID_RULE'],
  })
  addHolidayRule(@CurrentPrincipal() me: Principal, @Body() dto: CreateHolidayRuleDto): Promise<HolidayRuleChangeDto> {
    return this.calendar.addHolidayRule(me, dto);
  }

  @Endpoint('PATCH', 'holiday-rules/:id', {
    summary: 'Change a rule\'s effective dates or names (e.g. Store Bededag ends 2023-12-31), with its legal source (If-Match); clocks recomputed.',
    ifMatch: 'The rule version you last read',
    ok: { type: HolidayRuleChangeDto },
    problems: ['CALENDAR.RULE_NOT_FOUND', 'CALENDAR.INVALID_RULE'],
  })
  updateHolidayRule(@CurrentPrincipal() me: Principal, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined, @Body() dto: UpdateHolidayRuleDto): Promise<HolidayRuleChangeDto> {
    return this.calendar.updateHolidayRule(me, id, parseIfMatch(ifMatch), dto);
  }

  @Endpoint('DELETE', 'holiday-rules/:id', {
    summary: 'Remove a holiday rule (If-Match); clocks recomputed.',
    ifMatch: 'The rule version you last read',
    ok: { type: RemovedDto },
    problems: ['CALENDAR.RULE_NOT_FOUND'],
  })
  removeHolidayRule(@CurrentPrincipal() me: Principal, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined): Promise<RemovedDto> {
    return this.calendar.removeHolidayRule(me, id, parseIfMatch(ifMatch));
  }
}

@Module({ controllers: [AdminCalendarController], providers: [AdminCalendarService] })
export class AdminCalendarModule {}
