import { Body, Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentPrincipal, Roles } from '../../core/auth/access.decorators';
import { Principal } from '../../core/auth/principal';
import { IdParam } from '../../core/http/id-param.decorator';
import { Created } from '../../core/http/location';
import { Post } from '../../core/idempotency/post.decorator';
import { ApiExamples } from '../../core/openapi/api-examples.decorator';
import { ApiProblems } from '../../core/openapi/api-problems.decorator';
import { ContractsService } from './contracts.service';
import { ERP_SYNC_EXAMPLE } from '../erp-sync/dto/erp-sync-job.examples';
import { ErpSyncResponse } from '../erp-sync/dto/erp-sync-job.dto';
import { ContractResponse, SignContractDto } from './dto/contract.dto';
import {
  CONTRACT_EXAMPLE,
  CREATE_ORDER_EXAMPLE,
  ORDER_EXAMPLE,
  ORDER_PAGE_EXAMPLE,
  SIGN_CONTRACT_EXAMPLE,
} from './dto/contract.examples';
import { CreateOrderDto, OrderPage, OrderQueryDto, OrderResponse } from './dto/order.dto';
import { OrdersService } from './orders.service';

/** Who signs a contract: whoever may quote the customer (API.md §5), the owner and its superiors. */
const CONTRACT_SIGNERS = [
  'admin',
  'sales_director',
  'regional_director',
  'ops_director',
  'supervisor',
  'store_manager',
  'rep',
] as const;

/** Who reports sales: POS terminals and ERP integrators (API keys), stores, and admins. */
const ORDER_REPORTERS = ['admin', 'integrator', 'store_manager'] as const;

@ApiTags('contracts')
@Controller()
export class ContractsController {
  constructor(private readonly contracts: ContractsService) {}

  /** Sign a contract from the approved quote: its order and ERP sync job are made with it, and the quote is won */
  @Post('quotes/:id/contract')
  @Created('contracts/{id}')
  @Roles(...CONTRACT_SIGNERS)
  @ApiProblems(404, 409)
  @ApiExamples({ request: SIGN_CONTRACT_EXAMPLE, response: CONTRACT_EXAMPLE })
  sign(
    @IdParam() id: string,
    @Body() body: SignContractDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ContractResponse> {
    return this.contracts.sign(principal, id, body);
  }

  /** Read a contract with its ERP sync */
  @Get('contracts/:id')
  @AnyRole()
  @ApiProblems(404)
  @ApiExamples({ response: CONTRACT_EXAMPLE })
  get(@IdParam() id: string, @CurrentPrincipal() principal: Principal): Promise<ContractResponse> {
    return this.contracts.get(principal, id);
  }

  /** The contract's way into the ERP: status, attempts, last error, ERP order number */
  @Get('contracts/:id/erp-sync')
  @AnyRole()
  @ApiProblems(404)
  @ApiExamples({ response: ERP_SYNC_EXAMPLE })
  erpSync(
    @IdParam() id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ErpSyncResponse> {
    return this.contracts.erpSyncOf(principal, id);
  }
}

@ApiTags('contracts')
@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  /** Report a sale (POS, store, integrator); send an Idempotency-Key so a retry records it once */
  @Post()
  @Created('orders/{id}')
  @Roles(...ORDER_REPORTERS)
  @ApiProblems(404)
  @ApiExamples({ request: CREATE_ORDER_EXAMPLE, response: ORDER_EXAMPLE })
  create(
    @Body() body: CreateOrderDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OrderResponse> {
    return this.orders.create(principal, body);
  }

  /** List orders in the caller's scope, the latest sale first unless sorted otherwise */
  @Get()
  @AnyRole()
  @ApiExamples({ response: ORDER_PAGE_EXAMPLE })
  list(
    @Query() query: OrderQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OrderPage> {
    return this.orders.list(principal, query);
  }

  /** Read an order */
  @Get(':id')
  @AnyRole()
  @ApiProblems(404)
  @ApiExamples({ response: ORDER_EXAMPLE })
  get(@IdParam() id: string, @CurrentPrincipal() principal: Principal): Promise<OrderResponse> {
    return this.orders.get(principal, id);
  }
}
