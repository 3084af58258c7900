import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Where root keeps what the server's user must reach: root-owned, and open to
 * all for traversal and reading, whatever the umask.
 */
export const SHARED_ROOT = '/var/lib/sales-api';

export function makeSharedDirs(dir: string): void {
  if (existsSync(dir)) return;
  makeSharedDirs(dirname(dir));
  mkdirSync(dir);
  chmodSync(dir, 0o755);
}
