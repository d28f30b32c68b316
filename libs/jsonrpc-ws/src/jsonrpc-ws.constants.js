"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RATE_LIMIT_METADATA = exports.IS_PUBLIC_METADATA = exports.RESOLVED_OPTIONS = exports.JSON_RPC_CONTEXT_TYPE = exports.HUB_EVENT_METADATA = exports.RPC_METHOD_METADATA = void 0;
/** Metadata key under which `@RpcMethod()` stores its entries on a method. */
exports.RPC_METHOD_METADATA = 'jsonrpc-ws:rpc-method';
/** Metadata key under which `@OnHubEvent()` stores event names on a method. */
exports.HUB_EVENT_METADATA = 'jsonrpc-ws:hub-event';
/** `ExecutionContext.getType()` of an RPC call; see `isJsonRpcContext()`. */
exports.JSON_RPC_CONTEXT_TYPE = 'jsonrpc';
/** Token of the options after defaults and validation. */
exports.RESOLVED_OPTIONS = Symbol('JSON_RPC_WS_RESOLVED_OPTIONS');
/** Metadata key of `@Public()`. */
exports.IS_PUBLIC_METADATA = 'jsonrpc-ws:public';
/** Metadata key of `@RateLimit()`. */
exports.RATE_LIMIT_METADATA = 'jsonrpc-ws:rate-limit';
//# sourceMappingURL=jsonrpc-ws.constants.js.map