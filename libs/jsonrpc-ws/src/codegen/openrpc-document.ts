/**
 * The parts of an OpenRPC 1.x document (https://spec.open-rpc.org) the generator reads. Loose on
 * purpose: it takes documents of any server, so unknown fields are kept and ignored.
 */

/** A JSON Schema (draft 7, as OpenRPC 1.3 says), or `true`/`false`. */
export type JsonSchema = boolean | JsonSchemaObject;

export interface JsonSchemaObject {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema;
  patternProperties?: Record<string, JsonSchema>;
  items?: JsonSchema | JsonSchema[];
  prefixItems?: JsonSchema[];
  additionalItems?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  /** OpenAPI 3.0's spelling of `type: [..., 'null']`, which some converters emit. */
  nullable?: boolean;
  title?: string;
  description?: string;
  deprecated?: boolean;
  default?: unknown;
  [keyword: string]: unknown;
}

export interface Reference {
  $ref: string;
}

export interface ContentDescriptor {
  name: string;
  summary?: string;
  description?: string;
  /** @default false */
  required?: boolean;
  schema: JsonSchema;
  deprecated?: boolean;
}

export interface ErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

export interface ExamplePairing {
  name: string;
  summary?: string;
  description?: string;
  params: Array<{ name?: string; value?: unknown } | Reference>;
  result?: { name?: string; value?: unknown } | Reference;
}

/** `either` when absent (OpenRPC 1.3). */
export type ParamStructure = 'by-name' | 'by-position' | 'either';

export interface MethodObject {
  name: string;
  summary?: string;
  description?: string;
  params: Array<ContentDescriptor | Reference>;
  /**
   * This library's extension: the schema of params taken whole, with no members known by name
   * (`params` is then empty).
   */
  'x-params-schema'?: JsonSchema;
  /** Absent: the method is only ever sent as a notification. */
  result?: ContentDescriptor | Reference;
  deprecated?: boolean;
  errors?: Array<ErrorObject | Reference>;
  paramStructure?: ParamStructure;
  examples?: Array<ExamplePairing | Reference>;
}

/**
 * A notification the server sends (this library's `x-notifications` extension): described as
 * a method without a result; its params may also be one schema.
 */
export interface NotificationObject {
  name: string;
  summary?: string;
  description?: string;
  deprecated?: boolean;
  params?: Array<ContentDescriptor | Reference> | JsonSchema;
  paramStructure?: ParamStructure;
  'x-params-schema'?: JsonSchema;
}

export interface OpenRpcDocument {
  openrpc: string;
  info: { title: string; version: string; description?: string };
  methods: Array<MethodObject | Reference>;
  components?: {
    schemas?: Record<string, JsonSchema>;
    contentDescriptors?: Record<string, ContentDescriptor>;
    errors?: Record<string, ErrorObject>;
    [component: string]: unknown;
  };
  'x-notifications'?: Array<NotificationObject | Reference>;
  [field: string]: unknown;
}

export function isReference(value: unknown): value is Reference {
  return (
    typeof value === 'object' && value !== null && typeof (value as Reference).$ref === 'string'
  );
}
