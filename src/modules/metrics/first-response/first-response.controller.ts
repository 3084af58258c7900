import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../../core/auth/access.decorators';
import { Principal } from '../../../core/auth/principal';
import { RequestLanguage } from '../../../core/i18n/request-language';
import { Language } from '../../../core/i18n/text';
import { ApiExamples } from '../../../core/openapi/api-examples.decorator';
import { GroupedMetricQueryDto } from '../dto/metric-query.dto';
import { FIRST_RESPONSE_EXAMPLE } from './first-response.examples';
import { FirstResponseResponse } from './first-response.dto';
import { FirstResponseService } from './first-response.service';

/** Managers read their people's figures; a rep reads its own (the data scope decides). */
const READERS = [
  'admin',
  'sales_director',
  'regional_director',
  'ops_director',
  'supervisor',
  'store_manager',
  'rep',
] as const;

@ApiTags('metrics')
@Controller('metrics/first-response')
export class FirstResponseController {
  constructor(private readonly firstResponse: FirstResponseService) {}

  /**
   * How fast inquiries get their first follow-up
   *
   * Over the inquiries received in [from, to) (days in the organisation's
   * time zone) of the customers in your data scope: the median and p90
   * response time in minutes (nearest rank, over the answered ones) and the
   * share within `targetMinutes`, in total and per owner (`rep`) or owner's
   * org unit (`team`). `definition` states exactly how. `to` not after
   * `from`, or more than 366 days after it, gets 400 naming `to`.
   */
  @Get()
  @Roles(...READERS)
  @ApiExamples({ response: FIRST_RESPONSE_EXAMPLE })
  measure(
    @Query() query: GroupedMetricQueryDto,
    @CurrentPrincipal() principal: Principal,
    @RequestLanguage() language: Language,
  ): Promise<FirstResponseResponse> {
    return this.firstResponse.measure(principal, query, language);
  }
}
