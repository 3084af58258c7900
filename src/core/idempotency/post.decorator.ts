// eslint-disable-next-line no-restricted-imports -- the one place that wraps it
import { applyDecorators, Post as NestPost, UseInterceptors } from '@nestjs/common';
import { LocationInterceptor } from '../http/location';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/**
 * Every POST route is declared with this, not Nest's @Post (a lint rule says
 * so): it is Nest's @Post with the idempotency interceptor on that route
 * alone. As a global interceptor it put every GET through Nest's interceptor
 * machinery (rxjs, AsyncResource.bind) for nothing, about a tenth of a GET's
 * CPU (npm run bench -- api). The Location interceptor (for @Created routes)
 * wraps it, so that a replayed answer gets its Location too.
 */
export const Post = (path?: string) =>
  applyDecorators(NestPost(path), UseInterceptors(LocationInterceptor, IdempotencyInterceptor));
