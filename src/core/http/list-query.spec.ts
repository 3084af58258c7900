import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { SqlParams } from '../database/sql-params';
import { CommonErrorCode, DomainException } from '../errors/domain.exception';
import { AnyOf, ListQueryDto } from './list-params';
import { defineList, ListRequest } from './list-query';
import { encodeCursor } from './pagination';

const LIST = defineList({
  keys: {
    createdAt: { column: 'c.created_at', kind: 'timestamp' },
    name: { column: 'c.name', kind: 'text' },
    touchedAt: { column: 'c.touched_at', kind: 'timestamp', nulls: 'lowest' },
  },
  defaultSort: '-createdAt',
  id: 'c.id',
  updatedAt: 'c.updated_at',
});

const ID = '0b0f9bd0-4f2b-4a51-9d63-3c2a8d0e2f10';
const HORIZON = new Date('2026-12-06T02:30:00.000Z');

/** A database whose sync horizon is `horizon`; it counts the reads. */
function database(horizon: Date | null = HORIZON) {
  const db = {
    reads: 0,
    query: <T>(): Promise<T[]> => {
      db.reads++;
      return Promise.resolve([{ horizon }] as T[]);
    },
  };
  return db;
}

async function planOf(request: Partial<ListRequest>, db = database()) {
  const plan = await LIST.plan({ limit: 2, ...request }, db);
  const params = new SqlParams();
  return { plan, where: plan.where(params), values: params.values };
}

async function rejection(request: Partial<ListRequest>): Promise<DomainException> {
  try {
    await planOf(request);
  } catch (error) {
    return error as DomainException;
  }
  throw new Error(`expected ${JSON.stringify(request)} to be rejected`);
}

describe('defineList', () => {
  it('offers each key and its descending twin, updatedAt included for a synced list', () => {
    expect(LIST.sorts).toEqual([
      'createdAt',
      '-createdAt',
      'name',
      '-name',
      'touchedAt',
      '-touchedAt',
      'updatedAt',
      '-updatedAt',
    ]);
    expect(LIST.syncs).toBe(true);
  });

  it('refuses a default order that is not one of its keys', () => {
    expect(() =>
      defineList({
        keys: { name: { column: 'x.name', kind: 'text' } },
        defaultSort: 'age',
        id: 'x.id',
      }),
    ).toThrow(/defaultSort/);
  });

  it('describes the default order, where nulls sort and the cursor rule', () => {
    expect(LIST.sortDescription).toContain('Default: `-createdAt`');
    expect(LIST.sortDescription).toContain('Rows without `touchedAt` sort as its lowest value');
    expect(LIST.sortDescription).toContain('valid only with the sort it came from');
  });
});

