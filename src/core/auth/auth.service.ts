import { Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';
import { InvalidCredentialsException } from './auth.exception';
import { LoginDto, LoginResponse } from './dto/login.dto';
import { AccessTokenClaims } from './jwt.strategy';
import { LoginThrottle } from './login-throttle';
import { verifyPassword } from './passwords';
import { PrincipalDirectory } from './principal-directory';

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly directory: PrincipalDirectory,
    private readonly throttle: LoginThrottle,
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
    const claims: AccessTokenClaims = { sub: principal.id };
    return {
      accessToken: await this.jwt.signAsync(claims),
      expiresIn: this.config.jwtExpiresInSeconds,
      user: { id: principal.id, username: principal.name, displayName, roles: principal.roles },
    };
  }
}
