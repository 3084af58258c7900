/** The claims of an access token we issued, as verified. */
export interface VerifiedClaims {
  sub: string;
  /** The session the token belongs to. */
  sid: string;
  /** Expiry, in seconds since the epoch. */
  exp: number;
}

const MAX_TOKENS = 10_000;

/**
 * Tokens whose signature has been checked, until they expire: a session sends
 * the same token with every request, and the HMAC and JSON parsing of a
 * verification were a twentieth of a request's CPU. The whole token is the
 * key, so a token that differs in any byte, its signature included, is
 * verified afresh. What a token grants is not kept here: the user behind it
 * is read through the principal cache, which changes drop.
 */
export class VerifiedTokens {
  private readonly claims = new Map<string, VerifiedClaims>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The token's claims, verifying it (with `verify`) only if it has not been seen. */
  claimsOf(token: string, verify: (token: string) => VerifiedClaims | undefined) {
    const known = this.claims.get(token);
    if (known && known.exp * 1000 > this.now()) return known;
    if (known) this.claims.delete(token);
    const claims = verify(token);
    if (claims) this.remember(token, claims);
    return claims;
  }

  private remember(token: string, claims: VerifiedClaims): void {
    // Oldest first: a Map iterates in insertion order.
    if (this.claims.size >= MAX_TOKENS) this.claims.delete(this.claims.keys().next().value!);
    this.claims.set(token, claims);
  }
}
