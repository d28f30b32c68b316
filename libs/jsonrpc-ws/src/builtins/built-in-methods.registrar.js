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
exports.BuiltInMethodsRegistrar = void 0;
const common_1 = require("@nestjs/common");
const rpc_handler_factory_1 = require("../discovery/rpc-handler.factory");
const rpc_method_registry_1 = require("../discovery/rpc-method.registry");
const inject_options_decorator_1 = require("../options/inject-options.decorator");
const heartbeat_rpc_1 = require("./heartbeat.rpc");
const login_rpc_1 = require("./login.rpc");
const subscription_rpc_1 = require("./subscription.rpc");
/**
 * Registers the built-in methods the options turn on. They run through the
 * same pipeline as the application's, so global guards and interceptors apply.
 */
let BuiltInMethodsRegistrar = class BuiltInMethodsRegistrar {
    constructor(options, handlerFactory, registry, heartbeat, subscriptions, logins) {
        this.options = options;
        this.handlerFactory = handlerFactory;
        this.registry = registry;
        this.heartbeat = heartbeat;
        this.subscriptions = subscriptions;
        this.logins = logins;
    }
    onModuleInit() {
        const { builtInMethods, verifyToken } = this.options;
        if (builtInMethods.heartbeat)
            this.add('heartbeat', this.heartbeat, 'heartbeat');
        if (builtInMethods.subscribe) {
            this.add('subscribe', this.subscriptions, 'subscribe');
            this.add('unsubscribe', this.subscriptions, 'unsubscribe');
        }
        if (builtInMethods.login && verifyToken) {
            this.add('login', this.logins, 'login');
            this.add('logout', this.logins, 'logout');
        }
    }
    add(name, instance, methodName) {
        const option = name === 'unsubscribe' ? 'subscribe' : name === 'logout' ? 'login' : name;
        this.registry.register({
            name,
            owner: `the built-in "${name}" (turn it off with builtInMethods.${option}: false)`,
            ...this.handlerFactory.create(instance, methodName),
        });
    }
};
exports.BuiltInMethodsRegistrar = BuiltInMethodsRegistrar;
exports.BuiltInMethodsRegistrar = BuiltInMethodsRegistrar = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, inject_options_decorator_1.InjectJsonRpcWsOptions)()),
    __metadata("design:paramtypes", [Object, rpc_handler_factory_1.RpcHandlerFactory,
        rpc_method_registry_1.RpcMethodRegistry,
        heartbeat_rpc_1.HeartbeatRpc,
        subscription_rpc_1.SubscriptionRpc,
        login_rpc_1.LoginRpc])
], BuiltInMethodsRegistrar);
//# sourceMappingURL=built-in-methods.registrar.js.map