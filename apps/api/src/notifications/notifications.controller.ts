import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../auth';
import { ApiProblems } from '../common/openapi';
import { NotificationDto, NotificationPageDto, NotificationQueryDto } from './notifications.dto';
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

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of your notifications as read (idempotent)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: NotificationDto })
  @ApiResponse({ status: 404, description: "Also for someone else's notification." })
  @ApiProblems('NOTIFICATION.NOT_FOUND')
  markRead(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<NotificationDto> {
    return this.notifications.markRead(principal, id);
  }
}
