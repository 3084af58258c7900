import type { FastifyCorsOptions } from '@fastify/cors';
import helmet from '@fastify/helmet';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RouteOptions } from 'fastify';

type Directives = Record<string, string[]>;

/**
 * Every method a route of ours may answer (PUT too, so that a route added
 * later works from a browser at once; a path without it answers 405).
 */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** What a client may send: credentials, the JSON body, and the headers of our conventions. */
const ALLOWED_HEADERS = [
  'Authorization',
  'X-API-Key',
  'Content-Type',
  'Idempotency-Key',
  'If-Match',
  'Accept-Language',
  'X-Request-Id',
];

/** Headers a script may read besides the CORS-safelisted ones (Content-Type, Cache-Control, …). */
export const EXPOSED_HEADERS = [
  'X-Request-Id',
  'Retry-After',
  'Location',
  'Content-Disposition',
  'X-Attachment-Id',
  'Repr-Digest',
  'Idempotent-Replayed',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
  'RateLimit-Policy',
];

/** Chromium caps a preflight's cache at 2 h; a longer one would not be kept. */
const PREFLIGHT_MAX_AGE_SECONDS = 7200;

/** JSON is never a document: it may load nothing and be framed by no one. */
const API_POLICY: Directives = {
  defaultSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
};

/**
 * Swagger UI loads its scripts, styles and spec from our origin (the spec is
 * inlined in swagger-ui-init.js); it styles elements inline and draws its icons
 * as data: images. "Try it out" calls the API on the same origin.
 */
const SWAGGER_UI_POLICY: Directives = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * Only the directives given: helmet's defaults add upgrade-insecure-requests,
 * which breaks /docs wherever the app is served over plain HTTP (an intranet
 * address, `docker run -p 3000:3000`).
 */
const csp = (directives: Directives) => ({
  contentSecurityPolicy: { useDefaults: false, directives },
});

export interface BrowserPaths {
  /** The API's prefix, e.g. /api/v1: every answer under it is no-store. */
  api: string;
  /** Swagger UI's path, e.g. /docs: the only pages that run scripts of ours with helmet's policy. */
  docs: string;
}

function corsOptions(origins: '*' | string[]): FastifyCorsOptions {
  return {
    origin: origins,
    methods: METHODS,
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: PREFLIGHT_MAX_AGE_SECONDS,
    // Credentials are headers that scripts set; cookies are never used, so never allowed.
    credentials: false,
    // A plain OPTIONS (no Origin) gets the preflight answer, not a text/plain 400.
    strictPreflight: false,
  };
}

/** Swagger UI's page and assets get its own policy through helmet's per-route options. */
function giveSwaggerUiItsPolicy(docsPath: string) {
  return (route: RouteOptions) => {
    if (route.url === docsPath || route.url.startsWith(`${docsPath}/`)) {
      route.config = { ...route.config, helmet: csp(SWAGGER_UI_POLICY) } as typeof route.config;
    }
  };
}

/**
 * What browsers need from the API (docs/integrating.md, CORS):
 * - CORS for CORS_ORIGINS, through Nest's enableCors (@fastify/cors, whose
 *   hook runs first, so a preflight is answered before authentication);
 * - helmet's security headers, with a CSP that lets JSON load nothing and
 *   Swagger UI load its own files. The public confirmation page sets its own
 *   nonce policy, which replaces helmet's (Fastify writes a reply's headers
 *   over those helmet set on the raw response), so one policy reaches the browser;
 * - `Cache-Control: no-store` on every answer under the API prefix, errors
 *   and public routes included (a login answer holds tokens). A route that
 *   sets its own Cache-Control keeps it (attachment content: private, immutable).
 * Must run before the docs and the routes are registered: the per-route policy
 * is attached as each route is added.
 */
export async function registerBrowserHeaders(
  app: NestFastifyApplication,
  origins: '*' | string[],
  paths: BrowserPaths,
): Promise<void> {
  app.enableCors(corsOptions(origins));
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRoute', giveSwaggerUiItsPolicy(paths.docs));
  await app.register(helmet, { ...csp(API_POLICY), frameguard: { action: 'deny' } });
  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.url.startsWith(paths.api)) void reply.header('cache-control', 'no-store');
    done();
  });
}
