/**
 * Boots the app without listening and writes openapi.yaml (sorted keys), or
 * with --check fails if the committed file differs from what the code says.
 * Run from the build (dist/), where the Swagger CLI plugin has added the DTO schemas.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, visit } from 'yaml';
import { createApp } from '../src/bootstrap';
import { buildOpenApiDocument, sortKeys } from '../src/core/openapi/openapi-document';

const SPEC_FILE = join(process.cwd(), 'openapi.yaml');

/** What a YAML 1.1 loader (js-yaml's default schema among them) reads as a date, not a string. */
const YAML_11_TIMESTAMP = /^\d{4}-\d{1,2}-\d{1,2}(?:$|[Tt\s])/;

/**
 * Writes the spec as YAML with every date-like string quoted: unquoted, a
 * YAML 1.1 loader turns an example time into a Date, which the API rejects.
 */
function toYaml(spec: unknown): string {
  const document = new Document(spec);
  visit(document, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && YAML_11_TIMESTAMP.test(node.value)) {
        node.type = 'QUOTE_SINGLE';
      }
    },
  });
  return document.toString({ lineWidth: 0 });
}

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
    return toYaml(sortKeys(buildOpenApiDocument(running.app)));
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
