import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { from, lastValueFrom, Observable } from 'rxjs';
import { AuthenticatedRequest } from '../auth/access.decorators';
import { callerKey } from '../auth/principal';
import {
  IDEMPOTENCY_HEADER,
  NO_IDEMPOTENCY_KEY,
  parseIdempotencyKey,
  requestFingerprint,
} from './idempotency';
import { IdempotencyService } from './idempotency.service';

export const REPLAYED_HEADER = 'idempotent-replayed';

/**
 * Honours `Idempotency-Key` on every POST: the first request with a key runs,
 * and later ones with the same key and body get the same status and body back
 * (marked `Idempotent-Replayed: true`) without running again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    if (request.method !== 'POST') return next.handle();
    if (this.reflector.get<boolean>(NO_IDEMPOTENCY_KEY, context.getHandler())) return next.handle();
    const key = parseIdempotencyKey(request.headers[IDEMPOTENCY_HEADER]);
    if (!key) return next.handle();
    const reply = http.getResponse<FastifyReply>();
    const caller = request.principal ? callerKey(request.principal) : `anonymous:${request.ip}`;
    const run = this.idempotency.run(
      {
        callerKey: caller,
        key,
        fingerprint: requestFingerprint(request.method, request.url, request.body),
      },
      async () => {
        const body: unknown = await lastValueFrom(next.handle(), { defaultValue: undefined });
        return { status: reply.statusCode, body };
      },
    );
    return from(
      run.then(({ status, body, replayed }) => {
        void reply.status(status).header(REPLAYED_HEADER, String(replayed));
        return body;
      }),
    );
  }
}
