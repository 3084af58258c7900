import { Controller, Get, HttpCode, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../core/auth/access.decorators';
import { RequestLanguage } from '../../../core/i18n/request-language';
import { Language } from '../../../core/i18n/text';
import { Post } from '../../../core/idempotency/post.decorator';
import { ApiExamples } from '../../../core/openapi/api-examples.decorator';
import { MetricRangeQueryDto } from '../dto/metric-query.dto';
import {
  AnomalyPrecisionResponse,
  FunnelAnomalyRunQueryDto,
  FunnelAnomalyRunResponse,
} from './dto/anomaly.dto';
import { ANOMALY_PRECISION_EXAMPLE, FUNNEL_ANOMALY_RUN_EXAMPLE } from './dto/anomaly.examples';
import { FunnelAnomalyService } from './funnel-anomaly.service';

/** Who runs the anomaly job and reads its precision: those it alerts, and admins. */
const ANOMALY_READERS = ['admin', 'sales_director'] as const;

@ApiTags('jobs')
@Controller('jobs/funnel-anomaly')
export class FunnelAnomalyJobController {
  constructor(private readonly anomaly: FunnelAnomalyService) {}

  /**
   * Run the funnel anomaly job now
   *
   * Compares the week's quote loss rate, org-wide, with the mean and
   * population σ of the `funnelAnomalyWindowWeeks` weeks before it. Above
   * mean + `funnelAnomalySigmaMultiplier`·σ with at least 5 closed quotes,
   * every active sales director gets one `funnel_anomaly` todo for the week,
   * with the figures, the week's lost quotes and their reasons by frequency.
   * A re-run, or a run on another replica, adds no second todo. `week`
   * defaults to the last complete week. Answers the evaluation.
   */
  @Post('run')
  @Roles(...ANOMALY_READERS)
  @HttpCode(200)
  @ApiExamples({ response: FUNNEL_ANOMALY_RUN_EXAMPLE })
  run(@Query() query: FunnelAnomalyRunQueryDto): Promise<FunnelAnomalyRunResponse> {
    return this.anomaly.run(query.week);
  }
}

@ApiTags('metrics')
@Controller('metrics/anomaly-precision')
export class AnomalyPrecisionController {
  constructor(private readonly anomaly: FunnelAnomalyService) {}

  /**
   * The funnel anomalies' precision, as judged by their recipients
   *
   * Over the anomalies whose week starts in [from, to): one per week, judged
   * by the first director to close its todo. `precisionPct` = confirmed /
   * (confirmed + falseAlarms), null while none is judged.
   */
  @Get()
  @Roles(...ANOMALY_READERS)
  @ApiExamples({ response: ANOMALY_PRECISION_EXAMPLE })
  precision(
    @Query() query: MetricRangeQueryDto,
    @RequestLanguage() language: Language,
  ): Promise<AnomalyPrecisionResponse> {
    return this.anomaly.precision(query, language);
  }
}
