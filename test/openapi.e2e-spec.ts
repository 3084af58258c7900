import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { API, createTestApp, TestApp } from './support/test-app';

interface Operation {
  operationId?: string;
  summary?: string;
  security?: unknown[];
  responses: Record<string, unknown>;
}

interface Spec {
  servers?: unknown[];
  components: { securitySchemes: Record<string, unknown> };
  paths: Record<string, Record<string, Operation>>;
}

const operations = (document: Spec) =>
  Object.values(document.paths).flatMap((item) => Object.values(item));

describe('OpenAPI document and operations endpoints', () => {
  let app: TestApp;
  let spec: Spec;
  const committed = parse(readFileSync(join(__dirname, '..', 'openapi.yaml'), 'utf8')) as Spec;

  beforeAll(async () => {
    app = await createTestApp();
    spec = (await app.api().get('/docs-json').expect(200)).body;
  });
  afterAll(() => app.close());

  it('serves Swagger UI at /docs', async () => {
    const response = await app.api().get('/docs').redirects(1).expect(200);
    expect(response.text).toMatch(/swagger-ui/i);
  });

  it('has a server entry and both security schemes', () => {
    expect(spec.servers?.length).toBeGreaterThan(0);
    expect(spec.components.securitySchemes).toMatchObject({
      bearer: { type: 'http', scheme: 'bearer' },
      apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
    });
  });

  it('serves the same operations as the committed openapi.yaml', () => {
    const operationIds = (document: Spec) =>
      operations(document)
        .map((operation) => operation.operationId)
        .sort();
    expect(operationIds(spec)).toEqual(operationIds(committed));
  });

  // Summaries come from JSDoc through the Swagger CLI plugin, which runs in the build
  // that generates openapi.yaml (not under ts-jest); CI checks that file against the code.
  it('gives every operation in openapi.yaml a summary, a unique operationId and problem responses', () => {
    const ids = operations(committed).map((operation) => operation.operationId);
    expect(ids.length).toBeGreaterThan(10);
    expect(new Set(ids).size).toBe(ids.length);
    for (const operation of operations(committed)) {
      expect(operation.summary).toEqual(expect.any(String));
      expect(operation.responses['500']).toBeDefined();
      if (operation.security?.length) expect(operation.responses['401']).toBeDefined();
    }
  });

  it('answers health probes without auth, under the API prefix and at the root', async () => {
    await app.api().get('/health/live').expect(200);
    const ready = await app.api().get(`${API}/health/ready`).expect(200);
    expect(ready.body).toMatchObject({ status: 'ok', details: { database: { status: 'up' } } });
  });

  it('exposes Prometheus metrics including request durations', async () => {
    await app.get('/settings', app.adminAuth).expect(200);
    const metrics = await app.api().get('/metrics').expect(200);
    expect(metrics.text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/settings",status="200"\}/,
    );
  });

  it('echoes a request id, or makes one', async () => {
    const given = await app.api().get('/health/live').set('x-request-id', 'trace-42').expect(200);
    expect(given.headers['x-request-id']).toBe('trace-42');
    const made = await app.api().get('/health/live').expect(200);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
