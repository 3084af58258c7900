import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { Role, ROLES } from '../../src/core/auth/roles';

/** The subset of OpenAPI 3.0 schema keywords that the spec uses and the suite reasons about. */
export interface JsonSchema {
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';
  format?: string;
  pattern?: string;
  enum?: unknown[];
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
}

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  id: string;
  method: HttpMethod;
  /** The path template as the spec writes it, e.g. `/api/v1/customers/{id}`. */
  path: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  headerParams: Parameter[];
  body?: { mediaType: string; schema: JsonSchema };
  /** The roles that may call it (`x-roles`); null for a public operation (`security: []`). */
  roles: Role[] | null;
  /** Status code → media types the spec documents for it. */
  responses: Record<string, string[]>;
}

const SPEC_FILE = join(__dirname, '..', '..', 'openapi.yaml');
const METHODS: HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete'];

interface RawOperation {
  operationId: string;
  parameters?: unknown[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { content?: Record<string, unknown> }>;
  security?: unknown[];
  'x-roles'?: string[];
}

/** Every operation in openapi.yaml, in the spec's order, with its $refs resolved. */
export function loadOperations(file = SPEC_FILE): Operation[] {
  const document = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const resolved = resolveRefs(document, document) as {
    paths: Record<string, Partial<Record<HttpMethod, RawOperation>>>;
  };
  return Object.entries(resolved.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) =>
      toOperation(path, method, item[method]!),
    ),
  );
}

function toOperation(path: string, method: HttpMethod, raw: RawOperation): Operation {
  const parameters = (raw.parameters ?? []) as Parameter[];
  const [mediaType, media] = Object.entries(raw.requestBody?.content ?? {})[0] ?? [];
  return {
    id: raw.operationId,
    method,
    path,
    pathParams: parameters.filter((p) => p.in === 'path'),
    queryParams: parameters.filter((p) => p.in === 'query'),
    headerParams: parameters.filter((p) => p.in === 'header'),
    body: mediaType ? { mediaType, schema: media.schema } : undefined,
    roles: rolesOf(raw),
    responses: Object.fromEntries(
      Object.entries(raw.responses).map(([status, response]) => [
        status,
        Object.keys(response.content ?? {}),
      ]),
    ),
  };
}

function rolesOf(raw: RawOperation): Role[] | null {
  if (raw.security && raw.security.length === 0) return null;
  const roles = raw['x-roles'] ?? [];
  const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
  if (unknown.length || !roles.length) {
    throw new Error(
      `${raw.operationId}: x-roles must list known roles, got ${JSON.stringify(roles)}`,
    );
  }
  return roles as Role[];
}

/** Replaces every `{ $ref: "#/…" }` with a copy of its target; the spec's schemas are acyclic. */
export function resolveRefs(
  node: unknown,
  document: Record<string, unknown>,
  trail: string[] = [],
): unknown {
  if (Array.isArray(node)) return node.map((item) => resolveRefs(item, document, trail));
  if (node === null || typeof node !== 'object') return node;
  const ref = (node as { $ref?: string }).$ref;
  if (ref !== undefined) {
    if (trail.includes(ref)) throw new Error(`Cyclic $ref ${ref}`);
    return resolveRefs(pointer(document, ref), document, [...trail, ref]);
  }
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, resolveRefs(value, document, trail)]),
  );
}

function pointer(document: Record<string, unknown>, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`Only local $refs are supported, got ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], document);
}

/** The path with its parameters filled in and percent-encoded (values may be hostile on purpose). */
export function fillPath(template: string, values: Record<string, string>, encode = true): string {
  return template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`No value for path parameter ${name} of ${template}`);
    return encode ? encodeURIComponent(value) : value;
  });
}
