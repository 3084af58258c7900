/**
 * The `Repr-Digest` field value (RFC 9530) of a representation whose SHA-256
 * is `sha256Hex` (lower- or upper-case hex): `sha-256=:<base64>:`, the digest
 * as a Structured Fields byte sequence.
 */
export function reprDigest(sha256Hex: string): string {
  if (!/^[0-9a-f]{64}$/i.test(sha256Hex)) throw new Error(`not a SHA-256 in hex: ${sha256Hex}`);
  return `sha-256=:${Buffer.from(sha256Hex, 'hex').toString('base64')}:`;
}
