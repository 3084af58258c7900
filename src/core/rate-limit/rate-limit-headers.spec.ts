import { quota, rateLimitHeaders, tightest } from './rate-limit-headers';

describe('RateLimit headers', () => {
  const limit = { limit: 10, windowSeconds: 900 };

  it('counts what is left after this hit, never below zero', () => {
    expect(quota(limit, 1, 600)).toMatchObject({ limit: 10, remaining: 9 });
    expect(quota(limit, 10, 600).remaining).toBe(0);
    expect(quota(limit, 14, 600).remaining).toBe(0);
  });

  it('says at least one second to the reset, so a client never retries at once', () => {
    expect(quota(limit, 1, 0).resetSeconds).toBe(1);
    expect(quota(limit, 1, -3).resetSeconds).toBe(1);
    expect(quota(limit, 1, 42).resetSeconds).toBe(42);
  });

  it('reports the limit that runs out first, then the one that resets last', () => {
    const account = quota({ limit: 10, windowSeconds: 900 }, 8, 300);
    const ip = quota({ limit: 50, windowSeconds: 900 }, 8, 300);
    expect(tightest([ip, account])).toBe(account);
    const early = quota({ limit: 5, windowSeconds: 60 }, 5, 10);
    const late = quota({ limit: 5, windowSeconds: 600 }, 5, 500);
    expect(tightest([early, late])).toBe(late);
  });

  it('writes the four fields of draft -06', () => {
    expect(rateLimitHeaders(quota(limit, 3, 120))).toEqual({
      'ratelimit-limit': '10',
      'ratelimit-remaining': '7',
      'ratelimit-reset': '120',
      'ratelimit-policy': '10;w=900',
    });
  });
});