describe('ListPlan', () => {
  it('orders by the default key, then the id, in one direction', async () => {
    const { plan, where } = await planOf({});
    expect(plan.orderBy).toBe('c.created_at DESC, c.id DESC');
    expect(where).toEqual([]);
  });

  it('puts nulls where the key says, in both directions', async () => {
    expect((await planOf({ sort: 'touchedAt' })).plan.orderBy).toBe(
      'c.touched_at ASC NULLS FIRST, c.id ASC',
    );
    expect((await planOf({ sort: '-touchedAt' })).plan.orderBy).toBe(
      'c.touched_at DESC NULLS LAST, c.id DESC',
    );
  });

  it('resumes after the cursor row with one row comparison', async () => {
    const cursor = encodeCursor(['name', 'alpha', ID]);
    const { where, values } = await planOf({ sort: 'name', cursor });
    expect(where).toEqual(['(c.name, c.id) > ($1::text, $2::uuid)']);
    expect(values).toEqual(['alpha', ID]);
  });

  it('resumes among or after the null rows of a nullable key', async () => {
    const nullFirst = await planOf({
      sort: 'touchedAt',
      cursor: encodeCursor(['touchedAt', null, ID]),
    });
    expect(nullFirst.where).toEqual([
      '((c.touched_at IS NULL AND c.id > $1::uuid) OR c.touched_at IS NOT NULL)',
    ]);
    const nullLast = await planOf({
      sort: '-touchedAt',
      cursor: encodeCursor(['-touchedAt', null, ID]),
    });
    expect(nullLast.where).toEqual(['(c.touched_at IS NULL AND c.id < $1::uuid)']);
    const valueThenNulls = await planOf({
      sort: '-touchedAt',
      cursor: encodeCursor(['-touchedAt', '2026-11-01T08:00:00.000Z', ID]),
    });
    expect(valueThenNulls.where).toEqual([
      '((c.touched_at, c.id) < ($1::timestamptz, $2::uuid) OR c.touched_at IS NULL)',
    ]);
  });

  it('gives the next page a cursor of its own sort, after the last row', async () => {
    const { plan } = await planOf({ sort: '-name' });
    const rows = ['c', 'b', 'a'].map((name, i) => ({ id: `${ID.slice(0, -1)}${i}`, name }));
    const page = plan.page(rows, (row) => row.name);
    expect(page.items).toEqual(['c', 'b']);
    expect(JSON.parse(Buffer.from(page.nextCursor!, 'base64url').toString())).toEqual([
      '-name',
      'b',
      rows[1].id,
    ]);
  });

  it('answers a cursor of another sort with 400 INVALID_CURSOR', async () => {
    const error = await rejection({ sort: '-name', cursor: encodeCursor(['name', 'alpha', ID]) });
    expect(error.code).toBe(CommonErrorCode.INVALID_CURSOR);
    expect(error.options).toMatchObject({ errors: [{ field: 'cursor' }] });
  });

  it('answers a cursor whose key is of the wrong kind with 400 INVALID_CURSOR', async () => {
    const error = await rejection({
      sort: 'createdAt',
      cursor: encodeCursor(['createdAt', 'x', ID]),
    });
    expect(error.code).toBe(CommonErrorCode.INVALID_CURSOR);
  });

  it('syncs in updatedAt order, oldest first, up to the horizon', async () => {
    const db = database();
    const { plan, where, values } = await planOf({ updatedSince: '2026-12-01T00:00:00Z' }, db);
    expect(db.reads).toBe(1);
    expect(plan.orderBy).toBe('c.updated_at ASC, c.id ASC');
    expect(where).toEqual(['c.updated_at >= $1::timestamptz', 'c.updated_at < $2::timestamptz']);
    expect(values).toEqual(['2026-12-01T00:00:00Z', HORIZON]);
  });

  it('reads no horizon without updatedSince', async () => {
    const db = database();
    await planOf({ sort: 'updatedAt' }, db);
    expect(db.reads).toBe(0);
  });

  it('returns nothing while the horizon is unknown', async () => {
    const { where } = await planOf({ updatedSince: '2026-12-01T00:00:00Z' }, database(null));
    expect(where).toEqual(['c.updated_at >= $1::timestamptz', 'FALSE']);
  });

  it('refuses another sort with updatedSince, naming sort', async () => {
    const error = await rejection({ updatedSince: '2026-12-01T00:00:00Z', sort: '-updatedAt' });
    expect(error.options).toMatchObject({ errors: [{ field: 'sort' }] });
  });
});

describe('ListQueryDto and AnyOf', () => {
  class QueryDto extends ListQueryDto(LIST) {
    @AnyOf({ enum: ['lead', 'won'] }) stage?: string[];
  }
  const validate = (query: object) => {
    const dto = plainToInstance(QueryDto, query);
    return { dto, fields: validateSync(dto).map((error) => error.property) };
  };

  it('takes documented sorts only, naming sort otherwise', () => {
    expect(validate({ sort: '-name' }).fields).toEqual([]);
    for (const sort of ['phone', '+name', '--name', '']) {
      expect(validate({ sort }).fields).toEqual(['sort']);
    }
  });

  it('reads a filter repeated or comma-separated as the same list', () => {
    expect(validate({ stage: 'lead,won' }).dto.stage).toEqual(['lead', 'won']);
    expect(validate({ stage: ['lead', 'won'] }).dto.stage).toEqual(['lead', 'won']);
    expect(validate({ stage: ['lead,won', 'lead'] }).dto.stage).toEqual(['lead', 'won', 'lead']);
    expect(validate({ stage: 'lead,lost' }).fields).toEqual(['stage']);
  });

  it('takes updatedSince only with an offset', () => {
    expect(validate({ updatedSince: '2026-12-01T08:00:00+08:00' }).fields).toEqual([]);
    expect(validate({ updatedSince: '2026-12-01T08:00:00' }).fields).toEqual(['updatedSince']);
  });
});
