import { redactUrl } from './logging';

describe('redactUrl', () => {
  it('hides the token of a confirmation link, keeping the rest', () => {
    expect(redactUrl('/api/v1/public/confirmations/AbC-123_xyz?utm=wechat')).toBe(
      '/api/v1/public/confirmations/[redacted]?utm=wechat',
    );
  });

  it('leaves other paths alone', () => {
    expect(redactUrl('/api/v1/follow-ups/7d0c9d0e/confirmations')).toBe(
      '/api/v1/follow-ups/7d0c9d0e/confirmations',
    );
  });
});
