import { docLines, jsdoc } from './jsdoc';
import type { JsonSchema, JsonSchemaObject } from './openrpc-document';
import { componentSchemaName, resolvePointer } from './openrpc-refs';
import { propertyKey, quote } from './type-names';

/** A printed type and how it binds: unions and intersections need parentheses inside `T[]`. */
interface Printed {
  text: string;
  kind: 'atom' | 'union' | 'intersection';
}

const UNKNOWN: Printed = { text: 'unknown', kind: 'atom' };
const NEVER: Printed = { text: 'never', kind: 'atom' };
const INDENT = '  ';

/**
 * Turns JSON Schemas (draft 7, as OpenRPC uses them) into TypeScript types: primitives, `const`
 * and `enum` literals, objects with required and optional properties, arrays and tuples,
 * `anyOf`/`oneOf` as unions, `allOf` as intersections, and `$ref`s to `components.schemas` as
 * the names `typeNameOf` gives them. What a TypeScript type cannot say (formats, lengths,
 * patterns) is left to the server's validation.
 *
 * Objects and tuples are closed unless the schema gives `additionalProperties` or
 * `additionalItems` a schema: JSON Schema allows extra members by default, but a client's type
 * that accepted any extra key would no longer catch a misspelt one.
 */
export class JsonSchemaPrinter {
  /** Refs being inlined, against a schema that contains itself through a non-component ref. */
  private readonly inlining = new Set<string>();

  constructor(
    private readonly document: unknown,
    private readonly typeNameOf: (component: string) => string | undefined,
    /** Told of each `$ref` to another document, which is typed `unknown`: nothing is fetched. */
    private readonly onExternalRef: (ref: string) => void = () => undefined,
  ) {}

  /** The type of `schema`, multi-line object types indented from `indent`. */
  typeOf(schema: JsonSchema | undefined, indent = ''): string {
    return this.print(schema, indent).text;
  }

  /** `export interface Name { … }` for a plain object schema, else `export type Name = …;`. */
  declaration(name: string, schema: JsonSchema): string {
    const doc = typeof schema === 'object' ? jsdoc(schemaDocLines(schema)) : '';
    if (typeof schema === 'object' && isPlainObjectSchema(schema)) {
      return `${doc}export interface ${name} ${this.objectType(schema, '').text}\n`;
    }
    return `${doc}export type ${name} = ${this.typeOf(schema)};\n`;
  }

  private print(schema: JsonSchema | undefined, indent: string): Printed {
    if (schema === undefined || schema === true) return UNKNOWN;
    if (schema === false) return NEVER;
    if (typeof schema !== 'object' || schema === null) return UNKNOWN;
    if (typeof schema.$ref === 'string') return this.reference(schema.$ref, indent);
    const parts: Printed[] = [];
    const base = this.base(schema, indent);
    if (base !== UNKNOWN) parts.push(base);
    for (const member of schema.allOf ?? []) parts.push(this.print(member, indent));
    const alternatives = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
    if (alternatives.length > 0) {
      parts.push(this.unionOf(alternatives, indent));
    }
    const type = parts.length === 0 ? UNKNOWN : intersection(parts);
    return schema.nullable === true ? union([type, { text: 'null', kind: 'atom' }]) : type;
  }

  private reference(ref: string, indent: string): Printed {
    const component = componentSchemaName(ref);
    const name = component === undefined ? undefined : this.typeNameOf(component);
    if (name !== undefined) return { text: name, kind: 'atom' };
    if (!ref.startsWith('#')) {
      this.onExternalRef(ref);
      return UNKNOWN;
    }
    if (this.inlining.has(ref)) return UNKNOWN;
    this.inlining.add(ref);
    try {
      return this.print(resolvePointer(this.document, ref) as JsonSchema, indent);
    } finally {
      this.inlining.delete(ref);
    }
  }

  /** The schema's own type, before `allOf`/`anyOf`/`oneOf`. */
  private base(schema: JsonSchemaObject, indent: string): Printed {
    if ('const' in schema) return literal(schema.const);
    if (Array.isArray(schema.enum)) return union(schema.enum.map(literal));
    const types = typeof schema.type === 'string' ? [schema.type] : schema.type;
    if (Array.isArray(types)) return union(types.map((type) => this.ofType(type, schema, indent)));
    const { properties, additionalProperties, patternProperties, required } = schema;
    if (properties || patternProperties || required || additionalProperties !== undefined) {
      return this.objectType(schema, indent);
    }
    if (schema.items !== undefined || schema.prefixItems) return this.arrayType(schema, indent);
    return UNKNOWN;
  }

  private ofType(type: string, schema: JsonSchemaObject, indent: string): Printed {
    switch (type) {
      case 'string':
      case 'boolean':
      case 'null':
      case 'number':
        return { text: type, kind: 'atom' };
      case 'integer':
        return { text: 'number', kind: 'atom' };
      case 'object':
        return this.objectType(schema, indent);
      case 'array':
        return this.arrayType(schema, indent);
      default:
        return UNKNOWN;
    }
  }

