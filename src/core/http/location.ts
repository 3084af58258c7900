import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  Injectable,
  Logger,
  NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtension } from '@nestjs/swagger';
import type {
  OperationObject,
  ResponseObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { FastifyReply } from 'fastify';
import { Observable, tap } from 'rxjs';
import { API_PREFIX } from './api-prefix';

const LOCATION_TEMPLATE = 'http:location-template';

/** Creation answers: a 201, or the 202 of work that goes on (its Location is where to follow it). */
const CREATED_STATUSES = [201, 202];

/** The operation's extension that holds the template, for the spec. */
const LOCATION_EXTENSION = 'x-location';

/**
 * Documents the Location header on an operation's 201 and 202 answers, from
 * the template that @Created left in the operation; the document builder
 * calls it. Not swagger's ApiResponse in @Created: merged over the answer the
 * CLI plugin derived, it would drop the answer's type.
 */
export function documentLocation(operation: OperationObject): void {
  const template: unknown = Reflect.get(operation, LOCATION_EXTENSION);
  if (typeof template !== 'string') return;
  for (const status of CREATED_STATUSES) {
    const response = operation.responses[status] as ResponseObject | undefined;
    if (!response) continue;
    response.headers = {
      ...response.headers,
      Location: {
        description: `The new resource: \`/${API_PREFIX}/${template}\`, filled from the answer`,
        schema: { type: 'string' },
      },
    };
  }
}

/**
 * Marks a route that creates a resource: its 201 (or 202) answer carries
 * `Location`, the URL of the new resource under the API prefix, with each
 * `{field}` of the template filled from the answer's body, e.g.
 * `@Created('customers/{id}')` gives `/api/v1/customers/6f1c…`. Only with the
 * project's `Post`, whose interceptors set it.
 */
export const Created = (template: string) =>
  applyDecorators(
    SetMetadata(LOCATION_TEMPLATE, template),
    ApiExtension(LOCATION_EXTENSION, template),
  );

/**
 * The template's URL for this body, or undefined when the body lacks a field
 * the template names (a bug of the route, which its e2e test shows).
 */
export function locationFor(template: string, body: unknown): string | undefined {
  const fields = (body ?? {}) as Record<string, unknown>;
  let complete = true;
  const path = template.replace(/\{(\w+)\}/g, (_, field: string) => {
    const value = fields[field];
    if (typeof value !== 'string' && typeof value !== 'number') complete = false;
    return encodeURIComponent(String(value));
  });
  return complete ? `/${API_PREFIX}/${path}` : undefined;
}

/**
 * Sets `Location` on the answers of @Created routes. The project's `Post`
 * puts it outside the idempotency interceptor, so a replayed answer, which
 * has the first answer's body, gets the same Location.
 */
@Injectable()
export class LocationInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Location');

  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const template = this.reflector.get<string | undefined>(
      LOCATION_TEMPLATE,
      context.getHandler(),
    );
    if (!template) return next.handle();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      tap((body) => {
        if (!CREATED_STATUSES.includes(reply.statusCode)) return;
        const location = locationFor(template, body);
        // The resource exists by now: a 500 would make the client create it again.
        if (location) void reply.header('location', location);
        else this.logger.error({ template }, 'The answer lacks a field of its Location template');
      }),
    );
  }
}
