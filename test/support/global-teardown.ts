import { rmSync } from 'node:fs';
import { DatabaseHandle } from '../../src/core/database/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { e2eDatabase?: DatabaseHandle }).e2eDatabase?.stop();
  if (process.env.E2E_DATA_DIR) rmSync(process.env.E2E_DATA_DIR, { recursive: true, force: true });
}
