/**
 * Error codes on the wire: the five of the JSON-RPC 2.0 specification, and the
 * implementation-defined ones this library maps HTTP statuses to (-32000 to -32099).
 */
export const JsonRpcErrorCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
  ServerError: -32000,
  Unauthorized: -32001,
  Forbidden: -32003,
  NotFound: -32004,
  Conflict: -32009,
  TooManyRequests: -32029,
  ServiceUnavailable: -32053,
} as const;

export type JsonRpcErrorReason = keyof typeof JsonRpcErrorCode;

const MESSAGES: Record<JsonRpcErrorReason, string> = {
  ParseError: 'Parse error',
  InvalidRequest: 'Invalid Request',
  MethodNotFound: 'Method not found',
  InvalidParams: 'Invalid params',
  InternalError: 'Internal error',
  ServerError: 'Server error',
  Unauthorized: 'Unauthorized',
  Forbidden: 'Forbidden',
  NotFound: 'Not found',
  Conflict: 'Conflict',
  TooManyRequests: 'Too many requests',
  ServiceUnavailable: 'Service unavailable',
};

const REASON_BY_CODE = new Map<number, JsonRpcErrorReason>(
  (Object.keys(JsonRpcErrorCode) as JsonRpcErrorReason[]).map((r) => [JsonRpcErrorCode[r], r]),
);

/** The stable machine-readable name (`data.reason`) of a known code. */
export function reasonForCode(code: number): JsonRpcErrorReason | undefined {
  return REASON_BY_CODE.get(code);
}

/** The standard human-readable message of a known reason. */
export function messageForReason(reason: JsonRpcErrorReason): string {
  return MESSAGES[reason];
}
