"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isJsonRpcContext = isJsonRpcContext;
exports.getJsonRpcContext = getJsonRpcContext;
const jsonrpc_ws_constants_1 = require("../jsonrpc-ws.constants");
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
function isJsonRpcContext(host) {
    return host.getType() === jsonrpc_ws_constants_1.JSON_RPC_CONTEXT_TYPE;
}
/**
 * The RPC call behind an execution context or arguments host.
 * @throws Error when the host is not an RPC call.
 */
function getJsonRpcContext(host) {
    if (!isJsonRpcContext(host)) {
        throw new Error(`getJsonRpcContext() called in a "${host.getType()}" context`);
    }
    return host.getArgByIndex(2);
}
//# sourceMappingURL=jsonrpc-context.js.map