import { RequestMethod } from '@nestjs/common';
import { Params } from 'nestjs-pino';

/**
 * Never logged, wherever they appear. Request lines carry no headers at all
 * (see the serializers), so credentials in headers never reach a log.
 */
export const REDACTED_PATHS = [
  '*.password',
  '*.passwordHash',
  '*.accessToken',
  '*.key',
  '*.secret',
  '*.credentials',
  '*.token',
  'req.params.token',
];

/** The request as pino-http hands it to the serializer. */
interface SerializedRequest {
  id: string;
  method: string;
  url?: string;
  remoteAddress?: string;
  headers: Record<string, string | string[] | undefined>;
}

/** Paths whose last segment is a bearer secret (a customer's confirmation link). */
const SECRET_PATH = /(\/public\/confirmations\/)[^/?#]+/g;

export function redactUrl(url: string): string {
  return url.replace(SECRET_PATH, '$1[redacted]');
}

/** JSON logs, one line per request, each with the request id (see request-id.ts). */
export function loggingParams(level: string): Params {
  return {
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // What a request line needs at 3 a.m., and no more: every line is paid for on the hot path.
      serializers: {
        req: (request: SerializedRequest) => ({
          id: request.id,
          method: request.method,
          url: request.url && redactUrl(request.url),
          remoteAddress: request.remoteAddress,
          userAgent: request.headers['user-agent'],
        }),
        res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
      },
      customLogLevel: (_request, response, error) =>
        error || response.statusCode >= 500
          ? 'error'
          : response.statusCode >= 400
            ? 'warn'
            : 'info',
      autoLogging: {
        // Probes, every few seconds from each load balancer. originalUrl: the middleware
        // layer hands this a url with the mount path cut off.
        ignore: (request: { originalUrl?: string; url?: string }) =>
          (request.originalUrl ?? request.url ?? '').includes('/health/'),
      },
    },
  };
}
