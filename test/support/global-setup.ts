import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../src/core/database/embedded-postgres';

/**
 * One PostgreSQL server for the whole e2e run: the one in DATABASE_URL (CI's
 * Debian server), or an embedded one, started as `npm start` starts it (as root
 * too) and removed at teardown. Each test file then gets a database of its own
 * on it (see test-app.ts), so files run in parallel without sharing rows.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.E2E_SERVER_URL = process.env.DATABASE_URL;
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'sales-e2e-'));
  const database = await startEmbeddedPostgres({
    dataDir,
    databaseName: 'postgres',
    removeOnStop: true,
  });
  process.env.E2E_SERVER_URL = database.url;
  process.env.E2E_DATA_DIR = dataDir;
  (globalThis as { e2eDatabase?: typeof database }).e2eDatabase = database;
}
