import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { ROLES, Role } from '../../../core/auth/roles';
import { AnyOf, ListQueryDto } from '../../../core/http/list-params';
import { PageOf } from '../../../core/http/pagination';
import { IsDecimalNumber, Trimmed } from '../../../core/http/validation';
import { ApiInteger, ApiTime, ApiUuid } from '../../../core/openapi/api-formats';
import { IsIsoWeek } from '../../metrics/dto/metric-query.dto';
import { UNIT_METRICS, UnitMetric } from '../../metrics/domain/unit-metrics';
import { ALERT_COMPARATORS, ALERT_SCOPES, AlertComparator, AlertScope } from '../domain/alert-rule';
import { ALERT_RULE_LIST } from '../alert-rules.repository';

/** A set of roles: each known, none twice. */
const RecipientRoles = () =>
  applyDecorators(
    IsArray(),
    ArrayMaxSize(ROLES.length),
    ArrayUnique(),
    IsIn(ROLES, { each: true }),
  );

export class CreateAlertRuleDto {
  /** e.g. `门店周复购率低于 65%`. */
  @Trimmed() @IsString() @MinLength(1) @MaxLength(100) name: string;

  @ApiProperty({ enum: UNIT_METRICS })
  @IsIn(UNIT_METRICS)
  metric: UnitMetric;

  /** The units compared: every store, or every team, in the rule's reach. */
  @ApiProperty({ enum: ALERT_SCOPES })
  @IsIn(ALERT_SCOPES)
  scope: AlertScope;

  /** `lt`: fires strictly below the threshold; `gt`: strictly above. */
  @ApiProperty({ enum: ALERT_COMPARATORS })
  @IsIn(ALERT_COMPARATORS)
  comparator: AlertComparator;

  /** A percentage, 0–100, up to 2 places (`65` means 65 %). */
  @IsDecimalNumber(2) @Min(0) @Max(100) threshold: number;

  /**
   * Who gets the `alert` todo: the users with any of these roles whose org
   * unit is the breaching unit, and, for director roles, its region (the
   * units above it).
   */
  @ApiProperty({ enum: ROLES, isArray: true, example: ['store_manager'] })
  @RecipientRoles()
  @ArrayMinSize(1)
  notifyRoles: Role[];

  /** Who gets a notification (in the inbox, and to webhooks), found as `notifyRoles` are. */
  @ApiPropertyOptional({ enum: ROLES, isArray: true, default: [] })
  @IsOptional()
  @RecipientRoles()
  ccRoles?: Role[];

  /** The playbook attached to each todo; an unknown id gets 422 PLAYBOOK_NOT_FOUND. */
  @IsOptional() @IsUUID() playbookId?: string | null;
}

/** Any of a rule's fields; a required one may be left out, not set to null. `playbookId` takes null to detach. */
export class UpdateAlertRuleDto extends PartialType(CreateAlertRuleDto, {
  skipNullProperties: false,
}) {}

export class AlertRuleQueryDto extends ListQueryDto(ALERT_RULE_LIST) {
  @AnyOf({ enum: UNIT_METRICS }, 'Rules watching any of these metrics.') metric?: UnitMetric[];
  @AnyOf({ enum: ALERT_SCOPES }, 'Rules over any of these unit types.') scope?: AlertScope[];
}

export class AlertRuleResponse {
  @ApiUuid() id: string;
  @ApiInteger() version: number;
  name: string;
  @ApiProperty({ enum: UNIT_METRICS }) metric: UnitMetric;
  @ApiProperty({ enum: ALERT_SCOPES }) scope: AlertScope;
  @ApiProperty({ enum: ALERT_COMPARATORS }) comparator: AlertComparator;
  threshold: number;
  @ApiProperty({ enum: ROLES, isArray: true }) notifyRoles: Role[];
  @ApiProperty({ enum: ROLES, isArray: true }) ccRoles: Role[];
  @ApiUuid() playbookId: string | null;
  /** The subtree watched (its author's, for a regional or ops director); null: the whole organisation. */
  @ApiUuid() reachOrgUnitId: string | null;
  /** Its author; null for an integrator's API key. */
  @ApiUuid() createdBy: string | null;
  @ApiTime() createdAt: string;
  @ApiTime() updatedAt: string;
}

export class AlertRulePage extends PageOf(AlertRuleResponse) {}

export class EvaluateAlertsQueryDto {
  /** The ISO week evaluated, `YYYY-Www`; left out: the last complete week. */
  @ApiPropertyOptional({ example: '2026-W49' })
  @IsOptional()
  @IsIsoWeek()
  week?: string;
}

export class AlertEvaluationResponse {
  @ApiProperty({ example: '2026-W49' }) week: string;
  /** Rules evaluated. */
  @ApiInteger() rules: number;
  /** Units in breach found by this run for the first time: earlier runs' breaches are not counted again. */
  @ApiInteger() breaches: number;
  /** `alert` todos created. */
  @ApiInteger() todosCreated: number;
  /** Notifications sent to `ccRoles`. */
  @ApiInteger() notificationsCreated: number;
}
