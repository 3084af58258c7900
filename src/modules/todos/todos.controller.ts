import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentPrincipal } from '../../core/auth/access.decorators';
import { Principal } from '../../core/auth/principal';
import { IfMatchVersion } from '../../core/http/if-match.decorator';
import { ParseIdPipe } from '../../core/http/parse-id.pipe';
import { ApiProblems } from '../../core/openapi/api-problems.decorator';
import { TodoPage, TodoQueryDto, TodoResponse, UpdateTodoDto } from './dto/todo.dto';
import { TodosService } from './todos.service';

@ApiTags('todos')
@Controller('todos')
export class TodosController {
  constructor(private readonly todos: TodosService) {}

  /** List the caller's own todos, newest first */
  @Get()
  @AnyRole()
  list(@Query() query: TodoQueryDto, @CurrentPrincipal() principal: Principal): Promise<TodoPage> {
    return this.todos.list(principal, query);
  }

  /** Complete (or reopen) one of the caller's todos */
  @Patch(':id')
  @AnyRole()
  @ApiProblems(404, 409)
  update(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdateTodoDto,
    @IfMatchVersion() version: number | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TodoResponse> {
    return this.todos.update(principal, id, body.status, version);
  }
}
