import { ApiProperty } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { ApiInteger, ApiTime } from '../../../../core/openapi/api-formats';
import { IsIsoWeek } from '../../dto/metric-query.dto';
import type { FunnelAnomalyReason } from '../../domain/statistics';

export const FUNNEL_ANOMALY_REASONS: readonly FunnelAnomalyReason[] = [
  'no_closed_quotes',
  'insufficient_baseline',
  'too_few_closed',
  'within_threshold',
  'above_threshold',
];

export class FunnelAnomalyRunQueryDto {
  /** The ISO week to evaluate, `YYYY-Www`; left out, the last complete week in the organisation's zone. */
  @ApiProperty({ required: false, example: '2026-W48' })
  @IsOptional()
  @IsIsoWeek()
  week?: string;
}

/** One week of the baseline. */
export class AnomalyBaselineWeek {
  @ApiProperty({ example: '2026-W40' })
  week: string;
  @ApiInteger() won: number;
  @ApiInteger() lost: number;
  /** Null for a week with no closed quote: it is left out of the baseline. */
  @ApiProperty({ type: Number, nullable: true })
  lossRatePct: number | null;
}

/** The evaluation of one week: the figures the rule decided on, rounded half-up to 2 places. */
export class FunnelAnomalyEvaluation {
  @ApiProperty({ example: '2026-W48' })
  week: string;
  /** The week's Monday 00:00 in the organisation's time zone, in UTC. */
  @ApiTime() from: string;
  /** The next Monday 00:00 in the organisation's time zone, in UTC. */
  @ApiTime() to: string;
  /** Whether the week's loss rate breached: above mean + k·σ with enough closed quotes. */
  breach: boolean;
  @ApiProperty({ enum: FUNNEL_ANOMALY_REASONS })
  reason: FunnelAnomalyReason;
  @ApiProperty({ type: Number, nullable: true }) lossRatePct: number | null;
  @ApiProperty({ type: Number, nullable: true }) meanPct: number | null;
  @ApiProperty({ type: Number, nullable: true }) sigmaPct: number | null;
  @ApiProperty({ type: Number, nullable: true }) thresholdPct: number | null;
  /** The week's quotes won plus lost. */
  @ApiInteger() closed: number;
  @ApiInteger() won: number;
  @ApiInteger() lost: number;
  /** The weeks of the window with a loss rate. */
  @ApiInteger() baselineWeeks: number;
  /** The settings applied: funnelAnomalyWindowWeeks, funnelAnomalySigmaMultiplier, and the minimum closed quotes (5). */
  @ApiInteger() windowWeeks: number;
  sigmaMultiplier: number;
  @ApiInteger() minClosed: number;
  /** The window's weeks, oldest first. */
  @ApiProperty({ type: [AnomalyBaselineWeek] })
  baseline: AnomalyBaselineWeek[];
}

export class FunnelAnomalyRunResponse extends FunnelAnomalyEvaluation {
  /** The funnel_anomaly todos this run made: one per active sales director on a first breach, else 0. */
  @ApiInteger() todosCreated: number;
}

export class AnomalyPrecisionResponse {
  /** Weeks starting in the range that breached (one each, however many directors were told). */
  @ApiInteger() flagged: number;
  /** Of those, the weeks judged `confirmed` (by the first judgement given). */
  @ApiInteger() confirmed: number;
  /** Of those, the weeks judged `false_alarm`. */
  @ApiInteger() falseAlarms: number;
  /** confirmed / (confirmed + falseAlarms) × 100, rounded half-up to 2 places; null while none is judged. */
  @ApiProperty({ type: Number, nullable: true })
  precisionPct: number | null;
  /** What is counted, in words, in the caller's language. */
  definition: string;
}
