"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.RpcMetadataAccessor = void 0;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const jsonrpc_ws_constants_1 = require("../jsonrpc-ws.constants");
/** The only reader of this library's metadata keys. */
let RpcMetadataAccessor = class RpcMetadataAccessor {
    constructor(reflector) {
        this.reflector = reflector;
    }
    getRpcMethods(handler) {
        if (typeof handler !== 'function')
            return undefined;
        return this.reflector.get(jsonrpc_ws_constants_1.RPC_METHOD_METADATA, handler);
    }
    getHubEvents(handler) {
        if (typeof handler !== 'function')
            return undefined;
        return this.reflector.get(jsonrpc_ws_constants_1.HUB_EVENT_METADATA, handler);
    }
};
exports.RpcMetadataAccessor = RpcMetadataAccessor;
exports.RpcMetadataAccessor = RpcMetadataAccessor = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [core_1.Reflector])
], RpcMetadataAccessor);
//# sourceMappingURL=rpc-metadata.accessor.js.map