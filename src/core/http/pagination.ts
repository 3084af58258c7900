import { Type as ClassType } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, isUUID, Max, MaxLength, Min } from 'class-validator';
import { CommonErrorCode, DomainException } from '../errors/domain.exception';
import { Text } from '../i18n/text';
import { httpMessages } from './http.messages';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;
/**
 * Room for a cursor that carries a text sort key: a 200-character title is at
 * most 1,200 bytes of JSON (control characters escape to six), 1,700 in base64.
 */
export const MAX_CURSOR_LENGTH = 2048;

/**
 * `?limit=&cursor=`. The swagger plugin reads only *.dto.ts files, so the
 * properties are described here by hand; every list's spec shows them.
 */
export class PageQueryDto {
  @ApiPropertyOptional({
    description: 'Page size, 1 to 500.',
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
    default: DEFAULT_PAGE_SIZE,
    type: 'integer',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = DEFAULT_PAGE_SIZE;

  @ApiPropertyOptional({
    description: 'The `nextCursor` of the previous page. Opaque.',
    maxLength: MAX_CURSOR_LENGTH,
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_CURSOR_LENGTH)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A page response class for the OpenAPI spec, e.g. `class UserPage extends PageOf(UserResponse) {}`. */
export function PageOf<T>(item: ClassType<T>): ClassType<Page<T>> {
  class PageClass implements Page<T> {
    @ApiProperty({ type: item, isArray: true })
    items: T[];

    @ApiProperty({
      type: String,
      nullable: true,
      description: 'Pass as `cursor` to get the next page; null on the last page.',
    })
    nextCursor: string | null;
  }
  return PageClass;
}

/** Keyset values of the last row seen, e.g. [createdAt, id]; null for a nullable sort key. */
export type CursorKey = (string | number | null)[];

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The kinds of value a keyset part holds. */
export type CursorKind = 'timestamp' | 'uuid' | 'text' | 'integer';

/**
 * What each part of a keyset is, checked when a cursor is decoded, so that a
 * forged cursor gets 400 rather than reaching SQL as a bad timestamp or uuid.
 * A trailing `?` admits null too (a nullable sort key).
 */
export type CursorPart = CursorKind | `${CursorKind}?`;

const KIND_CHECKS: Record<CursorKind, (part: unknown) => boolean> = {
  timestamp: (part) =>
    typeof part === 'string' &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/.test(part) &&
    !Number.isNaN(Date.parse(part)),
  uuid: (part) => typeof part === 'string' && isUUID(part),
  text: (part) => typeof part === 'string' && part.length <= 1000 && !part.includes('\u0000'),
  integer: (part) =>
    (typeof part === 'string' && /^-?\d{1,18}$/.test(part)) || Number.isSafeInteger(part),
};

/** 400 INVALID_CURSOR, naming the `cursor` parameter. */
export class InvalidCursorException extends DomainException {
  constructor(detail: Text, message: Text) {
    super('invalid', CommonErrorCode.INVALID_CURSOR, detail, {
      errors: [{ field: 'cursor', message }],
    });
  }
}

function partMatches(part: CursorPart, value: unknown): boolean {
  if (part.endsWith('?'))
    return value === null || KIND_CHECKS[part.slice(0, -1) as CursorKind](value);
  return KIND_CHECKS[part as CursorKind](value);
}

/** The keyset of a cursor this API issued, each part of the kind `parts` names. */
export function decodeCursor(cursor: string, parts: readonly CursorPart[]): CursorKey {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    // an invalid cursor, reported below
  }
  if (
    Array.isArray(key) &&
    key.length === parts.length &&
    parts.every((part, i) => partMatches(part, key[i]))
  ) {
    return key as CursorKey;
  }
  throw new InvalidCursorException(httpMessages.cursorNotOurs, httpMessages.invalidCursor);
}

/**
 * Turns `limit + 1` fetched rows into a page: the extra row only proves that a
 * next page exists, and the cursor points after the last returned row.
 */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  keyOf: (row: Row) => CursorKey,
  map: (row: Row) => Item,
): Page<Item> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  return {
    items: pageRows.map(map),
    nextCursor: hasMore ? encodeCursor(keyOf(pageRows[pageRows.length - 1])) : null,
  };
}
