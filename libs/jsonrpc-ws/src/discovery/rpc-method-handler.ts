import type { RateLimitRule } from '../decorators/rate-limit.decorator';
import { JsonRpcError } from '../errors/jsonrpc.error';
import { JsonRpcErrorCode } from '../protocol/jsonrpc-error-codes';
import { JsonRpcParams } from '../protocol/jsonrpc.types';

/** A registered method: its pipeline-wrapped invoker and where it came from. */
export interface RpcMethodHandler {
  name: string;
  /** `ClassName.methodName`, for messages. */
  owner: string;
  /** Names for by-position params, from `@RpcMethod(name, { paramNames })`. */
  paramNames?: string[];
  /** Runs guards, interceptors, pipes, the method and filters; returns or resolves to the result. */
  invoke(...args: unknown[]): unknown;
  /** Called without Nest's pipeline, whose exceptions handler would otherwise log unexpected errors. */
  direct?: boolean;
  /** The `@RateLimit()` of the method, else of its class. */
  rateLimit?: RateLimitRule;
}

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
