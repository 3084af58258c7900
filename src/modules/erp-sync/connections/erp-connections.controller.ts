import { Body, Controller, Get, Patch, Query } from '@nestjs/common';
import { ApiExtraModels, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../../core/auth/access.decorators';
import { Principal } from '../../../core/auth/principal';
import { IdParam } from '../../../core/http/id-param.decorator';
import { IfMatchVersion } from '../../../core/http/if-match.decorator';
import { Created } from '../../../core/http/location';
import { Post } from '../../../core/idempotency/post.decorator';
import { ApiExamples } from '../../../core/openapi/api-examples.decorator';
import { ApiProblems } from '../../../core/openapi/api-problems.decorator';
import {
  CreateErpConnectionDto,
  ErpConnectionPage,
  ErpConnectionQueryDto,
  ErpConnectionResponse,
  UpdateErpConnectionDto,
} from './dto/erp-connection.dto';
import {
  CREATE_ERP_CONNECTION_EXAMPLE,
  ERP_CONNECTION_EXAMPLE,
  ERP_CONNECTION_PAGE_EXAMPLE,
  UPDATE_ERP_CONNECTION_EXAMPLE,
  UPDATED_ERP_CONNECTION_EXAMPLE,
} from './dto/erp-connection.examples';
import {
  K3CloudCredentialsDto,
  K3CloudDefaultsDto,
  U8CredentialsDto,
  U8DefaultsDto,
} from './dto/erp-kind.dto';
import { ErpConnectionsService } from './erp-connections.service';

@ApiTags('erp')
@ApiExtraModels(K3CloudCredentialsDto, K3CloudDefaultsDto, U8CredentialsDto, U8DefaultsDto)
@Controller('erp/connections')
export class ErpConnectionsController {
  constructor(private readonly connections: ErpConnectionsService) {}

  /**
   * Add an ERP connection
   *
   * `credentials` and `defaults` follow `kind`; each bad or unknown field is named (`credentials.password`).
   * The credentials are sealed at rest and never returned. `active: true` deactivates the others.
   */
  @Post()
  @Roles('admin')
  @Created('erp/connections/{id}')
  @ApiExamples({ request: CREATE_ERP_CONNECTION_EXAMPLE, response: ERP_CONNECTION_EXAMPLE })
  create(
    @Body() body: CreateErpConnectionDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ErpConnectionResponse> {
    return this.connections.create(principal, body);
  }

  /** List the ERP connections, the newest first unless sorted otherwise */
  @Get()
  @Roles('admin')
  @ApiExamples({ response: ERP_CONNECTION_PAGE_EXAMPLE })
  list(@Query() query: ErpConnectionQueryDto): Promise<ErpConnectionPage> {
    return this.connections.list(query);
  }

  /** Read an ERP connection, without its credentials */
  @Get(':id')
  @Roles('admin')
  @ApiProblems(404)
  @ApiExamples({ response: ERP_CONNECTION_EXAMPLE })
  get(@IdParam() id: string): Promise<ErpConnectionResponse> {
    return this.connections.get(id);
  }

  /**
   * Edit an ERP connection; `If-Match: <version>` guards against lost updates
   *
   * `credentials` and `defaults` are replaced whole, checked against the connection's kind.
   * `kind` never changes: another one gets 422 `ERP_KIND_IMMUTABLE`. `active: true` deactivates the others.
   */
  @Patch(':id')
  @Roles('admin')
  @ApiProblems(404, 409, 422)
  @ApiExamples({ request: UPDATE_ERP_CONNECTION_EXAMPLE, response: UPDATED_ERP_CONNECTION_EXAMPLE })
  update(
    @IdParam() id: string,
    @Body() body: UpdateErpConnectionDto,
    @IfMatchVersion() version: number | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ErpConnectionResponse> {
    return this.connections.update(principal, id, body, version);
  }
}
