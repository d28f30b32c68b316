import type { RpcMethodHandler } from '../discovery/rpc-method-handler';
import { JsonRpcError } from '../errors/jsonrpc.error';
import { JsonRpcErrorCode } from '../protocol/jsonrpc-error-codes';
import { JsonRpcParams } from '../protocol/jsonrpc.types';

/**
 * Params as the handler sees them: by-position params become by-name ones when
 * the method declared `paramNames`.
 * @throws JsonRpcError -32602 when there are more values than names.
 */
export function shapeParams(
  handler: RpcMethodHandler,
  params: JsonRpcParams | undefined,
): JsonRpcParams | undefined {
  const names = handler.paramNames;
  if (!names || !Array.isArray(params)) return params;
  if (params.length > names.length) {
    throw new JsonRpcError(JsonRpcErrorCode.InvalidParams, 'Invalid params', {
      reason: 'InvalidParams',
      detail: `expected at most ${names.length} params (${names.join(', ')})`,
    });
  }
  const named: Record<string, unknown> = {};
  params.forEach((value, index) => (named[names[index]!] = value));
  return named;
}
