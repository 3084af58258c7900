import { Body, Controller, HttpCode, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { NoIdempotency } from '../idempotency/idempotency';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { Public } from './access.decorators';
import { AuthService } from './auth.service';
import { LoginDto, LoginResponse } from './dto/login.dto';
import { Post } from '../idempotency/post.decorator';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Sign in with username and password and get a bearer token */
  @Post('login')
  @Public()
  @NoIdempotency()
  @HttpCode(200)
  @ApiProblems(401, 429)
  login(@Body() body: LoginDto, @Req() request: FastifyRequest): Promise<LoginResponse> {
    return this.auth.login(body, request.ip);
  }
}
