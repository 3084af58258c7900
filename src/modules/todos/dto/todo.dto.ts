import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { AnyOf, ListQueryDto } from '../../../core/http/list-params';
import { PageOf } from '../../../core/http/pagination';
import { ApiInteger, ApiTime, ApiUuid } from '../../../core/openapi/api-formats';
import { TODO_STATUSES, TODO_TYPES, TodoStatus, TodoType } from '../todo.entity';
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

  @ApiTime() createdAt: string;
  @ApiTime() completedAt: string | null;
  /** When the todo last changed (made, completed, reopened). */
  @ApiTime() updatedAt: string;
  @ApiInteger() version: number;
}

export class TodoPage extends PageOf(TodoResponse) {}
