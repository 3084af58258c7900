import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { AppConfig, buildAppConfig } from './core/config/app-config';
import { Environment, loadEnvironment } from './core/config/environment';
import { DatabaseHandle, startEmbeddedPostgres } from './core/database/embedded-postgres';
import { connectionsClosed } from './core/database/pool-connections';
import { ProblemDetailsFilter } from './core/errors/problem-details.filter';
import { registerBrowserHeaders } from './core/http/browser-headers';
import { API_PREFIX } from './core/http/api-prefix';
import { answerClientError } from './core/http/client-errors';
import { answerMethodNotAllowed } from './core/http/method-not-allowed';
import { registerRequestInput } from './core/http/request-input';
import { createValidationPipe } from './core/http/validation';
import { AppLogger, createRootLogger, installRequestLogging } from './core/observability/logging';
import { installMetrics } from './core/observability/metrics';
import { echoRequestId, requestId } from './core/observability/request-id';
import { buildOpenApiDocument } from './core/openapi/openapi-document';
import { installRateLimitHeaders } from './core/rate-limit/rate-limit-headers';
import { registerMultipart } from './core/uploads/multipart';

const DOCS_PATH = 'docs';

/** How long a shutdown waits for the database connections to close before it stops the server anyway. */
const CONNECTIONS_CLOSE_TIMEOUT_MS = 5_000;

export interface RunningApp {
  app: NestFastifyApplication;
  config: AppConfig;
  /** Closes the app, then stops the embedded database if this process started one. */
  close(): Promise<void>;
}

export interface CreateAppOptions {
  env?: NodeJS.ProcessEnv;
  overrides?: Partial<AppConfig>;
  /** Silence Nest's own boot logs (tests, spec generation). */
  quiet?: boolean;
}

/** Uses DATABASE_URL when set; otherwise starts the embedded PostgreSQL in DATA_DIR. */
async function openDatabase(env: Environment): Promise<DatabaseHandle> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, stop: () => Promise.resolve() };
  return startEmbeddedPostgres({ dataDir: resolve(env.DATA_DIR), port: env.EMBEDDED_PG_PORT });
}

function createAdapter(config: AppConfig, problems: ProblemDetailsFilter): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: requestId,
    // The router's own errors (a malformed URL, an overlong path parameter) as problem+json too.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) =>
      problems.send(error, request, reply),
    // And what Node's HTTP parser refuses before any route (headers over 16 KB).
    clientErrorHandler: answerClientError,
    // Load balancers probe /health/*; the documented routes live under the API prefix.
    rewriteUrl: (request: { url?: string }) =>
      request.url?.startsWith('/health/') ? `/${API_PREFIX}${request.url}` : request.url!,
  });
}

/**
 * The HTTP conventions every route shares: prefix, browser headers, bodies,
 * validation, problem+json, ids, 405, rate-limit headers, metrics, docs.
 */
async function configure(
  app: NestFastifyApplication,
  config: AppConfig,
  problems: ProblemDetailsFilter,
  quiet: boolean,
): Promise<void> {
  const logger = createRootLogger(config.logLevel);
  if (!quiet) app.useLogger(new AppLogger(logger));
  app.setGlobalPrefix(API_PREFIX);
  await registerBrowserHeaders(app, config.corsOrigins, {
    api: `/${API_PREFIX}`,
    docs: `/${DOCS_PATH}`,
  });
  registerRequestInput(app, config.bodyLimitBytes);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(problems);
  const fastify = app.getHttpAdapter().getInstance();
  echoRequestId(fastify);
  installRequestLogging(fastify, logger);
  installRateLimitHeaders(fastify);
  answerMethodNotAllowed(fastify);
  installMetrics(fastify);
  await registerMultipart(app);
  SwaggerModule.setup(DOCS_PATH, app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
  });
  await app.init();
  await fastify.ready();
}

/** The pool must be gone before the server stops, or its connections are cut. */
async function closeDatabase(dataSource: DataSource, database: DatabaseHandle): Promise<void> {
  if (dataSource.isInitialized) await dataSource.destroy();
  const stillOpen = await connectionsClosed(dataSource, CONNECTIONS_CLOSE_TIMEOUT_MS);
  if (stillOpen) {
    new NestLogger('Database').warn(
      `${stillOpen} database connection(s) still open after ${CONNECTIONS_CLOSE_TIMEOUT_MS} ms; stopping anyway`,
    );
  }
  await database.stop();
}

/** Builds the whole application, ready to listen; shared by main, tests and the spec generator. */
export async function createApp(options: CreateAppOptions = {}): Promise<RunningApp> {
  const env = loadEnvironment(options.env ?? process.env);
  const database = await openDatabase(env);
  try {
    const config = buildAppConfig(env, database.url, options.overrides);
    const problems = new ProblemDetailsFilter();
    const app = await NestFactory.create<NestFastifyApplication>(
      AppModule.forRoot(config),
      createAdapter(config, problems),
      {
        // Bodies are parsed by registerRequestInput (and multipart by its plugin), not by Nest's defaults.
        bodyParser: false,
        bufferLogs: true,
        // Let a failed boot reach the caller (main logs it; the database is stopped below) instead of abort().
        abortOnError: false,
        logger: options.quiet ? false : undefined,
      },
    );
    await configure(app, config, problems, options.quiet ?? false);
    const dataSource = app.get(DataSource);
    const close = async () => {
      await app.close();
      await closeDatabase(dataSource, database);
    };
    return { app, config, close };
  } catch (error) {
    await database.stop();
    throw error;
  }
}
