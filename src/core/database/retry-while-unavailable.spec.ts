import { retryWhileUnavailable } from './retry-while-unavailable';

const refused = () => Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });

describe('retryWhileUnavailable', () => {
  it('retries while the database is unavailable, and returns once it is back', async () => {
    let attempts = 0;
    const write = () => (++attempts < 4 ? Promise.reject(refused()) : Promise.resolve('recorded'));
    await expect(
      retryWhileUnavailable(write, { giveUpAfterMs: 5_000, firstDelayMs: 1, maxDelayMs: 2 }),
    ).resolves.toBe('recorded');
    expect(attempts).toBe(4);
  });

  it('throws any other error at once', async () => {
    let attempts = 0;
    const write = () => {
      attempts++;
      return Promise.reject(Object.assign(new Error('duplicate key'), { code: '23505' }));
    };
    await expect(retryWhileUnavailable(write, { giveUpAfterMs: 5_000 })).rejects.toThrow(
      'duplicate key',
    );
    expect(attempts).toBe(1);
  });

  it('gives up after the deadline with the last error', async () => {
    const started = Date.now();
    await expect(
      retryWhileUnavailable(() => Promise.reject(refused()), {
        giveUpAfterMs: 50,
        firstDelayMs: 5,
        maxDelayMs: 10,
      }),
    ).rejects.toThrow('ECONNREFUSED');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('stops on shutdown', async () => {
    const shutdown = new AbortController();
    let attempts = 0;
    const write = () => {
      if (++attempts === 2) shutdown.abort();
      return Promise.reject(refused());
    };
    await expect(
      retryWhileUnavailable(write, {
        signal: shutdown.signal,
        giveUpAfterMs: 60_000,
        firstDelayMs: 1,
      }),
    ).rejects.toThrow('ECONNREFUSED');
    expect(attempts).toBe(2);
  });
});
