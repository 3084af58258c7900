import { LoggerService } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { Level, Logger } from 'pino';

/**
 * JSON logs on stdout: one line per request, and the app's own lines, each
 * with the id of the request it belongs to (see request-id.ts). pino's own
 * destination, as before: each write starts as soon as the one before it
 * ends, and whatever is still pending is written out synchronously when the
 * process exits, an uncaught error included (logging.spec.ts checks it).
 *
 * Request logging is two Fastify hooks, not middleware: pino-http under
 * nestjs-pino made a child logger per request and ran Nest's middleware
 * layer, a sixth of a small request's CPU (npm run bench -- api).
 */

const SECRET_NAMES = [
  'password',
  'passwordHash',
  'accessToken',
  'key',
  'secret',
  'credentials',
  'token',
];

/**
 * Never logged, at the top of a line or one level down, in the app's lines.
 * Request lines carry no headers or bodies.
 */
export const REDACTED_PATHS = [...SECRET_NAMES, ...SECRET_NAMES.map((name) => `*.${name}`)];

/** Paths whose last segment is a bearer secret (a customer's confirmation link). */
const SECRET_PATH = /(\/public\/confirmations\/)[^/?#]+/g;

export function redactUrl(url: string): string {
  return url.replace(SECRET_PATH, '$1[redacted]');
}

export function createRootLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } });
}

/** The id of the request being served, for the app's own lines. */
const requestIds = new AsyncLocalStorage<string>();

/** Load balancers probe these every few seconds; a line each would bury the rest. */
const isProbe = (request: FastifyRequest) => request.url.includes('/health/');

function levelFor(statusCode: number): Level {
  return statusCode >= 500 ? 'error' : statusCode >= 400 ? 'warn' : 'info';
}

/**
 * Logs one line per request when its answer is sent: what a request line
 * needs at 3 a.m. and no more (every line is paid for on the hot path), and
 * nothing that could be a credential, so these lines skip redaction.
 */
export function installRequestLogging(fastify: FastifyInstance, root: Logger): void {
  const requests = root.child({}, { redact: [] });
  fastify.addHook('onRequest', (request, _reply, done) => requestIds.run(request.id, done));
  fastify.addHook('onResponse', (request, reply, done) => {
    if (!isProbe(request)) {
      requests[levelFor(reply.statusCode)](
        {
          reqId: request.id,
          req: {
            method: request.method,
            url: redactUrl(request.url),
            remoteAddress: request.ip,
            userAgent: request.headers['user-agent'],
          },
          res: { statusCode: reply.statusCode },
          responseTime: Math.round(reply.elapsedTime),
        },
        'request completed',
      );
    }
    done();
  });
}

type Method = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Nest's logger, writing to the root pino logger. Nest passes a logger's
 * context (its class name) as the last argument; a first argument that is an
 * object is merged into the line, as in pino (`logger.warn({ err }, 'text')`).
 */
export class AppLogger implements LoggerService {
  constructor(private readonly root: Logger) {}

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  private write(method: Method, message: unknown, params: unknown[]): void {
    if (!this.root.isLevelEnabled(method)) return;
    const fields: Record<string, unknown> = {};
    const reqId = requestIds.getStore();
    if (reqId) fields.reqId = reqId;
    const rest = params.slice(0, -1);
    if (params.length) fields.context = params[params.length - 1];
    if (message instanceof Error) {
      fields.err = message;
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(fields, message);
    } else if (method === 'error' && isNestStack(rest)) {
      // Nest's own exception handlers log (message, stack, context).
      fields.err = { message, stack: rest[0] };
      this.root.error(fields, String(message));
      return;
    } else {
      this.root[method](fields, String(message), ...rest);
      return;
    }
    this.root[method](fields, ...(rest as [string?]));
  }
}

const isNestStack = (rest: unknown[]) =>
  rest.length === 1 && typeof rest[0] === 'string' && /\n\s*at /.test(rest[0]);
