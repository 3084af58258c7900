import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { FieldError, InvalidInputException } from '../errors/domain.exception';
import { Text } from '../i18n/text';
import { httpMessages } from './http.messages';

/** No request of ours nests deeper; a limit far below what would exhaust a recursive walk. */
export const MAX_JSON_DEPTH = 32;

/**
 * No object of ours has more members (customFields is the widest). Validation
 * slows down more than linearly with an object's size: 100,000 members took
 * 16 s, a cheap way to tie up a core.
 */
export const MAX_OBJECT_MEMBERS = 1000;

/**
 * Names that would reach an object's prototype (prototype poisoning) or that
 * the DTO layer drops silently before the unknown-field check can see them.
 */
const RESERVED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

/** A key's own text in a field path: JSON-escaped, so a NUL shows as \u0000. */
const printable = (key: string) => JSON.stringify(key).slice(1, -1);

interface Container {
  value: object;
  path: string;
  depth: number;
}

/**
 * Why a string cannot be stored: PostgreSQL text cannot hold a NUL, and jsonb
 * refuses a lone surrogate (JSON's "\ud800"), which is not Unicode anyway.
 */
function textProblem(text: string): Text | undefined {
  if (text.includes('\u0000')) return httpMessages.nul;
  if (!text.isWellFormed()) return httpMessages.loneSurrogate;
  return undefined;
}

/**
 * The first thing in a parsed JSON value (a body, a query, path parameters)
 * that must not reach the app: a string or key that PostgreSQL cannot store
 * (textProblem), nesting deeper than MAX_JSON_DEPTH or an object wider than
 * MAX_OBJECT_MEMBERS, or a reserved name. The walk is iterative, so any depth
 * is safe to inspect, and a field's path is only spelled out when it is
 * reported, so a large array costs no strings.
 */
export function findUnsafeValue(value: unknown, root = 'body'): FieldError | undefined {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? { field: root, message: problem } : undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  const stack: Container[] = [{ value, path: '', depth: 1 }];
  while (stack.length) {
    const { value: container, path, depth } = stack.pop()!;
    const here = path || root;
    if (depth > MAX_JSON_DEPTH) {
      return { field: here, message: httpMessages.tooDeep(MAX_JSON_DEPTH) };
    }
    const fieldOf = (key: string | number) =>
      typeof key === 'number'
        ? `${path}[${key}]`
        : path
          ? `${path}.${printable(key)}`
          : printable(key);
    const visit = (item: unknown, key: string | number): FieldError | undefined => {
      if (typeof item === 'string') {
        const problem = textProblem(item);
        return problem ? { field: fieldOf(key), message: problem } : undefined;
      }
      if (item !== null && typeof item === 'object') {
        stack.push({ value: item, path: fieldOf(key), depth: depth + 1 });
      }
      return undefined;
    };
    if (Array.isArray(container)) {
      for (let index = 0; index < container.length; index++) {
        const problem = visit(container[index], index);
        if (problem) return problem;
      }
      continue;
    }
    const keys = Object.keys(container);
    if (keys.length > MAX_OBJECT_MEMBERS) {
      return { field: here, message: httpMessages.tooWide(MAX_OBJECT_MEMBERS) };
    }
    for (const key of keys) {
      if (RESERVED_NAMES.has(key))
        return { field: fieldOf(key), message: httpMessages.reservedName };
      const keyProblem = textProblem(key);
      if (keyProblem) return { field: fieldOf(key), message: httpMessages.keyWith(keyProblem) };
      const problem = visit((container as Record<string, unknown>)[key], key);
      if (problem) return problem;
    }
  }
  return undefined;
}

function rejectUnsafe(value: unknown, root: string, detail: Text): void {
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
      [{ field: 'body', message: httpMessages.notJson }],
      httpMessages.bodyNotJson,
    );
  }
  rejectUnsafe(body, 'body', httpMessages.unsafeBody);
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
 * What a request may bring, checked before any route sees it. JSON is the
 * only body type besides multipart (registered by its plugin): Nest's own
 * parsers are off (bodyParser: false), and Fastify's default parsers are
 * removed, so any other media type gets 415. Queries and path parameters
 * reach SQL too, so the same rules apply to them.
 */
export function registerRequestInput(app: NestFastifyApplication, bodyLimit: number): void {
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
        rejectUnsafe(request.query, 'query', httpMessages.unsafeQuery);
        rejectUnsafe(request.params, 'path', httpMessages.unsafePath);
      },
    ),
  );
}
