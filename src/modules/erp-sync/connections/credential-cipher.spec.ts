import fc from 'fast-check';
import { CredentialCipher } from './credential-cipher';

const SECRET = 'a-jwt-secret-of-at-least-32-characters-0123456789';
const k3 = { acctID: '6523a1b2c3', username: '接口用户', password: 'Kd#2026!secret' };

describe('CredentialCipher', () => {
  const cipher = new CredentialCipher(SECRET);

  it('opens what it sealed, and the sealed text shows none of it', () => {
    const sealed = cipher.seal(k3);
    expect(cipher.open(sealed)).toEqual(k3);
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    for (const value of Object.values(k3)) expect(sealed).not.toContain(value);
  });

  it('seals the same credentials differently each time (a fresh IV)', () => {
    expect(cipher.seal(k3)).not.toBe(cipher.seal(k3));
  });

  it('refuses a changed byte and a value sealed under another secret', () => {
    const sealed = cipher.seal(k3);
    const [version, iv, tag, body] = sealed.split('.');
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] ^= 1;
    expect(() =>
      cipher.open([version, iv, tag, flipped.toString('base64url')].join('.')),
    ).toThrow();
    const other = new CredentialCipher(`${SECRET}-rotated`);
    expect(() => other.open(sealed)).toThrow();
    expect(() => cipher.open('plain text')).toThrow('not a sealed credential');
  });

  it('refuses a secret too short to derive a key from', () => {
    expect(() => new CredentialCipher('short')).toThrow('32 characters');
  });

  it('round-trips any credentials (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.string()), (credentials) => {
        expect(cipher.open(cipher.seal(credentials))).toEqual(credentials);
      }),
    );
  });
});
