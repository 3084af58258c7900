import { Body, Controller, Delete, Get, HttpCode, Query } from '@nestjs/common';
import { IdParam } from '../../http/id-param.decorator';
import { ApiTags } from '@nestjs/swagger';
import { PageQueryDto } from '../../http/pagination';
import { NoIdempotency } from '../../idempotency/idempotency';
import { ApiExamples } from '../../openapi/api-examples.decorator';
import { ApiProblems } from '../../openapi/api-problems.decorator';
import { CurrentPrincipal, Roles } from '../access.decorators';
import { Principal } from '../principal';
import { ApiKeyPage, CreateApiKeyDto, CreatedApiKeyResponse } from './api-keys.dto';
import { ApiKeysService } from './api-keys.service';
import { Created } from '../../http/location';
import { Post } from '../../idempotency/post.decorator';
import {
  API_KEY_PAGE_EXAMPLE,
  CREATED_API_KEY_EXAMPLE,
  CREATE_API_KEY_EXAMPLE,
} from './api-keys.examples';

@ApiTags('api-keys')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  /** Create an API key for an integrator; the key is shown only in this response */
  @Post()
  @Created('api-keys/{id}')
  @Roles('admin')
  @NoIdempotency()
  @ApiExamples({ request: CREATE_API_KEY_EXAMPLE, response: CREATED_API_KEY_EXAMPLE })
  create(
    @Body() body: CreateApiKeyDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<CreatedApiKeyResponse> {
    return this.apiKeys.create(body, actor);
  }

  /** List API keys, newest first, without the keys themselves */
  @Get()
  @Roles('admin')
  @ApiExamples({ response: API_KEY_PAGE_EXAMPLE })
  list(@Query() query: PageQueryDto): Promise<ApiKeyPage> {
    return this.apiKeys.list(query);
  }

  /** Revoke an API key at once */
  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  @ApiProblems(404)
  revoke(@IdParam() id: string, @CurrentPrincipal() actor: Principal): Promise<void> {
    return this.apiKeys.revoke(id, actor);
  }
}
