"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.shapeParams = shapeParams;
const jsonrpc_error_1 = require("../errors/jsonrpc.error");
const jsonrpc_error_codes_1 = require("../protocol/jsonrpc-error-codes");
/**
 * Params as the handler sees them: by-position params become by-name ones when
 * the method declared `paramNames`.
 * @throws JsonRpcError -32602 when there are more values than names.
 */
function shapeParams(handler, params) {
    const names = handler.paramNames;
    if (!names || !Array.isArray(params))
        return params;
    if (params.length > names.length) {
        throw new jsonrpc_error_1.JsonRpcError(jsonrpc_error_codes_1.JsonRpcErrorCode.InvalidParams, 'Invalid params', {
            reason: 'InvalidParams',
            detail: `expected at most ${names.length} params (${names.join(', ')})`,
        });
    }
    const named = {};
    params.forEach((value, index) => (named[names[index]] = value));
    return named;
}
//# sourceMappingURL=rpc-method-handler.js.map