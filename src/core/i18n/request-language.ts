import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { languageOf } from './text';

/**
 * The language the request asks for (Accept-Language), for what a service
 * writes down and shows later in it: an import's rejected rows, say. Errors
 * need none of this: the problem-details filter reads the header itself.
 */
export const RequestLanguage = createParamDecorator((_: unknown, context: ExecutionContext) =>
  languageOf(context.switchToHttp().getRequest<FastifyRequest>().headers['accept-language']),
);
