import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentPrincipal } from '../../../core/auth/access.decorators';
import { Principal } from '../../../core/auth/principal';
import { RequestLanguage } from '../../../core/i18n/request-language';
import { Language } from '../../../core/i18n/text';
import { ApiExamples } from '../../../core/openapi/api-examples.decorator';
import { FunnelQueryDto, FunnelResponse } from './dto/funnel.dto';
import { FUNNEL_EXAMPLE } from './dto/funnel.examples';
import { FunnelService } from './funnel.service';

@ApiTags('metrics')
@Controller('metrics/funnel')
export class FunnelController {
  constructor(private readonly funnel: FunnelService) {}

  /**
   * The sales funnel, week by week
   *
   * One bucket per ISO week overlapping [from, to), whole weeks in the
   * organisation's time zone: the customers that first reached each stage
   * that week, and the quotes won (at their contract's `signedAt`) and lost
   * (at their lose time). In the caller's data scope.
   */
  @Get()
  @AnyRole()
  @ApiExamples({ response: FUNNEL_EXAMPLE })
  weekly(
    @Query() query: FunnelQueryDto,
    @CurrentPrincipal() principal: Principal,
    @RequestLanguage() language: Language,
  ): Promise<FunnelResponse> {
    return this.funnel.weekly(principal, query, language);
  }
}
