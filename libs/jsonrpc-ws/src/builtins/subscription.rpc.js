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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.SubscriptionRpc = void 0;
const common_1 = require("@nestjs/common");
const rpc_param_decorators_1 = require("../decorators/rpc-param.decorators");
const jsonrpc_error_1 = require("../errors/jsonrpc.error");
const hub_service_1 = require("../hub/hub.service");
const inject_options_decorator_1 = require("../options/inject-options.decorator");
const jsonrpc_error_codes_1 = require("../protocol/jsonrpc-error-codes");
const builtin_params_1 = require("./builtin-params");
/** `subscribe { topics }` and `unsubscribe { topics }`. */
let SubscriptionRpc = class SubscriptionRpc {
    constructor(options, hub) {
        this.options = options;
        this.hub = hub;
    }
    async subscribe(session, params) {
        if (this.options.subscribeRequiresLogin && !session.authenticated) {
            throw new jsonrpc_error_1.JsonRpcError(jsonrpc_error_codes_1.JsonRpcErrorCode.Unauthorized, 'Login required');
        }
        return { subscribed: await this.hub.subscribe(session, (0, builtin_params_1.readTopics)(params)) };
    }
    unsubscribe(session, params) {
        return { unsubscribed: this.hub.unsubscribe(session, (0, builtin_params_1.readTopics)(params)) };
    }
};
exports.SubscriptionRpc = SubscriptionRpc;
__decorate([
    __param(0, (0, rpc_param_decorators_1.RpcSession)()),
    __param(1, (0, rpc_param_decorators_1.RpcParams)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, Object]),
    __metadata("design:returntype", Promise)
], SubscriptionRpc.prototype, "subscribe", null);
__decorate([
    __param(0, (0, rpc_param_decorators_1.RpcSession)()),
    __param(1, (0, rpc_param_decorators_1.RpcParams)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, Object]),
    __metadata("design:returntype", Object)
], SubscriptionRpc.prototype, "unsubscribe", null);
exports.SubscriptionRpc = SubscriptionRpc = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, inject_options_decorator_1.InjectJsonRpcWsOptions)()),
    __metadata("design:paramtypes", [Object, hub_service_1.HubService])
], SubscriptionRpc);
//# sourceMappingURL=subscription.rpc.js.map