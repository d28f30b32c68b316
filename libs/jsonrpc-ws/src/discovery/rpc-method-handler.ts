import type { RateLimitRule } from '../decorators/rate-limit.decorator';
import type { RpcMethodOptions } from '../decorators/rpc-method.decorator';

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
  /** What `@RpcMethod()` says about the method, for the OpenRPC document. */
  options?: RpcMethodOptions;
  /** The provider method behind it, whose parameters and guards the OpenRPC document reads. */
  source?: { instance: object; methodName: string };
}
