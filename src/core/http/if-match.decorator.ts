import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { InvalidInputException } from '../errors/domain.exception';
import { httpMessages } from './http.messages';

/**
 * Parses `If-Match: <version>` (quotes and a weak `W/` prefix are tolerated,
 * as HTTP clients send ETags that way). Absent means "no precondition".
 */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header === '') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) {
    throw new InvalidInputException(
      [{ field: 'If-Match', message: httpMessages.ifMatchNotVersion }],
      httpMessages.ifMatchInvalid,
    );
  }
  return Number(match[1]);
}

export const IfMatchVersion = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const header: string | string[] | undefined = context.switchToHttp().getRequest<FastifyRequest>()
    .headers['if-match'];
  return parseIfMatch(typeof header === 'string' ? header : header?.[0]);
});
