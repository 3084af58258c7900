import { ApiProperty } from '@nestjs/swagger';

/**
 * Formats that generated clients type by: without them a time is a plain
 * string, an id any string, and a count a float. Each merges with what the
 * Swagger CLI plugin infers (nullable, required, description).
 */

/** Every time an answer carries, in UTC with milliseconds. */
export const EXAMPLE_TIME = '2026-12-06T02:30:00.000Z';

/** A time: ISO-8601 with an offset on input, UTC `…Z` with milliseconds in answers. */
export const ApiTime = (): PropertyDecorator =>
  ApiProperty({ type: String, format: 'date-time', example: EXAMPLE_TIME });

/** A UUID. */
export const ApiUuid = (): PropertyDecorator => ApiProperty({ type: String, format: 'uuid' });

/** A list of UUIDs. */
export const ApiUuids = (): PropertyDecorator =>
  ApiProperty({ type: String, format: 'uuid', isArray: true });

/** A whole number: a count, a version, a size. */
export const ApiInteger = (): PropertyDecorator => ApiProperty({ type: 'integer' });
