/** Metadata key under which `@RpcMethod()` stores its entries on a method. */
export const RPC_METHOD_METADATA = 'jsonrpc-ws:rpc-method';

/** Metadata key under which `@OnHubEvent()` stores event names on a method. */
export const HUB_EVENT_METADATA = 'jsonrpc-ws:hub-event';

/** `ExecutionContext.getType()` of an RPC call; see `isJsonRpcContext()`. */
export const JSON_RPC_CONTEXT_TYPE = 'jsonrpc';

/** Token of the options after defaults and validation. */
export const RESOLVED_OPTIONS = Symbol('JSON_RPC_WS_RESOLVED_OPTIONS');

/** Metadata key of `@Public()`. */
export const IS_PUBLIC_METADATA = 'jsonrpc-ws:public';

/** Metadata key of `@RateLimit()`. */
export const RATE_LIMIT_METADATA = 'jsonrpc-ws:rate-limit';
