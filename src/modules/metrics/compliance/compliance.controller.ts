import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentPrincipal } from '../../../core/auth/access.decorators';
import { Principal } from '../../../core/auth/principal';
import { RequestLanguage } from '../../../core/i18n/request-language';
import { Language } from '../../../core/i18n/text';
import { ApiExamples } from '../../../core/openapi/api-examples.decorator';
import { GroupedMetricQueryDto } from '../dto/metric-query.dto';
import { ComplianceService } from './compliance.service';
import { ActionComplianceResponse } from './dto/compliance.dto';
import { COMPLIANCE_EXAMPLE } from './dto/compliance.examples';

@ApiTags('metrics')
@Controller('metrics/compliance')
export class ComplianceController {
  constructor(private readonly compliance: ComplianceService) {}

  /**
   * Action compliance: the promised touches (and approvals) kept
   *
   * Over the follow-up obligations whose `nextTouchAt` falls in [from, to)
   * (days in the organisation's time zone), fulfilled by a later touch within
   * the grace period, plus the quotes that needed approval and whose contract
   * was signed in the range, fulfilled when approved before `signedAt`. An
   * obligation still within its grace and not yet fulfilled is left out until
   * it settles. `ratePct` is null when nothing is due. In the caller's data
   * scope: a rep sees only its own.
   */
  @Get()
  @AnyRole()
  @ApiExamples({ response: COMPLIANCE_EXAMPLE })
  metric(
    @Query() query: GroupedMetricQueryDto,
    @CurrentPrincipal() principal: Principal,
    @RequestLanguage() language: Language,
  ): Promise<ActionComplianceResponse> {
    return this.compliance.metric(principal, query, language);
  }
}
