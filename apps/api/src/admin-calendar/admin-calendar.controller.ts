import { Body, Headers, Module, Param, Query, type Type } from '@nestjs/common';
import { parseIfMatch } from '@rl/case-engine';
import { CurrentPrincipal, type Principal } from '../auth';
import { AdminController, Endpoint, IfMatch } from '../common/endpoint';
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

/** Adding a closure day or holiday rule: the change with the clocks it recomputed; a duplicate or an invalid entry is refused. */
const AddEntry = (path: string, summary: string, type: Type) => Endpoint('POST', path, { summary, created: { type }, problems: ['CALENDAR.ENTRY_EXISTS', 'CALENDAR.INVALID_RULE'] });
/** Removing one (If-Match: its version). */
const RemoveEntry = (path: string, summary: string, ifMatch: string, notFound: string) => Endpoint('DELETE', `${path}/:id`, { summary, ifMatch, ok: { type: RemovedDto }, problems: [notFound] });

/**
 * The business calendar (admins only, issue 13 item 12): holiday rules with effective dates and
 * closure days. A change recomputes the due dates of running clocks and case ceilings it moves;
 * the change and each recomputation are audited. Rules and closure days are versioned (If-Match).
 */
@AdminController('admin/calendar')
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

  @AddEntry('closure-days', 'Add a closure day; running clocks and ceilings it moves are recomputed (audited).', ClosureDayChangeDto)
  addClosureDay(@CurrentPrincipal() me: Principal, @Body() dto: CreateClosureDayDto): Promise<ClosureDayChangeDto> {
    return this.calendar.addClosureDay(me, dto);
  }

  @RemoveEntry('closure-days', 'Remove a closure day (If-Match: its version); clocks recomputed.', 'The closure day version you last read', 'CALENDAR.CLOSURE_NOT_FOUND')
  removeClosureDay(@CurrentPrincipal() me: Principal, @Param('id') id: string, @IfMatch() version: number): Promise<RemovedDto> {
    return this.calendar.removeClosureDay(me, id, version);
  }

  @AddEntry('holiday-rules', 'Add a holiday rule (fixed date or Easter offset, with effective dates); clocks recomputed.', HolidayRuleChangeDto)
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

  @RemoveEntry('holiday-rules', 'Remove a holiday rule (If-Match); clocks recomputed.', 'The rule version you last read', 'CALENDAR.RULE_NOT_FOUND')
  removeHolidayRule(@CurrentPrincipal() me: Principal, @Param('id') id: string, @IfMatch() version: number): Promise<RemovedDto> {
    return this.calendar.removeHolidayRule(me, id, version);
  }
}

@Module({ controllers: [AdminCalendarController], providers: [AdminCalendarService] })
export class AdminCalendarModule {}
