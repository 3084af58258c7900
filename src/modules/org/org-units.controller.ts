import { Body, Controller, Get, Patch, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentPrincipal, Roles } from '../../core/auth/access.decorators';
import { Principal } from '../../core/auth/principal';
import { IfMatchVersion } from '../../core/http/if-match.decorator';
import { PageQueryDto } from '../../core/http/pagination';
import { IdParam } from '../../core/http/id-param.decorator';
import { Created } from '../../core/http/location';
import { Post } from '../../core/idempotency/post.decorator';
import { ApiExamples } from '../../core/openapi/api-examples.decorator';
import { ApiProblems } from '../../core/openapi/api-problems.decorator';
import {
  CreateOrgUnitDto,
  OrgUnitPage,
  OrgUnitResponse,
  UpdateOrgUnitDto,
} from './dto/org-unit.dto';
import { OrgUnitsService } from './org-units.service';
import {
  CREATE_ORG_UNIT_EXAMPLE,
  ORG_UNIT_EXAMPLE,
  ORG_UNIT_PAGE_EXAMPLE,
  UPDATE_ORG_UNIT_EXAMPLE,
} from './dto/org.examples';

@ApiTags('org-units')
@Controller('org-units')
export class OrgUnitsController {
  constructor(private readonly orgUnits: OrgUnitsService) {}

  /** Create a region, team or store */
  @Post()
  @Created('org-units/{id}')
  @Roles('admin')
  @ApiExamples({ request: CREATE_ORG_UNIT_EXAMPLE, response: ORG_UNIT_EXAMPLE })
  create(
    @Body() body: CreateOrgUnitDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<OrgUnitResponse> {
    return this.orgUnits.create(body, actor);
  }

  /** List org units, oldest first */
  @Get()
  @AnyRole()
  @ApiExamples({ response: ORG_UNIT_PAGE_EXAMPLE })
  list(@Query() query: PageQueryDto): Promise<OrgUnitPage> {
    return this.orgUnits.list(query);
  }

  /**
   * Rename an org unit, move it under another parent, or change its manager
   *
   * A parent that is the unit itself or lies inside it gets 422 `ORG_UNIT_LOOP`.
   */
  @Patch(':id')
  @Roles('admin')
  @ApiProblems(404, 422)
  @ApiExamples({ request: UPDATE_ORG_UNIT_EXAMPLE, response: ORG_UNIT_EXAMPLE })
  update(
    @IdParam() id: string,
    @Body() body: UpdateOrgUnitDto,
    @IfMatchVersion() version: number | undefined,
    @CurrentPrincipal() actor: Principal,
  ): Promise<OrgUnitResponse> {
    return this.orgUnits.update(actor, id, body, version);
  }
}
