import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { breaksSchema } from './contract/schema-check';
import { JsonSchema, resolveRefs } from './contract/spec-walker';

/**
 * Walks the committed openapi.yaml as a client generator would read it, and
 * names every place where a generated client would get a type wrong: a time
 * without `date-time`, an id without `uuid`, a count typed `number`, an
 * operation with nothing to show, or a date that YAML 1.1 turns into a Date.
 */

interface Schema {
  type?: string;
  format?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  $ref?: string;
}

interface MediaType {
  schema?: Schema;
  example?: unknown;
  examples?: Record<string, unknown>;
}

interface Parameter {
  name?: string;
  in?: string;
  schema?: Schema;
  $ref?: string;
}

interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, { content?: Record<string, MediaType> }>;
}

interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const SPEC_TEXT = readFileSync(join(__dirname, '..', 'openapi.yaml'), 'utf8');
const spec = parse(SPEC_TEXT) as Spec;
const METHODS = ['get', 'put', 'post', 'patch', 'delete'];
const JSON_MEDIA_TYPE = 'application/json';

const DATE_LIKE = /(^at|At|Since|Time)$/;
const ID_LIKE = /^(id|.+Id)$/;
const IDS_LIKE = /^.+Ids$/;
/** Names that count things, or are versions, limits and whole units of time. */
const INTEGER_LIKE =
  /^(version|limit|status|size|row|seq|checked|totalRows|created|merged|invalid|accepted|unmatched|scanned|rules|customers|todos|expiresIn|count)$|(Count|Hours|Days|Minutes|Seconds|Seq|Rows|ExpiresIn)$/;

/** Id-like names that are not UUIDs, and why. */
const NOT_UUIDS: Record<string, string> = {
  // The settings' audit events name the one organisation, `organisation`.
  'AuditEventResponse.entityId': 'an entity id of any kind',
  'GET /api/v1/audit-events query entityId': 'an entity id of any kind',
  // A signal's id is an integer (signals are many and never addressed one by one).
  'JourneyItemResponse.refId': 'a UUID, or a signal’s integer id',
};

/** Integer-like names that hold fractions, and why. */
const NOT_INTEGERS: Record<string, string> = {
  // Response times: minutes to 2 places (docs/metrics.md, first response).
  'FirstResponseResponse.medianMinutes': 'minutes to 2 places',
  'FirstResponseResponse.p90Minutes': 'minutes to 2 places',
  'FirstResponseGroup.medianMinutes': 'minutes to 2 places',
  'FirstResponseGroup.p90Minutes': 'minutes to 2 places',
};

const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
  METHODS.filter((method) => item[method]).map((method) => ({
    where: `${method.toUpperCase()} ${path}`,
    operation: item[method],
  })),
);

/** The faults of one named value (a property or a parameter). */
function namedValueFaults(name: string, schema: Schema, where: string): string[] {
  if (schema.$ref) return [];
  const faults: string[] = [];
  const single = schema.type === 'array' && schema.items ? schema.items : schema;
  if (DATE_LIKE.test(name) && single.format !== 'date-time') {
    faults.push(`${where}: time without format date-time`);
  }
  if (ID_LIKE.test(name) && single.format !== 'uuid' && !(where in NOT_UUIDS)) {
    faults.push(`${where}: id without format uuid`);
  }
  if (IDS_LIKE.test(name) && schema.items?.format !== 'uuid') {
    faults.push(`${where}: ids whose items lack format uuid`);
  }
  if (INTEGER_LIKE.test(name) && single.type === 'number' && !(where in NOT_INTEGERS)) {
    faults.push(`${where}: number where an integer is meant`);
  }
  return faults;
}

/** Every property of a schema and of the schemas nested in it. */
function schemaFaults(schema: Schema | undefined, where: string): string[] {
  if (!schema || schema.$ref) return [];
  const nested = [
    ...Object.entries(schema.properties ?? {}).flatMap(([name, property]) => [
      ...namedValueFaults(name, property, `${where}.${name}`),
      ...schemaFaults(property, `${where}.${name}`),
    ]),
    ...schemaFaults(schema.items, `${where}[]`),
    ...[...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])].flatMap((part) =>
      schemaFaults(part, where),
    ),
  ];
  if (typeof schema.additionalProperties === 'object') {
    nested.push(...schemaFaults(schema.additionalProperties, `${where}{}`));
  }
  return nested;
}

