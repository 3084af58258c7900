import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiSecurity } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Principal } from './principal';
import { Role, ROLES } from './roles';

export const PUBLIC_KEY = 'access:public';
export const ROLES_KEY = 'access:roles';

/** Opts a route out of authentication. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The spec lists the roles that may call each operation, so clients and the attack suite know. */
export const ROLES_EXTENSION = 'x-roles';

/** Restricts a route to callers holding at least one of the roles. */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth('bearer'),
    ApiSecurity('apiKey'),
    ApiExtension(ROLES_EXTENSION, roles),
  );

/** Any authenticated caller, whatever its role. */
export const AnyRole = () => Roles(...ROLES);

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/** The authenticated caller; the global guard has put it on the request. */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!request.principal)
      throw new Error('CurrentPrincipal used on a route without authentication');
    return request.principal;
  },
);
