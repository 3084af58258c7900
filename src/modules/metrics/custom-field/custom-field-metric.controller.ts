import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../../core/auth/access.decorators';
import { Principal } from '../../../core/auth/principal';
import { PERSON_ROLES } from '../../../core/auth/roles';
import { ApiExamples } from '../../../core/openapi/api-examples.decorator';
import { ApiProblems } from '../../../core/openapi/api-problems.decorator';
import { CustomFieldMetricService } from './custom-field-metric.service';
import {
  CustomFieldMetricQueryDto,
  CustomFieldMetricResponse,
} from './dto/custom-field-metric.dto';
import { CUSTOM_FIELD_METRIC_EXAMPLE } from './dto/custom-field-metric.examples';

@ApiTags('metrics')
@Controller('metrics/custom-field')
export class CustomFieldMetricController {
  constructor(private readonly metric: CustomFieldMetricService) {}

  /**
   * Count a custom field's values by store or team
   *
   * The records of `entity` created in the range (days in the organisation's
   * time zone, `to` excluded) that carry `key`, counted by value for each org
   * unit of type `groupBy` whose subtree holds their owner's org unit: the
   * customer's owner for customers and follow-ups, the quote's owner for
   * quotes. Only records in your data scope count. A multiselect counts once
   * per option chosen. A key that is not a live field of `entity` gets 404.
   */
  @Get()
  @Roles(...PERSON_ROLES)
  @ApiProblems(404)
  @ApiExamples({ response: CUSTOM_FIELD_METRIC_EXAMPLE })
  counts(
    @Query() query: CustomFieldMetricQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CustomFieldMetricResponse> {
    return this.metric.counts(principal, query);
  }
}
