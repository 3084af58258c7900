import { inEnglish } from '../errors/field-errors.testing';
import { CommonErrorCode, InvalidInputException } from '../errors/domain.exception';
import { parseIfMatch } from './if-match.decorator';

describe('parseIfMatch', () => {
  it.each<[string | undefined, number | undefined]>([
    ['3', 3],
    ['"3"', 3],
    ['W/"3"', 3],
    ['0', 0],
    ['"0"', 0],
    ['12', 12],
    ['007', 7],
    [' 3 ', 3],
    ['999999999', 999999999],
    ['', undefined],
    [undefined, undefined],
  ])('reads %j as %j', (header, expected) => {
    expect(parseIfMatch(header)).toBe(expected);
  });

  it.each([
    ['letters', 'abc'],
    ['a negative number', '-1'],
    ['a fraction', '1.5'],
    ['a quoted fraction', '"1.5"'],
    ['a wildcard', '*'],
    ['several ETags', '"3", "4"'],
    ['a weak prefix without a version', 'W/""'],
    ['a lower-case weak prefix', 'w/"3"'],
    ['a number with a unit', '3v'],
    ['an exponent', '1e3'],
    ['a hexadecimal number', '0x10'],
    ['full-width digits', '３'],
    ['ten digits (beyond the version range)', '1234567890'],
    ['only spaces', '   '],
  ])('rejects %s (%j) with a 400 naming If-Match', (_label, header) => {
    let caught: unknown;
    try {
      parseIfMatch(header);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidInputException);
    const error = caught as InvalidInputException;
    expect(error.kind).toBe('invalid');
    expect(error.code).toBe(CommonErrorCode.VALIDATION_FAILED);
    expect(inEnglish(error.options.errors)).toEqual([
      { field: 'If-Match', message: 'must be the resource version, an integer' },
    ]);
  });

  it('returns a number, not the header text', () => {
    expect(typeof parseIfMatch('"42"')).toBe('number');
  });
});
