import type { MessagePort, TransferListItem } from 'node:worker_threads';
import type { SheetFormat } from './file-format';
import {
  FromSheetThread,
  MAX_BATCHES_IN_FLIGHT,
  OpenRequest,
  serializeError,
  StageRequest,
  ToSheetThread,
} from './sheet-thread.protocol';

/**
 * The sending end of a sheet thread (see sheet-thread.protocol), on the port
 * to the thread that started it: its requests as they come, and its answers,
 * with batches held back while MAX_BATCHES_IN_FLIGHT wait untaken.
 */
export class SheetThreadPort<Batch> {
  readonly openRequest: Promise<OpenRequest>;
  readonly stageRequest: Promise<StageRequest>;
  private untaken = 0;
  private wakeSender?: () => void;

  constructor(private readonly port: MessagePort) {
    this.openRequest = this.request('open');
    this.stageRequest = this.request('stage');
    port.on('message', (message: ToSheetThread) => {
      if (message.type === 'taken') this.taken();
    });
  }

  opened(format: SheetFormat, headers: string[]): void {
    this.send({ type: 'opened', format, headers });
  }

  /** Sends the batch once fewer than the limit wait; `transfer` moves buffers instead of copying them. */
  async sendBatch(batch: Batch, transfer: TransferListItem[] = []): Promise<void> {
    while (this.untaken >= MAX_BATCHES_IN_FLIGHT) {
      await new Promise<void>((resolve) => (this.wakeSender = resolve));
    }
    this.untaken++;
    this.send({ type: 'batch', batch }, transfer);
  }

  end(): void {
    this.send({ type: 'end' });
  }

  /** Reports the failure; the starter then ends this thread. */
  fail(error: unknown): void {
    this.send({ type: 'failed', error: serializeError(error) });
  }

  private taken(): void {
    this.untaken--;
    this.wakeSender?.();
    this.wakeSender = undefined;
  }

  private send(message: FromSheetThread<Batch>, transfer: TransferListItem[] = []): void {
    this.port.postMessage(message, transfer);
  }

  /** The starter's request of this type; each is sent once. */
  private request<T extends ToSheetThread['type']>(
    type: T,
  ): Promise<Extract<ToSheetThread, { type: T }>> {
    return new Promise((resolve) => {
      const listener = (message: ToSheetThread) => {
        if (message.type !== type) return;
        this.port.off('message', listener);
        resolve(message as Extract<ToSheetThread, { type: T }>);
      };
      this.port.on('message', listener);
    });
  }
}
