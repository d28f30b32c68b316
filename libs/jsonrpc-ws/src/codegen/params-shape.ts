import { docLines } from './jsdoc';
import type { JsonSchemaPrinter } from './json-schema.printer';
import type {
  ContentDescriptor,
  JsonSchema,
  JsonSchemaObject,
  ParamStructure,
  Reference,
} from './openrpc-document';
import { deref } from './openrpc-refs';
import { camelCase, NameRegistry } from './type-names';

/** How a method (or a notification) takes its params, as a type. */
export interface ParamsShape {
  /**
   * `none`: no params; `object`: by name; `tuple`: by position; `whole`: one value of a
   * schema (the library's `x-params-schema`, for params taken whole with no members known).
   */
  kind: 'none' | 'object' | 'tuple' | 'whole';
  type?: string;
  /** May be left out: `{}` or `[]` when every param is optional, or a value of any type. */
  optional: boolean;
  /** What the type cannot carry itself: the positional params' descriptions. */
  doc: string[];
}

/** Where params are described: a method object, or a notification (which may give one schema). */
export interface ParamsSource {
  params?: Array<ContentDescriptor | Reference> | JsonSchema;
  paramStructure?: ParamStructure;
  'x-params-schema'?: JsonSchema;
}

export function paramsShape(
  source: ParamsSource,
  document: unknown,
  printer: JsonSchemaPrinter,
): ParamsShape {
  const whole = (schema: JsonSchema | undefined): ParamsShape => {
    const type = printer.typeOf(schema);
    return { kind: 'whole', type, optional: type === 'unknown', doc: [] };
  };
  if (!Array.isArray(source.params)) return whole(source.params);
  const descriptors = source.params.map((param) => deref<ContentDescriptor>(document, param));
  if (descriptors.length === 0) {
    const schema = source['x-params-schema'];
    return schema === undefined ? { kind: 'none', optional: true, doc: [] } : whole(schema);
  }
  if (source.paramStructure === 'by-position') {
    const type = tupleType(descriptors, printer);
    return {
      kind: 'tuple',
      type,
      optional: allOptional(descriptors),
      doc: positionalDoc(descriptors),
    };
  }
  const type = printer.typeOf(objectSchemaOf(descriptors));
  return { kind: 'object', type, optional: allOptional(descriptors), doc: [] };
}

/**
 * By-name params as the one object schema they make: a property per content descriptor, the
 * descriptor's summary and description on it, required when the descriptor says so.
 */
function objectSchemaOf(descriptors: ContentDescriptor[]): JsonSchemaObject {
  // Own properties even for a param named `__proto__`.
  const properties = Object.fromEntries(descriptors.map((d) => [d.name, documented(d)]));
  const required = descriptors.filter((d) => d.required === true).map((d) => d.name);
  return { type: 'object', properties, required, additionalProperties: false };
}

/**
 * How many by-position params a call must give. OpenRPC puts optional params after the required
 * ones; one listed before a required one counts as required, since a tuple cannot skip it.
 */
function requiredCount(descriptors: ContentDescriptor[]): number {
  let count = 0;
  descriptors.forEach((descriptor, i) => {
    if (descriptor.required === true) count = i + 1;
  });
  return count;
}

/** Every param may be left out: the call can default them to `{}` or `[]`. */
function allOptional(descriptors: ContentDescriptor[]): boolean {
  return descriptors.every((descriptor) => descriptor.required !== true);
}

/** The descriptor's schema, with the descriptor's text as its description. */
function documented(descriptor: ContentDescriptor): JsonSchema {
  const texts = [descriptor.summary, descriptor.description].filter(
    (text): text is string => typeof text === 'string' && text.trim() !== '',
  );
  const { schema } = descriptor;
  if (typeof schema === 'boolean') {
    return schema ? { description: texts.join('\n\n') || undefined } : schema;
  }
  const description = texts.length > 0 ? texts.join('\n\n') : schema.description;
  const deprecated = descriptor.deprecated === true || schema.deprecated === true;
  return { ...schema, description, deprecated: deprecated || undefined };
}

/** `[minuend: number, subtrahend?: number]`: labelled from the descriptors' names. */
function tupleType(descriptors: ContentDescriptor[], printer: JsonSchemaPrinter): string {
  const required = requiredCount(descriptors);
  const labels = new NameRegistry();
  const elements = descriptors.map((descriptor, i) => {
    const label = labels.claim(camelCase(descriptor.name, `arg${i}`));
    const type = printer.typeOf(documented(descriptor));
    return `${label}${i >= required ? '?' : ''}: ${type}`;
  });
  return `[${elements.join(', ')}]`;
}

/** Tuple elements cannot carry JSDoc: the method's block names each param instead. */
function positionalDoc(descriptors: ContentDescriptor[]): string[] {
  if (descriptors.every((descriptor) => docLines(descriptor).length === 0)) return [];
  const lines = descriptors.map((descriptor, i) => {
    const text = docLines(descriptor).filter((line) => line !== '' && line !== '@deprecated');
    const deprecated = descriptor.deprecated === true ? ' (deprecated)' : '';
    return `- [${i}] \`${descriptor.name}\`${deprecated}${text.length ? `: ${text.join(' ')}` : ''}`;
  });
  return ['@param params - by position:', ...lines];
}
