"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RpcRequestId = exports.RpcContext = exports.RpcSocket = exports.RpcUser = exports.RpcId = exports.RpcSession = exports.RpcParamType = void 0;
exports.RpcParams = RpcParams;
const constants_1 = require("@nestjs/common/constants");
/**
 * What a parameter decorator asks the params factory for. Params share Nest's
 * number for a body (3), which pipes see as `type: 'body'`: `ValidationPipe`
 * skips 'custom' values, and params must be validated like a request body.
 */
var RpcParamType;
(function (RpcParamType) {
    RpcParamType[RpcParamType["Params"] = 3] = "Params";
    RpcParamType[RpcParamType["Session"] = 41] = "Session";
    RpcParamType[RpcParamType["Id"] = 42] = "Id";
    RpcParamType[RpcParamType["User"] = 43] = "User";
    RpcParamType[RpcParamType["Socket"] = 44] = "Socket";
    RpcParamType[RpcParamType["Context"] = 45] = "Context";
    RpcParamType[RpcParamType["RequestId"] = 46] = "RequestId";
})(RpcParamType || (exports.RpcParamType = RpcParamType = {}));
function storeParam(type, data, pipes) {
    return (target, key, index) => {
        if (key === undefined)
            return;
        // The key Nest's own param decorators use, so createParamDecorator() decorators work here too.
        const args = (Reflect.getMetadata(constants_1.ROUTE_ARGS_METADATA, target.constructor, key) ??
            {});
        Reflect.defineMetadata(constants_1.ROUTE_ARGS_METADATA, { ...args, [`${type}:${index}`]: { index, data, pipes } }, target.constructor, key);
    };
}
/**
 * The request's params, or one of them: `@RpcParams('name')` for by-name params,
 * `@RpcParams(0)` for by-position ones. Pipes given here run after global ones.
 *
 * @example
 * @RpcMethod('user.rename')
 * rename(@RpcParams() dto: RenameDto) {}
 */
function RpcParams(property, ...pipes) {
    if (property === undefined || typeof property === 'string' || typeof property === 'number') {
        return storeParam(RpcParamType.Params, property, pipes);
    }
    return storeParam(RpcParamType.Params, undefined, [property, ...pipes]);
}
/**
 * The caller's session (`JsonRpcSession`): id, user, socket and per-connection data.
 * @example
 * whoami(@RpcSession() session: JsonRpcSession) { return session.id; }
 */
const RpcSession = () => storeParam(RpcParamType.Session, undefined, []);
exports.RpcSession = RpcSession;
/**
 * The request's JSON-RPC id (`undefined` for a notification).
 * @example
 * ping(@RpcId() id: JsonRpcId) {}
 */
const RpcId = () => storeParam(RpcParamType.Id, undefined, []);
exports.RpcId = RpcId;
/**
 * The authenticated user of the session (`undefined` while anonymous), or one of its properties.
 * @example
 * profile(@RpcUser('id') userId: string) {}
 */
const RpcUser = (property) => storeParam(RpcParamType.User, property, []);
exports.RpcUser = RpcUser;
/**
 * The raw `ws` WebSocket of the caller.
 * @example
 * info(@RpcSocket() socket: WebSocket) { return socket.protocol; }
 */
const RpcSocket = () => storeParam(RpcParamType.Socket, undefined, []);
exports.RpcSocket = RpcSocket;
/**
 * The whole call context (`JsonRpcContext`): method, id, params and session.
 * @example
 * trace(@RpcContext() ctx: JsonRpcContext) { return ctx.method; }
 */
const RpcContext = () => storeParam(RpcParamType.Context, undefined, []);
exports.RpcContext = RpcContext;
/**
 * The server-generated id of this call (unlike the client's `@RpcId()`, unique
 * across clients and nodes): put it in logs and traces.
 * @example
 * create(@RpcRequestId() requestId: string) { this.logger.log(`[${requestId}] create`); }
 */
const RpcRequestId = () => storeParam(RpcParamType.RequestId, undefined, []);
exports.RpcRequestId = RpcRequestId;
//# sourceMappingURL=rpc-param.decorators.js.map