"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.formatRpcCall = formatRpcCall;
/** `method code=… 0.41ms id=… request=… connection=… user=…`: one line per call. */
function formatRpcCall(call) {
    const id = call.id === undefined ? 'notification' : JSON.stringify(call.id);
    return (`${call.method} code=${call.code} ${call.durationMs}ms id=${id} request=${call.requestId} ` +
        `connection=${call.connectionId} user=${call.userId ?? '-'}`);
}
//# sourceMappingURL=rpc-call-format.js.map