"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.InMemoryHubTransport = void 0;
const crypto_1 = require("crypto");
/** The single-node default: there are no other nodes to reach. */
class InMemoryHubTransport {
    constructor() {
        this.nodeId = (0, crypto_1.randomUUID)();
    }
    publish(_target, _frame) {
        return Promise.resolve(0);
    }
    kick(_target, _reason) {
        return Promise.resolve(0);
    }
    connectionsOf(_userId) {
        return Promise.resolve([]);
    }
    announce(_change) { }
}
exports.InMemoryHubTransport = InMemoryHubTransport;
//# sourceMappingURL=in-memory-hub.transport.js.map