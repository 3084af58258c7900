import { FieldError } from './domain.exception';
import { ProblemFieldError, renderFieldErrors } from './problem-details';

/** Field errors as an English-speaking client reads them, for tests that compare messages. */
export function inEnglish(errors: FieldError[]): ProblemFieldError[];
export function inEnglish(errors: FieldError[] | undefined): ProblemFieldError[] | undefined;
export function inEnglish(errors: FieldError[] | undefined) {
  return errors && renderFieldErrors(errors, 'en');
}