function operationSchemaFaults({ where, operation }: (typeof operations)[number]): string[] {
  const parameters = (operation.parameters ?? []).filter((parameter) => !parameter.$ref);
  const media = [
    ...Object.values(operation.requestBody?.content ?? {}),
    ...Object.values(operation.responses).flatMap((response) =>
      Object.values(response.content ?? {}),
    ),
  ];
  return [
    ...parameters.flatMap((parameter) =>
      namedValueFaults(
        parameter.name!,
        parameter.schema ?? {},
        `${where} ${parameter.in} ${parameter.name}`,
      ),
    ),
    ...media.flatMap((mediaType) => schemaFaults(mediaType.schema, where)),
  ];
}

const hasExample = (mediaType: MediaType | undefined) =>
  mediaType?.example !== undefined || Object.keys(mediaType?.examples ?? {}).length > 0;

/** The main answer: the first 2xx status that has a body. */
function mainAnswer(operation: Operation): Record<string, MediaType> | undefined {
  const status = Object.keys(operation.responses)
    .filter((code) => /^2\d\d$/.test(code) && operation.responses[code].content)
    .sort()[0];
  return status ? operation.responses[status].content : undefined;
}

function exampleFaults({ where, operation }: (typeof operations)[number]): string[] {
  const faults: string[] = [];
  const body = operation.requestBody?.content[JSON_MEDIA_TYPE];
  if (body && !hasExample(body)) faults.push(`${where}: request body without an example`);
  const answer = mainAnswer(operation)?.[JSON_MEDIA_TYPE];
  if (answer && !hasExample(answer)) faults.push(`${where}: answer without an example`);
  return faults;
}

/** The examples of an operation (with $refs resolved) that their own schema rules out. */
function exampleMismatches({ where, operation }: (typeof operations)[number]): string[] {
  const resolved = resolveRefs(operation, spec as unknown as Record<string, unknown>) as Operation;
  const media = [
    ...Object.values(resolved.requestBody?.content ?? {}),
    ...Object.values(resolved.responses).flatMap((response) =>
      Object.values(response.content ?? {}),
    ),
  ];
  return media
    .filter((mediaType) => mediaType.example !== undefined && mediaType.schema)
    .filter((mediaType) => breaksSchema(mediaType.schema as JsonSchema, mediaType.example))
    .map((mediaType) => `${where}: ${JSON.stringify(mediaType.example).slice(0, 80)}…`);
}

/** The paths, in the document, of the values that a YAML 1.1 loader reads as a Date. */
function datesUnderYaml11(value: unknown, where = ''): string[] {
  if (value instanceof Date) return [where];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) =>
    datesUnderYaml11(child, `${where}/${key}`),
  );
}

describe('openapi.yaml as a generated client reads it', () => {
  it('has operations to check', () => {
    expect(operations.length).toBeGreaterThan(40);
  });

  it('types every component schema property: times, ids and integers', () => {
    const faults = Object.entries(spec.components.schemas).flatMap(([name, schema]) =>
      schemaFaults(schema, name),
    );
    expect(faults).toEqual([]);
  });

  it('types every parameter and inline body or answer schema', () => {
    expect(operations.flatMap(operationSchemaFaults)).toEqual([]);
  });

  it('gives every JSON request body and main JSON answer an example', () => {
    expect(operations.flatMap(exampleFaults)).toEqual([]);
  });

  it('gives examples that their own schemas accept', () => {
    expect(operations.flatMap(exampleMismatches)).toEqual([]);
  });

  it('quotes every date, so YAML 1.1 loaders keep it a string', () => {
    expect(datesUnderYaml11(parse(SPEC_TEXT, { schema: 'yaml-1.1' }))).toEqual([]);
  });

  it('describes only modules that exist in info', () => {
    const { info } = parse(SPEC_TEXT) as { info: { description: string } };
    expect(info.description).not.toMatch(/quote|rebate|ERP/i);
    expect(info.description).toMatch(/customer pool/i);
  });
});
