import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ApiUuid } from '../../../../core/openapi/api-formats';
import {
  CUSTOM_FIELD_ENTITIES,
  CustomFieldEntity,
} from '../../../custom-fields/domain/custom-field';
import { IsCustomFieldKey } from '../../../custom-fields/dto/custom-field.dto';
import { MetricRangeQueryDto } from '../../dto/metric-query.dto';

export const STORE_OR_TEAM = ['store', 'team'] as const;
export type StoreOrTeam = (typeof STORE_OR_TEAM)[number];

/** Which field to count, by which org unit, over which days. */
export class CustomFieldMetricQueryDto extends MetricRangeQueryDto {
  @ApiProperty({ enum: CUSTOM_FIELD_ENTITIES, example: 'follow_up' })
  @IsIn(CUSTOM_FIELD_ENTITIES)
  entity: CustomFieldEntity;

  /** The key of a live custom field of `entity`; another key gets 404. */
  @IsCustomFieldKey()
  key: string;

  /** The type of org unit each row stands for. */
  @ApiProperty({ enum: STORE_OR_TEAM, example: 'store' })
  @IsIn(STORE_OR_TEAM)
  groupBy: StoreOrTeam;
}

export class CustomFieldCountsRow {
  @ApiUuid() orgUnitId: string;
  name: string;
  /**
   * How many records carry each value, by the value as text (`"满意"`, `"true"`,
   * `"12.5"`); a multiselect counts once per option chosen.
   */
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { 满意: 12, 一般: 5, 需改进: 2 },
  })
  counts: Record<string, number>;
}

export class CustomFieldMetricResponse {
  @ApiProperty({ enum: CUSTOM_FIELD_ENTITIES }) entity: CustomFieldEntity;
  key: string;
  /** One row per org unit of type `groupBy` with at least one value counted, by name. */
  @ApiProperty({ type: CustomFieldCountsRow, isArray: true }) rows: CustomFieldCountsRow[];
}
