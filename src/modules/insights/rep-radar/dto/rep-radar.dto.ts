import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { ApiInteger, ApiUuid } from '../../../../core/openapi/api-formats';
import { MetricRangeQueryDto } from '../../../metrics/dto/metric-query.dto';
import { AXIS_KEYS, type AxisKey } from '../domain/radar-axes';

export const RADAR_FORMATS = ['json', 'svg'] as const;
export type RadarFormat = (typeof RADAR_FORMATS)[number];

/** Whose radar, over which days, as figures or a drawing. */
export class RepRadarQueryDto extends MetricRangeQueryDto {
  /** The user to draw: yourself when left out, or anyone whose customers are in your data scope. */
  @ApiPropertyOptional({ type: String, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  /** `svg` draws the radar (`image/svg+xml`); `json` (the default) gives the figures. */
  @ApiPropertyOptional({ enum: RADAR_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(RADAR_FORMATS)
  format?: RadarFormat;
}

export class RepRadarAxis {
  @ApiProperty({ enum: AXIS_KEYS, example: 'first_response' })
  key: AxisKey;

  /** The axis's name in Chinese, as the radar draws it. */
  @ApiProperty({ example: '首响速度' })
  label: string;

  /** 0–100, higher is better, rounded half-up to 2 places; null when the range holds nothing to measure it by. */
  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 100, example: 50 })
  value: number | null;

  /** The value's percentile rank among the other team members' (see the response's `definition`); null when there is nothing to rank. */
  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 100, example: 50 })
  teamPercentile: number | null;

  /** How `value` is computed, in the request's language. */
  definition: string;
}

export class RepRadarResponse {
  @ApiUuid() userId: string;

  /** The user's display name. */
  name: string;

  /** The range measured: days in the organisation's time zone, `to` excluded. */
  @ApiProperty({ type: String, format: 'date' }) from: string;
  @ApiProperty({ type: String, format: 'date' }) to: string;

  /** The team the percentiles rank within, the user included: 1 when it has no peer. */
  @ApiInteger() teamSize: number;

  /** The six axes, always in this order: first_response, compliance, win_rate, price_discipline, follow_up_depth, repurchase. */
  @ApiProperty({ type: RepRadarAxis, isArray: true })
  axes: RepRadarAxis[];

  /** The range, the team and the percentile rule, in the request's language. */
  definition: string;
}