  private objectType(schema: JsonSchemaObject, indent: string): Printed {
    const inner = indent + INDENT;
    const properties = Object.entries(schema.properties ?? {});
    const required = new Set(schema.required ?? []);
    // A required name without a schema of its own is still a member, of any type.
    for (const name of required) {
      if (!properties.some(([named]) => named === name)) properties.push([name, true]);
    }
    const lines = properties.map(([name, property]) => {
      const doc = typeof property === 'object' ? jsdoc(schemaDocLines(property), inner) : '';
      const optional = required.has(name) ? '' : '?';
      return `${doc}${inner}${propertyKey(name)}${optional}: ${this.typeOf(property, inner)};`;
    });
    const extra = Object.values(schema.patternProperties ?? {});
    const additional = schema.additionalProperties;
    if (additional !== undefined && additional !== false) extra.push(additional);
    // `{ type: 'object' }` alone is any object; `additionalProperties: false` alone, an empty one.
    if (additional === undefined && lines.length === 0 && extra.length === 0) extra.push(true);
    if (extra.length > 0) {
      // Beside named properties the index signature must admit their types too: unknown.
      const value = lines.length > 0 ? 'unknown' : this.unionOf(extra, inner).text;
      lines.push(`${inner}[key: string]: ${value};`);
    } else if (lines.length === 0) {
      lines.push(`${inner}[key: string]: never;`);
    }
    return { text: `{\n${lines.join('\n')}\n${indent}}`, kind: 'atom' };
  }

  private unionOf(schemas: JsonSchema[], indent: string): Printed {
    return union(schemas.map((member) => this.print(member, indent)));
  }

  private arrayType(schema: JsonSchemaObject, indent: string): Printed {
    const tuple = Array.isArray(schema.items) ? schema.items : schema.prefixItems;
    if (!tuple) {
      const item = this.print(schema.items as JsonSchema | undefined, indent);
      return { text: `${item.kind === 'atom' ? item.text : `(${item.text})`}[]`, kind: 'atom' };
    }
    const minItems = schema.minItems ?? 0;
    const elements = tuple.map(
      (item, i) => `${this.typeOf(item, indent)}${i >= minItems ? '?' : ''}`,
    );
    const rest = Array.isArray(schema.items) ? schema.additionalItems : schema.items;
    const closed = schema.maxItems !== undefined && schema.maxItems <= tuple.length;
    if (typeof rest === 'object' && !closed) elements.push(`...${this.typeOf(rest, indent)}[]`);
    return { text: `[${elements.join(', ')}]`, kind: 'atom' };
  }
}

/** The JSDoc lines of a schema: its description (or title), `@default`, `@deprecated`. */
function schemaDocLines(schema: JsonSchemaObject): string[] {
  const extra = 'default' in schema ? [`@default ${JSON.stringify(schema.default)}`] : [];
  const description = schema.description ?? schema.title;
  return docLines({ description, deprecated: schema.deprecated }, extra);
}

/** An object schema that reads best as an interface: named members and nothing else. */
function isPlainObjectSchema(schema: JsonSchemaObject): boolean {
  const combined = schema.allOf || schema.anyOf || schema.oneOf || schema.$ref;
  const literalish = 'const' in schema || schema.enum || schema.nullable;
  const objectType = schema.type === undefined || schema.type === 'object';
  return !combined && !literalish && objectType && schema.properties !== undefined;
}

/** A JSON value as a literal type: `'a'`, `1`, `true`, `null`, and tuples/objects of those. */
function literal(value: unknown): Printed {
  if (typeof value === 'string') return { text: quote(value), kind: 'atom' };
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) {
    return { text: String(value), kind: 'atom' };
  }
  if (Array.isArray(value)) {
    return { text: `[${value.map((item) => literal(item).text).join(', ')}]`, kind: 'atom' };
  }
  if (typeof value === 'object') {
    const members = Object.entries(value).map(([k, v]) => `${propertyKey(k)}: ${literal(v).text}`);
    return { text: members.length === 0 ? '{}' : `{ ${members.join('; ')} }`, kind: 'atom' };
  }
  return UNKNOWN;
}

function union(members: Printed[]): Printed {
  const byText = new Map(members.map((member) => [member.text, member]));
  if (byText.has('unknown')) return UNKNOWN;
  byText.delete('never');
  const unique = [...byText.values()];
  if (unique.length === 0) return NEVER;
  if (unique.length === 1) return unique[0]!;
  const texts = unique.map((m) => (m.kind === 'intersection' ? `(${m.text})` : m.text));
  return { text: texts.join(' | '), kind: 'union' };
}

function intersection(members: Printed[]): Printed {
  const useful = members.filter((member) => member.text !== 'unknown');
  if (useful.length === 0) return UNKNOWN;
  if (useful.length === 1) return useful[0]!;
  if (useful.some((member) => member.text === 'never')) return NEVER;
  const texts = useful.map((member) =>
    member.kind === 'union' ? `(${member.text})` : member.text,
  );
  return { text: texts.join(' & '), kind: 'intersection' };
}
