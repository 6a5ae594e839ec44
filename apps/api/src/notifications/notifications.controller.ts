import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../auth';
import { ProblemDto } from '../common/problem.dto';
import { NotificationDto, NotificationPageDto, NotificationQueryDto } from './notifications.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ProblemDto, description: 'No or invalid bearer token.' })
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: "The caller's own in-app notifications, newest first (paginated; `?unread=true` for unread only)" })
  @ApiOkResponse({ type: NotificationPageDto })
  @ApiResponse({ status: 400, type: ProblemDto, description: 'REQUEST.VALIDATION_FAILED' })
  list(@CurrentPrincipal() principal: Principal, @Query() q: NotificationQueryDto): Promise<NotificationPageDto> {
    return this.notifications.list(principal, q);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of your notifications as read (idempotent)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: NotificationDto })
  @ApiResponse({ status: 404, type: ProblemDto, description: "NOTIFICATION.NOT_FOUND (also for someone else's notification)" })
  markRead(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<NotificationDto> {
    return this.notifications.markRead(principal, id);
  }
}
