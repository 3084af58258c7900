/**
 * Boots the app without listening and writes openapi.yaml (sorted keys), or
 * with --check fails if the committed file differs from what the code says.
 * Run from the build (dist/), where the Swagger CLI plugin has added the DTO schemas.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { createApp } from '../src/bootstrap';
import { buildOpenApiDocument, sortKeys } from '../src/core/openapi/openapi-document';

const SPEC_FILE = join(process.cwd(), 'openapi.yaml');

async function generate(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sales-openapi-'));
  const running = await createApp({
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      DEMO_DATA: '0',
      ADMIN_PASSWORD: 'openapi-generator-only',
    },
    overrides: { schedulerEnabled: false },
    quiet: true,
  });
  try {
    return stringify(sortKeys(buildOpenApiDocument(running.app)), { lineWidth: 0 });
  } finally {
    await running.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const spec = await generate();
  if (!process.argv.includes('--check')) {
    writeFileSync(SPEC_FILE, spec);
    console.log(`Wrote ${SPEC_FILE}`);
    return;
  }
  const committed = readFileSync(SPEC_FILE, 'utf8');
  if (committed !== spec) {
    console.error('openapi.yaml is out of date: run `npm run openapi` and commit the result.');
    process.exit(1);
  }
  console.log('openapi.yaml matches the code.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
