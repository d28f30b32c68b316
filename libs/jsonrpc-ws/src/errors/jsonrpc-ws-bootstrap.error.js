"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.JsonRpcWsBootstrapError = void 0;
/** A programmer error found while the application starts: it stops the startup. */
class JsonRpcWsBootstrapError extends Error {
    constructor(message) {
        super(message);
        this.name = 'JsonRpcWsBootstrapError';
    }
}
exports.JsonRpcWsBootstrapError = JsonRpcWsBootstrapError;
//# sourceMappingURL=jsonrpc-ws-bootstrap.error.js.map