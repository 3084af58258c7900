import { ApiProperty } from '@nestjs/swagger';
import { IsIn, ValidateBy, ValidationOptions } from 'class-validator';
import { IsCalendarDate } from '../../../core/http/timestamps';
import { parseIsoWeek } from '../domain/iso-week';

/**
 * A metric's range: days in the organisation's time zone, `from` inclusive
 * and `to` exclusive (so a week is `from=2026-11-30&to=2026-12-07`). `to`
 * must come after `from`, at most 366 days later.
 */
export class MetricRangeQueryDto {
  /** The first day counted, `YYYY-MM-DD`. */
  @ApiProperty({ type: String, format: 'date', example: '2026-11-01' })
  @IsCalendarDate()
  from: string;

  /** The first day no longer counted, `YYYY-MM-DD`. */
  @ApiProperty({ type: String, format: 'date', example: '2026-12-01' })
  @IsCalendarDate()
  to: string;
}

export const REP_OR_TEAM = ['rep', 'team'] as const;
export type RepOrTeam = (typeof REP_OR_TEAM)[number];

/** A range grouped by the customer's owner (`rep`) or the owner's org unit (`team`). */
export class GroupedMetricQueryDto extends MetricRangeQueryDto {
  @ApiProperty({ enum: REP_OR_TEAM, example: 'rep' })
  @IsIn(REP_OR_TEAM)
  groupBy: RepOrTeam;
}

/** A DTO property holding an ISO week that exists, `YYYY-Www`. */
export const IsIsoWeek = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isIsoWeek',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseIsoWeek(value) !== null,
        defaultMessage: (args) =>
          `${args?.property} must be an ISO week that exists, e.g. 2026-W49`,
      },
    },
    options,
  );
