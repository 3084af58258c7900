import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ApiInteger, ApiTime } from '../../../../core/openapi/api-formats';
import { MetricRangeQueryDto } from '../../dto/metric-query.dto';

export const FUNNEL_BUCKETS = ['week'] as const;

/** The funnel's range, in weekly buckets. */
export class FunnelQueryDto extends MetricRangeQueryDto {
  /** The bucket size; only `week` for now. */
  @ApiProperty({ enum: FUNNEL_BUCKETS, example: 'week' })
  @IsIn(FUNNEL_BUCKETS)
  bucket: (typeof FUNNEL_BUCKETS)[number];
}

export class FunnelStages {
  @ApiInteger() lead: number;
  @ApiInteger() contacted: number;
  @ApiInteger() quoted: number;
  @ApiInteger() won: number;
}

export class FunnelQuotes {
  @ApiInteger() won: number;
  @ApiInteger() lost: number;
  /** lost / (won + lost) × 100, rounded half-up to 2 places; null with no closed quote. */
  @ApiProperty({ type: Number, nullable: true })
  lossRatePct: number | null;
}

export class FunnelBucket {
  /** The ISO week, `YYYY-Www`. */
  @ApiProperty({ example: '2026-W49' })
  week: string;
  /** The week's Monday 00:00 in the organisation's time zone, in UTC. */
  @ApiTime() from: string;
  /** The next Monday 00:00 in the organisation's time zone, in UTC. */
  @ApiTime() to: string;
  stages: FunnelStages;
  quotes: FunnelQuotes;
}

export class FunnelResponse {
  /** Every ISO week overlapping [from, to), oldest first; a week with nothing gives zeros. */
  @ApiProperty({ type: [FunnelBucket] })
  buckets: FunnelBucket[];
  /** What is counted, in words, in the caller's language. */
  definition: string;
}
