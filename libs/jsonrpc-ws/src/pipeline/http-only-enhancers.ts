import { HttpException, Logger } from '@nestjs/common';
import { WsException } from '@nestjs/websockets';
import { JsonRpcError } from '../errors/jsonrpc.error';
import { JsonRpcWsMessages } from '../errors/jsonrpc-ws.messages';
import { isThenable } from '../utils/is-thenable';
import { isJsonRpcContext } from './jsonrpc-context';
import type { ArgumentsHost, ExecutionContext } from '@nestjs/common';

type CanActivate = (context: ExecutionContext) => unknown;
type Catch = (exception: unknown, host: ArgumentsHost) => unknown;

/**
 * Enhancers written for HTTP only that would break every RPC call they see: a
 * plain `ThrottlerGuard` (it reads `req.ip` and writes response headers), a
 * global exception filter that replies through the HTTP adapter (the catch-all
 * filter of Nest's documentation), and `CacheInterceptor`, whose X-Cache header
 * write throws outside HTTP and makes it skip the cache. Each instance is adapted
 * once, in place and for RPC calls only: HTTP requests still reach the original
 * method. The guard lets RPC calls through, named in one warning; when the filter
 * throws or answers nothing, the call is answered with the library's own mapping
 * of the original exception, and the filter is named in one warning; the cache
 * interceptor writes no header for an RPC call, and caches it as `@CacheKey` says.
 */
export class HttpOnlyEnhancers {
  private readonly seen = new WeakSet<object>();
  private readonly warned = new WeakSet<object>();

  constructor(private readonly logger: Logger) {}

  /** The guards an RPC handler runs: plain ThrottlerGuards step aside for its calls. */
  adaptGuards(guards: readonly unknown[]): void {
    for (const guard of guards) {
      if (!isObject(guard) || this.seen.has(guard)) continue;
      this.seen.add(guard);
      if (!isPlainThrottlerGuard(guard)) continue;
      const canActivate = guard.canActivate as CanActivate;
      define(guard, 'canActivate', function (this: unknown, context: ExecutionContext) {
        return isJsonRpcContext(context) ? true : canActivate.call(this, context);
      });
      this.warnOnce(guard, JsonRpcWsMessages.throttlerStepsAside(nameOf(guard)));
    }
  }

  /** The interceptors an RPC handler runs: a CacheInterceptor sets no HTTP header for its calls. */
  adaptInterceptors(interceptors: readonly unknown[]): void {
    for (const interceptor of interceptors) {
      if (!isObject(interceptor) || this.seen.has(interceptor)) continue;
      this.seen.add(interceptor);
      const base = classNamed(interceptor, 'CacheInterceptor', 'setHeadersWhenHttp');
      if (!base || interceptor.setHeadersWhenHttp !== base.setHeadersWhenHttp) continue;
      const setHeaders = base.setHeadersWhenHttp as (
        context: ExecutionContext,
        value: unknown,
      ) => void;
      define(
        interceptor,
        'setHeadersWhenHttp',
        function (this: unknown, context: ExecutionContext, value: unknown) {
          if (!isJsonRpcContext(context)) setHeaders.call(this, context, value);
        },
      );
    }
  }

  /** The app's global exception filters: one that fails on an RPC call falls back. */
  adaptFilters(filters: readonly unknown[]): void {
    for (const filter of filters) {
      if (!isObject(filter) || this.seen.has(filter) || typeof filter.catch !== 'function')
        continue;
      this.seen.add(filter);
      const original = filter.catch as Catch;
      const fallBack = (exception: unknown, what: string): never => {
        this.warnOnce(filter, JsonRpcWsMessages.httpOnlyFilter(nameOf(filter), what));
        // Nest's exceptions handler would have logged an unexpected error: the filter took its place.
        if (!isClientError(exception)) new Logger('ExceptionsHandler').error(exception);
        throw exception;
      };
      const settle = (exception: unknown, outcome: unknown): unknown =>
        outcome === undefined ? fallBack(exception, 'answered nothing') : outcome;
      const failed = (exception: unknown, thrown: unknown): never => {
        // Rethrowing, or throwing an error meant for the client, is a deliberate answer.
        if (thrown === exception || isClientError(thrown)) throw thrown;
        return fallBack(exception, `failed (${describe(thrown)})`);
      };
      define(filter, 'catch', function (this: unknown, exception: unknown, host: ArgumentsHost) {
        if (!isJsonRpcContext(host)) return original.call(this, exception, host);
        let outcome: unknown;
        try {
          outcome = original.call(this, exception, host);
        } catch (thrown) {
          return failed(exception, thrown);
        }
        if (!isThenable(outcome)) return settle(exception, outcome);
        return Promise.resolve(outcome).then(
          (value) => settle(exception, value),
          (thrown: unknown) => failed(exception, thrown),
        );
      });
    }
  }

  /** One warning per enhancer, whatever error it fails with next. */
  private warnOnce(enhancer: object, message: string): void {
    if (this.warned.has(enhancer)) return;
    this.warned.add(enhancer);
    this.logger.warn(message);
  }
}

/**
 * A `ThrottlerGuard` that still reads the call as an HTTP request: one whose class
 * overrides neither `getRequestResponse` nor `handleRequest` (as `RpcThrottlerGuard`
 * and the WebSocket guard of Nest's documentation do). Found by name, so that the
 * library does not depend on @nestjs/throttler.
 */
function isPlainThrottlerGuard(guard: Record<string, unknown>): boolean {
  const base = classNamed(guard, 'ThrottlerGuard', 'handleRequest');
  return (
    base !== undefined &&
    guard.getRequestResponse === base.getRequestResponse &&
    guard.handleRequest === base.handleRequest
  );
}

/**
 * The prototype of the class of that name, in the instance's chain, that defines
 * the method: found by name, so that the library does not depend on the package.
 */
function classNamed(
  instance: object,
  name: string,
  method: string,
): Record<string, unknown> | undefined {
  let proto = Object.getPrototypeOf(instance) as Record<string, unknown> | null;
  while (proto && proto !== Object.prototype) {
    const className = (proto.constructor as { name?: string } | undefined)?.name;
    if (className === name && Object.prototype.hasOwnProperty.call(proto, method)) return proto;
    proto = Object.getPrototypeOf(proto) as Record<string, unknown> | null;
  }
  return undefined;
}

function isClientError(error: unknown): boolean {
  return (
    error instanceof JsonRpcError ||
    error instanceof WsException ||
    (error instanceof HttpException && error.getStatus() < 500)
  );
}

function define(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, configurable: true });
}

function nameOf(instance: object): string {
  return instance.constructor?.name || 'anonymous';
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
