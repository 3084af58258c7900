import { Body, Controller, Get, HttpCode, Patch, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentPrincipal, Roles } from '../../core/auth/access.decorators';
import { Principal } from '../../core/auth/principal';
import { IfMatchVersion } from '../../core/http/if-match.decorator';
import { IdParam } from '../../core/http/id-param.decorator';
import { Created } from '../../core/http/location';
import { Post } from '../../core/idempotency/post.decorator';
import { ApiExamples } from '../../core/openapi/api-examples.decorator';
import { ApiProblems } from '../../core/openapi/api-problems.decorator';
import { CustomersExportService } from './customers-export.service';
import { CustomersService } from './customers.service';
import {
  CreateCustomerDto,
  CustomerPage,
  CustomerQueryDto,
  CustomerResponse,
  TransferCustomerDto,
  UpdateCustomerDto,
} from './dto/customer.dto';
import {
  CLAIMED_CUSTOMER_EXAMPLE,
  CREATE_CUSTOMER_EXAMPLE,
  CUSTOMER_EXAMPLE,
  CUSTOMER_PAGE_EXAMPLE,
  RELEASED_CUSTOMER_EXAMPLE,
  TRANSFERRED_CUSTOMER_EXAMPLE,
  TRANSFER_CUSTOMER_EXAMPLE,
  UPDATED_CUSTOMER_EXAMPLE,
  UPDATE_CUSTOMER_EXAMPLE,
} from './dto/customer.examples';

const TRANSFERRING_ROLES = [
  'admin',
  'sales_director',
  'regional_director',
  'ops_director',
  'supervisor',
  'store_manager',
] as const;

@ApiTags('customers')
@Controller('customers')
export class CustomersController {
  constructor(
    private readonly customers: CustomersService,
    private readonly exports: CustomersExportService,
  ) {}

  /** Create a customer; a phone already held by another customer gets 409 DUPLICATE_PHONE */
  @Post()
  @Created('customers/{id}')
  @AnyRole()
  @ApiProblems(403, 409, 422)
  @ApiExamples({ request: CREATE_CUSTOMER_EXAMPLE, response: CUSTOMER_EXAMPLE })
  create(
    @Body() body: CreateCustomerDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CustomerResponse> {
    return this.customers.create(body, principal);
  }

  /** List customers in the caller's scope and the public pool, newest first */
  @Get()
  @AnyRole()
  @ApiExamples({ response: CUSTOMER_PAGE_EXAMPLE })
  list(
    @Query() query: CustomerQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CustomerPage> {
    return this.customers.list(principal, query);
  }

  /** Export the caller's customers (and the pool) as an Excel workbook */
  @Get('export.xlsx')
  @AnyRole()
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'The workbook', schema: { type: 'string', format: 'binary' } })
  exportXlsx(@CurrentPrincipal() principal: Principal): StreamableFile {
    return this.exports.xlsx(principal);
  }

  /** Export the caller's customers (and the pool) as CSV (UTF-8 with BOM) */
  @Get('export.csv')
  @AnyRole()
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The CSV file', schema: { type: 'string', format: 'binary' } })
  exportCsv(@CurrentPrincipal() principal: Principal): StreamableFile {
    return this.exports.csv(principal);
  }

  /** Read a customer in the caller's scope or the pool */
  @Get(':id')
  @AnyRole()
  @ApiProblems(404)
  @ApiExamples({ response: CUSTOMER_EXAMPLE })
  get(@IdParam() id: string, @CurrentPrincipal() principal: Principal): Promise<CustomerResponse> {
    return this.customers.get(principal, id);
  }

  /** Edit a customer's details; the owner and stage change elsewhere */
  @Patch(':id')
  @AnyRole()
  @ApiProblems(404, 409)
  @ApiExamples({ request: UPDATE_CUSTOMER_EXAMPLE, response: UPDATED_CUSTOMER_EXAMPLE })
  update(
    @IdParam() id: string,
    @Body() body: UpdateCustomerDto,
    @IfMatchVersion() version: number | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CustomerResponse> {
    return this.customers.update(principal, id, body, version);
  }

  /** Claim a customer from the public pool; 409 ALREADY_OWNED if someone owns it */
  @Post(':id/claim')
  @Roles('rep', 'supervisor', 'store_manager')
  @HttpCode(200)
  @ApiProblems(404)
  @ApiExamples({ response: CLAIMED_CUSTOMER_EXAMPLE })
  claim(
    @IdParam() id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CustomerResponse> {
    return this.customers.claim(principal, id);
  }

  /** Put a customer back in the pool (its owner or the owner's superiors) */
  @Post(':id/release')
  @AnyRole()
  @HttpCode(200)
  @ApiProblems(404)
  @ApiExamples({ response: RELEASED_CUSTOMER_EXAMPLE })
  release(
    @IdParam() id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CustomerResponse> {
    return this.customers.release(principal, id);
  }

  /** Give a customer to another user in the caller's scope */
  @Post(':id/transfer')
  @Roles(...TRANSFERRING_ROLES)
  @HttpCode(200)
  @ApiProblems(404, 422)
  @ApiExamples({ request: TRANSFER_CUSTOMER_EXAMPLE, response: TRANSFERRED_CUSTOMER_EXAMPLE })
  transfer(
    @IdParam() id: string,
    @Body() body: TransferCustomerDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CustomerResponse> {
    return this.customers.transfer(principal, id, body.toUserId);
  }
}
