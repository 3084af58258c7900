import { Body, Controller, Delete, Get, HttpCode, Param, Query } from '@nestjs/common';
import { ParseIdPipe } from '../../http/parse-id.pipe';
import { ApiTags } from '@nestjs/swagger';
import { PageQueryDto } from '../../http/pagination';
import { NoIdempotency } from '../../idempotency/idempotency';
import { ApiProblems } from '../../openapi/api-problems.decorator';
import { CurrentPrincipal, Roles } from '../access.decorators';
import { Principal } from '../principal';
import { ApiKeyPage, CreateApiKeyDto, CreatedApiKeyResponse } from './api-keys.dto';
import { ApiKeysService } from './api-keys.service';
import { Post } from '../../idempotency/post.decorator';

@ApiTags('api-keys')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  /** Create an API key for an integrator; the key is shown only in this response */
  @Post()
  @Roles('admin')
  @NoIdempotency()
  create(
    @Body() body: CreateApiKeyDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<CreatedApiKeyResponse> {
    return this.apiKeys.create(body, actor);
  }

  /** List API keys, newest first, without the keys themselves */
  @Get()
  @Roles('admin')
  list(@Query() query: PageQueryDto): Promise<ApiKeyPage> {
    return this.apiKeys.list(query);
  }

  /** Revoke an API key at once */
  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  @ApiProblems(404)
  revoke(
    @Param('id', ParseIdPipe) id: string,
    @CurrentPrincipal() actor: Principal,
  ): Promise<void> {
    return this.apiKeys.revoke(id, actor);
  }
}
