export { JsonRpcWsModule } from './jsonrpc-ws.module';
export { JSON_RPC_CONTEXT_TYPE } from './jsonrpc-ws.constants';
export type { JsonRpcWsOptionsFactory } from './jsonrpc-ws.module-definition';
export type {
  AllowedOrigins,
  JsonRpcWsModuleOptions,
  ResolvedJsonRpcWsOptions,
  UpgradeAuthenticator,
} from './options/jsonrpc-ws-options.interface';
export { RpcMethod } from './decorators/rpc-method.decorator';
export type { RpcMethodOptions } from './decorators/rpc-method.decorator';
export {
  RpcContext,
  RpcId,
  RpcParams,
  RpcSession,
  RpcSocket,
  RpcUser,
} from './decorators/rpc-param.decorators';
export { getJsonRpcContext, isJsonRpcContext } from './gateway/jsonrpc-context';
export type { JsonRpcContext } from './gateway/jsonrpc-context';
export { JsonRpcSession } from './gateway/jsonrpc-session';
export { JsonRpcWsServer } from './gateway/jsonrpc-ws.server';
export { RpcMethodRegistry } from './discovery/rpc-method.registry';
export { JsonRpcError } from './errors/jsonrpc.error';
export { JsonRpcWsBootstrapError } from './errors/jsonrpc-ws-bootstrap.error';
export { CloseCode } from './protocol/close-codes';
export { JsonRpcErrorCode } from './protocol/jsonrpc-error-codes';
export type { JsonRpcErrorReason } from './protocol/jsonrpc-error-codes';
export type {
  JsonRpcErrorObject,
  JsonRpcErrorResponse,
  JsonRpcId,
  JsonRpcNotification,
  JsonRpcParams,
  JsonRpcRequest,
  JsonRpcResponse,
  JsonRpcSuccessResponse,
} from './protocol/jsonrpc.types';
