import { Injectable, PipeTransform } from '@nestjs/common';
import { InvalidInputException } from '../../core/errors/domain.exception';
import { signalMessages } from './signals.exception';
import { checkSignalBatch, ReceivedSignal } from './domain/signal-batch';

/**
 * Validates a `POST /signals` body with the hand-written check. The route
 * declares its body as an array, which the global validation pipe leaves
 * alone, so the 10,000 items are not also walked by class-validator.
 */
@Injectable()
export class SignalBatchPipe implements PipeTransform<unknown, ReceivedSignal[]> {
  transform(body: unknown): ReceivedSignal[] {
    const check = checkSignalBatch(body, new Date());
    if (!check.ok) throw new InvalidInputException(check.errors, signalMessages.invalidBatch);
    return check.signals;
  }
}
