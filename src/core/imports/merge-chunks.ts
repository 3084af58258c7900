import type { StagingRecords } from './sheets/sheet-thread.protocol';

/** Consecutive rows of the file, as COPY records, that one statement merges into customers. */
export interface MergeChunk {
  records: Uint8Array[];
  rows: number;
}

/**
 * Rows in the first chunk; each next one is twice as large, up to
 * MAX_CHUNK_ROWS. The first merge starts as soon as a few rows are read, and a
 * small file's last merge (the one nothing overlaps) stays short; a large file
 * pays each statement's fixed cost (planning, ANALYZE, counting) only a few
 * dozen times.
 */
export const FIRST_CHUNK_ROWS = 4000;
export const MAX_CHUNK_ROWS = 64_000;

/** Groups the sheet's batches into chunks of growing size (see FIRST_CHUNK_ROWS). */
export async function* inMergeChunks(
  batches: AsyncIterable<StagingRecords>,
  firstRows = FIRST_CHUNK_ROWS,
  maxRows = MAX_CHUNK_ROWS,
): AsyncGenerator<MergeChunk> {
  let target = firstRows;
  let chunk: MergeChunk = { records: [], rows: 0 };
  for await (const batch of batches) {
    chunk.records.push(batch.text);
    chunk.rows += batch.rows;
    if (chunk.rows >= target) {
      yield chunk;
      chunk = { records: [], rows: 0 };
      target = Math.min(target * 2, maxRows);
    }
  }
  if (chunk.rows > 0) yield chunk;
}

/**
 * The items of `source`, fetching the next one while the consumer is still
 * busy with the current one: the import reads and formats chunk n + 1 in its
 * sheet threads while PostgreSQL merges chunk n. One item ahead at most, so
 * memory stays bounded. A failure of the fetch ahead is thrown where the
 * consumer asks for that item; if the consumer stops first, it is dropped,
 * and the caller must end the source (the runner closes the sheet).
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let next = iterator.next();
  try {
    for (;;) {
      const result = await next;
      if (result.done) return;
      next = iterator.next();
      // Handled here only so that an abandoned fetch is not an unhandled rejection.
      next.catch(() => undefined);
      yield result.value;
    }
  } finally {
    // Not awaited: it waits for the fetch ahead, which ends when the source does.
    iterator.return?.().catch(() => undefined);
  }
}
