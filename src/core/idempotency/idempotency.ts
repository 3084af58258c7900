import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit/domain/hash-chain';
import { DomainException, InvalidInputException } from '../errors/domain.exception';
import { catalogue } from '../i18n/text';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const MAX_KEY_LENGTH = 255;
export const RETENTION_HOURS = 24;

export const NO_IDEMPOTENCY_KEY = 'idempotency:off';
export const NO_IDEMPOTENCY_EXTENSION = 'x-idempotency-key-ignored';

/**
 * For POSTs whose answer is a secret (a token, an API key): replaying it would
 * show it twice and keep it at rest in the key table, so such routes ignore
 * Idempotency-Key. The spec marks them and leaves the header out.
 */
export const NoIdempotency = () =>
  applyDecorators(
    SetMetadata(NO_IDEMPOTENCY_KEY, true),
    ApiExtension(NO_IDEMPOTENCY_EXTENSION, true),
  );

/**
 * For POSTs that keep the Idempotency-Key contract themselves: the interceptor
 * fingerprints a JSON body, which a multipart upload does not have (the file
 * is streamed later, by the route's pipe), so such a route fingerprints what
 * it received, e.g. the file's sha256. Unlike @NoIdempotency(), the key is
 * honoured, so the spec keeps the standard Idempotency-Key parameter.
 */
export const IdempotentByService = () => SetMetadata(NO_IDEMPOTENCY_KEY, true);

export const idempotencyMessages = catalogue({
  keyReused: {
    en: 'This Idempotency-Key was already used with a different request; use a new key',
    zh: '该 Idempotency-Key 已用于另一个不同的请求，请换一个新的键',
  },
  keyMalformed: {
    en: `must be 1-${MAX_KEY_LENGTH} visible ASCII characters`,
    zh: `必须是 1 到 ${MAX_KEY_LENGTH} 个可见 ASCII 字符`,
  },
  keyInvalid: { en: 'The Idempotency-Key header is invalid', zh: 'Idempotency-Key 请求头无效' },
});

export const IdempotencyErrorCode = {
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
} as const;

export class IdempotencyKeyReusedException extends DomainException {
  constructor() {
    super('conflict', IdempotencyErrorCode.IDEMPOTENCY_KEY_REUSED, idempotencyMessages.keyReused);
  }
}

/** Returns the key, undefined when absent, or throws for an empty or over-long key. */
export function parseIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const key = Array.isArray(header) ? header[0] : header;
  if (!key || key.length > MAX_KEY_LENGTH || !/^[\x21-\x7e]+$/.test(key)) {
    throw new InvalidInputException(
      [
        {
          field: 'Idempotency-Key',
          message: idempotencyMessages.keyMalformed,
        },
      ],
      idempotencyMessages.keyInvalid,
    );
  }
  return key;
}

/** Two requests are "the same" when method, path, query and body agree, key order aside. */
export function requestFingerprint(method: string, url: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${url}\n${canonicalJson(body ?? null)}`)
    .digest('hex');
}
