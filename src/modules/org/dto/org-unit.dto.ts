import { ApiProperty, PartialType, PickType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageOf } from '../../../core/http/pagination';
import { ApiInteger, ApiTime, ApiUuid } from '../../../core/openapi/api-formats';
import { ORG_UNIT_TYPES, OrgUnitType } from '../org-unit.entity';
import { Trimmed } from '../../../core/http/validation';

export class CreateOrgUnitDto {
  /** e.g. `华东大区`, `杭州二组`, `西湖店`. */
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: ORG_UNIT_TYPES })
  @IsIn(ORG_UNIT_TYPES)
  type: OrgUnitType;

  /** The unit this one lies in; `null`: none (a top unit). */
  @IsOptional()
  @IsUUID()
  parentId?: string | null;

  /** `null`: none. */
  @IsOptional()
  @IsUUID()
  managerId?: string | null;
}

/** Any of these; the name may be left out, but not set to null. A unit's type never changes. */
export class UpdateOrgUnitDto extends PartialType(
  PickType(CreateOrgUnitDto, ['name', 'parentId', 'managerId'] as const),
  { skipNullProperties: false },
) {}

export class OrgUnitResponse {
  @ApiUuid() id: string;
  name: string;
  @ApiProperty({ enum: ORG_UNIT_TYPES })
  type: OrgUnitType;
  @ApiUuid() parentId: string | null;
  @ApiUuid() managerId: string | null;
  @ApiTime() createdAt: string;
  @ApiInteger() version: number;
}

export class OrgUnitPage extends PageOf(OrgUnitResponse) {}
