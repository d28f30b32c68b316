"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.RpcMethodRegistry = void 0;
const common_1 = require("@nestjs/common");
const jsonrpc_ws_bootstrap_error_1 = require("../errors/jsonrpc-ws-bootstrap.error");
const jsonrpc_ws_messages_1 = require("../errors/jsonrpc-ws.messages");
/** Every JSON-RPC method the application serves, by name. */
let RpcMethodRegistry = class RpcMethodRegistry {
    constructor() {
        this.methods = new Map();
    }
    register(handler) {
        const existing = this.methods.get(handler.name);
        if (existing) {
            throw new jsonrpc_ws_bootstrap_error_1.JsonRpcWsBootstrapError(jsonrpc_ws_messages_1.JsonRpcWsMessages.duplicateMethod(handler.name, existing.owner, handler.owner));
        }
        this.methods.set(handler.name, handler);
    }
    get(name) {
        return this.methods.get(name);
    }
    /** Names of all registered methods, sorted. */
    names() {
        return [...this.methods.keys()].sort();
    }
};
exports.RpcMethodRegistry = RpcMethodRegistry;
exports.RpcMethodRegistry = RpcMethodRegistry = __decorate([
    (0, common_1.Injectable)()
], RpcMethodRegistry);
//# sourceMappingURL=rpc-method.registry.js.map