import { Body, Controller, Delete, Get, Headers, Module, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { parseIfMatch } from '@rl/case-engine';
import { CurrentPrincipal, Roles, type Principal } from '../auth';
import { ApiProblems } from '../common/openapi';
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

  @Get()
  @ApiOperation({ summary: 'Holiday rules, closure days, and the non-business days of a year as the calendar in force computes them.' })
  @ApiOkResponse({ type: BusinessCalendarDto })
  get(@Query() q: CalendarQueryDto): Promise<BusinessCalendarDto> {
    return this.calendar.get(q.year);
  }

  @Get('audit')
  @ApiOperation({ summary: 'Calendar changes (who, when, what), newest first (200 at most).' })
  @ApiOkResponse({ type: [CalendarAuditEntryDto] })
  audit(): Promise<CalendarAuditEntryDto[]> {
    return this.calendar.audit();
  }

  @Post('closure-days')
  @ApiOperation({ summary: 'Add a closure day; running clocks and ceilings it moves are recomputed (audited).' })
  @ApiCreatedResponse({ type: ClosureDayChangeDto })
  @ApiProblems('CALENDAR.ENTRY_EXISTS', 'CALENDAR.INVALID_RULE')
  addClosureDay(@CurrentPrincipal() me: Principal, @Body() dto: CreateClosureDayDto): Promise<ClosureDayChangeDto> {
    return this.calendar.addClosureDay(me, dto);
  }

  @Delete('closure-days/:id')
  @ApiOperation({ summary: 'Remove a closure day (If-Match: its version); clocks recomputed.' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The closure day version you last read' })
  @ApiOkResponse({ type: RemovedDto })
  @ApiProblems('CALENDAR.CLOSURE_NOT_FOUND', 'CONCURRENCY.VERSION_CONFLICT', 'CONCURRENCY.PRECONDITION_REQUIRED', 'CONCURRENCY.IF_MATCH_INVALID')
  removeClosureDay(@CurrentPrincipal() me: Principal, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined): Promise<RemovedDto> {
    return this.calendar.removeClosureDay(me, id, parseIfMatch(ifMatch));
  }

  @Post('holiday-rules')
  @ApiOperation({ summary: 'Add a holiday rule (fixed date or Easter offset, with effective dates); clocks recomputed.' })
  @ApiCreatedResponse({ type: HolidayRuleChangeDto })
  @ApiProblems('CALENDAR.ENTRY_EXISTS', 'CALENDAR.INVALID_RULE')
  addHolidayRule(@CurrentPrincipal() me: Principal, @Body() dto: CreateHolidayRuleDto): Promise<HolidayRuleChangeDto> {
    return this.calendar.addHolidayRule(me, dto);
  }

  @Patch('holiday-rules/:id')
  @ApiOperation({ summary: 'Change a rule\'s effective dates or names (e.g. Store Bededag ends 2023-12-31), with its legal source (If-Match); clocks recomputed.' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The rule version you last read' })
  @ApiOkResponse({ type: HolidayRuleChangeDto })
  @ApiProblems('CALENDAR.RULE_NOT_FOUND', 'CALENDAR.INVALID_RULE', 'CONCURRENCY.VERSION_CONFLICT', 'CONCURRENCY.PRECONDITION_REQUIRED', 'CONCURRENCY.IF_MATCH_INVALID')
  updateHolidayRule(@CurrentPrincipal() me: Principal, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined, @Body() dto: UpdateHolidayRuleDto): Promise<HolidayRuleChangeDto> {
    return this.calendar.updateHolidayRule(me, id, parseIfMatch(ifMatch), dto);
  }

  @Delete('holiday-rules/:id')
  @ApiOperation({ summary: 'Remove a holiday rule (If-Match); clocks recomputed.' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The rule version you last read' })
  @ApiOkResponse({ type: RemovedDto })
  @ApiProblems('CALENDAR.RULE_NOT_FOUND', 'CONCURRENCY.VERSION_CONFLICT', 'CONCURRENCY.PRECONDITION_REQUIRED', 'CONCURRENCY.IF_MATCH_INVALID')
  removeHolidayRule(@CurrentPrincipal() me: Principal, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined): Promise<RemovedDto> {
    return this.calendar.removeHolidayRule(me, id, parseIfMatch(ifMatch));
  }
}

@Module({ controllers: [AdminCalendarController], providers: [AdminCalendarService] })
export class AdminCalendarModule {}
