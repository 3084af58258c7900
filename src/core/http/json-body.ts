import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { FieldError, InvalidInputException } from '../errors/domain.exception';

/** No request of ours nests deeper; a limit far below what would exhaust a recursive walk. */
export const MAX_JSON_DEPTH = 32;

const NUL = '\u0000';

/** A key's own text in a field path: JSON-escaped, so a NUL shows as \u0000. */
const printable = (key: string) => JSON.stringify(key).slice(1, -1);

interface Container {
  value: object;
  path: string;
  depth: number;
}

/**
 * The first thing in a parsed JSON value (a body, a query) that must not reach
 * the app: a NUL character in a string or a key (PostgreSQL text cannot hold
 * one), nesting deeper than MAX_JSON_DEPTH (validation and logging recurse),
 * or a `__proto__` key or `constructor.prototype` (prototype poisoning, as
 * Fastify's own parser refuses). The walk is iterative, so any depth is safe
 * to inspect, and only containers carry a path, so a large array of numbers
 * costs no strings.
 */
export function findUnsafeValue(value: unknown, root = 'body'): FieldError | undefined {
  if (typeof value === 'string') return value.includes(NUL) ? nulIn(root) : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  const stack: Container[] = [{ value, path: '', depth: 1 }];
  while (stack.length) {
    const { value: container, path, depth } = stack.pop()!;
    if (depth > MAX_JSON_DEPTH) {
      return { field: path || root, message: `is nested deeper than ${MAX_JSON_DEPTH} levels` };
    }
    const entries: [string, unknown][] = Array.isArray(container)
      ? container.map((item, index) => [`[${index}]`, item])
      : Object.entries(container).map(([key, item]) => [key, item]);
    for (const [key, item] of entries) {
      const field = key.startsWith('[')
        ? `${path}${key}`
        : path
          ? `${path}.${printable(key)}`
          : printable(key);
      const problem = keyProblem(key, item, Array.isArray(container));
      if (problem) return { field, message: problem };
      if (typeof item === 'string' && item.includes(NUL)) return nulIn(field);
      if (item !== null && typeof item === 'object')
        stack.push({ value: item, path: field, depth: depth + 1 });
    }
  }
  return undefined;
}

function keyProblem(key: string, item: unknown, inArray: boolean): string | undefined {
  if (inArray) return undefined;
  if (key.includes(NUL)) return 'is a key with a NUL character';
  const poisoning =
    key === '__proto__' ||
    (key === 'constructor' && item !== null && typeof item === 'object' && 'prototype' in item);
  return poisoning ? 'is a reserved key' : undefined;
}

function nulIn(field: string): FieldError {
  return { field, message: 'must not contain a NUL character' };
}

function rejectUnsafe(value: unknown, root: string, detail: string): void {
  const problem = findUnsafeValue(value, root);
  if (problem) throw new InvalidInputException([problem], detail);
}

/** Parses a JSON body; invalid JSON or an unsafe value is a 400 naming the field. An empty body is no body. */
export function parseJsonBody(text: string): unknown {
  if (text === '') return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new InvalidInputException(
      [{ field: 'body', message: 'is not valid JSON' }],
      'The request body is not valid JSON',
    );
  }
  rejectUnsafe(body, 'body', 'The request body holds a value the API does not accept');
  return body;
}

type Done = (error: Error | null, value?: unknown) => void;

/** Runs `fn` and reports its result or error to a Fastify callback. */
function settle(done: Done, fn: () => unknown): void {
  let value: unknown;
  try {
    value = fn();
  } catch (error) {
    return done(error as Error);
  }
  done(null, value);
}

/**
 * JSON is the only body type besides multipart (registered by its plugin):
 * Nest's own parsers are off (bodyParser: false), and Fastify's text/plain
 * parser is removed, so any other media type gets 415. Queries and path
 * parameters reach SQL too, so the same rules apply to them before any
 * handler runs.
 */
export function registerJsonBody(app: NestFastifyApplication, bodyLimit: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit },
    (_request: FastifyRequest, text: string | Buffer, done: Done) =>
      settle(done, () => parseJsonBody(text.toString())),
  );
  fastify.addHook('preValidation', (request, _reply, done) =>
    settle(
      (error) => done(error ?? undefined),
      () => {
        rejectUnsafe(request.query, 'query', 'The query holds a value the API does not accept');
        rejectUnsafe(request.params, 'path', 'The path holds a value the API does not accept');
      },
    ),
  );
}
