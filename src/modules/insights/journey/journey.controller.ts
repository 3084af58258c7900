import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentPrincipal } from '../../../core/auth/access.decorators';
import { Principal } from '../../../core/auth/principal';
import { IdParam } from '../../../core/http/id-param.decorator';
import { ApiExamples } from '../../../core/openapi/api-examples.decorator';
import { ApiProblems } from '../../../core/openapi/api-problems.decorator';
import { JourneyPage, JourneyQueryDto } from './dto/journey.dto';
import { JOURNEY_PAGE_EXAMPLE } from './dto/journey.examples';
import { JourneyService } from './journey.service';

@ApiTags('insights')
@Controller('customers')
export class JourneyController {
  constructor(private readonly journeys: JourneyService) {}

  /**
   * Read a customer's journey: signals, inquiries, follow-ups, quotes, approvals, contracts, orders and tickets, newest first
   *
   * One timeline of `{ at, kind, summary, refId }`, in `[from, to)` (all time
   * by default), newest first; items of one instant by kind, then `refId`,
   * descending. Any role may read a customer in its data scope, the public
   * pool included; another customer is 404. The answer takes a fixed number
   * of queries whatever the history's length.
   */
  @Get(':id/journey')
  @AnyRole()
  @ApiProblems(404)
  @ApiExamples({ response: JOURNEY_PAGE_EXAMPLE })
  read(
    @IdParam() customerId: string,
    @Query() query: JourneyQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<JourneyPage> {
    return this.journeys.read(principal, customerId, query);
  }
}
