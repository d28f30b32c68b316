"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.successResponse = successResponse;
exports.errorResponse = errorResponse;
exports.protocolError = protocolError;
exports.notification = notification;
const jsonrpc_error_codes_1 = require("./jsonrpc-error-codes");
function successResponse(id, result) {
    // `undefined` would vanish from the JSON text, and a response must carry `result`.
    return { jsonrpc: '2.0', result: result === undefined ? null : result, id };
}
function errorResponse(id, error) {
    return { jsonrpc: '2.0', error, id };
}
/** An error object for one of the known reasons, with `data.reason` set. */
function protocolError(reason, extra, message = (0, jsonrpc_error_codes_1.messageForReason)(reason)) {
    return { code: jsonrpc_error_codes_1.JsonRpcErrorCode[reason], message, data: { ...extra, reason } };
}
/** A server push; `params` is left out when undefined. */
function notification(method, params) {
    return params === undefined ? { jsonrpc: '2.0', method } : { jsonrpc: '2.0', method, params };
}
//# sourceMappingURL=jsonrpc.responses.js.map