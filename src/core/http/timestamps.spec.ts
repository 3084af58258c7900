import { ArgumentMetadata } from '@nestjs/common';
import { InvalidInputException } from '../errors/domain.exception';
import { inEnglish } from '../errors/field-errors.testing';
import {
  isCalendarDate,
  isSurelyAfter,
  IsTimestamp,
  NotInFuture,
  parseOffsetTime,
  utcTimesIn,
} from './timestamps';
import { createValidationPipe } from './validation';

describe('parseOffsetTime', () => {
  it('reads ISO-8601 date-times that carry an offset', () => {
    expect(parseOffsetTime('2026-11-28T18:00:00+08:00')).toBe(Date.parse('2026-11-28T10:00:00Z'));
    expect(parseOffsetTime('2026-11-28T18:00+0800')).toBe(Date.parse('2026-11-28T10:00:00Z'));
    expect(parseOffsetTime('2026-11-28T10:00:00.123456Z')).toBe(
      Date.parse('2026-11-28T10:00:00.123Z'),
    );
    expect(parseOffsetTime('2024-02-29T00:00:00Z')).toBe(Date.parse('2024-02-29T00:00:00Z'));
  });

  it('refuses local times, impossible dates, year 0 and anything not a string', () => {
    for (const text of [
      '2026-11-28T10:00:00',
      '2026-11-28 10:00:00Z',
      '2026-02-29T00:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-11-28T24:00:00Z',
      '2026-11-28',
      '0000-01-01T00:00:00Z',
      'yesterday',
    ]) {
      expect(parseOffsetTime(text)).toBeUndefined();
    }
    expect(parseOffsetTime(1795831200000)).toBeUndefined();
  });
});

describe('isSurelyAfter', () => {
  const latest = Date.parse('2026-12-06T08:00:00Z');

  it('reads a time with an offset as it says', () => {
    expect(isSurelyAfter('2026-12-06T16:00:01+08:00', latest)).toBe(true);
    expect(isSurelyAfter('2026-12-06T16:00:00+08:00', latest)).toBe(false);
  });

  it('takes a time without an offset as future only if it is later even at UTC+14', () => {
    expect(isSurelyAfter('2026-12-06T22:00:01', latest)).toBe(true);
    expect(isSurelyAfter('2026-12-06T22:00:00', latest)).toBe(false);
    expect(isSurelyAfter('2026-12-06T10:00:00', latest)).toBe(false);
  });

  it('says nothing of what is not a time', () => {
    for (const value of ['tomorrow', '2099-13-01T00:00:00', 42, null]) {
      expect(isSurelyAfter(value, latest)).toBe(false);
    }
  });
});

describe('IsTimestamp and NotInFuture', () => {
  class Touch {
    @NotInFuture(0) @IsTimestamp() occurredAt: string;
  }
  const metadata: ArgumentMetadata = { type: 'body', metatype: Touch };
  const messageFor = (occurredAt: unknown) =>
    createValidationPipe()
      .transform({ occurredAt }, metadata)
      .then(
        () => undefined,
        (error: InvalidInputException) => inEnglish(error.options.errors),
      );

  it('accepts a time with an offset', async () => {
    expect(await messageFor('2026-12-06T10:30:00+08:00')).toBeUndefined();
  });

  it('refuses a local time, naming the field and showing the form it wants', async () => {
    expect(await messageFor('2026-12-05T10:00:00')).toEqual([
      {
        field: 'occurredAt',
        message:
          'occurredAt must be an ISO-8601 date-time with an offset, e.g. 2026-12-06T10:30:00+08:00',
      },
    ]);
  });

  it('tells a future time without an offset that it is in the future, not to add an offset', async () => {
    expect(await messageFor('2099-01-01T10:00:00')).toEqual([
      { field: 'occurredAt', message: 'occurredAt must not be in the future' },
    ]);
    expect(await messageFor('2099-01-01T10:00:00+08:00')).toEqual([
      { field: 'occurredAt', message: 'occurredAt must not be in the future' },
    ]);
  });
});

describe('utcTimesIn', () => {
  it('gives every time in a payload in UTC with milliseconds, at any depth', () => {
    expect(
      utcTimesIn({
        silentSince: '2026-12-02T18:30:00+00:00',
        segments: [{ at: '2026-12-05T10:32:10+08:00' }],
      }),
    ).toEqual({
      silentSince: '2026-12-02T18:30:00.000Z',
      segments: [{ at: '2026-12-05T02:32:10.000Z' }],
    });
  });

  it('leaves what is not a time with an offset as it is', () => {
    const payload = { name: '陈建国', day: '2026-12-05', local: '2026-12-05T10:00:00', hours: 80 };
    expect(utcTimesIn(payload)).toEqual(payload);
  });
});

describe('isCalendarDate', () => {
  it.each(['2026-12-31', '2028-02-29', '0001-01-01'])('accepts %s', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });

  it.each(['2026-02-30', '2027-02-29', '0000-01-01', '2026-12-31T00:00:00Z', '2026-1-5', 20261231])(
    'refuses %s',
    (value) => {
      expect(isCalendarDate(value)).toBe(false);
    },
  );
});
