import { Controller, Get, HttpCode } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '../../../core/auth/access.decorators';
import { IdParam } from '../../../core/http/id-param.decorator';
import { Post } from '../../../core/idempotency/post.decorator';
import { ApiExamples } from '../../../core/openapi/api-examples.decorator';
import { ApiProblems } from '../../../core/openapi/api-problems.decorator';
import { ProductStockResponse, StockPullResponse } from './dto/stock.dto';
import { PRODUCT_STOCK_EXAMPLE, STOCK_PULL_EXAMPLE } from './dto/stock.examples';
import { ProductStockService } from './product-stock.service';

@ApiTags('erp')
@Controller()
export class ErpStockController {
  constructor(private readonly stock: ProductStockService) {}

  /**
   * The product's stock as last pulled from the ERP, with its age
   *
   * Read by the same roles as the product. A product never pulled (the ERP
   * does not know its SKU, or no pull has run) answers 200 with every field
   * null. A SKU the ERP stops reporting keeps its last level, and its age grows.
   */
  @Get('products/:id/stock')
  @AnyRole()
  @ApiProblems(404)
  @ApiExamples({ response: PRODUCT_STOCK_EXAMPLE })
  ofProduct(@IdParam() id: string): Promise<ProductStockResponse> {
    return this.stock.get(id);
  }

  /**
   * Pull stock levels from the active ERP connection now
   *
   * The scheduled pull (ERP_STOCK_CRON) run on demand, after any pull in
   * progress on any replica. No active connection: 422 ERP_NOT_CONFIGURED;
   * its credentials unreadable (the secret changed): 422
   * ERP_CREDENTIALS_UNREADABLE. The ERP unreachable (network, timeout, 5xx): 502 ERP_UNREACHABLE; the ERP
   * refusing the login or the query: 502 ERP_REFUSED. Either way every stored
   * level stays as it was.
   */
  @Post('erp/stock/pull')
  @Roles('admin')
  @HttpCode(200)
  @ApiProblems(422, 502)
  @ApiExamples({ response: STOCK_PULL_EXAMPLE })
  pull(): Promise<StockPullResponse> {
    return this.stock.pull();
  }
}
