import { Body, Param, Query } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../auth';
import { BearerController } from '../common/bearer-controller';
import { Endpoint } from '../common/endpoint';
import { LangQueryDto, NotificationDto, NotificationPageDto, NotificationPreferencesDto, NotificationQueryDto, ReadAllResultDto, UpdateNotificationPreferencesDto } from './notifications.dto';
import { NotificationsService } from './notifications.service';

@BearerController('notifications', 'notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Endpoint('GET', '/', { summary: "The caller's own in-app notifications, newest first (paginated; `?unread=true` for unread only)", ok: { type: NotificationPageDto } })
  list(@CurrentPrincipal() principal: Principal, @Query() q: NotificationQueryDto): Promise<NotificationPageDto> {
    return this.notifications.list(principal, q);
  }

  @Endpoint('POST', 'read-all', { code: 200, summary: 'Mark all your unread notifications as read', ok: { type: ReadAllResultDto } })
  markAllRead(@CurrentPrincipal() principal: Principal): Promise<ReadAllResultDto> {
    return this.notifications.markAllRead(principal);
  }

  @Endpoint('GET', 'preferences', {
    summary: 'Your e-mail preference per notification kind (immediate / daily digest / off); legally required notices are always immediate',
    ok: { type: NotificationPreferencesDto },
  })
  preferences(@CurrentPrincipal() principal: Principal): Promise<NotificationPreferencesDto> {
    return this.notifications.preferences(principal);
  }

  @Endpoint('PUT', 'preferences', {
    summary: 'Change your e-mail preferences (the kinds listed; all or nothing)',
    ok: { type: NotificationPreferencesDto },
    problems: ['NOTIFICATION.PREFERENCE_LOCKED'],
  })
  updatePreferences(@CurrentPrincipal() principal: Principal, @Body() dto: UpdateNotificationPreferencesDto): Promise<NotificationPreferencesDto> {
    return this.notifications.updatePreferences(principal, dto.items);
  }

  @ApiResponse({ status: 404, description: "Also for someone else's notification." })
  @Endpoint('POST', ':id/read', { code: 200, summary: 'Mark one of your notifications as read (idempotent)', params: ['id'], ok: { type: NotificationDto }, problems: ['NOTIFICATION.NOT_FOUND'] })
  markRead(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() q: LangQueryDto): Promise<NotificationDto> {
    return this.notifications.markRead(principal, id, q.lang);
  }
}
