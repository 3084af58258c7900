import { Logger } from '@nestjs/common';

/** processed_rows is written at most every this many rows… */
const WRITE_EVERY_ROWS = 10_000;
/** …and at least this often, which is also the heartbeat that tells a live import from a dead one. */
const HEARTBEAT_MS = 15_000;

/**
 * Reports an import's progress while its transaction is still open. Writes go
 * through `write`, which must run outside that transaction, and never hold up
 * the import: one write is in flight at a time (a request meanwhile is sent
 * after it), and a failed write is only logged; the next one catches up.
 */
export class ImportProgress {
  private readonly logger = new Logger(ImportProgress.name);
  private readonly heartbeat: NodeJS.Timeout;
  private processedRows = 0;
  private totalRows: number | null = null;
  private writtenRows = 0;
  private inFlight?: Promise<void>;
  private flushRequested = false;
  private stopped = false;

  constructor(
    private readonly write: (processedRows: number, totalRows: number | null) => Promise<void>,
  ) {
    this.heartbeat = setInterval(() => this.flush(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  advance(processedRows: number): void {
    this.processedRows = processedRows;
    if (processedRows - this.writtenRows >= WRITE_EVERY_ROWS) this.flush();
  }

  /** The file is read to its end: the row count is final. */
  finishReading(totalRows: number): void {
    this.processedRows = totalRows;
    this.totalRows = totalRows;
    this.flush();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.heartbeat);
    await this.inFlight;
  }

  private flush(): void {
    if (this.inFlight) {
      this.flushRequested = true;
      return;
    }
    this.flushRequested = false;
    this.writtenRows = this.processedRows;
    this.inFlight = this.write(this.processedRows, this.totalRows)
      .catch((error: unknown) =>
        this.logger.warn({ err: error }, 'Could not record import progress'),
      )
      .finally(() => {
        this.inFlight = undefined;
        if (this.flushRequested && !this.stopped) this.flush();
      });
  }
}
