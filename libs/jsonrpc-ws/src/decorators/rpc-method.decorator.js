"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RpcMethod = RpcMethod;
const jsonrpc_ws_constants_1 = require("../jsonrpc-ws.constants");
/**
 * Exposes a provider method as one or more JSON-RPC methods. Guards,
 * interceptors, pipes and filters apply to it as to an HTTP route.
 *
 * @example
 * @Injectable()
 * export class MathRpc {
 *   @RpcMethod('math.add')
 *   add(@RpcParams() { a, b }: AddDto) {
 *     return a + b;
 *   }
 * }
 */
function RpcMethod(name, options = {}) {
    const names = Array.isArray(name) ? name : [name];
    return (_target, _key, descriptor) => {
        const handler = descriptor.value;
        // Entries accumulate, so several decorators on one method each add a name.
        const existing = (Reflect.getOwnMetadata(jsonrpc_ws_constants_1.RPC_METHOD_METADATA, handler) ??
            []);
        const added = names.map((entry) => ({ ...options, name: entry }));
        Reflect.defineMetadata(jsonrpc_ws_constants_1.RPC_METHOD_METADATA, [...existing, ...added], handler);
        return descriptor;
    };
}
//# sourceMappingURL=rpc-method.decorator.js.map