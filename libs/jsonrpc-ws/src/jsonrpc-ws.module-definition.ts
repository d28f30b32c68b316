import { ConfigurableModuleBuilder, ConfigurableModuleOptionsFactory } from '@nestjs/common';
import { JsonRpcWsMetricsOptions } from './metrics/metrics-options';
import { withMetrics } from './metrics/with-metrics';
import type { JsonRpcWsAdminApiOptions } from './admin/admin-api-options';
import { withHttpEndpoints } from './http/with-http-endpoints';
import type { JsonRpcWsSseOptions } from './sse/sse-options';
import { JsonRpcWsModuleOptions } from './options/jsonrpc-ws-options.interface';

/** Options that shape the module itself; given next to the others, also to `forRootAsync()`. */
export interface JsonRpcWsModuleExtras {
  /** Register the module globally (its exports injectable everywhere). @default true */
  isGlobal?: boolean;
  /**
   * Prometheus metrics (prom-client), served at `/metrics`, per application.
   * @default false
   */
  metrics?: boolean | JsonRpcWsMetricsOptions;
  /**
   * The admin HTTP API (`/send`, `/publish`, `/broadcast`, `/kick`, `/online`, `/stats`)
   * under `/api/v1/websocket`. Off (404) until the `adminToken` option is set. Its DTOs
   * need class-validator and class-transformer.
   * @default false
   */
  adminApi?: boolean | JsonRpcWsAdminApiOptions;
  /**
   * Server-Sent Events at `/sse`: clients without WebSocket log in with the token
   * `login` takes and receive their pushes. Needs `verifyToken` or `authenticate`.
   * @default false
   */
  sse?: boolean | JsonRpcWsSseOptions;
}

export const {
  ConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN: JSON_RPC_WS_MODULE_OPTIONS,
  OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<JsonRpcWsModuleOptions>({ moduleName: 'JsonRpcWs' })
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createJsonRpcWsOptions')
  .setExtras<JsonRpcWsModuleExtras>(
    { isGlobal: true, metrics: false, adminApi: false, sse: false },
    (definition, extras) =>
      withMetrics(
        withHttpEndpoints({ ...definition, global: extras.isGlobal }, extras.adminApi, extras.sse),
        extras.metrics,
      ),
  )
  .build();

/** What a class given to `forRootAsync({ useClass })` implements. */
export type JsonRpcWsOptionsFactory = ConfigurableModuleOptionsFactory<
  JsonRpcWsModuleOptions,
  'createJsonRpcWsOptions'
>;

/** What `JsonRpcWsModule.forRootAsync()` takes: `useFactory` + `inject`, `useClass` or `useExisting`, and the extras. */
export type JsonRpcWsModuleAsyncOptions = typeof ASYNC_OPTIONS_TYPE;
