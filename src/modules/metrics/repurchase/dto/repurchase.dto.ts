import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ApiInteger, ApiUuid } from '../../../../core/openapi/api-formats';
import { IsIsoWeek } from '../../dto/metric-query.dto';

export const REPURCHASE_GROUPS = ['store'] as const;
export type RepurchaseGroupBy = (typeof REPURCHASE_GROUPS)[number];

export class RepurchaseQueryDto {
  /** The ISO week, `YYYY-Www`, Monday to Monday in the organisation's time zone. */
  @ApiProperty({ type: String, example: '2026-W49', pattern: '^\\d{4}-W\\d{2}$' })
  @IsIsoWeek()
  week: string;

  /** Stores: the only grouping so far. */
  @ApiProperty({ enum: REPURCHASE_GROUPS, example: 'store' })
  @IsIn(REPURCHASE_GROUPS)
  groupBy: RepurchaseGroupBy;
}

export class StoreRepurchase {
  @ApiUuid() orgUnitId: string;
  name: string;
  /** Distinct customers with an order at the store in the 4 weeks before the week. */
  @ApiInteger() base: number;
  /** Of those, the customers with an order at the store within the week. */
  @ApiInteger() repurchased: number;
  /** repurchased ÷ base × 100, rounded half-up to 2 places; null when base is 0. */
  @ApiProperty({ type: Number, nullable: true, example: 60 }) ratePct: number | null;
}

export class RepurchaseResponse {
  @ApiProperty({ type: String, example: '2026-W49' }) week: string;
  /** The week's Monday. */
  @ApiProperty({ type: String, format: 'date' }) from: string;
  /** The next Monday, excluded. */
  @ApiProperty({ type: String, format: 'date' }) to: string;
  @ApiProperty({ enum: REPURCHASE_GROUPS }) groupBy: RepurchaseGroupBy;
  /** One row per store, by name. */
  @ApiProperty({ type: StoreRepurchase, isArray: true }) rows: StoreRepurchase[];
  /** What the figures mean, in the request's language. */
  definition: string;
}
