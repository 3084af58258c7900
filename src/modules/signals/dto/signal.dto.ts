import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiInteger } from '../../../core/openapi/api-formats';
import {
  FUTURE_TOLERANCE_MINUTES,
  MAX_PHONE_LENGTH,
  MAX_SIGNAL_COUNT,
  MAX_SIGNALS_PER_BATCH,
} from '../domain/signal-batch';
import { SIGNAL_TYPES, SignalType } from '../signal.entity';

/*
 * The request body of POST /signals, for the spec only: SignalBatchPipe checks
 * it by hand (domain/signal-batch.ts), because class-validator took as long as
 * the insert on a 10,000-item batch. Keep the two in step.
 */

export class SignalDto {
  /** The customer's id. Name exactly one of `customerId` and `phone`. */
  @ApiPropertyOptional({ format: 'uuid' })
  customerId?: string;

  /**
   * The customer's phone in any form `POST /customers` accepts (`138 0013 8000`, `+86-138…`,
   * full-width digits, `021-12345678`). A phone that cannot be parsed, or that no customer has,
   * makes the signal `unmatched`, not the batch invalid.
   */
  @ApiPropertyOptional({ minLength: 1, maxLength: MAX_PHONE_LENGTH })
  phone?: string;

  @ApiProperty({ enum: SIGNAL_TYPES })
  type: SignalType;

  /** How many times it happened at `at`. */
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_SIGNAL_COUNT, default: 1, type: 'integer' })
  count?: number;

  @ApiProperty({
    format: 'date-time',
    example: '2026-11-28T10:15:00+08:00',
    description: `When it happened: ISO-8601 with an offset (\`Z\` or \`+08:00\`), at most ${FUTURE_TOLERANCE_MINUTES} minutes ahead of the server's clock.`,
  })
  at: string;
}

export class IngestSignalsDto {
  @ApiProperty({ type: [SignalDto], minItems: 1, maxItems: MAX_SIGNALS_PER_BATCH })
  signals: SignalDto[];
}

export class IngestSignalsResponse {
  /** Signals stored: their customer was found. */
  @ApiInteger() accepted: number;
  /** Signals that found no customer (unknown id, unknown or unparseable phone); not stored. */
  @ApiInteger() unmatched: number;
}
