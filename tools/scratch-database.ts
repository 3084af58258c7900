import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseHandle, startEmbeddedPostgres } from '../src/core/database/embedded-postgres';

/**
 * A throw-away database for the tools: DATABASE_URL when set (CI against the
 * Debian server), else an embedded PostgreSQL in a temporary directory.
 */
export async function withScratchDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  if (process.env.DATABASE_URL) return fn(process.env.DATABASE_URL);
  const dataDir = mkdtempSync(join(tmpdir(), 'sales-scratch-'));
  let database: DatabaseHandle | undefined;
  try {
    database = await startEmbeddedPostgres({ dataDir, removeOnStop: true });
    return await fn(database.url);
  } finally {
    await database?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
