import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageOf, PageQueryDto } from '../../../core/http/pagination';
import { TODO_STATUSES, TODO_TYPES, TodoStatus, TodoType } from '../todo.entity';

export class TodoQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: TODO_STATUSES })
  @IsOptional()
  @IsIn(TODO_STATUSES)
  status?: TodoStatus;

  @ApiPropertyOptional({ enum: TODO_TYPES })
  @IsOptional()
  @IsIn(TODO_TYPES)
  type?: TodoType;

  /** Only the todos about this customer. */
  @IsOptional()
  @IsUUID()
  customerId?: string;
}

export class UpdateTodoDto {
  @ApiProperty({ enum: TODO_STATUSES })
  @IsIn(TODO_STATUSES)
  status: TodoStatus;
}

export class TodoResponse {
  id: string;

  @ApiProperty({ enum: TODO_TYPES })
  type: TodoType;

  assigneeId: string;
  customerId: string | null;
  title: string;

  /** What the rule that made the todo knew, e.g. a silent customer's `tags` and `silentHours`. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  payload: Record<string, unknown>;

  dueAt: string | null;

  @ApiProperty({ enum: TODO_STATUSES })
  status: TodoStatus;

  createdAt: string;
  completedAt: string | null;
  version: number;
}

export class TodoPage extends PageOf(TodoResponse) {}
