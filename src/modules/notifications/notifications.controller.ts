import { Controller, Get, HttpCode, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentPrincipal } from '../../core/auth/access.decorators';
import { Principal } from '../../core/auth/principal';
import { IdParam } from '../../core/http/id-param.decorator';
import { Post } from '../../core/idempotency/post.decorator';
import { ApiExamples } from '../../core/openapi/api-examples.decorator';
import { ApiProblems } from '../../core/openapi/api-problems.decorator';
import {
  NotificationPage,
  NotificationQueryDto,
  NotificationResponse,
  ReadAllResponse,
} from './dto/notification.dto';
import {
  NOTIFICATION_PAGE_EXAMPLE,
  READ_ALL_EXAMPLE,
  READ_NOTIFICATION_EXAMPLE,
} from './dto/notifications.examples';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /**
   * List the caller's own notifications, newest first
   *
   * An API key acts for no user and has an empty inbox.
   */
  @Get()
  @AnyRole()
  @ApiExamples({ response: NOTIFICATION_PAGE_EXAMPLE })
  list(
    @Query() query: NotificationQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<NotificationPage> {
    return this.notifications.list(principal, query);
  }

  /** Mark all the caller's unread notifications read; answers how many */
  @Post('read-all')
  @HttpCode(200)
  @AnyRole()
  @ApiExamples({ response: READ_ALL_EXAMPLE })
  readAll(@CurrentPrincipal() principal: Principal): Promise<ReadAllResponse> {
    return this.notifications.markAllRead(principal);
  }

  /**
   * Mark one of the caller's notifications read
   *
   * Marking a read notification again changes nothing (same `readAt` and
   * `version`). Another user's notification gets 404.
   */
  @Post(':id/read')
  @HttpCode(200)
  @AnyRole()
  @ApiProblems(404)
  @ApiExamples({ response: READ_NOTIFICATION_EXAMPLE })
  read(
    @IdParam() id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<NotificationResponse> {
    return this.notifications.markRead(principal, id);
  }
}
