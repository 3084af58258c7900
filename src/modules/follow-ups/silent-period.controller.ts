import { Controller, HttpCode } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../../core/auth/access.decorators';
import { Post } from '../../core/idempotency/post.decorator';
import { ApiExamples } from '../../core/openapi/api-examples.decorator';
import { SilentPeriodRunResponse } from './dto/silent-period.dto';
import { SilentPeriodService } from './silent-period.service';
import { SILENT_PERIOD_RUN_EXAMPLE } from './dto/follow-up.examples';

@ApiTags('jobs')
@Controller('jobs/silent-period')
export class SilentPeriodController {
  constructor(private readonly silentPeriod: SilentPeriodService) {}

  /**
   * Run the silent-period scan now
   *
   * Owned customers silent past `silentHours` of their segment get a
   * `silent_period` todo for the owner and one for the owner's direct
   * supervisor, once per silent spell. A run already in progress (here or on
   * another replica) is waited for; the second run then creates nothing.
   */
  @Post('run')
  @Roles('admin')
  @HttpCode(200)
  @ApiExamples({ response: SILENT_PERIOD_RUN_EXAMPLE })
  run(): Promise<SilentPeriodRunResponse> {
    return this.silentPeriod.run();
  }
}
