// eslint-disable-next-line no-restricted-imports -- the one place that wraps it
import { applyDecorators, Post as NestPost, UseInterceptors } from '@nestjs/common';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/**
 * Every POST route is declared with this, not Nest's @Post (a lint rule says
 * so): it is Nest's @Post with the idempotency interceptor on that route
 * alone. As a global interceptor it put every GET through Nest's interceptor
 * machinery (rxjs, AsyncResource.bind) for nothing, about a tenth of a GET's
 * CPU (npm run bench -- api).
 */
export const Post = (path?: string) =>
  applyDecorators(NestPost(path), UseInterceptors(IdempotencyInterceptor));
