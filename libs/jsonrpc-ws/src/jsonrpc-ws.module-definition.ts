import { ConfigurableModuleBuilder, ConfigurableModuleOptionsFactory } from '@nestjs/common';
import { JsonRpcWsMetricsOptions } from './metrics/metrics-options';
import { withMetrics } from './metrics/with-metrics';
import { JsonRpcWsModuleOptions } from './options/jsonrpc-ws-options.interface';

/** Options that shape the module itself; given next to the others, also to `forRootAsync()`. */
export interface JsonRpcWsModuleExtras {
  /** Register the module globally (its exports injectable everywhere). @default true */
  isGlobal?: boolean;
  /**
   * Prometheus metrics through `@willsoto/nestjs-prometheus`, served at `/metrics`.
   * @default false
   */
  metrics?: boolean | JsonRpcWsMetricsOptions;
}

export const {
  ConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN: JSON_RPC_WS_MODULE_OPTIONS,
  OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<JsonRpcWsModuleOptions>({ moduleName: 'JsonRpcWs' })
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createJsonRpcWsOptions')
  .setExtras<JsonRpcWsModuleExtras>({ isGlobal: true, metrics: false }, (definition, extras) =>
    withMetrics({ ...definition, global: extras.isGlobal }, extras.metrics),
  )
  .build();

/** What a class given to `forRootAsync({ useClass })` implements. */
export type JsonRpcWsOptionsFactory = ConfigurableModuleOptionsFactory<
  JsonRpcWsModuleOptions,
  'createJsonRpcWsOptions'
>;

/** What `JsonRpcWsModule.forRootAsync()` takes: `useFactory` + `inject`, `useClass` or `useExisting`, and the extras. */
export type JsonRpcWsModuleAsyncOptions = typeof ASYNC_OPTIONS_TYPE;
