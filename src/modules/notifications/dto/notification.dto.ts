import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { AnyOf, ListQueryDto } from '../../../core/http/list-params';
import { PageOf } from '../../../core/http/pagination';
import { ApiInteger, ApiTime, ApiUuid } from '../../../core/openapi/api-formats';
import { NOTIFICATION_LIST } from '../notifications.repository';

export class NotificationQueryDto extends ListQueryDto(NOTIFICATION_LIST) {
  /** `true`: only the unread ones; `false`: only the read ones. */
  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';

  @AnyOf({ maxLength: 100 }, 'Only the notifications of any of these types, e.g. `alert_cc`.')
  type?: string[];
}

export class NotificationResponse {
  @ApiUuid() id: string;
  /** The recipient: always the caller. */
  @ApiUuid() userId: string;
  /** What happened, in the words of the module that wrote it, e.g. `alert_cc`. */
  type: string;
  /** For people, in Chinese. */
  title: string;

  /** The figures behind the notification; times in UTC. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  payload: Record<string, unknown>;

  /** When the caller marked it read; null while unread. */
  @ApiTime() readAt: string | null;
  @ApiTime() createdAt: string;
  @ApiTime() updatedAt: string;
  @ApiInteger() version: number;
}

export class NotificationPage extends PageOf(NotificationResponse) {}

export class ReadAllResponse {
  /** How many unread notifications this call marked read. */
  @ApiInteger() updated: number;
}
