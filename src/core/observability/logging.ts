import { RequestMethod } from '@nestjs/common';
import { Params } from 'nestjs-pino';

/** Never logged, wherever they appear. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.accessToken',
  '*.key',
  '*.secret',
  '*.credentials',
  '*.token',
  'req.params.token',
];

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
      serializers: {
        req: (request: { url?: string }) => ({
          ...request,
          url: request.url && redactUrl(request.url),
        }),
      },
      customLogLevel: (_request, response, error) =>
        error || response.statusCode >= 500
          ? 'error'
          : response.statusCode >= 400
            ? 'warn'
            : 'info',
      autoLogging: {
        ignore: (request) =>
          request.url?.includes('/health/') === true || request.url === '/metrics',
      },
    },
  };
}
