import { createHash } from 'node:crypto';
import { reprDigest } from './repr-digest';

describe('reprDigest', () => {
  it('gives the RFC 9530 example for {"hello": "world"}', () => {
    // RFC 9530 §3: the representation `{"hello": "world"}`.
    const sha256 = createHash('sha256').update('{"hello": "world"}').digest('hex');
    expect(reprDigest(sha256)).toBe('sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:');
  });

  it('reads upper-case hex as lower-case', () => {
    const sha256 = createHash('sha256').update('报价单').digest('hex');
    expect(reprDigest(sha256.toUpperCase())).toBe(reprDigest(sha256));
  });

  it.each(['', 'abc', 'z'.repeat(64), 'a'.repeat(63), 'a'.repeat(65)])(
    'refuses %j, which is no SHA-256',
    (value) => {
      expect(() => reprDigest(value)).toThrow('not a SHA-256');
    },
  );
});
