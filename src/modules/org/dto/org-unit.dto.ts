import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageOf } from '../../../core/http/pagination';
import { ORG_UNIT_TYPES, OrgUnitType } from '../org-unit.entity';

export class CreateOrgUnitDto {
  /** e.g. `华东大区`, `杭州二组`, `西湖店`. */
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: ORG_UNIT_TYPES })
  @IsIn(ORG_UNIT_TYPES)
  type: OrgUnitType;

  @IsOptional()
  @IsUUID()
  parentId?: string;

  @IsOptional()
  @IsUUID()
  managerId?: string;
}

export class OrgUnitResponse {
  id: string;
  name: string;
  @ApiProperty({ enum: ORG_UNIT_TYPES })
  type: OrgUnitType;
  parentId: string | null;
  managerId: string | null;
  createdAt: string;
}

export class OrgUnitPage extends PageOf(OrgUnitResponse) {}
