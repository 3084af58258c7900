import { setImmediate as nextTick } from 'node:timers/promises';
import { inMergeChunks, readAhead } from './merge-chunks';
import type { StagingRecords } from './sheets/sheet-thread.protocol';

/** Batches as a sheet thread sends them, each a turn of the event loop later. */
async function* batchesOf(rowCounts: number[]): AsyncGenerator<StagingRecords> {
  for (const [i, rows] of rowCounts.entries()) {
    await nextTick();
    yield { text: new Uint8Array([i]), rows };
  }
}

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of source) items.push(item);
  return items;
}

describe('inMergeChunks', () => {
  it('doubles the chunk size from the first up to the largest, and ends with what is left', async () => {
    const chunks = await collect(inMergeChunks(batchesOf(Array(17).fill(1000)), 2000, 5000));
    expect(chunks.map((chunk) => chunk.rows)).toEqual([2000, 4000, 5000, 5000, 1000]);
  });

  it('keeps every batch, in order, in exactly one chunk', async () => {
    const rowCounts = [700, 1300, 1, 2999, 4000, 10, 10];
    const chunks = await collect(inMergeChunks(batchesOf(rowCounts), 2000, 4000));
    expect(chunks.flatMap((chunk) => chunk.records.map((text) => text[0]))).toEqual(
      rowCounts.map((_, i) => i),
    );
    expect(chunks.map((chunk) => chunk.rows)).toEqual([2000, 7000, 20]);
  });

  it('yields nothing for a sheet without rows', async () => {
    expect(await collect(inMergeChunks(batchesOf([])))).toEqual([]);
  });
});

describe('readAhead', () => {
  /** A source that records when each item is asked for. */
  function recordingSource(items: number[], asked: number[]): AsyncIterable<number> {
    return (async function* () {
      for (const item of items) {
        asked.push(item);
        await nextTick();
        yield item;
      }
    })();
  }

  it('asks for the next item while the consumer still works on the current one', async () => {
    const asked: number[] = [];
    const seenWhileWorking: number[][] = [];
    for await (const item of readAhead(recordingSource([1, 2, 3], asked))) {
      await nextTick();
      await nextTick();
      seenWhileWorking.push([item, ...asked]);
    }
    expect(seenWhileWorking).toEqual([
      [1, 1, 2],
      [2, 1, 2, 3],
      [3, 1, 2, 3],
    ]);
  });

  it('throws a failure of the source at the item that failed, after the items before it', async () => {
    const source = (async function* () {
      yield 1;
      await nextTick();
      throw new Error('corrupt row');
    })();
    const consumed: number[] = [];
    await expect(async () => {
      for await (const item of readAhead(source)) consumed.push(item);
    }).rejects.toThrow('corrupt row');
    expect(consumed).toEqual([1]);
  });

  it('drops a failed fetch ahead when the consumer stops first, without an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const source = (async function* () {
        yield 1;
        await nextTick();
        throw new Error('sheet closed');
      })();
      await expect(async () => {
        for await (const item of readAhead(source))
          throw new Error(`merge of chunk ${item} failed`);
      }).rejects.toThrow('merge of chunk 1 failed');
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
