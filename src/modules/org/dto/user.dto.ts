import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ROLES, Role } from '../../../core/auth/roles';
import { PageOf, PageQueryDto } from '../../../core/http/pagination';

export class CreateUserDto {
  @IsString()
  @Matches(/^[A-Za-z0-9_.-]{3,64}$/, { message: 'username must be 3-64 letters, digits, _ . or -' })
  username: string;

  @IsString()
  @MinLength(10)
  @MaxLength(256)
  password: string;

  /** The name shown to people, e.g. `王磊`. */
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['rep'] })
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles: Role[];

  @IsUUID()
  orgUnitId: string;

  /** The direct supervisor; approvals and silent-period alerts go there. */
  @IsOptional()
  @IsUUID()
  supervisorId?: string;
}

export class UserResponse {
  id: string;
  username: string;
  displayName: string;
  @ApiProperty({ enum: ROLES, isArray: true })
  roles: Role[];
  orgUnitId: string | null;
  supervisorId: string | null;
  active: boolean;
  createdAt: string;
  version: number;
}

export class UserPage extends PageOf(UserResponse) {}

export class UserQueryDto extends PageQueryDto {
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;
}
