import { JsonRpcErrorCode, JsonRpcErrorReason, messageForReason } from './jsonrpc-error-codes';
import {
  JsonRpcErrorObject,
  JsonRpcErrorResponse,
  JsonRpcId,
  JsonRpcNotification,
  JsonRpcParams,
  JsonRpcPushParams,
  JsonRpcSuccessResponse,
} from './jsonrpc.types';

export function successResponse(id: JsonRpcId, result: unknown): JsonRpcSuccessResponse {
  // `undefined` would vanish from the JSON text, and a response must carry `result`.
  return { jsonrpc: '2.0', result: result === undefined ? null : result, id };
}

export function errorResponse(id: JsonRpcId, error: JsonRpcErrorObject): JsonRpcErrorResponse {
  return { jsonrpc: '2.0', error, id };
}

/** An error object for one of the known reasons, with `data.reason` set. */
export function protocolError(
  reason: JsonRpcErrorReason,
  extra?: Record<string, unknown>,
  message = messageForReason(reason),
): JsonRpcErrorObject {
  return { code: JsonRpcErrorCode[reason], message, data: { ...extra, reason } };
}

/** A server push; `params` is left out when undefined. */
export function notification(method: string, params?: JsonRpcPushParams): JsonRpcNotification {
  if (params === undefined) return { jsonrpc: '2.0', method };
  return { jsonrpc: '2.0', method, params: params as JsonRpcParams };
}
