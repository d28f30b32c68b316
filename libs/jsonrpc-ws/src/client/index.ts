export { JsonRpcClient } from './jsonrpc-client';
export type {
  BatchCall,
  BatchResult,
  CallOptions,
  ClientEvents,
  ClientState,
  DisconnectedEvent,
  PublicationPosition,
  RecoveredEvent,
  RecoveryCause,
} from './client-types';
export { CLIENT_DEFAULTS } from './client-options';
export type { JsonRpcClientOptions, WebSocketConstructor, WebSocketLike } from './client-options';
export {
  JsonRpcClientError,
  RpcAbortError,
  RpcConnectionError,
  RpcError,
  RpcTimeoutError,
} from './client-errors';
export type { ConnectionFailure } from './client-errors';
