import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { ListQueryDto } from '../../../core/http/list-params';
import { PageOf } from '../../../core/http/pagination';
import { IsDecimalNumber, Trimmed } from '../../../core/http/validation';
import { ApiInteger, ApiTime, ApiUuid } from '../../../core/openapi/api-formats';
import { SIGNAL_TYPES, SignalType } from '../signal.entity';
import { TRIGGER_RULE_LIST } from '../trigger-rules.repository';

export const MAX_WINDOW_DAYS = 90;

export class CreateTriggerRuleDto {
  /** e.g. `网站访问 7 天增长 30%`. */
  @Trimmed() @IsString() @MinLength(1) @MaxLength(100) name: string;

  @ApiProperty({ enum: SIGNAL_TYPES })
  @IsIn(SIGNAL_TYPES)
  signalType: SignalType;

  /** Growth in percent that fires the rule (`30` means 30 %), counted inclusive: at least this much. */
  @IsDecimalNumber(2) @Min(0.01) @Max(100_000) growthPct: number;

  /** Length of each of the two windows compared, in days (1–90). */
  @ApiInteger() @IsInt() @Min(1) @Max(MAX_WINDOW_DAYS) windowDays: number;

  /** The least count in the current window for the rule to fire (default 1). */
  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  @ApiInteger()
  minCount?: number;

  /** The playbook pushed to the owner; an unknown id gets 422 PLAYBOOK_NOT_FOUND. */
  @IsUUID() playbookId: string;
}

export class TriggerRuleResponse {
  @ApiUuid() id: string;
  name: string;
  @ApiProperty({ enum: SIGNAL_TYPES }) signalType: SignalType;
  growthPct: number;
  @ApiInteger() windowDays: number;
  @ApiInteger() minCount: number;
  @ApiUuid() playbookId: string;
  /** The creator's user id; null when an API key created it. */
  @ApiUuid() createdBy: string | null;
  @ApiTime() createdAt: string;
}

export class TriggerRuleQueryDto extends ListQueryDto(TRIGGER_RULE_LIST) {}

export class TriggerRulePage extends PageOf(TriggerRuleResponse) {}

export class EvaluationResponse {
  /** Rules evaluated. */
  @ApiInteger() rules: number;
  /** `trigger_playbook` todos created by this run; 0 when an earlier run already made them. */
  @ApiInteger() created: number;
}
