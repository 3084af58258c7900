import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Worker } from 'node:worker_threads';
import { SheetWorker, startSheetWorker } from './sheet-worker';

/**
 * Hands out sheet workers. Starting one takes about half a second, most of it
 * loading exceljs, which a 23,000-row import (3 s end to end) cannot spare. So
 * one worker is kept started and idle: the next import takes it, and a new
 * spare starts once that import's worker has ended. Imports running at once
 * beyond the first start their own. The spare never keeps the process alive.
 */
@Injectable()
export class SheetWorkerPool implements OnApplicationBootstrap, OnModuleDestroy {
  private spare?: Worker;
  private closed = false;

  onApplicationBootstrap(): void {
    this.startSpare();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    await this.spare?.terminate();
  }

  /** The sheet at `path`, opened in a worker (see SheetWorker.open); close it on every path. */
  async open(path: string): Promise<SheetWorker> {
    const worker = this.takeSpare() ?? startSheetWorker();
    worker.once('exit', () => this.startSpare());
    return SheetWorker.open(worker, path);
  }

  private takeSpare(): Worker | undefined {
    const worker = this.spare;
    this.spare = undefined;
    // In use, it keeps the process alive like any pending work.
    worker?.ref();
    return worker;
  }

  private startSpare(): void {
    if (this.spare || this.closed) return;
    const worker = startSheetWorker();
    worker.unref();
    // A spare that fails or dies while idle is dropped; the next import starts
    // its own worker, and reports the failure if it recurs.
    worker.on('error', () => undefined);
    worker.once('exit', () => {
      if (this.spare === worker) this.spare = undefined;
    });
    this.spare = worker;
  }
}
