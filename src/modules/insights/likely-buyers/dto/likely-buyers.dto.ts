import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { ApiInteger, ApiTime, ApiUuid } from '../../../../core/openapi/api-formats';
import { REASON_CODES, ReasonCode } from '../../domain/likely-buyer';

export const MAX_HORIZON_DAYS = 90;
export const MAX_RANKED = 100;
export const MAX_BACKTEST_WEEKS = 26;

/** `?limit=`: how many customers a ranking names, 1 to 100, default 3. */
const RankLimit = () =>
  applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_RANKED, default: 3 }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(MAX_RANKED),
  );

export class LikelyBuyersQueryDto {
  /** The horizon: how many days ahead, from now, an order counts. */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_HORIZON_DAYS, default: 7 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_HORIZON_DAYS)
  days: number = 7;

  @RankLimit()
  limit: number = 3;

  /** Only this owner's customers (within your data scope; anyone else's gives an empty list). */
  @ApiPropertyOptional({ type: String, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;
}

export class BacktestQueryDto {
  /** How many complete weeks before the current one to replay. */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_BACKTEST_WEEKS, default: 8 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_BACKTEST_WEEKS)
  weeks: number = 8;

  /** k: how many customers each week's ranking names. */
  @RankLimit()
  limit: number = 3;
}

export class LikelyBuyerReason {
  @ApiProperty({ enum: REASON_CODES }) code: ReasonCode;
  /** The reason in plain Chinese, e.g. 按平均 14 天的采购周期，预计 3 天后下单. */
  text: string;
  /** What the reason adds to the score (negative: takes away). The weights sum to the score, held to [0, 1]. */
  @ApiProperty({ type: Number, example: 0.5455 }) weight: number;
}

export class LikelyBuyer {
  @ApiUuid() customerId: string;
  name: string;
  @ApiUuid() ownerId: string;
  /** In [0, 1]: the sum of the reasons' weights, held to [0, 1]. */
  @ApiProperty({ type: Number, minimum: 0, maximum: 1, example: 0.7455 }) score: number;
  /** The day the purchase cycle expects the next order, in the organisation's time zone; null without orders. */
  @ApiProperty({ type: String, format: 'date', nullable: true }) expectedOrderDate: string | null;
  /** Heaviest first. */
  @ApiProperty({ type: LikelyBuyerReason, isArray: true }) reasons: LikelyBuyerReason[];
}

export class LikelyBuyersResponse {
  @ApiTime() generatedAt: string;
  @ApiInteger() horizonDays: number;
  /** Most likely first; ties by the expected order date, then customer id. */
  @ApiProperty({ type: LikelyBuyer, isArray: true }) items: LikelyBuyer[];
}

export class BacktestWeek {
  /** The replayed ISO week, `YYYY-Www`. */
  @ApiProperty({ type: String, example: '2026-W48' }) week: string;
  /** Of the model's top k, ranked with the data before the week, the share that ordered in it (0 to 1). */
  @ApiProperty({ type: Number, minimum: 0, maximum: 1 }) precisionAtK: number;
  /** The same for the baseline: the k customers who ordered most recently before the week. */
  @ApiProperty({ type: Number, minimum: 0, maximum: 1 }) baselinePrecisionAtK: number;
  /** How many customers in scope ordered in the week. */
  @ApiInteger() buyers: number;
}

export class BacktestResponse {
  @ApiInteger() k: number;
  /** Oldest first. */
  @ApiProperty({ type: BacktestWeek, isArray: true }) weeks: BacktestWeek[];
  @ApiProperty({ type: Number, minimum: 0, maximum: 1 }) meanPrecisionAtK: number;
  @ApiProperty({ type: Number, minimum: 0, maximum: 1 }) meanBaselinePrecisionAtK: number;
}
