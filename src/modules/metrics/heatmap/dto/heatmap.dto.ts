import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { ApiInteger, ApiTime, ApiUuid } from '../../../../core/openapi/api-formats';
import { MetricRangeQueryDto } from '../../dto/metric-query.dto';
import type { HeatmapGroupBy } from '../domain/heatmap-svg';

export const HEATMAP_GROUPS = [
  'store',
  'team',
  'region',
] as const satisfies readonly HeatmapGroupBy[];
export const HEATMAP_FORMATS = ['json', 'svg'] as const;
export type HeatmapFormat = (typeof HEATMAP_FORMATS)[number];

/** The heatmap's range, its org-unit type, and JSON or a drawing. */
export class HeatmapQueryDto extends MetricRangeQueryDto {
  /** The type of org unit each row stands for. */
  @ApiProperty({ enum: HEATMAP_GROUPS, example: 'store' })
  @IsIn(HEATMAP_GROUPS)
  groupBy: HeatmapGroupBy;

  /** `svg` draws the heatmap (`image/svg+xml`); `json` (the default) gives the figures. */
  @ApiPropertyOptional({ enum: HEATMAP_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(HEATMAP_FORMATS)
  format?: HeatmapFormat;
}

/** Whose top orders to show, over which range. */
export class DrilldownQueryDto extends MetricRangeQueryDto {
  /** A user in your data scope, typically a heatmap member. */
  @ApiProperty({ type: String, format: 'uuid' })
  @IsUUID()
  userId: string;
}

export class HeatmapMember {
  @ApiUuid() userId: string;
  /** The user's display name. */
  name: string;
  /** Money: the amounts of the range's orders of the customers this rep owns. */
  @ApiProperty({ type: String, example: '38600.00' }) revenue: string;
  /** How many orders those are. */
  @ApiInteger() orders: number;
}

export class HeatmapRow {
  @ApiUuid() orgUnitId: string;
  name: string;
  /** The unit's manager, if it has one. */
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) managerId: string | null;
  /** The number of `members`. */
  @ApiInteger() headcount: number;
  /** Money: the sum of the members' revenue. */
  @ApiProperty({ type: String, example: '57900.00' }) revenue: string;
  /** Money: revenue ÷ headcount, rounded half-up; null for a unit with no member. */
  @ApiProperty({ type: String, example: '28950.00', nullable: true })
  perCapitaRevenue: string | null;
  /** Active users with the `rep` role whose org unit lies in this unit's subtree, by revenue, highest first. */
  @ApiProperty({ type: HeatmapMember, isArray: true }) members: HeatmapMember[];
}

export class HeatmapResponse {
  /** The range counted, days in the organisation's time zone, `to` excluded. */
  @ApiProperty({ type: String, format: 'date' }) from: string;
  @ApiProperty({ type: String, format: 'date' }) to: string;
  @ApiProperty({ enum: HEATMAP_GROUPS }) groupBy: HeatmapGroupBy;
  /** One row per org unit of type `groupBy`, by name. */
  @ApiProperty({ type: HeatmapRow, isArray: true }) rows: HeatmapRow[];
  /** What the figures mean, in the request's language. */
  definition: string;
}

export class DrilldownCustomer {
  @ApiUuid() id: string;
  name: string;
}

export class DrilldownOrder {
  @ApiUuid() orderId: string;
  @ApiTime() orderedAt: string;
  /** Money, net of VAT. */
  @ApiProperty({ type: String, example: '18800.00' }) amount: string;
  @ApiProperty({ type: DrilldownCustomer }) customer: DrilldownCustomer;
}

export class DrilldownResponse {
  @ApiUuid() userId: string;
  /** The user's display name. */
  name: string;
  @ApiProperty({ type: String, format: 'date' }) from: string;
  @ApiProperty({ type: String, format: 'date' }) to: string;
  /** The user's 3 largest orders in the range (fewer if it has fewer), largest first; on a tie, the latest first. */
  @ApiProperty({ type: DrilldownOrder, isArray: true }) orders: DrilldownOrder[];
}
