// `nestjs-jsonrpc-ws/throttler`: apart from the main entry, so that only apps using
// @nestjs/throttler load it.
export { RpcThrottlerGuard } from './rpc-throttler.guard';
export type { RpcThrottlerRequest } from './rpc-throttler.guard';
