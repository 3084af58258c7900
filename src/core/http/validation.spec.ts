import { inEnglish } from '../errors/field-errors.testing';
import 'reflect-metadata';
import { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Min,
  ValidateNested,
  ValidationError,
} from 'class-validator';
import {
  CommonErrorCode,
  DomainException,
  FieldError,
  InvalidInputException,
} from '../errors/domain.exception';
import {
  createValidationPipe,
  decimalPlaces,
  flattenValidationErrors,
  IsDecimalNumber,
} from './validation';

/** A failed field as class-validator reports it; `value` is what was sent (undefined: absent). */
function validationError(
  property: string,
  constraints?: Record<string, string>,
  children: ValidationError[] = [],
  value: unknown = 'sent',
): ValidationError {
  return Object.assign(new ValidationError(), { property, constraints, children, value });
}

const flattened = (errors: ValidationError[], parent?: string) =>
  inEnglish(flattenValidationErrors(errors, parent));

describe('flattenValidationErrors', () => {
  it('returns nothing for no errors', () => {
    expect(flattenValidationErrors([])).toEqual([]);
  });

  it('gives a field one message: its first failed constraint, type before form before size', () => {
    expect(
      flattened([
        validationError('tags', {
          arrayMaxSize: 'tags must contain no more than 50 elements',
          isArray: 'tags must be an array',
          maxLength: 'each value in tags must be shorter than or equal to 50 characters',
        }),
        validationError('limit', {
          max: 'limit must not be greater than 500',
          min: 'limit must not be less than 1',
          isInt: 'limit must be an integer number',
        }),
      ]),
    ).toEqual([
      { field: 'tags', message: 'tags must be an array' },
      { field: 'limit', message: 'limit must be an integer number' },
    ]);
  });

  it('says an absent field is required, whichever constraint noticed it', () => {
    const missing = Object.assign(
      validationError('name', {
        isString: 'name must be a string',
        isNotEmpty: 'name should not be empty',
      }),
      { value: undefined },
    );
    expect(flattenValidationErrors([missing])).toEqual([
      { field: 'name', message: { en: 'name is required', zh: 'name 为必填项' } },
    ]);
  });

  it('joins nested object properties with dots', () => {
    expect(
      flattened([
        validationError('customer', undefined, [
          validationError('address', undefined, [
            validationError('city', { isString: 'city must be a string' }),
          ]),
        ]),
      ]),
    ).toEqual([{ field: 'customer.address.city', message: 'city must be a string' }]);
  });

  it('writes array indexes in brackets, e.g. lines[2].unitPrice', () => {
    expect(
      flattened([
        validationError('lines', undefined, [
          validationError('2', undefined, [
            validationError('unitPrice', { matches: 'unitPrice must be money' }),
            validationError('qty', { min: 'qty must not be less than 1' }),
          ]),
          validationError('10', undefined, [
            validationError('sku', { isNotEmpty: 'sku should not be empty' }),
          ]),
        ]),
      ]),
    ).toEqual([
      { field: 'lines[2].unitPrice', message: 'unitPrice must be money' },
      { field: 'lines[2].qty', message: 'qty must not be less than 1' },
      { field: 'lines[10].sku', message: 'sku should not be empty' },
    ]);
  });

  it('handles arrays of arrays and messages at several levels', () => {
    expect(
      flattened([
        validationError('matrix', { arrayMinSize: 'matrix is too short' }, [
          validationError('0', undefined, [validationError('1', { isInt: 'must be an integer' })]),
        ]),
      ]),
    ).toEqual([
      { field: 'matrix', message: 'matrix is too short' },
      { field: 'matrix[0][1]', message: 'must be an integer' },
    ]);
  });

  it('keeps a field name that merely contains digits', () => {
    expect(
      flattened([
        validationError('tier2', undefined, [validationError('rate1', { min: 'too low' })]),
      ]),
    ).toEqual([{ field: 'tier2.rate1', message: 'too low' }]);
  });

  it('prefixes every field with the parent it is given', () => {
    expect(flattened([validationError('3', { isString: 'bad' })], 'tags')).toEqual([
      { field: 'tags[3]', message: 'bad' },
    ]);
  });
});

class QuoteLineDto {
  @IsString()
  @IsNotEmpty()
  sku: string;

  @IsInt()
  @Min(1)
  qty: number;

  @Matches(/^\d+\.\d{2}$/, { message: 'unitPrice must be money with 2 decimals' })
  unitPrice: string;
}

class CreateQuoteDto {
  @IsString()
  @IsNotEmpty()
  customerName: string;

  @IsIn(['b2b', 'b2c'])
  segment: string;

  @IsOptional()
  @IsString()
  note?: string;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => QuoteLineDto)
  lines: QuoteLineDto[];
}

const BODY: ArgumentMetadata = { type: 'body', metatype: CreateQuoteDto };

const validBody = () => ({
  customerName: '杭州海联机电有限公司',
  segment: 'b2b',
  lines: [
    { sku: 'BRG-6205', qty: 10, unitPrice: '35.50' },
    { sku: 'MTR-Y2-90L', qty: 2, unitPrice: '1280.00' },
  ],
});

async function rejectionOf(value: unknown): Promise<InvalidInputException> {
  try {
    await createValidationPipe().transform(value, BODY);
  } catch (error) {
    return error as InvalidInputException;
  }
  throw new Error('expected the body to be rejected');
}

