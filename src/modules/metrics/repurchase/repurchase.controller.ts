import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../../core/auth/access.decorators';
import { Principal } from '../../../core/auth/principal';
import { PERSON_ROLES } from '../../../core/auth/roles';
import { RequestLanguage } from '../../../core/i18n/request-language';
import { Language } from '../../../core/i18n/text';
import { ApiExamples } from '../../../core/openapi/api-examples.decorator';
import { RepurchaseQueryDto, RepurchaseResponse } from './dto/repurchase.dto';
import { REPURCHASE_EXAMPLE } from './dto/repurchase.examples';
import { RepurchaseService } from './repurchase.service';

@ApiTags('metrics')
@Controller('metrics/repurchase')
export class RepurchaseController {
  constructor(private readonly repurchase: RepurchaseService) {}

  /**
   * Weekly repurchase rate by store
   *
   * Of the customers with an order at a store in the 4 weeks before the week,
   * the share who order at that store again within the week. A customer
   * belongs to the store of its orders (`storeId`); orders with no store
   * count for none. Only customers in your data scope count; callers who see
   * all customers get every store, others the stores with a base customer of
   * theirs.
   */
  @Get()
  @Roles(...PERSON_ROLES)
  @ApiExamples({ response: REPURCHASE_EXAMPLE })
  read(
    @Query() query: RepurchaseQueryDto,
    @CurrentPrincipal() principal: Principal,
    @RequestLanguage() language: Language,
  ): Promise<RepurchaseResponse> {
    return this.repurchase.read(principal, query, language);
  }
}
