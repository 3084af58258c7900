import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { ApiInteger, ApiUuid } from '../../openapi/api-formats';
import { ROLES, Role } from '../roles';

export class LoginDto {
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  username: string;

  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password: string;
}

/** Names a session, for POST /auth/refresh and POST /auth/logout. */
export class RefreshTokenDto {
  /** The `refreshToken` of the last login or refresh. */
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  refreshToken: string;
}

export class LoginUserResponse {
  @ApiUuid() id: string;
  username: string;
  displayName: string;
  @ApiProperty({ enum: ROLES, isArray: true })
  roles: Role[];
}

/** The tokens of a session, from a login or a refresh. */
export class SessionTokensResponse {
  /** Send as `Authorization: Bearer <accessToken>`. It stops working when its session ends. */
  accessToken: string;
  /** Lifetime of the access token in seconds. */
  @ApiInteger() expiresIn: number;
  /**
   * Exchange it at `POST /auth/refresh` for new tokens, once: a second use ends the session.
   * Keep it secret; it is not a cookie.
   */
  refreshToken: string;
  /** Lifetime of the refresh token in seconds; every refresh starts a new one. */
  @ApiInteger() refreshExpiresIn: number;
}

export class LoginResponse extends SessionTokensResponse {
  user: LoginUserResponse;
}