const fieldsOf = (errors: FieldError[] | undefined) =>
  [...new Set((errors ?? []).map((error) => error.field))].sort();

describe('createValidationPipe', () => {
  it('passes a valid body through as an instance of the DTO, nested lines too', async () => {
    const result = (await createValidationPipe().transform(validBody(), BODY)) as CreateQuoteDto;
    expect(result).toBeInstanceOf(CreateQuoteDto);
    expect(result.lines[0]).toBeInstanceOf(QuoteLineDto);
    expect(result).toEqual(Object.assign(new CreateQuoteDto(), validBody()));
  });

  it('throws an InvalidInputException (a 400 domain error), not a Nest HttpException', async () => {
    const error = await rejectionOf({ ...validBody(), segment: 'b2g' });
    expect(error).toBeInstanceOf(InvalidInputException);
    expect(error).toBeInstanceOf(DomainException);
    expect(error.kind).toBe('invalid');
    expect(error.code).toBe(CommonErrorCode.VALIDATION_FAILED);
    expect(error.message).toBe('The request has invalid or unknown fields');
    expect(inEnglish(error.options.errors)).toEqual([
      { field: 'segment', message: 'segment must be one of the following values: b2b, b2c' },
    ]);
  });

  it('rejects an unknown top-level field and names it', async () => {
    const error = await rejectionOf({ ...validBody(), ownerId: 'u-1' });
    expect(inEnglish(error.options.errors)).toEqual([
      { field: 'ownerId', message: 'property ownerId should not exist' },
    ]);
  });

  it('rejects an unknown field inside a nested array element and names its path', async () => {
    const body = validBody();
    const error = await rejectionOf({
      ...body,
      lines: [body.lines[0], { ...body.lines[1], discountPct: 30 }],
    });
    expect(inEnglish(error.options.errors)).toEqual([
      { field: 'lines[1].discountPct', message: 'property discountPct should not exist' },
    ]);
  });

  it('names every bad field at once, with paths into nested arrays', async () => {
    const error = await rejectionOf({
      customerName: '',
      segment: 'wholesale',
      lines: [
        { sku: 'BRG-6205', qty: 10, unitPrice: '35.50' },
        { sku: 'BRG-6206', qty: 0, unitPrice: '35.5' },
        { sku: '', qty: 1.5, unitPrice: '10.00' },
      ],
      stage: 'won',
    });
    expect(fieldsOf(error.options.errors)).toEqual(
      [
        'customerName',
        'segment',
        'lines[1].qty',
        'lines[1].unitPrice',
        'lines[2].sku',
        'lines[2].qty',
        'stage',
      ].sort(),
    );
    expect(inEnglish(error.options.errors)).toContainEqual({
      field: 'lines[1].unitPrice',
      message: 'unitPrice must be money with 2 decimals',
    });
  });

  it('names missing required fields', async () => {
    const error = await rejectionOf({});
    expect(fieldsOf(error.options.errors)).toEqual(['customerName', 'lines', 'segment']);
  });

  it.each([
    ['no body', undefined],
    ['null', null],
    ['an array', [validBody()]],
    ['a string', 'segment=b2b'],
  ])('rejects %s where a JSON object is expected, naming the body', async (_label, body) => {
    const error = await rejectionOf(body);
    expect(inEnglish(error.options.errors)).toEqual([
      { field: 'body', message: 'must be a JSON object' },
    ]);
  });

  it('rejects a body that is not an object of the right shape', async () => {
    const error = await rejectionOf({ ...validBody(), lines: 'BRG-6205' });
    expect(fieldsOf(error.options.errors)).toEqual(['lines']);
  });

  it('does not echo submitted values back in the messages', async () => {
    const secret = '客户私密备注-13800138000';
    const error = await rejectionOf({ ...validBody(), note: 42, password: secret });
    expect(JSON.stringify(error.options)).not.toContain(secret);
    expect(fieldsOf(error.options.errors)).toEqual(['note', 'password']);
  });
});

describe('IsDecimalNumber', () => {
  class Reading {
    @IsDecimalNumber(4) frequency: number;
  }
  const PIPE_META: ArgumentMetadata = { type: 'body', metatype: Reading };
  const validate = (frequency: unknown) =>
    createValidationPipe()
      .transform({ frequency }, PIPE_META)
      .then(
        () => 'valid',
        (error: InvalidInputException) => error.options.errors?.[0]?.message.en,
      );

  it.each([0, -0, 2.5, 1.2345, 1e6, 1e-4, 123456789])('accepts %p', async (value) => {
    expect(await validate(value)).toBe('valid');
  });

  it.each([1e-8, 0.00001, 1.23456, Infinity, NaN, '2.5', null, [1], { n: 1 }])(
    'rejects %p with a 400 message, never an exception of its own',
    async (value) => {
      expect(await validate(value)).toBe(
        'frequency must be a number with at most 4 decimal places',
      );
    },
  );

  it('counts the places of numbers printed with an exponent', () => {
    expect(decimalPlaces(1e-8)).toBe(8);
    expect(decimalPlaces(1.5e-7)).toBe(8);
    expect(decimalPlaces(1e21)).toBe(0);
  });
});
