import { Body, Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentPrincipal, Roles } from '../../core/auth/access.decorators';
import { Principal } from '../../core/auth/principal';
import { IdParam } from '../../core/http/id-param.decorator';
import { Created } from '../../core/http/location';
import { Post } from '../../core/idempotency/post.decorator';
import { ApiExamples } from '../../core/openapi/api-examples.decorator';
import { ApiProblems } from '../../core/openapi/api-problems.decorator';
import { CreateInquiryDto, InquiryPage, InquiryQueryDto, InquiryResponse } from './dto/inquiry.dto';
import {
  CREATE_INQUIRY_EXAMPLE,
  INQUIRY_EXAMPLE,
  INQUIRY_PAGE_EXAMPLE,
} from './dto/inquiry.examples';
import { InquiriesService } from './inquiries.service';

/**
 * Who records inquiries: the sales line from rep up, and integrators (a web
 * form or a call centre posting through an API key). Finance does not take
 * inquiries.
 */
const INQUIRY_RECORDERS = [
  'admin',
  'sales_director',
  'regional_director',
  'ops_director',
  'supervisor',
  'store_manager',
  'rep',
  'integrator',
] as const;

@ApiTags('inquiries')
@Controller('inquiries')
export class InquiriesController {
  constructor(private readonly inquiries: InquiriesService) {}

  /**
   * Record a customer's inquiry
   *
   * Name the customer by `customerId` (in your scope or the pool, else 404),
   * or by `name` and `phone`. The phone is normalised and matched to the
   * customer holding it, whoever owns it; an unknown phone creates a `lead`
   * customer in the public pool under `name`, in the same transaction. The
   * answer is the same either way: it shows the customer's id and nothing
   * else of it. `receivedAt` must not lie in the future.
   */
  @Post()
  @Created('inquiries/{id}')
  @Roles(...INQUIRY_RECORDERS)
  @ApiProblems(404)
  @ApiExamples({ request: CREATE_INQUIRY_EXAMPLE, response: INQUIRY_EXAMPLE })
  create(
    @Body() body: CreateInquiryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<InquiryResponse> {
    return this.inquiries.create(principal, body);
  }

  /** List the inquiries of customers in your scope and the pool, latest received first */
  @Get()
  @AnyRole()
  @ApiExamples({ response: INQUIRY_PAGE_EXAMPLE })
  list(
    @Query() query: InquiryQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<InquiryPage> {
    return this.inquiries.list(principal, query);
  }

  /** Read an inquiry of a customer in your scope or the pool */
  @Get(':id')
  @AnyRole()
  @ApiProblems(404)
  @ApiExamples({ response: INQUIRY_EXAMPLE })
  get(@IdParam() id: string, @CurrentPrincipal() principal: Principal): Promise<InquiryResponse> {
    return this.inquiries.get(principal, id);
  }
}
