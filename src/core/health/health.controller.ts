import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckResult,
  HealthCheckService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { Public } from '../auth/access.decorators';
import { ApiExamples } from '../openapi/api-examples.decorator';
import { LIVE_EXAMPLE, READY_EXAMPLE } from './health.examples';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
  ) {}

  /** Liveness: the process answers */
  @Get('live')
  @Public()
  @HealthCheck()
  @ApiExamples({ response: LIVE_EXAMPLE })
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  /** Readiness: the database answers within 3 s */
  @Get('ready')
  @Public()
  @HealthCheck()
  @ApiExamples({ response: READY_EXAMPLE })
  ready(): Promise<HealthCheckResult> {
    return this.health.check([() => this.database.pingCheck('database', { timeout: 3000 })]);
  }
}
