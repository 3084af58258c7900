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
];

/** JSON logs, one line per request, each with the request id (see request-id.ts). */
export function loggingParams(level: string): Params {
  return {
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
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
