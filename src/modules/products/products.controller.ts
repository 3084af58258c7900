import { Body, Controller, Get, Patch, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentPrincipal, Roles } from '../../core/auth/access.decorators';
import { Principal } from '../../core/auth/principal';
import { IdParam } from '../../core/http/id-param.decorator';
import { IfMatchVersion } from '../../core/http/if-match.decorator';
import { Created } from '../../core/http/location';
import { Post } from '../../core/idempotency/post.decorator';
import { ApiExamples } from '../../core/openapi/api-examples.decorator';
import { ApiProblems } from '../../core/openapi/api-problems.decorator';
import {
  CreateProductDto,
  ProductPage,
  ProductQueryDto,
  ProductResponse,
  UpdateProductDto,
} from './dto/product.dto';
import {
  CREATE_PRODUCT_EXAMPLE,
  PRODUCT_EXAMPLE,
  PRODUCT_PAGE_EXAMPLE,
  UPDATED_PRODUCT_EXAMPLE,
  UPDATE_PRODUCT_EXAMPLE,
} from './dto/product.examples';
import { PRODUCT_KEEPERS } from './product-roles';
import { ProductsService } from './products.service';

@ApiTags('products')
@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  /** Add a product; a taken SKU gets 409 DUPLICATE_SKU, a list price below the floor 422 */
  @Post()
  @Created('products/{id}')
  @Roles(...PRODUCT_KEEPERS)
  @ApiProblems(409, 422)
  @ApiExamples({ request: CREATE_PRODUCT_EXAMPLE, response: PRODUCT_EXAMPLE })
  create(
    @Body() body: CreateProductDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ProductResponse> {
    return this.products.create(principal, body);
  }

  /** List the product library, by SKU unless sorted otherwise */
  @Get()
  @AnyRole()
  @ApiExamples({ response: PRODUCT_PAGE_EXAMPLE })
  list(@Query() query: ProductQueryDto): Promise<ProductPage> {
    return this.products.list(query);
  }

  /** Read a product with its floor price */
  @Get(':id')
  @AnyRole()
  @ApiProblems(404)
  @ApiExamples({ response: PRODUCT_EXAMPLE })
  get(@IdParam() id: string): Promise<ProductResponse> {
    return this.products.get(id);
  }

  /** Edit a product; `If-Match: <version>` guards against lost updates */
  @Patch(':id')
  @Roles(...PRODUCT_KEEPERS)
  @ApiProblems(404, 409, 422)
  @ApiExamples({ request: UPDATE_PRODUCT_EXAMPLE, response: UPDATED_PRODUCT_EXAMPLE })
  update(
    @IdParam() id: string,
    @Body() body: UpdateProductDto,
    @IfMatchVersion() version: number | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ProductResponse> {
    return this.products.update(principal, id, body, version);
  }
}
