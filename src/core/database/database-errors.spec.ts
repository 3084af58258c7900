import { isDatabaseUnavailable } from './database-errors';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a reset connection', withCode('ECONNRESET')],
    ['a server shutting down (57P01 admin_shutdown)', withCode('57P01', 'terminating connection')],
    ['a server in recovery (57P03)', withCode('57P03')],
    ['a connection failure (class 08)', withCode('08006')],
    ['too many connections (53300)', withCode('53300')],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['a pool that cannot connect in time', new Error('timeout exceeded when trying to connect')],
    ['a startup message', new Error('the database system is starting up')],
  ])('is true for %s', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a constraint violation', withCode('23505', 'duplicate key')],
    ['bad input (22P02)', withCode('22P02', 'invalid input syntax')],
    ['a syntax error', withCode('42601')],
    ['a plain error', new Error('boom')],
    ['no error at all', undefined],
    ['a string', 'ECONNREFUSED'],
  ])('is false for %s', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
