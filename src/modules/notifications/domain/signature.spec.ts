import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhook } from './signature';

describe('webhook signature', () => {
  const body = '{"event":"notification.created","title":"新通知"}';

  it('is HMAC-SHA256 of "<timestamp>.<body>" in hex, prefixed sha256= (vector computed with Python hmac)', () => {
    // python3: hmac.new(b'whsec_test', b'1796520600.' + body.encode(), hashlib.sha256).hexdigest()
    expect(signWebhook('whsec_test', 1796520600, body)).toBe(
      'sha256=51e684868dd54ecb6f4c3508ded1e073d55f8e80bebc610f21cdca9e7841bea6',
    );
  });

  it('matches the textbook HMAC when the signed string is rebuilt by hand', () => {
    // RFC-style vector: HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog").
    const fox = 'The quick brown fox jumps over the lazy dog';
    expect(createHmac('sha256', 'key').update(fox).digest('hex')).toBe(
      'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8',
    );
    const [timestamp, ...rest] = '1.x'.split('.');
    expect(signWebhook('key', Number(timestamp), rest.join('.'))).toBe(
      'sha256=' + createHmac('sha256', 'key').update('1.x').digest('hex'),
    );
  });

  it('verifies within the tolerance and refuses a changed body, another secret or an old timestamp', () => {
    const signature = signWebhook('whsec_test', 1796520600, body);
    const headers = { signature, timestamp: '1796520600' };
    expect(verifyWebhook('whsec_test', headers, body, 1796520600 + 299)).toBe(true);
    expect(verifyWebhook('whsec_test', headers, body + ' ', 1796520600)).toBe(false);
    expect(verifyWebhook('another', headers, body, 1796520600)).toBe(false);
    expect(verifyWebhook('whsec_test', headers, body, 1796520600 + 301)).toBe(false);
    expect(verifyWebhook('whsec_test', { signature, timestamp: 'abc' }, body, 1796520600)).toBe(
      false,
    );
    expect(
      verifyWebhook(
        'whsec_test',
        { signature: 'sha256=00', timestamp: '1796520600' },
        body,
        1796520600,
      ),
    ).toBe(false);
  });
});
