import { inEnglish } from '../../../core/errors/field-errors.testing';
import fc from 'fast-check';
import { checkSignalBatch, MAX_SIGNALS_PER_BATCH, ReceivedSignal } from './signal-batch';

const NOW = new Date('2026-11-28T10:00:00.000Z');
const CUSTOMER_ID = '3f2b8c1e-1234-4abc-8def-0123456789ab';
const valid = {
  customerId: CUSTOMER_ID,
  type: 'web_visit',
  count: 3,
  at: '2026-11-28T17:30:00+08:00',
};

const check = (body: unknown) => checkSignalBatch(body, NOW);
const errorsOf = (body: unknown) => {
  const result = check(body);
  if (result.ok) throw new Error('expected the batch to be rejected');
  return inEnglish(result.errors);
};
const fieldsOf = (body: unknown) => errorsOf(body).map((error) => error.field);

describe('checkSignalBatch', () => {
  it('accepts signals by id or by phone, defaulting count to 1', () => {
    const result = check({
      signals: [valid, { phone: '138 0013 8000', type: 'store_visit', at: '2026-11-28T09:00:00Z' }],
    });
    expect(result).toEqual({
      ok: true,
      signals: [
        {
          customerId: CUSTOMER_ID,
          phone: null,
          type: 'web_visit',
          count: 3,
          at: '2026-11-28T17:30:00+08:00',
        },
        {
          customerId: null,
          phone: '138 0013 8000',
          type: 'store_visit',
          count: 1,
          at: '2026-11-28T09:00:00Z',
        },
      ] satisfies ReceivedSignal[],
    });
  });

  it('takes a null member as absent, as @IsOptional() does', () => {
    const result = check({ signals: [{ ...valid, phone: null, count: null }] });
    expect(result.ok && result.signals[0]).toMatchObject({ phone: null, count: 1 });
  });

  it('takes up to 10,000 signals and no more, nor none', () => {
    expect(check({ signals: Array(MAX_SIGNALS_PER_BATCH).fill(valid) }).ok).toBe(true);
    expect(errorsOf({ signals: Array(MAX_SIGNALS_PER_BATCH + 1).fill(valid) })).toEqual([
      { field: 'signals', message: 'signals must contain 1 to 10000 items, not 10001' },
    ]);
    expect(fieldsOf({ signals: [] })).toEqual(['signals']);
  });

  it('rejects a body without a signals array, and unknown top-level fields', () => {
    expect(fieldsOf(undefined)).toEqual(['signals']);
    expect(fieldsOf([valid])).toEqual(['signals']);
    expect(fieldsOf({ signals: valid })).toEqual(['signals']);
    expect(errorsOf({ signals: [valid], source: 'crm' })).toEqual([
      { field: 'source', message: 'property source should not exist' },
    ]);
  });

  it('wants exactly one of customerId and phone, naming the signal', () => {
    const { customerId: _, ...neither } = valid;
    expect(errorsOf({ signals: [valid, { ...valid, phone: '13800138000' }, neither] })).toEqual([
      { field: 'signals[1]', message: 'name exactly one of customerId and phone' },
      { field: 'signals[2]', message: 'name exactly one of customerId and phone' },
    ]);
  });

  it('names every bad field of every signal as signals[i].field', () => {
    const errors = errorsOf({
      signals: [
        valid,
        { customerId: 'not-a-uuid', type: 'sms', count: 0, at: '2026-11-28 10:00', extra: 1 },
        { phone: 13800138000, type: 'web_visit', count: 1.5, at: '2026-11-28T10:00:00' },
        'web_visit',
      ],
    });
    expect(errors.map((error) => error.field)).toEqual([
      'signals[1].extra',
      'signals[1].customerId',
      'signals[1].type',
      'signals[1].count',
      'signals[1].at',
      'signals[2].phone',
      'signals[2].count',
      'signals[2].at',
      'signals[3]',
    ]);
    expect(errors[0].message).toBe('property extra should not exist');
  });

  it('bounds count to 1..1,000,000 and phone to 40 characters', () => {
    expect(check({ signals: [{ ...valid, count: 1_000_000 }] }).ok).toBe(true);
    expect(fieldsOf({ signals: [{ ...valid, count: 1_000_001 }] })).toEqual(['signals[0].count']);
    expect(fieldsOf({ signals: [{ ...valid, count: '3' }] })).toEqual(['signals[0].count']);
    const { customerId: _, ...byPhone } = valid;
    expect(check({ signals: [{ ...byPhone, phone: 'x'.repeat(40) }] }).ok).toBe(true);
    expect(fieldsOf({ signals: [{ ...byPhone, phone: 'x'.repeat(41) }] })).toEqual([
      'signals[0].phone',
    ]);
    expect(fieldsOf({ signals: [{ ...byPhone, phone: '' }] })).toEqual(['signals[0].phone']);
  });

  it('lets `at` be up to 5 minutes ahead of the clock, not more', () => {
    const ahead = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
    expect(check({ signals: [{ ...valid, at: ahead(5 * 60_000) }] }).ok).toBe(true);
    expect(errorsOf({ signals: [{ ...valid, at: ahead(5 * 60_000 + 1) }] })).toEqual([
      { field: 'signals[0].at', message: 'at must not be more than 5 minutes in the future' },
    ]);
    expect(check({ signals: [{ ...valid, at: '2019-01-01T00:00:00+08:00' }] }).ok).toBe(true);
  });

  it('tells a future `at` without an offset that it is in the future, a past one to add an offset', () => {
    expect(errorsOf({ signals: [{ ...valid, at: '2099-01-01T10:00:00' }] })).toEqual([
      { field: 'signals[0].at', message: 'at must not be more than 5 minutes in the future' },
    ]);
    expect(errorsOf({ signals: [{ ...valid, at: '2019-01-01T10:00:00' }] })).toEqual([
      { field: 'signals[0].at', message: 'at must be an ISO-8601 date-time with an offset' },
    ]);
  });

  it('names the one bad signal by its index, wherever it sits in the batch (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 49 }),
        (size, seed) => {
          const bad = seed % size;
          const signals = Array.from({ length: size }, (_, i) =>
            i === bad ? { ...valid, type: 'x' } : valid,
          );
          expect(fieldsOf({ signals })).toEqual([`signals[${bad}].type`]);
        },
      ),
    );
  });
});
