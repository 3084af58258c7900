import { Body, Controller, Get, HttpCode, Patch, Query, Req } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AnyRole, CurrentPrincipal, Roles } from '../../core/auth/access.decorators';
import { Principal } from '../../core/auth/principal';
import { IfMatchVersion } from '../../core/http/if-match.decorator';
import { IdParam } from '../../core/http/id-param.decorator';
import { NoIdempotency } from '../../core/idempotency/idempotency';
import { Created } from '../../core/http/location';
import { Post } from '../../core/idempotency/post.decorator';
import { ApiExamples } from '../../core/openapi/api-examples.decorator';
import { ApiProblems } from '../../core/openapi/api-problems.decorator';
import {
  ChangeOwnPasswordDto,
  CreateUserDto,
  HandoverDto,
  HandoverResponse,
  MeApiKeyResponse,
  MeResponse,
  MeUserResponse,
  SetPasswordDto,
  UpdateUserDto,
  UserPage,
  UserQueryDto,
  UserResponse,
} from './dto/user.dto';
import { HandoverService } from './handover.service';
import { UserPasswordsService } from './user-passwords.service';
import { UsersService } from './users.service';
import {
  CHANGE_OWN_PASSWORD_EXAMPLE,
  CREATE_USER_EXAMPLE,
  HANDOVER_EXAMPLE,
  HANDOVER_RESULT_EXAMPLE,
  ME_EXAMPLE,
  SET_PASSWORD_EXAMPLE,
  UPDATED_USER_EXAMPLE,
  UPDATE_USER_EXAMPLE,
  USER_EXAMPLE,
  USER_PAGE_EXAMPLE,
} from './dto/org.examples';

/** Roles that have other users in their data scope: superiors may hand over a leaver's book. */
const HANDOVER_ROLES = [
  'admin',
  'sales_director',
  'regional_director',
  'ops_director',
  'supervisor',
  'store_manager',
] as const;

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly passwords: UserPasswordsService,
    private readonly handovers: HandoverService,
  ) {}

  /** Create a user with roles, org unit and supervisor */
  @Post()
  @Created('users/{id}')
  @Roles('admin')
  @ApiExamples({ request: CREATE_USER_EXAMPLE, response: USER_EXAMPLE })
  create(@Body() body: CreateUserDto, @CurrentPrincipal() actor: Principal): Promise<UserResponse> {
    return this.users.create(body, actor);
  }

  /**
   * Who is calling: the signed-in user, or the API key
   *
   * `kind` tells which. A bearer token's caller gets its user (`kind: "user"`). An API key gets
   * its own identity (`kind: "api_key"`): the key's id (as in `GET /api-keys`), name and roles.
   */
  @Get('me')
  @AnyRole()
  @ApiExtraModels(MeUserResponse, MeApiKeyResponse)
  @ApiOkResponse({
    description: 'The caller',
    schema: {
      oneOf: [{ $ref: getSchemaPath(MeUserResponse) }, { $ref: getSchemaPath(MeApiKeyResponse) }],
      discriminator: { propertyName: 'kind' },
    },
  })
  @ApiExamples({ response: ME_EXAMPLE })
  me(@CurrentPrincipal() principal: Principal): Promise<MeResponse> {
    return this.users.me(principal);
  }

  /**
   * Change your own password; your other sessions end
   *
   * The other sessions' refresh tokens and access tokens stop working at once, on every replica;
   * the session of the token that calls goes on.
   * A wrong `currentPassword` gets 422 `WRONG_CURRENT_PASSWORD` and counts as a failed login.
   * The body holds passwords, so `Idempotency-Key` is ignored: no trace of it is kept.
   */
  @Post('me/password')
  @AnyRole()
  @NoIdempotency()
  @HttpCode(204)
  @ApiProblems(404, 422, 429)
  @ApiExamples({ request: CHANGE_OWN_PASSWORD_EXAMPLE })
  changeOwnPassword(
    @Body() body: ChangeOwnPasswordDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    return this.passwords.changeOwn(principal, body, request.ip);
  }

  /** List the users in the caller's data scope */
  @Get()
  @AnyRole()
  @ApiExamples({ response: USER_PAGE_EXAMPLE })
  list(@CurrentPrincipal() principal: Principal, @Query() query: UserQueryDto): Promise<UserPage> {
    return this.users.list(principal, query);
  }

  /** Read a user in the caller's data scope */
  @Get(':id')
  @AnyRole()
  @ApiProblems(404)
  @ApiExamples({ response: USER_EXAMPLE })
  get(@CurrentPrincipal() principal: Principal, @IdParam() id: string): Promise<UserResponse> {
    return this.users.get(principal, id);
  }

  /**
   * Change a user's name, roles, org unit, supervisor or active flag
   *
   * A deactivation or a lost role takes effect at once, on every replica; a deactivation also
   * ends the user's sessions. A `supervisorId` that would make a loop gets 422 `SUPERVISOR_LOOP`;
   * demoting or deactivating the last active admin gets 422 `LAST_ADMIN`.
   */
  @Patch(':id')
  @Roles('admin')
  @ApiProblems(404, 422)
  @ApiExamples({ request: UPDATE_USER_EXAMPLE, response: UPDATED_USER_EXAMPLE })
  update(
    @IdParam() id: string,
    @Body() body: UpdateUserDto,
    @IfMatchVersion() version: number | undefined,
    @CurrentPrincipal() actor: Principal,
  ): Promise<UserResponse> {
    return this.users.update(actor, id, body, version);
  }

  /**
   * Set a user's password; the user's sessions end
   *
   * Their refresh tokens and access tokens stop working at once, on every replica.
   * The body holds a password, so `Idempotency-Key` is ignored: no trace of it is kept.
   */
  @Post(':id/password')
  @Roles('admin')
  @NoIdempotency()
  @HttpCode(204)
  @ApiProblems(404)
  @ApiExamples({ request: SET_PASSWORD_EXAMPLE })
  setPassword(
    @IdParam() id: string,
    @Body() body: SetPasswordDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<void> {
    return this.passwords.set(actor, id, body);
  }

  /**
   * Hand a user's customers, with their open todos, over to another user (离职交接)
   *
   * For admins, and for the user's superiors: the user must lie in the caller's data scope, and
   * `toUserId` must be an active user in it (422 `OWNER_OUT_OF_SCOPE` otherwise). Each customer
   * gets an audited transfer. A second call moves nothing more.
   */
  @Post(':id/handover')
  @Roles(...HANDOVER_ROLES)
  @HttpCode(200)
  @ApiProblems(404, 422)
  @ApiExamples({ request: HANDOVER_EXAMPLE, response: HANDOVER_RESULT_EXAMPLE })
  handover(
    @IdParam() id: string,
    @Body() body: HandoverDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<HandoverResponse> {
    return this.handovers.handOver(principal, id, body.toUserId);
  }
}
