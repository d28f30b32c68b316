import {
  ConfigurableModuleBuilder,
  ConfigurableModuleOptionsFactory,
  Inject,
} from '@nestjs/common';
import { RESOLVED_OPTIONS } from './jsonrpc-ws.constants';
import { JsonRpcWsModuleOptions } from './options/jsonrpc-ws-options.interface';

export const {
  ConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN: JSON_RPC_WS_MODULE_OPTIONS,
  OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<JsonRpcWsModuleOptions>({ moduleName: 'JsonRpcWs' })
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createJsonRpcWsOptions')
  .setExtras({ isGlobal: true }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
  }))
  .build();

/** Injects the options with defaults applied (`ResolvedJsonRpcWsOptions`). */
export const InjectJsonRpcWsOptions = (): ParameterDecorator => Inject(RESOLVED_OPTIONS);

/** What a class given to `forRootAsync({ useClass })` implements. */
export type JsonRpcWsOptionsFactory = ConfigurableModuleOptionsFactory<
  JsonRpcWsModuleOptions,
  'createJsonRpcWsOptions'
>;
