import {
  ArgumentsHost,
  BadRequestException,
  ForbiddenException,
  HttpException,
  HttpStatus,
  InternalServerErrorException,
  Logger,
  MethodNotAllowedException,
  NotFoundException as NestNotFoundException,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  CommonErrorCode,
  DomainException,
  ErrorKind,
  InvalidInputException,
  NotFoundException,
  StaleVersionException,
} from './domain.exception';
import { ProblemDetailsFilter, sendProblem } from './problem-details.filter';
import { PROBLEM_CONTENT_TYPE, problemType, STATUS_BY_KIND } from './problem-details';

const TEXT = { en: 'y', zh: '乙' };
const CUSTOMER = { en: 'Customer', zh: '客户' };
const PHONE_TAKEN = { en: 'The phone is taken', zh: '该手机号已被其他客户使用' };
const TOO_MANY = { en: 'Too many login attempts', zh: '登录尝试过多' };
/** A request as the filter sees it, asking for a language. */
const askingFor = (acceptLanguage: string) =>
  ({ headers: { 'accept-language': acceptLanguage } }) as unknown as FastifyRequest;

describe('ProblemDetailsFilter', () => {
  let filter: ProblemDetailsFilter;
  let loggedErrors: jest.SpyInstance;

  beforeEach(() => {
    filter = new ProblemDetailsFilter();
    // Unknown errors are logged; keep the test output clean and check what is logged.
    loggedErrors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => jest.restoreAllMocks());

  describe('toProblem for domain exceptions', () => {
    it.each<[ErrorKind, number, string]>([
      ['invalid', 400, 'Bad Request'],
      ['unauthenticated', 401, 'Unauthorized'],
      ['forbidden', 403, 'Forbidden'],
      ['not_found', 404, 'Not Found'],
      ['conflict', 409, 'Conflict'],
      ['gone', 410, 'Gone'],
      ['payload_too_large', 413, 'Payload Too Large'],
      ['unsupported_media_type', 415, 'Unsupported Media Type'],
      ['unprocessable', 422, 'Unprocessable Content'],
      ['rate_limited', 429, 'Too Many Requests'],
      ['bad_gateway', 502, 'Bad Gateway'],
      ['unavailable', 503, 'Service Unavailable'],
    ])('maps kind %s to %i %s', (kind, status, title) => {
      const problem = filter.toProblem(
        new DomainException(kind, 'SOME_CODE', { en: 'The reason', zh: '具体原因' }),
      );
      expect(problem).toEqual({
        type: 'https://sales-api.dev/problems/some-code',
        title,
        status,
        detail: 'The reason',
        code: 'SOME_CODE',
      });
    });

    it('covers every kind in STATUS_BY_KIND', () => {
      expect(Object.keys(STATUS_BY_KIND).sort()).toEqual(
        [
          'conflict',
          'forbidden',
          'gone',
          'invalid',
          'not_found',
          'payload_too_large',
          'unsupported_media_type',
          'rate_limited',
          'unauthenticated',
          'unprocessable',
          'bad_gateway',
          'unavailable',
        ].sort(),
      );
    });

    it('carries field errors as `errors`', () => {
      const problem = filter.toProblem(
        new InvalidInputException([
          { field: 'lines[2].unitPrice', message: { en: 'must be money', zh: '必须是金额' } },
          {
            field: 'phone',
            message: { en: 'is not a valid phone number', zh: '不是有效的电话号码' },
          },
        ]),
      );
      expect(problem).toMatchObject({
        status: 400,
        code: CommonErrorCode.VALIDATION_FAILED,
        errors: [
          { field: 'lines[2].unitPrice', message: 'must be money' },
          { field: 'phone', message: 'is not a valid phone number' },
        ],
      });
    });

    it('omits an empty errors array', () => {
      const problem = filter.toProblem(
        new DomainException('unprocessable', 'MISSING_EVIDENCE', TEXT, { errors: [] }),
      );
      expect(problem).not.toHaveProperty('errors');
    });

    it('spreads extensions as top-level members (e.g. DUPLICATE_PHONE)', () => {
      const problem = filter.toProblem(
        new DomainException('conflict', 'DUPLICATE_PHONE', PHONE_TAKEN, {
          extensions: { existingCustomerId: 'c-42', ownerId: 'u-7' },
          headers: { 'x-ignored': '1' },
        }),
      );
      expect(problem).toEqual({
        type: problemType('DUPLICATE_PHONE'),
        title: 'Conflict',
        status: 409,
        detail: PHONE_TAKEN.en,
        code: 'DUPLICATE_PHONE',
        existingCustomerId: 'c-42',
        ownerId: 'u-7',
      });
    });

    it('maps the module exceptions too: StaleVersionException and NotFoundException', () => {
      expect(filter.toProblem(new StaleVersionException(CUSTOMER, 3, 5))).toMatchObject({
        status: 409,
        code: 'STALE_VERSION',
        currentVersion: 5,
      });
      expect(filter.toProblem(new NotFoundException(CUSTOMER, 'c-1'))).toMatchObject({
        status: 404,
        code: 'NOT_FOUND',
        detail: 'Customer c-1 not found',
      });
    });

    it('speaks Chinese to Accept-Language: zh-CN: title, detail and field messages; never code or field', () => {
      const error = new InvalidInputException(
        [
          {
            field: 'phone',
            message: { en: 'is not a valid phone number', zh: '不是有效的电话号码' },
          },
        ],
        PHONE_TAKEN,
      );
      expect(filter.toProblem(error, askingFor('zh-CN,zh;q=0.9,en;q=0.8'))).toMatchObject({
        title: '请求无效',
        detail: PHONE_TAKEN.zh,
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'phone', message: '不是有效的电话号码' }],
      });
      expect(filter.toProblem(error, askingFor('fr-FR'))).toMatchObject({
        title: 'Bad Request',
        detail: PHONE_TAKEN.en,
      });
    });

    it('gives each code a stable type URI', () => {
      expect(problemType('IDEMPOTENCY_KEY_REUSED')).toBe(
        'https://sales-api.dev/problems/idempotency-key-reused',
      );
    });

    it('does not log expected domain errors', () => {
      filter.toProblem(new DomainException('conflict', 'X', TEXT));
      expect(loggedErrors).not.toHaveBeenCalled();
    });
  });

  describe('toProblem for Nest HttpExceptions', () => {
    it.each<[string, HttpException, number, string]>([
      ['NotFoundException', new NestNotFoundException('Cannot GET /api/v1/nope'), 404, 'NOT_FOUND'],
      ['UnauthorizedException', new UnauthorizedException(), 401, 'UNAUTHENTICATED'],
      ['ForbiddenException', new ForbiddenException(), 403, 'FORBIDDEN'],
      ['BadRequestException', new BadRequestException('bad'), 400, 'VALIDATION_FAILED'],
      ['MethodNotAllowedException', new MethodNotAllowedException(), 405, 'METHOD_NOT_ALLOWED'],
      [
        'a 429 (e.g. ThrottlerException)',
        new HttpException('Too Many Requests', HttpStatus.TOO_MANY_REQUESTS),
        429,
        'RATE_LIMITED',
      ],
      ['an unmapped 4xx', new HttpException('I am a teapot', 418), 418, 'CLIENT_ERROR'],
    ])('keeps the status of %s', (_label, error, status, code) => {
      const problem = filter.toProblem(error);
      expect(problem.status).toBe(status);
      expect(problem.code).toBe(code);
      expect(problem.type).toBe(problemType(code));
    });

    it('uses the exception message as the detail', () => {
      expect(filter.toProblem(new NestNotFoundException('Cannot GET /api/v1/nope')).detail).toBe(
        'Cannot GET /api/v1/nope',
      );
      expect(filter.toProblem(new HttpException('plain string body', 409))).toMatchObject({
        status: 409,
        title: 'Conflict',
        detail: 'plain string body',
      });
    });

    it.each<[string, HttpException, number]>([
      [
        'InternalServerErrorException',
        new InternalServerErrorException('password=hunter2 at db.internal'),
        500,
      ],
      ['ServiceUnavailableException', new ServiceUnavailableException('pool exhausted'), 503],
    ])('hides the message of a 5xx %s and logs it', (_label, error, status) => {
      const problem = filter.toProblem(error);
      expect(problem).toMatchObject({ status, code: 'INTERNAL_ERROR' });
      expect(JSON.stringify(problem)).not.toMatch(/hunter2|db\.internal|pool exhausted/);
      expect(loggedErrors).toHaveBeenCalledTimes(1);
    });
  });

  describe('toProblem for Fastify errors', () => {
    it('turns FST_ERR_CTP_BODY_TOO_LARGE into 413 PAYLOAD_TOO_LARGE', () => {
      const error = Object.assign(new Error('Request body is too large'), {
        statusCode: 413,
        code: 'FST_ERR_CTP_BODY_TOO_LARGE',
      });
      expect(filter.toProblem(error)).toEqual({
        type: problemType('PAYLOAD_TOO_LARGE'),
        title: 'Payload Too Large',
        status: 413,
        detail: 'The request body is larger than this API accepts',
        code: 'PAYLOAD_TOO_LARGE',
      });
    });

    it('accepts a plain object with the same shape', () => {
      const problem = filter.toProblem({
        statusCode: 413,
        code: 'FST_ERR_CTP_BODY_TOO_LARGE',
        message: 'Request body is too large',
      });
      expect(problem).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    });

    it('answers an overlong path parameter with 414 URI_TOO_LONG, without quoting the URL', () => {
      const problem = filter.toProblem({
        statusCode: 414,
        code: 'FST_ERR_MAX_PARAM_LENGTH',
        message: `'/api/v1/customers/${'a'.repeat(5000)}' is exceeding the max param length`,
      });
      expect(problem).toMatchObject({ status: 414, code: 'URI_TOO_LONG', title: 'URI Too Long' });
      expect(problem.detail).not.toContain('aaaa');
    });

    it.each([
      [400, 'FST_ERR_CTP_EMPTY_JSON_BODY', 'VALIDATION_FAILED'],
      [415, 'FST_ERR_CTP_INVALID_MEDIA_TYPE', 'UNSUPPORTED_MEDIA_TYPE'],
      [404, 'FST_ERR_NOT_FOUND', 'NOT_FOUND'],
      [408, 'FST_ERR_SOMETHING', 'BAD_REQUEST'],
    ])('maps status %i (%s) to %s', (statusCode, fstCode, code) => {
      const problem = filter.toProblem({ statusCode, code: fstCode, message: 'm' });
      expect(problem).toMatchObject({ status: statusCode, code });
    });

    it.each([
      ['a 5xx statusCode', { statusCode: 502, message: 'upstream said: secret' }],
      ['a statusCode below 400', { statusCode: 302, message: 'redirect' }],
      ['a string statusCode', { statusCode: '413', message: 'too large' }],
      ['no message', { statusCode: 413 }],
    ])('treats an object with %s as an unknown error', (_label, error) => {
      expect(filter.toProblem(error)).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });
    });
  });

  describe('toProblem for unknown errors', () => {
    const secretMessage = 'connect ECONNREFUSED 10.0.0.5:5432 user=sales password=s3cr3t';

    it('answers a bare 500 INTERNAL_ERROR with neither the message nor a stack', () => {
      const error = new Error(secretMessage);
      const problem = filter.toProblem(error);
      expect(problem).toEqual({
        type: problemType('INTERNAL_ERROR'),
        title: 'Internal Server Error',
        status: 500,
        detail: 'An unexpected error occurred',
        code: 'INTERNAL_ERROR',
      });
      const json = JSON.stringify(problem);
      expect(json).not.toContain('ECONNREFUSED');
      expect(json).not.toContain('s3cr3t');
      expect(json).not.toContain(error.stack?.split('\n')[1]?.trim() ?? 'at ');
      expect(json).not.toMatch(/\bat .+:\d+:\d+/);
      expect(json).not.toMatch(/stack/i);
    });

    it('logs the error itself, with the request it failed on', () => {
      const error = new TypeError(secretMessage);
      filter.toProblem(error, {
        method: 'POST',
        url: '/api/v1/customers',
        headers: {},
      } as never);
      expect(loggedErrors).toHaveBeenCalledWith(
        { err: error, method: 'POST', url: '/api/v1/customers' },
        'Unhandled error while serving a request',
      );
    });

    it.each([
      ['a thrown string', 'boom'],
      ['null', null],
      ['undefined', undefined],
      ['a number', 42],
      ['an object', { reason: 'x' }],
    ])('answers %s with a bare 500', (_label, thrown) => {
      expect(filter.toProblem(thrown)).toMatchObject({
        status: 500,
        code: 'INTERNAL_ERROR',
        detail: 'An unexpected error occurred',
      });
    });
  });

  describe('catch and sendProblem', () => {
    function fakeReply() {
      const sent: { status?: number; headers: Record<string, string>; body?: string } = {
        headers: {},
      };
      const reply = {
        status(code: number) {
          sent.status = code;
          return reply;
        },
        headers(values: Record<string, string>) {
          Object.assign(sent.headers, values);
          return reply;
        },
        header(name: string, value: string) {
          sent.headers[name] = value;
          return reply;
        },
        send(body: string) {
          sent.body = body;
          return reply;
        },
      };
      return { reply, sent };
    }

    function hostFor(reply: unknown): ArgumentsHost {
      return {
        switchToHttp: () => ({
          getResponse: () => reply,
          getRequest: () => ({ id: 'req-1', method: 'GET', url: '/api/v1/x', headers: {} }),
        }),
      } as unknown as ArgumentsHost;
    }

    it('writes problem+json with the status and the exception headers', () => {
      const { reply, sent } = fakeReply();
      filter.catch(
        new DomainException('rate_limited', 'TOO_MANY_LOGIN_ATTEMPTS', TOO_MANY, {
          headers: { 'retry-after': '60' },
        }),
        hostFor(reply),
      );
      expect(sent.status).toBe(429);
      expect(sent.headers).toEqual({
        'retry-after': '60',
        'x-request-id': 'req-1',
        'content-type': PROBLEM_CONTENT_TYPE,
      });
      expect(JSON.parse(sent.body as string)).toMatchObject({
        status: 429,
        code: 'TOO_MANY_LOGIN_ATTEMPTS',
        detail: TOO_MANY.en,
      });
    });

    it('answers a lost database with 503 DATABASE_UNAVAILABLE and Retry-After, logged as a warning', () => {
      const warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      const { reply, sent } = fakeReply();
      const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
        code: 'ECONNREFUSED',
      });
      filter.catch(refused, hostFor(reply));
      expect(sent.status).toBe(503);
      expect(sent.headers['Retry-After']).toBe('5');
      expect(JSON.parse(sent.body as string)).toMatchObject({
        status: 503,
        code: 'DATABASE_UNAVAILABLE',
        retryAfterSeconds: 5,
      });
      expect(sent.body).not.toContain('127.0.0.1');
      expect(warned).toHaveBeenCalledTimes(1);
      expect(loggedErrors).not.toHaveBeenCalled();
    });

    it('writes a bare 500 for an unknown error', () => {
      const { reply, sent } = fakeReply();
      const error = new Error('internal detail');
      filter.catch(error, hostFor(reply));
      expect(sent.status).toBe(500);
      expect(sent.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(sent.body).not.toContain('internal detail');
      expect(sent.body).not.toContain('stack');
    });

    it('sendProblem serialises the problem as the body', () => {
      const { reply, sent } = fakeReply();
      const problem = filter.toProblem(new NotFoundException({ en: 'Quote', zh: '报价单' }));
      sendProblem(reply as unknown as FastifyReply, problem);
      expect(sent.status).toBe(404);
      expect(JSON.parse(sent.body as string)).toEqual(problem);
    });
  });
});
