import { Body, Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentPrincipal, Roles } from '../../core/auth/access.decorators';
import { Principal } from '../../core/auth/principal';
import { PageQueryDto } from '../../core/http/pagination';
import { Post } from '../../core/idempotency/post.decorator';
import { CreateOrgUnitDto, OrgUnitPage, OrgUnitResponse } from './dto/org-unit.dto';
import { OrgUnitsService } from './org-units.service';

@ApiTags('org-units')
@Controller('org-units')
export class OrgUnitsController {
  constructor(private readonly orgUnits: OrgUnitsService) {}

  /** Create a region, team or store */
  @Post()
  @Roles('admin')
  create(
    @Body() body: CreateOrgUnitDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<OrgUnitResponse> {
    return this.orgUnits.create(body, actor);
  }

  /** List org units, oldest first */
  @Get()
  @AnyRole()
  list(@Query() query: PageQueryDto): Promise<OrgUnitPage> {
    return this.orgUnits.list(query);
  }
}
