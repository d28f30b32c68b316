import { ArgumentsHost } from '@nestjs/common';
import { JSON_RPC_CONTEXT_TYPE } from '../jsonrpc-ws.constants';
import { JsonRpcId, JsonRpcParams } from '../protocol/jsonrpc.types';
import { JsonRpcSession } from '../session/jsonrpc-session';

/**
 * What one RPC call carries through the pipeline. Handler arguments are
 * `[socket, params, context, method]`, so `switchToWs().getClient()` is the `ws`
 * socket, `getData()` the params and `getPattern()` the method name, as with
 * Nest's own WebSocket gateways (where the pattern is the last argument too).
 */
export interface JsonRpcContext<TUser = unknown> {
  readonly method: string;
  /** The client's id; `undefined` for a notification. */
  readonly id: JsonRpcId | undefined;
  /** Server-generated id of this call, unique across the cluster: for logs and tracing. */
  readonly requestId: string;
  readonly params: JsonRpcParams | undefined;
  readonly session: JsonRpcSession<TUser>;
}

/**
 * Whether a guard, interceptor or filter is running for an RPC call,
 * so global HTTP enhancers can step aside.
 *
 * @example
 * canActivate(ctx: ExecutionContext) {
 *   if (isJsonRpcContext(ctx)) return true;
 *   // HTTP checks…
 * }
 */
export function isJsonRpcContext(host: ArgumentsHost): boolean {
  return host.getType<string>() === JSON_RPC_CONTEXT_TYPE;
}

/**
 * The RPC call behind an execution context or arguments host.
 * @throws Error when the host is not an RPC call.
 */
export function getJsonRpcContext<TUser = unknown>(host: ArgumentsHost): JsonRpcContext<TUser> {
  if (!isJsonRpcContext(host)) {
    throw new Error(`getJsonRpcContext() called in a "${host.getType()}" context`);
  }
  return host.getArgByIndex<JsonRpcContext<TUser>>(2);
}
