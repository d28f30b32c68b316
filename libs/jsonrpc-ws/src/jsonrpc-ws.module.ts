import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { RpcExplorer } from './discovery/rpc-explorer.service';
import { RpcHandlerFactory } from './discovery/rpc-handler.factory';
import { RpcMetadataAccessor } from './discovery/rpc-metadata.accessor';
import { RpcMethodRegistry } from './discovery/rpc-method.registry';
import { JsonRpcWsServer } from './gateway/jsonrpc-ws.server';
import { RpcDispatcher } from './gateway/rpc-dispatcher.service';
import { UpgradeAuthorizer } from './gateway/upgrade-authorizer';
import { RESOLVED_OPTIONS } from './jsonrpc-ws.constants';
import {
  ConfigurableModuleClass,
  JSON_RPC_WS_MODULE_OPTIONS,
} from './jsonrpc-ws.module-definition';
import { resolveOptions } from './options/jsonrpc-ws-options.resolver';

/**
 * JSON-RPC 2.0 over WebSocket, on the application's HTTP port.
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
    RpcMetadataAccessor,
    RpcMethodRegistry,
    RpcHandlerFactory,
    RpcExplorer,
    RpcDispatcher,
    UpgradeAuthorizer,
    JsonRpcWsServer,
  ],
  exports: [RESOLVED_OPTIONS, RpcMethodRegistry, JsonRpcWsServer],
})
export class JsonRpcWsModule extends ConfigurableModuleClass {}
