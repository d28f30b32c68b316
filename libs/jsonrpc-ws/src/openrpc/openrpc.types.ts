/**
 * The parts of an OpenRPC 1.3 document (https://spec.open-rpc.org) this library
 * writes. Plain data: what `rpc.discover` answers, serialized as is.
 */

/** A JSON Schema (draft 7), as OpenRPC content descriptors carry them. */
export type JsonSchema = { [keyword: string]: unknown };

export interface OpenRpcContentDescriptor {
  name: string;
  schema: JsonSchema;
  summary?: string;
  description?: string;
  required?: boolean;
  deprecated?: boolean;
}

export interface OpenRpcError {
  code: number;
  message: string;
  data?: unknown;
}

export interface OpenRpcExample {
  name: string;
  value: unknown;
}

export interface OpenRpcExamplePairing {
  name: string;
  description?: string;
  params: OpenRpcExample[];
  result?: OpenRpcExample;
}

export type OpenRpcParamStructure = 'by-name' | 'by-position' | 'either';

export interface OpenRpcMethod {
  name: string;
  summary?: string;
  description?: string;
  tags?: Array<{ name: string }>;
  paramStructure?: OpenRpcParamStructure;
  params: OpenRpcContentDescriptor[];
  /**
   * Extension: the schema of `params` as a whole, for methods that take one value whose
   * members are not described by name (`params` is then empty).
   */
  'x-params-schema'?: JsonSchema;
  result?: OpenRpcContentDescriptor;
  errors?: OpenRpcError[];
  examples?: OpenRpcExamplePairing[];
  deprecated?: boolean;
}

/** A server-to-client notification: a method object without a result, under `x-notifications`. */
export type OpenRpcNotification = Omit<OpenRpcMethod, 'result' | 'errors' | 'examples'>;

export interface OpenRpcServer {
  url: string;
  name?: string;
  summary?: string;
  description?: string;
}

export interface OpenRpcInfo {
  title: string;
  version: string;
  description?: string;
}

export interface OpenRpcDocument {
  openrpc: string;
  info: OpenRpcInfo;
  servers?: OpenRpcServer[];
  methods: OpenRpcMethod[];
  components?: { schemas?: Record<string, JsonSchema> };
  /** Extension: notifications the server sends (OpenRPC describes only client calls). */
  'x-notifications'?: OpenRpcNotification[];
}
