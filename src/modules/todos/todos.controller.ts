import { Body, Controller, Get, Patch, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentPrincipal } from '../../core/auth/access.decorators';
import { Principal } from '../../core/auth/principal';
import { IfMatchVersion } from '../../core/http/if-match.decorator';
import { IdParam } from '../../core/http/id-param.decorator';
import { ApiExamples } from '../../core/openapi/api-examples.decorator';
import { ApiProblems } from '../../core/openapi/api-problems.decorator';
import { TodoPage, TodoQueryDto, TodoResponse, UpdateTodoDto } from './dto/todo.dto';
import { TodosService } from './todos.service';
import { DONE_TODO_EXAMPLE, TODO_PAGE_EXAMPLE, UPDATE_TODO_EXAMPLE } from './dto/todo.examples';

@ApiTags('todos')
@Controller('todos')
export class TodosController {
  constructor(private readonly todos: TodosService) {}

  /** List the caller's own todos, newest first */
  @Get()
  @AnyRole()
  @ApiExamples({ response: TODO_PAGE_EXAMPLE })
  list(@Query() query: TodoQueryDto, @CurrentPrincipal() principal: Principal): Promise<TodoPage> {
    return this.todos.list(principal, query);
  }

  /**
   * Complete (or reopen) one of the caller's todos
   *
   * Closing a `funnel_anomaly` todo takes the director's judgement,
   * `resolution: "confirmed"|"false_alarm"`, with an optional `note`; without
   * it the answer is 400 naming `resolution`. On any other todo, or with
   * `status: "open"`, `resolution` and `note` get 400. Reopening clears them.
   */
  @Patch(':id')
  @AnyRole()
  @ApiProblems(404, 409)
  @ApiExamples({ request: UPDATE_TODO_EXAMPLE, response: DONE_TODO_EXAMPLE })
  update(
    @IdParam() id: string,
    @Body() body: UpdateTodoDto,
    @IfMatchVersion() version: number | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TodoResponse> {
    return this.todos.update(principal, id, body, version);
  }
}
