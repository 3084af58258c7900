import { applyDecorators, Type as ClassType } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ListDefinition } from './list-query';
import { PageQueryDto } from './pagination';
import { IsTimestamp } from './timestamps';

/*
 * The query parameters every list shares. The swagger plugin reads only
 * *.dto.ts files, so these properties describe themselves to the spec.
 */

export interface ListQueryParams {
  sort?: string;
  updatedSince?: string;
}

const UPDATED_SINCE = [
  'Incremental sync: only rows whose `updatedAt` is at or after this time, in `updatedAt` order, oldest first.',
  'Page to the end, keep the last `updatedAt` you saw and pass it next time: the rows of that instant come again, and no row that changed meanwhile is missed.',
  'A write still in progress holds back the end of the list until it commits (an import can take minutes), so a row shows about a second after its write at the earliest.',
].join(' ');

/**
 * `?limit=&cursor=&sort=` for `list`, and `?updatedSince=` when it lists a
 * mutable resource: `class CustomerQueryDto extends ListQueryDto(CUSTOMER_LIST) {}`.
 * An undocumented sort key is 400 naming `sort`, listing the keys.
 */
export function ListQueryDto(list: ListDefinition): ClassType<PageQueryDto & ListQueryParams> {
  class SortedQueryDto extends PageQueryDto {
    @ApiPropertyOptional({
      enum: [...list.sorts],
      default: list.defaultSort,
      description: list.sortDescription,
    })
    @IsOptional()
    @IsIn(list.sorts)
    sort?: string;
  }
  if (!list.syncs) return SortedQueryDto;

  class SyncedQueryDto extends SortedQueryDto {
    @ApiPropertyOptional({ type: String, format: 'date-time', description: UPDATED_SINCE })
    @IsOptional()
    @IsTimestamp()
    updatedSince?: string;
  }
  return SyncedQueryDto;
}

/**
 * How a filter's values travel: `stage=a&stage=b` (OpenAPI's default for a
 * query array, stated outright). The swagger module keeps both keys on the
 * parameter; they are no schema keywords, so a spread passes them through.
 */
const REPEATED_PARAMETER = { style: 'form', explode: true };

/** The most values one filter takes. */
export const MAX_FILTER_VALUES = 100;

/** What each value of a multi-value filter is. */
export type FilterValue = { enum: readonly string[] } | { format: 'uuid' } | { maxLength: number };

/**
 * A filter that matches any of its values: `?stage=lead&stage=contacted` or
 * `?stage=lead,contacted` (so no value may hold a comma). The property
 * becomes an array of checked values, for SQL's `= ANY($n)`. The spec shows
 * an array parameter, style form and exploded (OpenAPI's default for queries,
 * stated outright), which generated clients send in the repeated form.
 */
export function AnyOf(value: FilterValue, about?: string): PropertyDecorator {
  const description = [
    about,
    'Any of several values: repeat the parameter, or separate the values with commas.',
  ]
    .filter(Boolean)
    .join(' ');
  return applyDecorators(
    ApiPropertyOptional({
      type: 'array',
      items: itemSchema(value),
      maxItems: MAX_FILTER_VALUES,
      description,
      ...REPEATED_PARAMETER,
    }),
    IsOptional(),
    Transform(({ value: given }: { value: unknown }) => splitValues(given)),
    IsArray(),
    ArrayMaxSize(MAX_FILTER_VALUES),
    ...valueChecks(value),
  );
}

/** A repeated parameter arrives as an array, each of whose texts may list values too. */
function splitValues(given: unknown): unknown {
  if (given === undefined) return undefined;
  const parts = Array.isArray(given) ? (given as unknown[]) : [given];
  return parts.flatMap((part) => (typeof part === 'string' ? part.split(',') : [part]));
}

function itemSchema(value: FilterValue) {
  if ('enum' in value) return { type: 'string', enum: [...value.enum] };
  if ('format' in value) return { type: 'string', format: value.format };
  return { type: 'string', minLength: 1, maxLength: value.maxLength };
}

function valueChecks(value: FilterValue): PropertyDecorator[] {
  if ('enum' in value) return [IsIn(value.enum, { each: true })];
  if ('format' in value) return [IsUUID('all', { each: true })];
  return [
    IsString({ each: true }),
    MinLength(1, { each: true }),
    MaxLength(value.maxLength, { each: true }),
  ];
}
