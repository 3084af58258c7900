import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

const TRUSTED_ID = /^[\w.-]{1,128}$/;

/**
 * Fastify's request id, which the JSON logs carry: the caller's X-Request-Id
 * when it is a sane token (so a trace spans services), else a new UUID.
 */
export function requestId(request: IncomingMessage): string {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && TRUSTED_ID.test(incoming) ? incoming : randomUUID();
}

/** Echoes the id on every response, so a client can quote it in a bug report. */
export function echoRequestId(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
}
