import { VerifiedClaims, VerifiedTokens } from './verified-tokens';

describe('VerifiedTokens', () => {
  let now: number;
  let verifications: string[];
  let tokens: VerifiedTokens;
  const claims: VerifiedClaims = { sub: 'u-1', sid: 's-1', exp: 1_000 };
  const verify = (token: string) => {
    verifications.push(token);
    return token.startsWith('good') ? claims : undefined;
  };

  beforeEach(() => {
    now = 500_000;
    verifications = [];
    tokens = new VerifiedTokens(() => now);
  });

  it('verifies a token once, then knows it until it expires', () => {
    expect(tokens.claimsOf('good.a', verify)).toBe(claims);
    expect(tokens.claimsOf('good.a', verify)).toBe(claims);
    expect(verifications).toEqual(['good.a']);
    now = 1_000_000;
    tokens.claimsOf('good.a', verify);
    expect(verifications).toEqual(['good.a', 'good.a']);
  });

  it('verifies afresh a token that differs in any byte, and never remembers a bad one', () => {
    tokens.claimsOf('good.a', verify);
    expect(tokens.claimsOf('good.b', verify)).toBe(claims);
    expect(tokens.claimsOf('forged', verify)).toBeUndefined();
    expect(tokens.claimsOf('forged', verify)).toBeUndefined();
    expect(verifications).toEqual(['good.a', 'good.b', 'forged', 'forged']);
  });

  it('keeps at most 10,000 tokens, forgetting the oldest', () => {
    for (let i = 0; i <= 10_000; i++) tokens.claimsOf(`good.${i}`, verify);
    verifications = [];
    tokens.claimsOf('good.10000', verify);
    tokens.claimsOf('good.0', verify);
    expect(verifications).toEqual(['good.0']);
  });
});
