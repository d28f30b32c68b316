import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { RpcInstrumentation } from './instrumentation/rpc-instrumentation';
import { BuiltInMethodsRegistrar } from './builtins/built-in-methods.registrar';
import { DiscoverRpc } from './builtins/discover.rpc';
import { HeartbeatRpc } from './builtins/heartbeat.rpc';
import { OpenRpcService } from './openrpc/openrpc.service';
import { LoginRpc } from './builtins/login.rpc';
import { SubscriptionRpc } from './builtins/subscription.rpc';
import { RpcExplorer } from './discovery/rpc.explorer';
import { RpcHandlerFactory } from './pipeline/rpc-handler.factory';
import { RpcMetadataAccessor } from './discovery/rpc-metadata.accessor';
import { RpcMethodRegistry } from './discovery/rpc-method.registry';
import { ConnectionHandler } from './transport/connection-handler';
import { GracefulShutdown } from './transport/graceful-shutdown';
import { JsonRpcWsServer } from './transport/jsonrpc-ws.server';
import { RpcDispatcher } from './pipeline/rpc.dispatcher';
import { UpgradeAuthorizer } from './transport/upgrade-authorizer';
import { HubEvents } from './hub/hub-events';
import { HUB_TRANSPORT, HubTransport } from './hub/hub-transport.interface';
import { HistoryService } from './history/history.service';
import { InMemoryTopicHistory } from './history/in-memory-topic-history';
import { PositionedSubscriptions } from './history/positioned-subscriptions';
import { TOPIC_HISTORY, TopicHistory } from './history/topic-history.interface';
import { HubService } from './hub/hub.service';
import { LoginPolicy } from './hub/login.policy';
import { SubscriptionPolicy } from './hub/subscription.policy';
import { InMemoryHubTransport } from './hub/in-memory-hub.transport';
import { TransportLifecycle } from './hub/transport-lifecycle';
import { RedisHubTransport } from './cluster/redis-hub.transport';
import { LocalDelivery } from './hub/local-delivery';
import { OutboundGate } from './session/outbound-gate';
import { SessionLifecycle } from './session/session.lifecycle';
import { SessionRegistry } from './session/session-registry';
import { RESOLVED_OPTIONS } from './jsonrpc-ws.constants';
import { InMemoryRateLimitStore } from './rate-limit/in-memory-rate-limit.store';
import { RateLimitReleaser } from './rate-limit/rate-limit-releaser';
import { RateLimitRulesReport } from './rate-limit/rate-limit-rules.report';
import { RATE_LIMIT_STORE } from './rate-limit/rate-limit-store.interface';
import { RpcRateLimiter } from './rate-limit/rpc-rate.limiter';
import {
  ConfigurableModuleClass,
  JSON_RPC_WS_MODULE_OPTIONS,
  OPTIONS_TYPE,
} from './jsonrpc-ws.module-definition';
import { ResolvedJsonRpcWsOptions } from './options/jsonrpc-ws-options.interface';
import { resolveOptions } from './options/jsonrpc-ws-options.resolver';

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
@Module({
  imports: [DiscoveryModule],
  providers: [
    { provide: RESOLVED_OPTIONS, inject: [JSON_RPC_WS_MODULE_OPTIONS], useFactory: resolveOptions },
    {
      provide: OutboundGate,
      inject: [RESOLVED_OPTIONS, RpcInstrumentation],
      useFactory: (options: ResolvedJsonRpcWsOptions, instrumentation: RpcInstrumentation) =>
        new OutboundGate(options.maxBufferedBytes, options.slowConsumerPolicy, instrumentation),
    },
    {
      provide: HUB_TRANSPORT,
      inject: [RESOLVED_OPTIONS, LocalDelivery],
      useFactory: (options: ResolvedJsonRpcWsOptions, delivery: LocalDelivery) => {
        const transport: HubTransport =
          options.transport ??
          (options.cluster
            ? new RedisHubTransport(options.cluster, options.history)
            : new InMemoryHubTransport());
        transport.bind?.(delivery);
        return transport;
      },
    },
    {
      // The cluster's history lives beside its pub/sub; a single node keeps it in memory.
      provide: TOPIC_HISTORY,
      inject: [RESOLVED_OPTIONS, HUB_TRANSPORT],
      useFactory: (options: ResolvedJsonRpcWsOptions, transport: HubTransport): TopicHistory =>
        transport.history ?? new InMemoryTopicHistory(options.history.metaTtlMs),
    },
    {
      provide: RATE_LIMIT_STORE,
      inject: [RESOLVED_OPTIONS],
      useFactory: (options: ResolvedJsonRpcWsOptions) =>
        (options.rateLimit && options.rateLimit.store) || new InMemoryRateLimitStore(),
    },
    // On by default, for RPC calls only: one client must not starve the rest.
    RpcRateLimiter,
    RateLimitReleaser,
    RateLimitRulesReport,
    RpcInstrumentation,
    RpcMetadataAccessor,
    RpcMethodRegistry,
    RpcHandlerFactory,
    RpcExplorer,
    RpcDispatcher,
    UpgradeAuthorizer,
    SessionRegistry,
    LocalDelivery,
    PositionedSubscriptions,
    HistoryService,
    HubEvents,
    LoginPolicy,
    SubscriptionPolicy,
    HubService,
    TransportLifecycle,
    SessionLifecycle,
    HeartbeatRpc,
    SubscriptionRpc,
    LoginRpc,
    OpenRpcService,
    DiscoverRpc,
    BuiltInMethodsRegistrar,
    ConnectionHandler,
    GracefulShutdown,
    JsonRpcWsServer,
  ],
  exports: [
    RESOLVED_OPTIONS,
    RATE_LIMIT_STORE,
    RpcMethodRegistry,
    OpenRpcService,
    HubService,
    HUB_TRANSPORT,
    LocalDelivery,
  ],
})
export class JsonRpcWsModule extends ConfigurableModuleClass {
  /** Every option has a default, so `forRoot()` needs none (Nest 12's builder requires an object). */
  static override forRoot(options: typeof OPTIONS_TYPE = {}): DynamicModule {
    return super.forRoot(options);
  }
}
