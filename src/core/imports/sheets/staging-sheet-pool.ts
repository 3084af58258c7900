import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Worker } from 'node:worker_threads';
import { SheetThread, startSheetThread } from './sheet-thread';
import { StagingRecords } from './sheet-thread.protocol';

/**
 * An uploaded sheet, read and formatted off the main thread: its header, then
 * its rows as COPY records of the staging table. Close it on every path.
 */
export type StagingSheet = SheetThread<StagingRecords>;

/**
 * Opens staging sheets. Parsing, validating and formatting the rows is the
 * CPU-heavy part of an import (seconds per million rows), so it runs in two
 * threads of its own (see sheet-thread.protocol), beside the COPY into
 * PostgreSQL, and the event loop stays free for requests.
 *
 * Starting the threads takes about half a second, most of it loading exceljs,
 * which a 23,000-row import (3 s end to end) cannot spare. So one formatter is
 * kept started and idle, with its reader: the next import takes it, and a new
 * spare starts once that import's threads have ended. Imports running at once
 * beyond the first start their own. The spare never keeps the process alive.
 */
@Injectable()
export class StagingSheetPool implements OnApplicationBootstrap, OnModuleDestroy {
  private spare?: Worker;
  private closed = false;

  onApplicationBootstrap(): void {
    this.startSpare();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    await this.spare?.terminate();
  }

  /** The sheet at `path`; an unreadable file is an UnsupportedFileException (see SheetThread.open). */
  async open(path: string): Promise<StagingSheet> {
    const formatter = this.takeSpare() ?? startSheetThread('staging-records');
    formatter.once('exit', () => this.startSpare());
    return SheetThread.open<StagingRecords>(formatter, path);
  }

  private takeSpare(): Worker | undefined {
    const formatter = this.spare;
    this.spare = undefined;
    // In use, it keeps the process alive like any pending work.
    formatter?.ref();
    return formatter;
  }

  private startSpare(): void {
    if (this.spare || this.closed) return;
    const formatter = startSheetThread('staging-records');
    formatter.unref();
    // A spare that fails or dies while idle is dropped; the next import starts
    // its own threads, and reports the failure if it recurs.
    formatter.on('error', () => undefined);
    formatter.once('exit', () => {
      if (this.spare === formatter) this.spare = undefined;
    });
    this.spare = formatter;
  }
}
