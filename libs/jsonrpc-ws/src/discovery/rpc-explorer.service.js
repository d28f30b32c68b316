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
exports.RpcExplorer = void 0;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const jsonrpc_ws_bootstrap_error_1 = require("../errors/jsonrpc-ws-bootstrap.error");
const jsonrpc_ws_messages_1 = require("../errors/jsonrpc-ws.messages");
const hub_events_1 = require("../hub/hub-events");
const rpc_handler_factory_1 = require("./rpc-handler.factory");
const rpc_metadata_accessor_1 = require("./rpc-metadata.accessor");
const rpc_method_registry_1 = require("./rpc-method.registry");
/** Finds `@RpcMethod()` handlers and `@OnHubEvent()` listeners on every provider and controller. */
let RpcExplorer = class RpcExplorer {
    constructor(discovery, scanner, accessor, handlerFactory, registry, events) {
        this.discovery = discovery;
        this.scanner = scanner;
        this.accessor = accessor;
        this.handlerFactory = handlerFactory;
        this.registry = registry;
        this.events = events;
        this.logger = new common_1.Logger('JsonRpcWs');
    }
    onModuleInit() {
        const wrappers = [...this.discovery.getProviders(), ...this.discovery.getControllers()];
        const seen = new Set();
        for (const wrapper of wrappers) {
            const instance = wrapper.instance;
            // The same instance can sit behind several tokens (aliases, useExisting).
            if (!instance || typeof instance !== 'object' || seen.has(instance))
                continue;
            seen.add(instance);
            this.explore(wrapper, instance);
        }
    }
    explore(wrapper, instance) {
        const prototype = Object.getPrototypeOf(instance);
        if (!prototype)
            return;
        const className = instance.constructor.name;
        for (const methodName of this.scanner.getAllMethodNames(prototype)) {
            const method = instance[methodName];
            const entries = this.accessor.getRpcMethods(method) ?? [];
            const events = this.accessor.getHubEvents(method) ?? [];
            if (entries.length === 0 && events.length === 0)
                continue;
            if (!wrapper.isDependencyTreeStatic()) {
                this.logger.warn(jsonrpc_ws_messages_1.JsonRpcWsMessages.requestScoped(className));
                return;
            }
            for (const event of events)
                this.events.on(event, (payload) => method.call(instance, payload));
            if (entries.length > 0)
                this.registerMethods(instance, methodName, `${className}.${methodName}`, entries);
        }
    }
    registerMethods(instance, methodName, owner, entries) {
        const { invoke, direct } = this.handlerFactory.create(instance, methodName);
        for (const { name, paramNames } of entries) {
            if (typeof name !== 'string' || name.length === 0) {
                throw new jsonrpc_ws_bootstrap_error_1.JsonRpcWsBootstrapError(jsonrpc_ws_messages_1.JsonRpcWsMessages.invalidMethodName(owner));
            }
            if (name.startsWith('rpc.')) {
                throw new jsonrpc_ws_bootstrap_error_1.JsonRpcWsBootstrapError(jsonrpc_ws_messages_1.JsonRpcWsMessages.reservedMethod(name, owner));
            }
            this.registry.register({ name, owner, paramNames, invoke, direct });
        }
    }
};
exports.RpcExplorer = RpcExplorer;
exports.RpcExplorer = RpcExplorer = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [core_1.DiscoveryService,
        core_1.MetadataScanner,
        rpc_metadata_accessor_1.RpcMetadataAccessor,
        rpc_handler_factory_1.RpcHandlerFactory,
        rpc_method_registry_1.RpcMethodRegistry,
        hub_events_1.HubEvents])
], RpcExplorer);
//# sourceMappingURL=rpc-explorer.service.js.map