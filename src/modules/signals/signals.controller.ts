import { Body, Controller, HttpCode } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../core/auth/access.decorators';
import { Post } from '../../core/idempotency/post.decorator';
import { ApiExamples } from '../../core/openapi/api-examples.decorator';
import {
  FUTURE_TOLERANCE_MINUTES,
  MAX_SIGNALS_PER_BATCH,
  ReceivedSignal,
} from './domain/signal-batch';
import { IngestSignalsDto, IngestSignalsResponse } from './dto/signal.dto';
import { SignalBatchPipe } from './signal-batch.pipe';
import { SignalsService } from './signals.service';
import { INGEST_SIGNALS_EXAMPLE, INGEST_SIGNALS_RESULT_EXAMPLE } from './dto/signal.examples';

const INGEST_DESCRIPTION = `Records what integrators observe of customers: website visits, WeChat article reads,
email opens and store visits. Trigger rules (\`/trigger-rules\`) read them.

**Matching.** Each signal names its customer by \`customerId\` or by \`phone\` (exactly one; both or neither is a \`400\`
naming \`signals[i]\`). Phones are normalised as \`POST /customers\` does. A signal whose customer is not found, its
phone unparseable included, is counted as \`unmatched\` and not stored: integrators' data is messy, and one bad
phone does not reject a batch. Any other bad field rejects the whole batch with a \`400\` naming each one as
\`signals[i].field\`; nothing is stored.

**Limits.** 1 to ${MAX_SIGNALS_PER_BATCH.toLocaleString('en-US')} signals per request; \`count\` (default 1) is an integer from 1 to 1,000,000; \`at\` is
ISO-8601 with an offset, at most ${FUTURE_TOLERANCE_MINUTES} minutes ahead of the server's clock (clock drift), and may be in the past.

**Answer.** \`200\` with \`{ accepted, unmatched }\`, which add up to the number sent. A batch is stored whole
or not at all. With \`Idempotency-Key\`, a retried batch is replayed, not stored twice.`;

@ApiTags('signals')
@Controller('signals')
export class SignalsController {
  constructor(private readonly signals: SignalsService) {}

  /** Record a batch of customer signals */
  @Post()
  @Roles('integrator', 'admin')
  @HttpCode(200)
  @ApiOperation({ description: INGEST_DESCRIPTION })
  @ApiBody({ type: IngestSignalsDto })
  @ApiOkResponse({ type: IngestSignalsResponse })
  @ApiExamples({ request: INGEST_SIGNALS_EXAMPLE, response: INGEST_SIGNALS_RESULT_EXAMPLE })
  ingest(@Body(SignalBatchPipe) signals: ReceivedSignal[]): Promise<IngestSignalsResponse> {
    return this.signals.ingest(signals);
  }
}
