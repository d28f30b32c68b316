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
exports.RpcHandlerFactory = void 0;
const common_1 = require("@nestjs/common");
const constants_1 = require("@nestjs/common/constants");
const core_1 = require("@nestjs/core");
const rpc_params_factory_1 = require("../gateway/rpc-params.factory");
const jsonrpc_ws_constants_1 = require("../jsonrpc-ws.constants");
const inject_options_decorator_1 = require("../options/inject-options.decorator");
const rpc_rate_limit_guard_1 = require("../rate-limit/rpc-rate-limit.guard");
const fast_pipeline_1 = require("./fast-pipeline");
const first_value_1 = require("./first-value");
/** Wraps a provider method in Nest's pipeline: guards, interceptors, pipes and filters, global ones included. */
let RpcHandlerFactory = class RpcHandlerFactory {
    constructor(externalContextCreator, options) {
        this.externalContextCreator = externalContextCreator;
        this.options = options;
        this.paramsFactory = new rpc_params_factory_1.RpcParamsFactory();
    }
    create(instance, methodName) {
        const method = instance[methodName];
        const fast = (0, fast_pipeline_1.createFastPipeline)(this.externalContextCreator, this.paramsFactory, instance, method, 
        // Our own rate-limit guard lets every call through when the limit is off.
        (enhancer) => enhancer instanceof rpc_rate_limit_guard_1.RpcRateLimitGuard && this.options.rateLimit === false);
        if (fast)
            return { invoke: fast, direct: true };
        const pipeline = this.externalContextCreator.create(instance, firstValueOf(method), methodName, constants_1.ROUTE_ARGS_METADATA, this.paramsFactory, undefined, undefined, { guards: true, interceptors: true, filters: true }, jsonrpc_ws_constants_1.JSON_RPC_CONTEXT_TYPE);
        // An exception filter's return value becomes the outcome; filters written in
        // the microservices style return `throwError(...)`, which must count as an error.
        return { invoke: async (...args) => (0, first_value_1.firstValue)(await pipeline(...args)), direct: false };
    }
};
exports.RpcHandlerFactory = RpcHandlerFactory;
exports.RpcHandlerFactory = RpcHandlerFactory = __decorate([
    (0, common_1.Injectable)(),
    __param(1, (0, inject_options_decorator_1.InjectJsonRpcWsOptions)()),
    __metadata("design:paramtypes", [core_1.ExternalContextCreator, Object])
], RpcHandlerFactory);
/**
 * Nest's runner, told to take the first value of an observable. The wrapper
 * inherits from the method, so metadata lookups such as `Reflector.get(key,
 * context.getHandler())` still find what decorators put on the method.
 */
function firstValueOf(method) {
    const wrapper = function (...args) {
        return (0, first_value_1.firstValue)(method.apply(this, args));
    };
    Object.setPrototypeOf(wrapper, method);
    Object.defineProperty(wrapper, 'name', { value: method.name });
    return wrapper;
}
//# sourceMappingURL=rpc-handler.factory.js.map