"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RpcParamsFactory = void 0;
const rpc_param_decorators_1 = require("../decorators/rpc-param.decorators");
/** Turns what a parameter decorator asked for into a value, from `[socket, params, context]`. */
class RpcParamsFactory {
    exchangeKeyForValue(type, data, args) {
        const context = args[2];
        switch (type) {
            case rpc_param_decorators_1.RpcParamType.Params:
                return data === undefined ? context.params : pick(context.params, data);
            case rpc_param_decorators_1.RpcParamType.Session:
                return context.session;
            case rpc_param_decorators_1.RpcParamType.Id:
                return context.id;
            case rpc_param_decorators_1.RpcParamType.User:
                return data === undefined ? context.session.user : pick(context.session.user, data);
            case rpc_param_decorators_1.RpcParamType.Socket:
                return context.session.socket;
            case rpc_param_decorators_1.RpcParamType.Context:
                return context;
            case rpc_param_decorators_1.RpcParamType.RequestId:
                return context.requestId;
            default:
                return undefined;
        }
    }
}
exports.RpcParamsFactory = RpcParamsFactory;
function pick(source, key) {
    if (source === null || typeof source !== 'object')
        return undefined;
    if (typeof key !== 'string' && typeof key !== 'number')
        return undefined;
    // Own properties only: a client must not reach inherited members such as "toString".
    return Object.prototype.hasOwnProperty.call(source, key)
        ? source[key]
        : undefined;
}
//# sourceMappingURL=rpc-params.factory.js.map