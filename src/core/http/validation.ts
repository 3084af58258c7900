import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidateBy, ValidateIf, ValidationOptions } from 'class-validator';
import Decimal from 'decimal.js';
import { FieldError, InvalidInputException } from '../errors/domain.exception';

/** Flattens class-validator's tree into `{ field: "a.b[0].c", message }` pairs. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
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
        [{ field: 'body', message: 'must be a JSON object' }],
        'The request body must be a JSON object',
      );
    }
    return super.transform(value, metadata);
  }
}

/** Unknown fields are errors, not silently dropped; every bad field is named at once. */
export function createValidationPipe(): ValidationPipe {
  return new JsonObjectValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new InvalidInputException(
        flattenValidationErrors(errors),
        'The request has invalid or unknown fields',
      ),
  });
}
