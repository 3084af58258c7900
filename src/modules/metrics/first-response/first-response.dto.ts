import { ApiProperty } from '@nestjs/swagger';
import { ApiInteger } from '../../../core/openapi/api-formats';

export class FirstResponseGroup {
  /** The owner's user id (`groupBy=rep`) or the owner's org-unit id (`team`); null for the public pool. */
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  key: string | null;

  /** The rep's display name or the org unit's name; `公海` for the public pool. */
  name: string;

  /** Inquiries received in the range. */
  @ApiInteger() count: number;

  /** Those answered by a follow-up. */
  @ApiInteger() responded: number;

  /** Nearest-rank median of the response times, in minutes (2 places); null with no response. */
  @ApiProperty({ type: Number, nullable: true, example: 15 })
  medianMinutes: number | null;

  /** Nearest-rank 90th percentile of the response times, in minutes (2 places); null with no response. */
  @ApiProperty({ type: Number, nullable: true, example: 40 })
  p90Minutes: number | null;

  /** Per cent within target; null when no inquiry counts yet (see `definition`). */
  @ApiProperty({ type: Number, nullable: true, example: 50 })
  withinTargetPct: number | null;
}

export class FirstResponseResponse {
  /** The setting `firstResponseTargetMinutes`. */
  @ApiInteger() targetMinutes: number;

  @ApiInteger() count: number;
  @ApiInteger() responded: number;

  @ApiProperty({ type: Number, nullable: true, example: 15 })
  medianMinutes: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 40 })
  p90Minutes: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 50 })
  withinTargetPct: number | null;

  /** How the figures were computed, in one plain sentence or three. */
  definition: string;

  /** One per owner or org unit with at least one inquiry; the pool last. */
  @ApiProperty({ type: FirstResponseGroup, isArray: true })
  groups: FirstResponseGroup[];
}
