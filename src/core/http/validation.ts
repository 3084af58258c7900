import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidateBy, ValidateIf, ValidationOptions } from 'class-validator';
import { Transform } from 'class-transformer';
import Decimal from 'decimal.js';
import { commonMessages, FieldError, InvalidInputException } from '../errors/domain.exception';
import { httpMessages } from './http.messages';
import { firstFailure } from './validation-messages';

/**
 * Flattens class-validator's tree into `{ field: "a.b[0].c", message }`, one
 * per field that failed: its first failed constraint (see firstFailure).
 */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    const own = error.constraints ? [{ field, message: firstFailure(error) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/**
 * Like @IsOptional(), but only for an absent member: an explicit null is still
 * validated (and rejected), so a PATCH cannot erase a required value with null.
 */
export const OptionalNotNull = () => ValidateIf((_object, value) => value !== undefined);

/** Decimal places of a finite number, however JavaScript prints it (1e-8 has 8). */
export function decimalPlaces(value: number): number {
  return new Decimal(value).decimalPlaces();
}

/**
 * A finite JSON number with at most `maxDecimalPlaces` fraction digits. Use it
 * instead of class-validator's IsNumber({ maxDecimalPlaces }), which throws on
 * numbers JavaScript prints with an exponent (1e-8), turning bad input into a 500.
 */
export const IsDecimalNumber = (maxDecimalPlaces: number, options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isDecimalNumber',
      constraints: [maxDecimalPlaces],
      validator: {
        validate: (value) =>
          typeof value === 'number' &&
          Number.isFinite(value) &&
          decimalPlaces(value) <= maxDecimalPlaces,
        defaultMessage: (args) =>
          `${args?.property} must be a number with at most ${maxDecimalPlaces} decimal places`,
      },
    },
    options,
  );

/**
 * A body bound to a DTO must be a JSON object. Without this, an empty body,
 * `null` or a form posted to a JSON route became an empty DTO, and a PATCH of
 * nothing answered 200.
 */
class JsonObjectValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const boundToDto = metadata.type === 'body' && this.toValidate(metadata);
    if (boundToDto && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw new InvalidInputException(
        [{ field: 'body', message: httpMessages.notJsonObject }],
        httpMessages.bodyNotJsonObject,
      );
    }
    return super.transform(value, metadata);
  }
}

/** Money as a decimal string: up to 16 integer digits and at most 2 decimals. */
export const MONEY_PATTERN = /^\d{1,16}(\.\d{1,2})?$/;

/**
 * A name as people read it: spaces around it are dropped before validation,
 * so "  " fails MinLength(1) instead of being stored as a blank name that an
 * export could not import back.
 */
export const Trimmed = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/**
 * A list of tags, each trimmed before validation; pair it with ArrayUnique so
 * " 月结" and "月结" are refused as the same tag twice, and MinLength(1, each)
 * so a blank one is refused. Deduplicating here instead would run before
 * ArrayMaxSize and let 10,000 copies of one tag through.
 */
export const TagList = () =>
  Transform(({ value }: { value: unknown }) =>
    Array.isArray(value)
      ? value.map((tag: unknown) => (typeof tag === 'string' ? tag.trim() : tag))
      : value,
  );

/** Unknown fields are errors, not silently dropped; every bad field is named at once. */
export function createValidationPipe(): ValidationPipe {
  return new JsonObjectValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // Kept on the errors for firstFailure, never sent: a field's message names no value.
    validationError: { target: true, value: true },
    exceptionFactory: (errors) =>
      new InvalidInputException(flattenValidationErrors(errors), commonMessages.invalidFields),
  });
}
