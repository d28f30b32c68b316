/** A request id as JSON-RPC 2.0 allows it. */
export type JsonRpcId = string | number | null;

/** By-position or by-name parameters. */
export type JsonRpcParams = unknown[] | Record<string, unknown>;

/**
 * Params of a server push: any object or array, serialised with `JSON.stringify`
 * (so interfaces and class instances are fine, and `toJSON()` applies).
 */
export type JsonRpcPushParams = object;

/** A request as it arrived, after validation. `id` is absent for a notification. */
export interface JsonRpcRequest {
  jsonrpc: '2.0';
  method: string;
  params?: JsonRpcParams;
  id?: JsonRpcId;
}

/** The `error` member of an error response. */
export interface JsonRpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

export interface JsonRpcSuccessResponse {
  jsonrpc: '2.0';
  result: unknown;
  id: JsonRpcId;
}

export interface JsonRpcErrorResponse {
  jsonrpc: '2.0';
  error: JsonRpcErrorObject;
  id: JsonRpcId;
}

export type JsonRpcResponse = JsonRpcSuccessResponse | JsonRpcErrorResponse;

/** A server push: a notification from the server to the client. */
export interface JsonRpcNotification {
  jsonrpc: '2.0';
  method: string;
  params?: JsonRpcParams;
}
