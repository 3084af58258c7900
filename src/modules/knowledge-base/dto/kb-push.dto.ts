import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsTimeZone,
  IsUUID,
  MaxLength,
  ValidateBy,
} from 'class-validator';
import { Role, ROLES } from '../../../core/auth/roles';
import { ListQueryDto } from '../../../core/http/list-params';
import { PageOf } from '../../../core/http/pagination';
import { ApiInteger, ApiTime, ApiUuid, ApiUuids } from '../../../core/openapi/api-formats';
import {
  ARTICLE_SOURCES,
  ArticleSource,
  MAX_PUSH_ARTICLES,
  RUN_TRIGGERS,
  RunTrigger,
} from '../domain/knowledge-base';
import { isFiveFieldCron } from '../domain/push-schedule';
import { PUSH_LIST } from '../kb-pushes.repository';

/** A five-field cron expression: 400 naming `cron` in English and Chinese otherwise. */
const IsFiveFieldCron = () =>
  applyDecorators(
    ApiProperty({ example: '0 17 * * 5' }),
    IsString(),
    MaxLength(100),
    ValidateBy(
      {
        name: 'isFiveFieldCron',
        validator: { validate: (value) => isFiveFieldCron(String(value)) },
      },
      {
        message:
          'cron must be a cron expression of 5 fields (minute hour day month weekday), e.g. 0 17 * * 5',
        context: { zh: 'cron 必须是 5 段的 cron 表达式（分 时 日 月 周），例如 0 17 * * 5' },
      },
    ),
  );

export class CreatePushDto {
  /**
   * When it runs: minute, hour, day of month, month, day of week, read on the
   * wall clock of `timezone`. `0 17 * * 5` is Fridays at 17:00.
   */
  @IsFiveFieldCron()
  cron: string;

  /** The IANA time zone of `cron`; the organisation's `timezone` setting by default. */
  @ApiPropertyOptional({ example: 'Asia/Shanghai' })
  @IsOptional()
  @IsTimeZone()
  timezone?: string;

  /** The published articles each run sends (1–50); exclusive with `source`. */
  @ApiPropertyOptional({ type: String, format: 'uuid', isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PUSH_ARTICLES)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  articleIds?: string[];

  /**
   * `auto_faq`: each run drafts FAQ articles from the last 7 days of ticket
   * questions and sends the new drafts; exclusive with `articleIds`.
   */
  @ApiPropertyOptional({ enum: ['auto_faq'] })
  @IsOptional()
  @IsIn(['auto_faq'])
  source?: 'auto_faq';

  /** Every active user holding any of these roles receives each run. */
  @ApiProperty({ enum: ROLES, isArray: true, example: ['rep', 'store_manager'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  audienceRoles: Role[];
}

export class PushQueryDto extends ListQueryDto(PUSH_LIST) {}

export class PushResponse {
  @ApiUuid() id: string;
  cron: string;
  timezone: string;
  /** The articles each run sends; null for an auto_faq push. */
  @ApiProperty({ type: String, format: 'uuid', isArray: true, nullable: true })
  articleIds: string[] | null;
  @ApiProperty({ enum: ARTICLE_SOURCES }) source: ArticleSource;
  @ApiProperty({ enum: ROLES, isArray: true }) audienceRoles: Role[];
  /** When the scheduler runs it next (within a minute of it, see KB_PUSH_CRON). */
  @ApiTime() nextRunAt: string;
  active: boolean;
  /** Its author; null for an API key. */
  @ApiUuid() createdBy: string | null;
  @ApiTime() createdAt: string;
  @ApiTime() updatedAt: string;
  @ApiInteger() version: number;
}

export class PushPage extends PageOf(PushResponse) {}

/** One run: what it sent, to how many. */
export class PushRunResponse {
  @ApiUuid() runId: string;
  @ApiUuid() pushId: string;
  @ApiTime() ranAt: string;
  @ApiProperty({ enum: RUN_TRIGGERS }) trigger: RunTrigger;
  /** The users it delivered a notification to. */
  @ApiInteger() delivered: number;
  /** The articles it sent: the push's, or (auto_faq) the drafts this run made. */
  @ApiUuids() articleIds: string[];
}

export class PushRunStats {
  @ApiUuid() runId: string;
  @ApiTime() ranAt: string;
  @ApiInteger() delivered: number;
  /** Of those delivered to, how many have read every article of the run. */
  @ApiInteger() read: number;
  /** read / delivered × 100, half-up to 2 places; 0 when nobody was delivered to. */
  completionPct: number;
}

export class PushStatsResponse {
  @ApiUuid() pushId: string;
  /** The latest 100 runs, oldest first. */
  runs: PushRunStats[];
}

/** What one tick of the push scheduler did. */
export class PushJobRunResponse {
  /** The runs it made: one per push that was due. */
  runs: PushRunResponse[];
}
