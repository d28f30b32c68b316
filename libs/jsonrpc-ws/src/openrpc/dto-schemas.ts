import type { ClassType } from '../validation/class-transformer-internals';
import type { JsonSchema } from './openrpc.types';

/** Where `$ref`s to DTO schemas point in the document. */
export const SCHEMA_REF_PREFIX = '#/components/schemas/';

type Converter = (meta: { constraints?: unknown[] }) => JsonSchema;
type SchemasOf = (options: Record<string, unknown>) => Record<string, JsonSchema>;

/**
 * JSON Schemas of class-validator DTOs, converted by `class-validator-jsonschema`
 * (an optional peer dependency, loaded on the first `rpc.discover`). Without it,
 * or without class-validator, no DTO has a schema and callers fall back to
 * "any object". A DTO's schema is its properties, their rules (`@IsOptional()`
 * leaves one out of `required`) and `$ref`s to the DTOs nested in it.
 */
export class DtoSchemas {
  private all?: Record<string, JsonSchema>;
  private readonly used = new Map<string, JsonSchema>();

  constructor(private readonly convertAll: () => Record<string, JsonSchema> = loadAndConvert) {}

  /** The DTO's object schema, with the DTOs it refers to added to `components()`. */
  schemaOf(type: ClassType): JsonSchema | undefined {
    const schema = this.schemas()[type.name];
    if (schema) this.addRefs(schema);
    return schema;
  }

  /** A `$ref` to the DTO's schema, which `components()` then holds. */
  refTo(type: ClassType): JsonSchema | undefined {
    const schema = this.schemaOf(type);
    if (!schema) return undefined;
    this.used.set(type.name, schema);
    return { $ref: `${SCHEMA_REF_PREFIX}${type.name}` };
  }

  /** The schemas referred to so far, by class name, sorted. */
  components(): Record<string, JsonSchema> {
    return Object.fromEntries([...this.used].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  private schemas(): Record<string, JsonSchema> {
    if (!this.all) this.all = withoutDanglingRefs(this.convertAll());
    return this.all;
  }

  private addRefs(schema: unknown): void {
    for (const name of refsIn(schema)) {
      if (this.used.has(name)) continue;
      const target = this.schemas()[name];
      if (!target) continue;
      this.used.set(name, target);
      this.addRefs(target);
    }
  }
}

/** Every schema class-validator's storage knows, or none when a package is missing. */
function loadAndConvert(): Record<string, JsonSchema> {
  let schemasOf: SchemasOf;
  let typeStorage: unknown;
  try {
    /* eslint-disable @typescript-eslint/no-require-imports -- optional peers, loaded on demand */
    schemasOf = (
      require('class-validator-jsonschema') as { validationMetadatasToSchemas: SchemasOf }
    ).validationMetadatasToSchemas;
    typeStorage = (require('class-transformer/cjs/storage') as { defaultMetadataStorage?: unknown })
      .defaultMetadataStorage;
    /* eslint-enable @typescript-eslint/no-require-imports */
  } catch {
    return {};
  }
  return schemasOf({
    refPointerPrefix: SCHEMA_REF_PREFIX,
    // Without it, `@Type(() => Item)` is not seen and arrays of DTOs lose their items' schema.
    classTransformerMetadataStorage: typeStorage,
    additionalConverters: { isEnum: enumSchema },
  });
}

/** `@IsEnum()`: the enum's values only (a numeric enum also maps its values back to names). */
export const enumSchema: Converter = ({ constraints }) => {
  const entity = (constraints?.[0] ?? {}) as Record<string, unknown>;
  const values = Object.keys(entity)
    .filter((key) => !/^\d+$/.test(key) || typeof entity[entity[key] as string] !== 'number')
    .map((key) => entity[key]);
  const types = new Set(values.map((value) => typeof value));
  const type = types.size === 1 ? (types.has('number') ? 'number' : [...types][0]) : undefined;
  return type === 'string' || type === 'number' ? { type, enum: values } : { enum: values };
};

/** The class names a schema refers to. */
function refsIn(schema: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) schema.forEach((item) => refsIn(item, found));
  else if (schema && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith(SCHEMA_REF_PREFIX))
        found.add(value.slice(SCHEMA_REF_PREFIX.length));
      else refsIn(value, found);
    }
  }
  return found;
}

/**
 * The converter points custom validators of `Object`, `Array` or `Date` properties at
 * schemas that do not exist (`#/components/schemas/Object`): such a `$ref` says nothing.
 */
function withoutDanglingRefs(all: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const clean = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(clean);
    if (!value || typeof value !== 'object') return value;
    const entries = Object.entries(value).filter(
      ([key, ref]) =>
        key !== '$ref' ||
        typeof ref !== 'string' ||
        !ref.startsWith(SCHEMA_REF_PREFIX) ||
        ref.slice(SCHEMA_REF_PREFIX.length) in all,
    );
    return Object.fromEntries(entries.map(([key, item]) => [key, clean(item)]));
  };
  return Object.fromEntries(Object.entries(all).map(([name, s]) => [name, clean(s) as JsonSchema]));
}
