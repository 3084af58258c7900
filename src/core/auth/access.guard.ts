import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard, IAuthModuleOptions } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { AuthenticatedRequest, PUBLIC_KEY, ROLES_KEY } from './access.decorators';
import { API_KEY_HEADER } from './api-key.strategy';
import { ForbiddenRoleException, UnauthenticatedException } from './auth.exception';
import { Principal } from './principal';
import { Role } from './roles';

/**
 * The global guard: deny by default. A route is open only with @Public();
 * otherwise the caller must authenticate (API key or bearer token) and hold
 * one of the route's @Roles. A route with neither decorator is refused.
 */
@Injectable()
export class AccessGuard extends AuthGuard(['api-key', 'jwt']) {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    await super.canActivate(context);
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>()
      .principal as Principal;
    if (!principal.roles.some((role) => required.includes(role))) {
      throw new ForbiddenRoleException(required);
    }
    return true;
  }

  override getAuthenticateOptions(): IAuthModuleOptions {
    return { session: false, property: 'principal' };
  }

  /** An error is a strategy's verdict (an expired token); no principal, a missing or bad credential. */
  override handleRequest<TUser = Principal>(
    error: unknown,
    principal: TUser | false,
    _info: unknown,
    context: ExecutionContext,
  ): TUser {
    if (error) throw error as Error;
    if (!principal) {
      const { headers } = context.switchToHttp().getRequest<FastifyRequest>();
      throw new UnauthenticatedException(Boolean(headers.authorization || headers[API_KEY_HEADER]));
    }
    return principal;
  }
}
