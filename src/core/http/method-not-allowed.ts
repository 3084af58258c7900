import { MethodNotAllowedException } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

/**
 * The methods a path may have a route for. Not OPTIONS: CORS answers it on
 * every path (@fastify/cors's catch-all route), so it tells nothing about one.
 */
const ROUTED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** The methods that have a route for this concrete URL (the router matches it as it would a request). */
export function allowedMethods(fastify: FastifyInstance, url: string): string[] {
  return ROUTED_METHODS.filter((method) => fastify.findRoute({ method, url }) !== null);
}

/**
 * A request the router found no route for, on a path that another method
 * serves, is `405` with `Allow` rather than `404`. The router is asked again
 * only for requests that matched no route, so a matched request pays one
 * property check; the error goes to the problem+json filter (code
 * METHOD_NOT_ALLOWED), which keeps the Allow header.
 */
export function answerMethodNotAllowed(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!request.is404) return done();
    const allowed = allowedMethods(fastify, request.url);
    if (!allowed.length) return done();
    void reply.header('allow', allowed.join(', '));
    done(
      new MethodNotAllowedException(
        `${request.method} is not allowed on this path; it allows ${allowed.join(', ')}`,
      ),
    );
  });
}
