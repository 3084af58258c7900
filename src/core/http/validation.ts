import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidateIf } from 'class-validator';
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

/** Unknown fields are errors, not silently dropped; every bad field is named at once. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
