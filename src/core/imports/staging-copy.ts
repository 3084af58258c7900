import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { TransactionHost } from '../database/transaction-host';

/**
 * COPYs one chunk of an import's records (the formatter thread's COPY text)
 * into its temporary staging table, on the import transaction's connection,
 * then analyses the columns its merge plan depends on: temporary tables are
 * never analysed automatically, and without statistics the merge is planned
 * for a handful of valid rows. Only those columns: all of them took a sixth
 * of a large customer import.
 */
export async function copyIntoStaging(
  tx: TransactionHost,
  table: string,
  columns: readonly string[],
  records: Uint8Array[],
  analyzedColumns: readonly string[],
): Promise<void> {
  const runner = tx.manager.queryRunner;
  if (!runner || !tx.inTransaction) throw new Error('Staging needs the import transaction');
  const client = (await runner.connect()) as PoolClient;
  await pipeline(
    Readable.from(records, { objectMode: false }),
    client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)),
  );
  await tx.query(`ANALYZE ${table} (${analyzedColumns.join(', ')})`);
}
