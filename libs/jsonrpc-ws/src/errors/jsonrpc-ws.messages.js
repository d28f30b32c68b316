"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.JsonRpcWsMessages = void 0;
/** Text of the errors that stop the application from starting. */
exports.JsonRpcWsMessages = {
    invalidOption: (option, expected, actual) => `JsonRpcWsModule: option "${option}" must be ${expected} (got ${describe(actual)})`,
    duplicateMethod: (name, first, second) => `JsonRpcWsModule: JSON-RPC method "${name}" is declared twice, by ${first} and by ${second}`,
    reservedMethod: (name, owner) => `JsonRpcWsModule: JSON-RPC method "${name}" on ${owner} uses the reserved "rpc." prefix`,
    invalidMethodName: (owner) => `JsonRpcWsModule: @RpcMethod() on ${owner} needs a non-empty method name`,
    requestScoped: (owner) => `@RpcMethod() and @OnHubEvent() on request-scoped or transient provider ${owner} are ignored: use a singleton provider`,
};
function describe(value) {
    if (typeof value === 'function')
        return 'a function';
    try {
        return JSON.stringify(value) ?? String(value);
    }
    catch {
        return String(value);
    }
}
//# sourceMappingURL=jsonrpc-ws.messages.js.map