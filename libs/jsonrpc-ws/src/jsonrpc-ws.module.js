"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.JsonRpcWsModule = void 0;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const rpc_instrumentation_1 = require("./instrumentation/rpc-instrumentation");
const built_in_methods_registrar_1 = require("./builtins/built-in-methods.registrar");
const heartbeat_rpc_1 = require("./builtins/heartbeat.rpc");
const login_rpc_1 = require("./builtins/login.rpc");
const subscription_rpc_1 = require("./builtins/subscription.rpc");
const rpc_explorer_service_1 = require("./discovery/rpc-explorer.service");
const rpc_handler_factory_1 = require("./discovery/rpc-handler.factory");
const rpc_metadata_accessor_1 = require("./discovery/rpc-metadata.accessor");
const rpc_method_registry_1 = require("./discovery/rpc-method.registry");
const jsonrpc_ws_server_1 = require("./gateway/jsonrpc-ws.server");
const rpc_dispatcher_service_1 = require("./gateway/rpc-dispatcher.service");
const upgrade_authorizer_1 = require("./gateway/upgrade-authorizer");
const hub_events_1 = require("./hub/hub-events");
const hub_transport_interface_1 = require("./hub/hub-transport.interface");
const hub_service_1 = require("./hub/hub.service");
const in_memory_hub_transport_1 = require("./hub/in-memory-hub.transport");
const local_delivery_1 = require("./hub/local-delivery");
const outbound_gate_1 = require("./hub/outbound-gate");
const session_lifecycle_service_1 = require("./hub/session-lifecycle.service");
const session_registry_1 = require("./hub/session-registry");
const jsonrpc_ws_constants_1 = require("./jsonrpc-ws.constants");
const in_memory_rate_limit_store_1 = require("./rate-limit/in-memory-rate-limit.store");
const rate_limit_releaser_1 = require("./rate-limit/rate-limit-releaser");
const rate_limit_store_interface_1 = require("./rate-limit/rate-limit-store.interface");
const rpc_rate_limit_guard_1 = require("./rate-limit/rpc-rate-limit.guard");
const jsonrpc_ws_module_definition_1 = require("./jsonrpc-ws.module-definition");
const jsonrpc_ws_options_resolver_1 = require("./options/jsonrpc-ws-options.resolver");
/**
 * JSON-RPC 2.0 over WebSocket, on the application's HTTP port, with a hub for
 * pushes and sessions.
 *
 * @example
 * JsonRpcWsModule.forRoot({ path: '/ws' })
 * JsonRpcWsModule.forRootAsync({
 *   inject: [ConfigService],
 *   useFactory: (config: ConfigService) => ({ path: config.get('WS_PATH') }),
 * })
 */
let JsonRpcWsModule = class JsonRpcWsModule extends jsonrpc_ws_module_definition_1.ConfigurableModuleClass {
};
exports.JsonRpcWsModule = JsonRpcWsModule;
exports.JsonRpcWsModule = JsonRpcWsModule = __decorate([
    (0, common_1.Module)({
        imports: [core_1.DiscoveryModule],
        providers: [
            { provide: jsonrpc_ws_constants_1.RESOLVED_OPTIONS, inject: [jsonrpc_ws_module_definition_1.JSON_RPC_WS_MODULE_OPTIONS], useFactory: jsonrpc_ws_options_resolver_1.resolveOptions },
            {
                provide: outbound_gate_1.OutboundGate,
                inject: [jsonrpc_ws_constants_1.RESOLVED_OPTIONS, rpc_instrumentation_1.RpcInstrumentation],
                useFactory: (options, instrumentation) => new outbound_gate_1.OutboundGate(options.maxBufferedBytes, options.slowConsumerPolicy, instrumentation),
            },
            { provide: hub_transport_interface_1.HUB_TRANSPORT, useClass: in_memory_hub_transport_1.InMemoryHubTransport },
            { provide: rate_limit_store_interface_1.RATE_LIMIT_STORE, useClass: in_memory_rate_limit_store_1.InMemoryRateLimitStore },
            // On by default: an RPC endpoint without a rate limit lets one client starve the rest.
            { provide: core_1.APP_GUARD, useClass: rpc_rate_limit_guard_1.RpcRateLimitGuard },
            rate_limit_releaser_1.RateLimitReleaser,
            rpc_instrumentation_1.RpcInstrumentation,
            rpc_metadata_accessor_1.RpcMetadataAccessor,
            rpc_method_registry_1.RpcMethodRegistry,
            rpc_handler_factory_1.RpcHandlerFactory,
            rpc_explorer_service_1.RpcExplorer,
            rpc_dispatcher_service_1.RpcDispatcher,
            upgrade_authorizer_1.UpgradeAuthorizer,
            session_registry_1.SessionRegistry,
            local_delivery_1.LocalDelivery,
            hub_events_1.HubEvents,
            hub_service_1.HubService,
            session_lifecycle_service_1.SessionLifecycle,
            heartbeat_rpc_1.HeartbeatRpc,
            subscription_rpc_1.SubscriptionRpc,
            login_rpc_1.LoginRpc,
            built_in_methods_registrar_1.BuiltInMethodsRegistrar,
            jsonrpc_ws_server_1.JsonRpcWsServer,
        ],
        exports: [
            jsonrpc_ws_constants_1.RESOLVED_OPTIONS,
            rate_limit_store_interface_1.RATE_LIMIT_STORE,
            rpc_instrumentation_1.RpcInstrumentation,
            rpc_method_registry_1.RpcMethodRegistry,
            hub_service_1.HubService,
            jsonrpc_ws_server_1.JsonRpcWsServer,
        ],
    })
], JsonRpcWsModule);
//# sourceMappingURL=jsonrpc-ws.module.js.map