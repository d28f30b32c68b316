"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.JsonRpcErrorCode = void 0;
exports.reasonForCode = reasonForCode;
exports.messageForReason = messageForReason;
/**
 * Error codes on the wire: the five of the JSON-RPC 2.0 specification, and the
 * implementation-defined ones this library maps HTTP statuses to (-32000 to -32099).
 */
exports.JsonRpcErrorCode = {
    ParseError: -32700,
    InvalidRequest: -32600,
    MethodNotFound: -32601,
    InvalidParams: -32602,
    InternalError: -32603,
    Unauthorized: -32001,
    Forbidden: -32003,
    NotFound: -32004,
    Conflict: -32009,
    TooManyRequests: -32029,
    ServiceUnavailable: -32053,
};
const MESSAGES = {
    ParseError: 'Parse error',
    InvalidRequest: 'Invalid Request',
    MethodNotFound: 'Method not found',
    InvalidParams: 'Invalid params',
    InternalError: 'Internal error',
    Unauthorized: 'Unauthorized',
    Forbidden: 'Forbidden',
    NotFound: 'Not found',
    Conflict: 'Conflict',
    TooManyRequests: 'Too many requests',
    ServiceUnavailable: 'Service unavailable',
};
const REASON_BY_CODE = new Map(Object.keys(exports.JsonRpcErrorCode).map((r) => [exports.JsonRpcErrorCode[r], r]));
/** The stable machine-readable name (`data.reason`) of a known code. */
function reasonForCode(code) {
    return REASON_BY_CODE.get(code);
}
/** The standard human-readable message of a known reason. */
function messageForReason(reason) {
    return MESSAGES[reason];
}
//# sourceMappingURL=jsonrpc-error-codes.js.map