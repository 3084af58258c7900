import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * ERP connection credentials at rest (issue 14 §3): AES-256-GCM under a key
 * derived with HKDF-SHA256 from `ERP_SECRET`, or else from the secret that
 * signs access tokens, so that a stolen database dump alone reveals no ERP
 * password. GCM authenticates: a changed byte, or another key, fails to open
 * instead of yielding garbage. A sealed value is `v1.<iv>.<tag>.<ciphertext>`
 * in base64url; the version prefix lets a later key or algorithm coexist.
 */
const VERSION = 'v1';
const IV_BYTES = 12;
const HKDF_INFO = 'sales-api erp-credentials v1';

export class CredentialCipher {
  private readonly key: Buffer;

  /** `secret`: ERP_SECRET, or the access-token secret; at least 32 characters. */
  constructor(secret: string) {
    if (secret.length < 32)
      throw new Error('the ERP credential secret needs at least 32 characters');
    this.key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), HKDF_INFO, 32));
  }

  seal(credentials: Record<string, string>): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([
      cipher.update(JSON.stringify(credentials), 'utf8'),
      cipher.final(),
    ]);
    return [VERSION, iv, cipher.getAuthTag(), ciphertext]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  /** The credentials; throws when the value was changed or sealed under another key. */
  open(sealed: string): Record<string, string> {
    const [version, iv, tag, ciphertext] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || ciphertext === undefined) {
      throw new Error('not a sealed credential');
    }
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const plain = Buffer.concat([
      decipher.update(Buffer.from(ciphertext, 'base64url')),
      decipher.final(),
    ]);
    return JSON.parse(plain.toString('utf8')) as Record<string, string>;
  }
}
