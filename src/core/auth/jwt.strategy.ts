import { Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { isUUID } from 'class-validator';
import { Strategy } from 'passport-custom';
import { TokenExpiredException } from './auth.exception';
import { Principal } from './principal';
import { PrincipalCache } from './principal-cache';
import { PrincipalDirectory } from './principal-directory';
import { SessionsService } from './sessions/sessions.service';
import { VerifiedClaims, VerifiedTokens } from './verified-tokens';

export interface AccessTokenClaims {
  sub: string;
  /** The session: when it ends (logout, password change, deactivation), the token stops working. */
  sid: string;
}

const BEARER = /^Bearer +(\S+)$/i;

/**
 * Bearer tokens: the signature and expiry are checked with the key made at
 * boot (see accessTokenKey), and an expired token is told so (TOKEN_EXPIRED:
 * refresh, do not sign in again); the user, with its roles and active flag, and
 * whether its session still lives come from the principal cache, which every
 * change to users or sessions drops at once.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  private readonly verified = new VerifiedTokens();

  constructor(
    private readonly jwt: JwtService,
    private readonly directory: PrincipalDirectory,
    private readonly sessions: SessionsService,
    private readonly cache: PrincipalCache,
  ) {
    super();
  }

  async validate(request: FastifyRequest): Promise<Principal | false> {
    const claims = this.verifiedClaims(request.headers.authorization);
    if (!claims) return false;
    const principal = await this.cache.get(`session:${claims.sub}:${claims.sid}`, () =>
      this.principalOf(claims),
    );
    return principal ?? false;
  }

  /** The active user behind a live session; the two reads go out together. */
  private async principalOf({ sub, sid }: VerifiedClaims): Promise<Principal | null> {
    const [user, live] = await Promise.all([
      this.directory.findActiveUser(sub),
      this.sessions.isLive(sid, sub),
    ]);
    return user && live ? { ...user, sessionId: sid } : null;
  }

  private verifiedClaims(header: string | undefined): VerifiedClaims | undefined {
    const token = header && BEARER.exec(header)?.[1];
    return token ? this.verified.claimsOf(token, (text) => this.verify(text)) : undefined;
  }

  private verify(token: string): VerifiedClaims | undefined {
    let claims: VerifiedClaims;
    try {
      claims = this.jwt.verify<VerifiedClaims>(token);
    } catch (error) {
      // Checked after the signature: only a token we issued is told that it expired.
      if (error instanceof TokenExpiredError) throw new TokenExpiredException();
      return undefined;
    }
    // We sign only user and session ids; anything else was not issued by us, whatever its signature says.
    return isId(claims.sub) && isId(claims.sid) ? claims : undefined;
  }
}

const isId = (value: unknown) => typeof value === 'string' && isUUID(value);
