import type { JsonSchema } from './spec-walker';

/**
 * Whether the spec itself rules `value` out. The suite expects a 400 only for
 * such values: one the spec allows may still be refused by a business rule.
 *
 * Conventions of this API, beyond plain OpenAPI 3.0:
 * - unknown members of an object are rejected (API.md §0), unless the schema
 *   says `additionalProperties: true`;
 * - an optional member sent as `null` counts as absent (the validation pipe's
 *   @IsOptional, and the signal batch, treat it so), so it proves nothing.
 */
export function breaksSchema(schema: JsonSchema, value: unknown, required = true): boolean {
  if (value === undefined) return required;
  if (value === null) return required && !schema.nullable;
  if (schema.enum) return !schema.enum.includes(value);
  switch (typeOf(schema)) {
    case 'string':
      return typeof value !== 'string' || breaksString(schema, value);
    case 'number':
      return !isFiniteNumber(value) || breaksRange(schema, value);
    case 'integer':
      return !Number.isInteger(value) || breaksRange(schema, value as number);
    case 'boolean':
      return typeof value !== 'boolean';
    case 'array':
      return !Array.isArray(value) || breaksArray(schema, value);
    case 'object':
      return !isPlainObject(value) || breaksObject(schema, value);
    default:
      return false;
  }
}

/**
 * The same for a query parameter's text, read as its declared type; undefined
 * when the spec does not say how to read it (an empty value, say).
 */
export function breaksQueryText(schema: JsonSchema, text: string): boolean | undefined {
  if (text === '') return undefined;
  if (schema.enum) return !schema.enum.includes(text);
  switch (typeOf(schema)) {
    case 'integer':
      return !/^-?\d+$/.test(text) || breaksRange(schema, Number(text));
    case 'number':
      return !isFiniteNumber(Number(text)) || breaksRange(schema, Number(text));
    case 'string':
      return breaksString(schema, text);
    default:
      return undefined;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeOf(schema: JsonSchema): JsonSchema['type'] {
  return schema.type ?? (schema.properties ? 'object' : undefined);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

function breaksString(schema: JsonSchema, value: string): boolean {
  // JSON Schema counts characters (code points), not UTF-16 units.
  const length = [...value].length;
  if (schema.minLength !== undefined && length < schema.minLength) return true;
  if (schema.maxLength !== undefined && length > schema.maxLength) return true;
  if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) return true;
  if (schema.format === 'uuid') return !UUID.test(value);
  if (schema.format === 'date-time')
    return !DATE_TIME.test(value) || Number.isNaN(Date.parse(value));
  return false;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function breaksRange(schema: JsonSchema, value: number): boolean {
  return (
    (schema.minimum !== undefined && value < schema.minimum) ||
    (schema.maximum !== undefined && value > schema.maximum)
  );
}

function breaksArray(schema: JsonSchema, value: unknown[]): boolean {
  if (schema.minItems !== undefined && value.length < schema.minItems) return true;
  if (schema.maxItems !== undefined && value.length > schema.maxItems) return true;
  if (
    schema.uniqueItems &&
    new Set(value.map((item) => JSON.stringify(item))).size < value.length
  ) {
    return true;
  }
  return schema.items !== undefined && value.some((item) => breaksSchema(schema.items!, item));
}

function breaksObject(schema: JsonSchema, value: Record<string, unknown>): boolean {
  const declared = schema.properties ?? {};
  const extra = schema.additionalProperties;
  const undeclared = Object.keys(value).filter((key) => !Object.hasOwn(declared, key));
  if (extra !== true && undeclared.length) {
    // A schema for additional members (a map) takes any name, but checks each value.
    if (typeof extra !== 'object') return true;
    if (undeclared.some((key) => breaksSchema(extra, value[key]))) return true;
  }
  return Object.entries(declared).some(([name, member]) =>
    breaksSchema(
      member,
      Object.hasOwn(value, name) ? value[name] : undefined,
      schema.required?.includes(name) ?? false,
    ),
  );
}
