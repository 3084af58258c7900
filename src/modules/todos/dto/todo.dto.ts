import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { OptionalNotNull, Trimmed } from '../../../core/http/validation';
import { AnyOf, ListQueryDto } from '../../../core/http/list-params';
import { PageOf } from '../../../core/http/pagination';
import { ApiInteger, ApiTime, ApiUuid } from '../../../core/openapi/api-formats';
import {
  TODO_RESOLUTIONS,
  TODO_STATUSES,
  TODO_TYPES,
  TodoResolution,
  TodoStatus,
  TodoType,
} from '../todo.entity';
import { TODO_LIST } from '../todos.repository';

export class TodoQueryDto extends ListQueryDto(TODO_LIST) {
  @AnyOf({ enum: TODO_STATUSES }) status?: TodoStatus[];
  @AnyOf({ enum: TODO_TYPES }) type?: TodoType[];
  @AnyOf({ format: 'uuid' }, 'Only the todos about any of these customers.') customerId?: string[];
}

export class UpdateTodoDto {
  @ApiProperty({ enum: TODO_STATUSES })
  @IsIn(TODO_STATUSES)
  status: TodoStatus;

  /**
   * The director's judgement of a `funnel_anomaly` todo: required when one is
   * closed (`status: "done"`), and 400 on any other todo or status. It feeds
   * GET /metrics/anomaly-precision.
   */
  @ApiProperty({ enum: TODO_RESOLUTIONS, required: false })
  @OptionalNotNull()
  @IsIn(TODO_RESOLUTIONS)
  resolution?: TodoResolution;

  /** Why, in a few words (1–2000 characters, trimmed); only with `resolution`. */
  @OptionalNotNull()
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note?: string;
}

export class TodoResponse {
  @ApiUuid() id: string;

  @ApiProperty({ enum: TODO_TYPES })
  type: TodoType;

  @ApiUuid() assigneeId: string;
  @ApiUuid() customerId: string | null;
  title: string;

  /** What the rule that made the todo knew, e.g. a silent customer's `tags` and `silentHours`. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  payload: Record<string, unknown>;

  @ApiTime() dueAt: string | null;

  @ApiProperty({ enum: TODO_STATUSES })
  status: TodoStatus;

  /** A closed `funnel_anomaly` todo's judgement; null for other todos and while open. */
  @ApiProperty({ type: String, enum: [...TODO_RESOLUTIONS, null], nullable: true })
  resolution: TodoResolution | null;

  /** The note given with the resolution, if any. */
  @ApiProperty({ type: String, nullable: true })
  note: string | null;

  @ApiTime() createdAt: string;
  @ApiTime() completedAt: string | null;
  /** When the todo last changed (made, completed, reopened). */
  @ApiTime() updatedAt: string;
  @ApiInteger() version: number;
}

export class TodoPage extends PageOf(TodoResponse) {}
