import type { ClassType } from '../validation/class-transformer-internals';
import type { DtoSchemas } from './dto-schemas';
import type { RpcSchemaSource } from './openrpc-options';
import type { JsonSchema } from './openrpc.types';

/** What reflection calls the types TypeScript emits for `design:type` metadata. */
const PRIMITIVES = new Map<unknown, JsonSchema>([
  [String, { type: 'string' }],
  [Number, { type: 'number' }],
  [Boolean, { type: 'boolean' }],
  [Array, { type: 'array' }],
  [Date, { type: 'string', format: 'date-time' }],
]);

/** Types that say nothing about a value: `unknown`, `any`, object literals, unions, promises. */
const OPAQUE = new Set<unknown>([Object, Function, Promise, Symbol, undefined]);

/**
 * The schema of a type seen by reflection or given as an option: a primitive's,
 * a `$ref` to a DTO's, `{}` (any value) when nothing is known.
 */
export function schemaOfType(type: unknown, dtos: DtoSchemas): JsonSchema {
  const primitive = PRIMITIVES.get(type);
  if (primitive) return { ...primitive };
  if (typeof type !== 'function' || OPAQUE.has(type)) return {};
  return dtos.refTo(type as ClassType) ?? { type: 'object' };
}

/** The schema of an `@RpcMethod({ params | result })` or a notification's `params`. */
export function schemaOfSource(source: RpcSchemaSource | undefined, dtos: DtoSchemas): JsonSchema {
  if (source === undefined) return {};
  if (Array.isArray(source)) return { type: 'array', items: schemaOfType(source[0], dtos) };
  if (typeof source === 'function') return schemaOfType(source, dtos);
  return source.schema;
}

/**
 * The object schema whose properties are by-name params, when there is one: a
 * DTO's own schema (not a `$ref`), or a given schema of `type: 'object'` with properties.
 */
export function objectSchemaOf(
  source: unknown,
  dtos: DtoSchemas,
): { properties: Record<string, JsonSchema>; required: string[] } | undefined {
  const schema =
    typeof source === 'function' && !PRIMITIVES.has(source) && !OPAQUE.has(source)
      ? dtos.schemaOf(source as ClassType)
      : isSchemaSource(source)
        ? source.schema
        : undefined;
  if (!schema || schema.type !== 'object' || !isRecord(schema.properties)) return undefined;
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  return { properties: schema.properties as Record<string, JsonSchema>, required };
}

function isSchemaSource(value: unknown): value is { schema: JsonSchema } {
  return isRecord(value) && isRecord(value.schema);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
