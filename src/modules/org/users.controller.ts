import { Body, Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentPrincipal, Roles } from '../../core/auth/access.decorators';
import { Principal } from '../../core/auth/principal';
import { ParseIdPipe } from '../../core/http/parse-id.pipe';
import { Post } from '../../core/idempotency/post.decorator';
import { ApiProblems } from '../../core/openapi/api-problems.decorator';
import { CreateUserDto, UserPage, UserQueryDto, UserResponse } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** Create a user with roles, org unit and supervisor */
  @Post()
  @Roles('admin')
  create(@Body() body: CreateUserDto, @CurrentPrincipal() actor: Principal): Promise<UserResponse> {
    return this.users.create(body, actor);
  }

  /** The signed-in user */
  @Get('me')
  @AnyRole()
  @ApiProblems(404)
  me(@CurrentPrincipal() principal: Principal): Promise<UserResponse> {
    return this.users.me(principal);
  }

  /** List the users in the caller's data scope */
  @Get()
  @AnyRole()
  list(@CurrentPrincipal() principal: Principal, @Query() query: UserQueryDto): Promise<UserPage> {
    return this.users.list(principal, query);
  }

  /** Read a user in the caller's data scope */
  @Get(':id')
  @AnyRole()
  @ApiProblems(404)
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<UserResponse> {
    return this.users.get(principal, id);
  }
}
