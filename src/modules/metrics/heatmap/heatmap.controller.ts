import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiJsonOrSvgResponse } from '../../../core/http/svg-answer';
import { CurrentPrincipal, Roles } from '../../../core/auth/access.decorators';
import { Principal } from '../../../core/auth/principal';
import { RequestLanguage } from '../../../core/i18n/request-language';
import { Language } from '../../../core/i18n/text';
import { ApiExamples } from '../../../core/openapi/api-examples.decorator';
import { ApiProblems } from '../../../core/openapi/api-problems.decorator';
import { PERSON_ROLES } from '../../../core/auth/roles';
import {
  DrilldownQueryDto,
  DrilldownResponse,
  HeatmapQueryDto,
  HeatmapResponse,
} from './dto/heatmap.dto';
import { DRILLDOWN_EXAMPLE, HEATMAP_EXAMPLE } from './dto/heatmap.examples';
import { HeatmapService } from './heatmap.service';

@ApiTags('metrics')
@Controller('metrics/performance-heatmap')
export class HeatmapController {
  constructor(private readonly heatmap: HeatmapService) {}

  /**
   * Revenue per rep by store, team or region, as figures or a drawn heatmap
   *
   * Each row is an org unit of type `groupBy`; its members are the active
   * users with the `rep` role whose org unit lies in its subtree, and its
   * revenue the amounts of the range's orders of the customers they own.
   * Members are those in your data scope: a rep sees itself, a supervisor or
   * store manager the reps below it, a director those of its subtree. Callers
   * who see all customers get every unit of the type; others only the units
   * holding one of their members.
   *
   * `format=svg` answers `image/svg+xml`: one row per unit, the headcount,
   * revenue and per-capita revenue printed in cells coloured light to dark
   * blue on each column's own scale, with a legend and a Chinese title.
   */
  @Get()
  @Roles(...PERSON_ROLES)
  @ApiJsonOrSvgResponse(
    HeatmapResponse,
    'The heatmap: JSON figures, or an SVG drawing for `format=svg`',
  )
  @ApiExamples({ response: HEATMAP_EXAMPLE })
  read(
    @Query() query: HeatmapQueryDto,
    @CurrentPrincipal() principal: Principal,
    @RequestLanguage() language: Language,
  ): Promise<HeatmapResponse | StreamableFile> {
    return this.heatmap.read(principal, query, language);
  }

  /**
   * A user's 3 largest orders in the range, with their customers
   *
   * The orders of the customers the user owns, largest first. A user outside
   * your data scope gets 404, as one that does not exist.
   */
  @Get('drilldown')
  @Roles(...PERSON_ROLES)
  @ApiProblems(404)
  @ApiExamples({ response: DRILLDOWN_EXAMPLE })
  drilldown(
    @Query() query: DrilldownQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DrilldownResponse> {
    return this.heatmap.drilldown(principal, query);
  }
}
