import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
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

export class LoginUserResponse {
  id: string;
  username: string;
  displayName: string;
  @ApiProperty({ enum: ROLES, isArray: true })
  roles: Role[];
}

export class LoginResponse {
  /** Send as `Authorization: Bearer <accessToken>`. */
  accessToken: string;
  /** Lifetime of the token in seconds. */
  expiresIn: number;
  user: LoginUserResponse;
}
