import { Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';
import {
  InvalidCredentialsException,
  InvalidRefreshTokenException,
  RefreshTokenReusedException,
} from './auth.exception';
import { LoginDto, LoginResponse, RefreshTokenDto, SessionTokensResponse } from './dto/login.dto';
import { AccessTokenClaims } from './jwt.strategy';
import { LoginThrottle } from './login-throttle';
import { verifyPassword } from './passwords';
import { PrincipalDirectory } from './principal-directory';
import { IssuedRefreshToken, SessionsService } from './sessions/sessions.service';
import { REFRESH_TOKEN_TTL_SECONDS } from './sessions/refresh-tokens';

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly directory: PrincipalDirectory,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionsService,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  async login({ username, password }: LoginDto, ip: string): Promise<LoginResponse> {
    await this.throttle.assertAllowed(username, ip);
    const candidate = await this.directory.findLoginCandidate(username);
    const valid = await verifyPassword(candidate?.passwordHash, password);
    if (!candidate || !valid) {
      await this.throttle.recordFailure(username, ip);
      this.logger.warn({ username, ip }, 'Failed login');
      throw new InvalidCredentialsException();
    }
    await this.throttle.reset(username, ip);
    const { principal, displayName } = candidate;
    const session = await this.sessions.start(principal.id);
    return {
      ...(await this.tokens(principal.id, session)),
      user: { id: principal.id, username: principal.name, displayName, roles: principal.roles },
    };
  }

  /**
   * Rotation: new tokens for the refresh token, which stops working (see
   * SessionsService.rotate). Failures are not throttled like logins: a
   * refresh token has 256 random bits, nothing to guess, and a failure costs
   * two index lookups, not a password hash.
   */
  async refresh({ refreshToken }: RefreshTokenDto, ip: string): Promise<SessionTokensResponse> {
    const rotation = await this.sessions.rotate(refreshToken);
    // A user deactivated behind the API's back (in SQL) keeps its sessions, but gets no tokens.
    if (rotation.kind === 'rotated' && (await this.directory.findActiveUser(rotation.userId))) {
      return this.tokens(rotation.userId, rotation);
    }
    if (rotation.kind === 'reused') {
      this.logger.warn({ ip }, 'A refresh token was used twice; its session has ended');
      throw new RefreshTokenReusedException();
    }
    throw new InvalidRefreshTokenException();
  }

  /** Ends the session; an unknown or ended one is no error, so logging out twice is harmless. */
  logout({ refreshToken }: RefreshTokenDto): Promise<void> {
    return this.sessions.endByToken(refreshToken, 'logout');
  }

  private async tokens(
    userId: string,
    { sessionId, refreshToken }: IssuedRefreshToken,
  ): Promise<SessionTokensResponse> {
    const claims: AccessTokenClaims = { sub: userId, sid: sessionId };
    return {
      accessToken: await this.jwt.signAsync(claims),
      expiresIn: this.config.jwtExpiresInSeconds,
      refreshToken,
      refreshExpiresIn: REFRESH_TOKEN_TTL_SECONDS,
    };
  }
}
