import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { isUUID } from 'class-validator';
import { Strategy } from 'passport-custom';
import { Principal } from './principal';
import { PrincipalCache } from './principal-cache';
import { PrincipalDirectory } from './principal-directory';
import { VerifiedClaims, VerifiedTokens } from './verified-tokens';

export interface AccessTokenClaims {
  sub: string;
}

const BEARER = /^Bearer +(\S+)$/i;

/**
 * Bearer tokens: the signature and expiry are checked with the key made at
 * boot (see accessTokenKey); the user, with its roles and active flag, comes
 * from the principal cache, which every change to users drops at once.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  private readonly verified = new VerifiedTokens();

  constructor(
    private readonly jwt: JwtService,
    private readonly directory: PrincipalDirectory,
    private readonly cache: PrincipalCache,
  ) {
    super();
  }

  async validate(request: FastifyRequest): Promise<Principal | false> {
    const claims = this.verifiedClaims(request.headers.authorization);
    if (!claims) return false;
    const principal = await this.cache.get(`user:${claims.sub}`, () =>
      this.directory.findActiveUser(claims.sub),
    );
    return principal ?? false;
  }

  private verifiedClaims(header: string | undefined): VerifiedClaims | undefined {
    const token = header && BEARER.exec(header)?.[1];
    return token ? this.verified.claimsOf(token, (text) => this.verify(text)) : undefined;
  }

  private verify(token: string): VerifiedClaims | undefined {
    let claims: VerifiedClaims;
    try {
      claims = this.jwt.verify<VerifiedClaims>(token);
    } catch {
      return undefined;
    }
    // We sign only user ids; anything else was not issued by us, whatever its signature says.
    return typeof claims.sub === 'string' && isUUID(claims.sub) ? claims : undefined;
  }
}
