import { ConfigurableModuleBuilder, Inject } from '@nestjs/common';
import { RESOLVED_OPTIONS } from './jsonrpc-ws.constants';
import { JsonRpcWsModuleOptions } from './options/jsonrpc-ws-options.interface';

export const {
  ConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN: JSON_RPC_WS_MODULE_OPTIONS,
  OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<JsonRpcWsModuleOptions>({ moduleName: 'JsonRpcWs' })
  .setClassMethodName('forRoot')
  .setExtras({ isGlobal: true }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
  }))
  .build();

/** Injects the options with defaults applied (`ResolvedJsonRpcWsOptions`). */
export const InjectJsonRpcWsOptions = (): ParameterDecorator => Inject(RESOLVED_OPTIONS);
