export { JsonRpcWsModule } from './jsonrpc-ws.module';
export { JSON_RPC_CONTEXT_TYPE } from './jsonrpc-ws.constants';
export { InjectJsonRpcWsOptions } from './options/inject-options.decorator';
export type {
  JsonRpcWsModuleAsyncOptions,
  JsonRpcWsModuleExtras,
  JsonRpcWsOptionsFactory,
} from './jsonrpc-ws.module-definition';
export type {
  AllowedOrigins,
  BuiltInMethods,
  JsonRpcWsModuleOptions,
  PlatformLimitPolicy,
  RateLimitKey,
  RateLimitOptions,
  ResolvedJsonRpcWsOptions,
  TokenVerifier,
  TopicAuthorizer,
  UpgradeAuthenticator,
} from './options/jsonrpc-ws-options.interface';
export { RpcMethod } from './decorators/rpc-method.decorator';
export type { RpcMethodOptions } from './decorators/rpc-method.decorator';
export {
  RpcContext,
  RpcId,
  RpcRequestId,
  RpcParams,
  RpcSession,
  RpcSocket,
  RpcUser,
} from './decorators/rpc-param.decorators';
export { getJsonRpcContext, isJsonRpcContext } from './pipeline/jsonrpc-context';
export type { JsonRpcContext } from './pipeline/jsonrpc-context';
export { JsonRpcSession } from './session/jsonrpc-session';
export type { SessionKind } from './session/jsonrpc-session';
export { SseSession } from './sse/sse-session';
export type { SseStream } from './sse/sse-stream';
export type { JsonRpcWsSseOptions } from './sse/sse-options';
export type { JsonRpcWsAdminApiOptions } from './admin/admin-api-options';
export type { Delivered, HistoryPage } from './admin/admin-api.controller';
export type { UsersPage } from './hub/users-page';
export { AdminTokenGuard } from './admin/admin-token.guard';
export { RpcMethodRegistry } from './discovery/rpc-method.registry';
export { OpenRpcService } from './openrpc/openrpc.service';
export type {
  JsonRpcWsOpenRpcOptions,
  RpcMethodExample,
  RpcNotificationDeclaration,
  RpcSchemaSource,
} from './openrpc/openrpc-options';
export type {
  JsonSchema,
  OpenRpcContentDescriptor,
  OpenRpcDocument,
  OpenRpcError,
  OpenRpcMethod,
  OpenRpcNotification,
  OpenRpcServer,
} from './openrpc/openrpc.types';
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
  JsonRpcPushParams,
  JsonRpcRequest,
  JsonRpcResponse,
  JsonRpcSuccessResponse,
} from './protocol/jsonrpc.types';
export { HubService } from './hub/hub.service';
export type { HubStats, LoginResult } from './hub/hub.service';
export type { RegistryCounts } from './session/session-registry';
export type { SessionIdentity, ConnectionInfo } from './session/session-identity';
export type { CloseReason } from './session/close-reason';
export type { HubEventMap, HubEventName, HubEventListener } from './hub/hub-events';
export { HUB_TRANSPORT } from './hub/hub-transport.interface';
export type {
  ClusterStats,
  HubTarget,
  HubTransport,
  PresenceChange,
} from './hub/hub-transport.interface';
export { RedisHubTransport } from './cluster/redis-hub.transport';
export { RedisRateLimitStore } from './cluster/redis-rate-limit.store';
export type { RedisRateLimitStoreOptions } from './cluster/redis-rate-limit.store';
export type { JsonRpcWsClusterOptions } from './cluster/cluster-options';
export { ClusterUnavailableError } from './errors/cluster-unavailable.error';
export { InMemoryHubTransport } from './hub/in-memory-hub.transport';
export { TOPIC_HISTORY } from './history/topic-history.interface';
export type {
  HistoryPolicy,
  HistoryRead,
  StoredPublication,
  StreamPosition,
  TopicHistory,
} from './history/topic-history.interface';
export type { JsonRpcWsHistoryOptions } from './history/history-options';
export type { TopicStream } from './history/topic-streams';
export type { RecoveredPublication } from './history/positioned-frame';
export { InMemoryTopicHistory } from './history/in-memory-topic-history';
export { LocalDelivery } from './hub/local-delivery';
export { PreparedText } from './transport/prepared-text';
export type { SlowConsumerPolicy } from './session/outbound-gate';
export { OnHubEvent } from './decorators/on-hub-event.decorator';
export { Public } from './decorators/public.decorator';
export { RateLimit } from './decorators/rate-limit.decorator';
export type { RateLimitRule } from './decorators/rate-limit.decorator';
export { RpcAuthGuard } from './guards/rpc-auth.guard';
export { RpcValidationPipe } from './validation/rpc-validation.pipe';
export { RATE_LIMIT_STORE } from './rate-limit/rate-limit-store.interface';
export type {
  RateLimitDecision,
  RateLimitStore,
  TokenBucketRule,
} from './rate-limit/rate-limit-store.interface';
export { InMemoryRateLimitStore } from './rate-limit/in-memory-rate-limit.store';
export { RpcLoggingInterceptor } from './logging/rpc-logging.interceptor';
export type { RpcCallRecord } from './logging/rpc-call-format';
export type { JsonRpcWsMetricsOptions } from './metrics/metrics-options';
