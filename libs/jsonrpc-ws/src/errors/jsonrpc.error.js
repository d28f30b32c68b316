"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.JsonRpcError = void 0;
const common_1 = require("@nestjs/common");
const jsonrpc_error_codes_1 = require("../protocol/jsonrpc-error-codes");
/**
 * An error meant for the client: thrown from a handler, guard, pipe or
 * interceptor, it reaches the wire as `{ code, message, data }` unchanged.
 * When `data` is omitted and the code is a known one, `data.reason` is filled in.
 *
 * @example
 * throw new JsonRpcError(-32010, 'Room is full', { reason: 'RoomFull', capacity: 50 });
 */
class JsonRpcError extends common_1.IntrinsicException {
    constructor(code, message, data) {
        super(message);
        this.name = 'JsonRpcError';
        this.code = code;
        const reason = (0, jsonrpc_error_codes_1.reasonForCode)(code);
        this.data = data === undefined && reason ? { reason } : data;
    }
    toErrorObject() {
        const error = { code: this.code, message: this.message };
        if (this.data !== undefined)
            error.data = this.data;
        return error;
    }
}
exports.JsonRpcError = JsonRpcError;
//# sourceMappingURL=jsonrpc.error.js.map