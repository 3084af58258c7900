import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiJsonOrSvgResponse } from '../../../core/http/svg-answer';
import { CurrentPrincipal, Roles } from '../../../core/auth/access.decorators';
import { Principal } from '../../../core/auth/principal';
import { PERSON_ROLES } from '../../../core/auth/roles';
import { RequestLanguage } from '../../../core/i18n/request-language';
import { Language } from '../../../core/i18n/text';
import { ApiExamples } from '../../../core/openapi/api-examples.decorator';
import { ApiProblems } from '../../../core/openapi/api-problems.decorator';
import { RepRadarQueryDto, RepRadarResponse } from './dto/rep-radar.dto';
import { REP_RADAR_EXAMPLE } from './dto/rep-radar.examples';
import { RepRadarService } from './rep-radar.service';

@ApiTags('insights')
@Controller('insights/rep-radar')
export class RepRadarController {
  constructor(private readonly radar: RepRadarService) {}

  /**
   * A rep's six strengths against its team, as figures or a drawn radar
   *
   * First-response speed, action compliance, win rate, price discipline (the
   * mean discount, inverted), follow-up depth (transcript and objection
   * coverage) and repurchase, each on 0–100 over [from, to) (days in the
   * organisation's time zone) with its `definition`, and its percentile rank
   * among the active reps of the user's org unit. `userId` defaults to you;
   * a user whose customers are outside your data scope gets 404, as one that
   * does not exist (a rep may read only itself, a supervisor its reps, a
   * director its region's).
   *
   * `format=svg` answers `image/svg+xml`: the radar with its Chinese labels,
   * each value and team percentile printed at its axis.
   */
  @Get()
  @Roles(...PERSON_ROLES)
  @ApiProblems(404)
  @ApiJsonOrSvgResponse(
    RepRadarResponse,
    'The radar: JSON figures, or an SVG drawing for `format=svg`',
  )
  @ApiExamples({ response: REP_RADAR_EXAMPLE })
  read(
    @Query() query: RepRadarQueryDto,
    @CurrentPrincipal() principal: Principal,
    @RequestLanguage() language: Language,
  ): Promise<RepRadarResponse | StreamableFile> {
    return this.radar.read(principal, query, language);
  }
}
