import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../../core/auth/access.decorators';
import { Principal } from '../../../core/auth/principal';
import { PERSON_ROLES } from '../../../core/auth/roles';
import { ApiExamples } from '../../../core/openapi/api-examples.decorator';
import {
  BacktestQueryDto,
  BacktestResponse,
  LikelyBuyersQueryDto,
  LikelyBuyersResponse,
} from './dto/likely-buyers.dto';
import { BACKTEST_EXAMPLE, LIKELY_BUYERS_EXAMPLE } from './dto/likely-buyers.examples';
import { LikelyBuyersService } from './likely-buyers.service';

@ApiTags('insights')
@Controller('insights/likely-buyers')
@Roles(...PERSON_ROLES)
export class LikelyBuyersController {
  constructor(private readonly likelyBuyers: LikelyBuyersService) {}

  /**
   * Rank the customers most likely to order in the next days
   *
   * Owned customers in your data scope (the public pool is left out: a likely buyer needs
   * someone to call it), scored in [0, 1] by a transparent model: the customer's purchase
   * cycle (the median interval between its order days and how much it varies; under 3 orders,
   * a guessed cycle, trusted half as much), growing signals over the `days` before now, an
   * approved quote not yet won, the objections of the latest follow-up, and silence over 14
   * days. Each reason carries its weight; the weights sum to the score, held to [0, 1].
   * Customers scoring 0 are left out. See docs/insights.md for the weights.
   */
  @Get()
  @ApiExamples({ response: LIKELY_BUYERS_EXAMPLE })
  rank(
    @Query() query: LikelyBuyersQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<LikelyBuyersResponse> {
    return this.likelyBuyers.rank(principal, query);
  }

  /**
   * Replay the ranking over past weeks, against the recency baseline
   *
   * For each of the last `weeks` complete ISO weeks (Monday 00:00 in the organisation's time
   * zone), the ranking is made as of the week's start from the data before it (orders, signals,
   * follow-ups, inquiries, and quotes' statuses from the audit trail), for a 7-day horizon.
   * `precisionAtK` is the share of its top `limit` customers who ordered in the week;
   * `baselinePrecisionAtK` the same for the customers who ordered most recently. Fractions in
   * [0, 1], to 4 places.
   */
  @Get('backtest')
  @ApiExamples({ response: BACKTEST_EXAMPLE })
  backtest(
    @Query() query: BacktestQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<BacktestResponse> {
    return this.likelyBuyers.backtest(principal, query);
  }
}
