import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import { PageOf } from '../../http/pagination';
import { ApiTime, ApiUuid } from '../../openapi/api-formats';
import { ROLES, Role } from '../roles';
import { Trimmed } from '../../http/validation';

export class CreateApiKeyDto {
  /** What the key is for, e.g. `金蝶K3同步`. */
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['integrator'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles: Role[];
}

export class ApiKeyResponse {
  @ApiUuid() id: string;
  name: string;
  @ApiProperty({ enum: ROLES, isArray: true })
  roles: Role[];
  /** The key's first characters, enough to recognise it. */
  keyPrefix: string;
  @ApiTime() createdAt: string;
  @ApiTime() revokedAt: string | null;
}

export class CreatedApiKeyResponse extends ApiKeyResponse {
  /** The key itself, shown only in this response. Send it as `X-API-Key`. */
  key: string;
}

export class ApiKeyPage extends PageOf(ApiKeyResponse) {}
