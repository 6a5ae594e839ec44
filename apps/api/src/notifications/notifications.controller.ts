import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../auth';
import { ApiProblems } from '../common/openapi';
import { LangQueryDto, NotificationDto, NotificationPageDto, NotificationPreferencesDto, NotificationQueryDto, ReadAllResultDto, UpdateNotificationPreferencesDto } from './notifications.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: "The caller's own in-app notifications, newest first (paginated; `?unread=true` for unread only)" })
  @ApiOkResponse({ type: NotificationPageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() q: NotificationQueryDto): Promise<NotificationPageDto> {
    return this.notifications.list(principal, q);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark all your unread notifications as read' })
  @ApiOkResponse({ type: ReadAllResultDto })
  markAllRead(@CurrentPrincipal() principal: Principal): Promise<ReadAllResultDto> {
    return this.notifications.markAllRead(principal);
  }

  @Get('preferences')
  @ApiOperation({ summary: 'Your e-mail preference per notification kind (immediate / daily digest / off); legally required notices are always immediate' })
  @ApiOkResponse({ type: NotificationPreferencesDto })
  preferences(@CurrentPrincipal() principal: Principal): Promise<NotificationPreferencesDto> {
    return this.notifications.preferences(principal);
  }

  @Put('preferences')
  @ApiOperation({ summary: 'Change your e-mail preferences (the kinds listed; all or nothing)' })
  @ApiOkResponse({ type: NotificationPreferencesDto })
  @ApiProblems('NOTIFICATION.PREFERENCE_LOCKED')
  updatePreferences(@CurrentPrincipal() principal: Principal, @Body() dto: UpdateNotificationPreferencesDto): Promise<NotificationPreferencesDto> {
    return this.notifications.updatePreferences(principal, dto.items);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of your notifications as read (idempotent)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: NotificationDto })
  @ApiResponse({ status: 404, description: "Also for someone else's notification." })
  @ApiProblems('NOTIFICATION.NOT_FOUND')
  markRead(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() q: LangQueryDto): Promise<NotificationDto> {
    return this.notifications.markRead(principal, id, q.lang);
  }
}
