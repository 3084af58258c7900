import Fastify from 'fastify';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import pino from 'pino';
import { Writable } from 'node:stream';
import { AppLogger, installRequestLogging, redactUrl, REDACTED_PATHS } from './logging';

/** A pino logger like the root one, writing its lines to an array. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const logger = pino(
    { level: 'info', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    stream,
  );
  return { logger, lines };
}

describe('redactUrl', () => {
  it('hides the token of a confirmation link, keeping the rest', () => {
    expect(redactUrl('/api/v1/public/confirmations/AbC-123_xyz?utm=wechat')).toBe(
      '/api/v1/public/confirmations/[redacted]?utm=wechat',
    );
  });

  it('leaves other paths alone', () => {
    expect(redactUrl('/api/v1/follow-ups/7d0c9d0e/confirmations')).toBe(
      '/api/v1/follow-ups/7d0c9d0e/confirmations',
    );
  });
});

describe('request logging', () => {
  const { logger, lines } = capturedLogger();
  const appLogger = new AppLogger(logger);
  const fastify = Fastify({ genReqId: () => 'req-1' });

  beforeAll(async () => {
    installRequestLogging(fastify, logger);
    fastify.get('/api/v1/customers', () => {
      appLogger.warn(
        { username: 'wang.rep', password: 'secret-pw' },
        'Failed login',
        'AuthService',
      );
      return [];
    });
    fastify.get('/api/v1/public/confirmations/:token', (_request, reply) =>
      reply.status(404).send(),
    );
    fastify.get('/api/v1/health/ready', () => ({ status: 'ok' }));
    await fastify.ready();
  });

  afterAll(() => fastify.close());
  beforeEach(() => lines.splice(0));

  it('writes one line per request, without headers, and app lines carry its id', async () => {
    await fastify.inject({
      url: '/api/v1/customers?q=1',
      headers: { authorization: 'Bearer secret', 'x-api-key': 'smk_secret', 'user-agent': 'K3/7' },
    });
    const [appLine, requestLine] = lines;
    expect(appLine).toMatchObject({
      level: 40,
      reqId: 'req-1',
      context: 'AuthService',
      username: 'wang.rep',
      password: '[redacted]',
      msg: 'Failed login',
    });
    expect(requestLine).toMatchObject({
      level: 30,
      reqId: 'req-1',
      req: { method: 'GET', url: '/api/v1/customers?q=1', userAgent: 'K3/7' },
      res: { statusCode: 200 },
      msg: 'request completed',
    });
    expect(typeof requestLine.responseTime).toBe('number');
    expect(JSON.stringify(lines)).not.toMatch(/secret/);
  });

  it('logs a 4xx as a warning, with a confirmation token hidden', async () => {
    await fastify.inject({ url: '/api/v1/public/confirmations/AbC-123' });
    expect(lines).toEqual([
      expect.objectContaining({
        level: 40,
        req: expect.objectContaining({ url: '/api/v1/public/confirmations/[redacted]' }),
        res: { statusCode: 404 },
      }),
    ]);
  });

  it('leaves out health probes', async () => {
    await fastify.inject({ url: '/api/v1/health/ready' });
    expect(lines).toEqual([]);
  });
});

describe('AppLogger', () => {
  const { logger, lines } = capturedLogger();
  const appLogger = new AppLogger(logger);

  beforeEach(() => lines.splice(0));

  it('takes the last argument as the context, and an Error as err', () => {
    appLogger.log('Applied migrations', 'Database');
    appLogger.error(new Error('boom'), 'Errors');
    expect(lines[0]).toMatchObject({ msg: 'Applied migrations', context: 'Database' });
    expect(lines[1]).toMatchObject({ context: 'Errors', err: { message: 'boom' } });
    expect(lines[0]).not.toHaveProperty('reqId');
  });

  it("keeps the stack that Nest's own exception handlers pass as a string", () => {
    appLogger.error('Cannot boot', 'Error: x\n    at main (main.ts:1:1)', 'ExceptionHandler');
    expect(lines[0]).toMatchObject({
      msg: 'Cannot boot',
      context: 'ExceptionHandler',
      err: { stack: expect.stringContaining('at main') },
    });
  });

  it('writes nothing below its level', () => {
    appLogger.debug('noise', 'X');
    expect(lines).toEqual([]);
  });
});

describe('the root logger on a crash', () => {
  it('has written every line when the process dies of an uncaught error', () => {
    const script = `
      const { createRootLogger } = require('./src/core/observability/logging');
      const logger = createRootLogger('info');
      for (let i = 0; i < 20000; i++) logger.info({ i }, 'line before the crash');
      throw new Error('crash');`;
    const result = spawnSync(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-e', script],
      { cwd: join(__dirname, '..', '..', '..'), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    expect(result.status).toBe(1);
    expect(
      result.stdout.split('\n').filter((line) => line.includes('before the crash')),
    ).toHaveLength(20000);
  });
});
