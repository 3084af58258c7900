import { applyDecorators } from '@nestjs/common';
import { ApiProperty, PartialType, PickType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ROLES, Role } from '../../../core/auth/roles';
import { AnyOf, ListQueryDto } from '../../../core/http/list-params';
import { PageOf } from '../../../core/http/pagination';
import { OptionalNotNull, Trimmed } from '../../../core/http/validation';
import { ApiInteger, ApiTime, ApiUuid } from '../../../core/openapi/api-formats';
import { USER_LIST } from '../user-list';

/** The one rule for every password the API sets: 10 to 256 characters. */
const IsNewPassword = () =>
  applyDecorators(
    ApiProperty({ minLength: 10, maxLength: 256 }),
    IsString(),
    MinLength(10),
    MaxLength(256),
  );

export class CreateUserDto {
  @IsString()
  @Matches(/^[A-Za-z0-9_.-]{3,64}$/, {
    message: 'username must be 3-64 letters, digits, _ . or -',
    context: { zh: 'username 必须是 3 到 64 个字母、数字、_ . 或 -' },
  })
  username: string;

  @IsNewPassword()
  password: string;

  /** The name shown to people, e.g. `王磊`. */
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['rep'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles: Role[];

  @IsUUID()
  orgUnitId: string;

  /** The direct supervisor; approvals and silent-period alerts go there. `null`: none. */
  @IsOptional()
  @IsUUID()
  supervisorId?: string | null;
}

/**
 * Any of these; a field required on create may be left out, but not set to
 * null. Usernames never change; passwords change through their own routes.
 */
export class UpdateUserDto extends PartialType(
  PickType(CreateUserDto, ['displayName', 'roles', 'orgUnitId', 'supervisorId'] as const),
  { skipNullProperties: false },
) {
  /** `false` deactivates the user: its sessions end, and its tokens stop working at once. */
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;
}

/** An admin sets a user's password, e.g. one the user forgot. */
export class SetPasswordDto {
  @IsNewPassword()
  newPassword: string;
}

export class ChangeOwnPasswordDto extends SetPasswordDto {
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  currentPassword: string;
}

export class HandoverDto {
  /** Who takes the customers over: an active user in the caller's data scope. */
  @IsUUID()
  toUserId: string;
}

export class HandoverResponse {
  /** Customers moved, each with its audited transfer. */
  @ApiInteger() customers: number;
  /** Open todos on those customers moved with them. */
  @ApiInteger() todos: number;
  /** Open quotes (not won or lost) of those customers, which follow their customer. */
  @ApiInteger() quotes: number;
  /** Tickets (not closed) of those customers, which follow their customer. */
  @ApiInteger() tickets: number;
}

export class UserResponse {
  @ApiUuid() id: string;
  username: string;
  displayName: string;
  @ApiProperty({ enum: ROLES, isArray: true })
  roles: Role[];
  @ApiUuid() orgUnitId: string | null;
  @ApiUuid() supervisorId: string | null;
  active: boolean;
  @ApiTime() createdAt: string;
  /** When the user last changed (a new role, team or password, a deactivation). */
  @ApiTime() updatedAt: string;
  @ApiInteger() version: number;
}

export class UserPage extends PageOf(UserResponse) {}

/** `GET /users/me` for a signed-in user: the user, marked as such. */
export class MeUserResponse extends UserResponse {
  @ApiProperty({ enum: ['user'] })
  kind: 'user';
}

/**
 * `GET /users/me` for an API key: the key's own identity, as `GET /api-keys`
 * lists it. A key acts for no user, so it has no username, org unit or
 * supervisor, and sees what its roles see.
 */
export class MeApiKeyResponse {
  @ApiProperty({ enum: ['api_key'] })
  kind: 'api_key';
  /** The API key's id. */
  @ApiUuid() id: string;
  /** The key's name, e.g. `金蝶K3同步`. */
  name: string;
  @ApiProperty({ enum: ROLES, isArray: true })
  roles: Role[];
}

export type MeResponse = MeUserResponse | MeApiKeyResponse;

export class UserQueryDto extends ListQueryDto(USER_LIST) {
  @AnyOf({ format: 'uuid' }, 'Users of any of these org units.') orgUnitId?: string[];
}
