import { Body, Controller, HttpCode, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { NoIdempotency } from '../idempotency/idempotency';
import { ApiExamples } from '../openapi/api-examples.decorator';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { Public } from './access.decorators';
import { AuthService } from './auth.service';
import { LoginDto, LoginResponse, RefreshTokenDto, SessionTokensResponse } from './dto/login.dto';
import { Post } from '../idempotency/post.decorator';
import {
  LOGIN_EXAMPLE,
  LOGIN_RESULT_EXAMPLE,
  REFRESHED_TOKENS_EXAMPLE,
  REFRESH_EXAMPLE,
} from './dto/auth.examples';

/** Every route here answers with a secret or takes one, so none keeps a request in the idempotency table. */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Sign in with username and password and get an access token and a refresh token */
  @Post('login')
  @Public()
  @NoIdempotency()
  @HttpCode(200)
  @ApiProblems(401, 429)
  @ApiExamples({ request: LOGIN_EXAMPLE, response: LOGIN_RESULT_EXAMPLE })
  login(@Body() body: LoginDto, @Req() request: FastifyRequest): Promise<LoginResponse> {
    return this.auth.login(body, request.ip);
  }

  /**
   * Exchange a refresh token for new tokens; it stops working, and a second use ends the session
   *
   * Call it when a request gets 401 `TOKEN_EXPIRED`. Each refresh token works once: presented
   * again (a stolen copy, a retry after a lost answer, or two refreshes at the same moment, of
   * which exactly one wins), it gets 401 `REFRESH_TOKEN_REUSED` and ends the whole session, so
   * refresh one request at a time per session. An unknown or expired refresh token, or one of an
   * ended session (logout, password change, deactivation), gets 401 `INVALID_REFRESH_TOKEN`.
   */
  @Post('refresh')
  @Public()
  @NoIdempotency()
  @HttpCode(200)
  @ApiProblems(401, 429)
  @ApiExamples({ request: REFRESH_EXAMPLE, response: REFRESHED_TOKENS_EXAMPLE })
  refresh(
    @Body() body: RefreshTokenDto,
    @Req() request: FastifyRequest,
  ): Promise<SessionTokensResponse> {
    return this.auth.refresh(body, request.ip);
  }

  /**
   * End the session of a refresh token: it and the session's access tokens stop working
   *
   * At once, on every replica. An unknown token, or one of a session already ended, changes
   * nothing and gets 204 too, so a logout can be retried.
   */
  @Post('logout')
  @Public()
  @NoIdempotency()
  @HttpCode(204)
  @ApiExamples({ request: REFRESH_EXAMPLE })
  logout(@Body() body: RefreshTokenDto): Promise<void> {
    return this.auth.logout(body);
  }
}
