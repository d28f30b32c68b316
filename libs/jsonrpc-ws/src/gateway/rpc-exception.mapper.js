"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.toJsonRpcError = toJsonRpcError;
const common_1 = require("@nestjs/common");
const jsonrpc_error_1 = require("../errors/jsonrpc.error");
const jsonrpc_error_codes_1 = require("../protocol/jsonrpc-error-codes");
const jsonrpc_responses_1 = require("../protocol/jsonrpc.responses");
const REASON_BY_STATUS = {
    400: 'InvalidParams',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'NotFound',
    409: 'Conflict',
    429: 'TooManyRequests',
    503: 'ServiceUnavailable',
};
/**
 * The one place where anything thrown while handling a call becomes a JSON-RPC
 * error object. Unknown errors become -32603 with no internals: their logging
 * happens where they are caught (Nest's exceptions handler or the dispatcher).
 */
function toJsonRpcError(error) {
    if (error instanceof jsonrpc_error_1.JsonRpcError)
        return error.toErrorObject();
    if (error instanceof common_1.HttpException)
        return fromHttpException(error);
    return (0, jsonrpc_responses_1.protocolError)('InternalError');
}
function fromHttpException(exception) {
    const status = exception.getStatus();
    const reason = REASON_BY_STATUS[status];
    if (!reason) {
        // A 4xx was thrown on purpose and its message is meant for the client; a 5xx may hold internals.
        const detail = status < 500 ? { detail: exception.message } : {};
        return (0, jsonrpc_responses_1.protocolError)('InternalError', { status, ...detail });
    }
    const body = exception.getResponse();
    const bodyMessage = typeof body === 'object' && body !== null ? body.message : body;
    if (reason === 'InvalidParams') {
        // ValidationPipe puts one message per failed constraint in an array.
        const extra = Array.isArray(bodyMessage)
            ? { errors: bodyMessage }
            : typeof bodyMessage === 'string' && bodyMessage !== 'Bad Request'
                ? { detail: bodyMessage }
                : {};
        return (0, jsonrpc_responses_1.protocolError)(reason, extra);
    }
    const message = typeof bodyMessage === 'string' && bodyMessage ? bodyMessage : (0, jsonrpc_error_codes_1.messageForReason)(reason);
    return (0, jsonrpc_responses_1.protocolError)(reason, undefined, message);
}
//# sourceMappingURL=rpc-exception.mapper.js.map