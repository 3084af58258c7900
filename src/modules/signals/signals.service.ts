import { Injectable } from '@nestjs/common';
import { normalizePhone } from '../customers/domain/phone';
import { ReceivedSignal } from './domain/signal-batch';
import { IngestSignalsResponse } from './dto/signal.dto';
import { SignalColumns, SignalsRepository } from './signals.repository';

/** Phones normalised as the customers module stores them; one it cannot parse matches no one. */
function toColumns(signals: ReceivedSignal[]): SignalColumns {
  const columns: SignalColumns = { customerIds: [], phones: [], types: [], counts: [], ats: [] };
  for (const signal of signals) {
    const phone = signal.phone === null ? undefined : normalizePhone(signal.phone);
    columns.customerIds.push(signal.customerId);
    columns.phones.push(phone?.ok ? phone.e164 : null);
    columns.types.push(signal.type);
    columns.counts.push(signal.count);
    columns.ats.push(signal.at);
  }
  return columns;
}

@Injectable()
export class SignalsService {
  constructor(private readonly signals: SignalsRepository) {}

  /** Stores the signals whose customer exists, in one statement; the rest are counted as unmatched. */
  async ingest(signals: ReceivedSignal[]): Promise<IngestSignalsResponse> {
    const accepted = await this.signals.insertMatched(toColumns(signals));
    return { accepted, unmatched: signals.length - accepted };
  }
}
